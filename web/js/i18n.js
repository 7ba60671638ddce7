// GridAid strings: one file per language in /i18n/{lang}.json (+ /i18n/staff.{lang}.json for station and admin
// pages); the languages are listed in /i18n/languages.json. A new language is its files and its line there: no code.
(() => {
  'use strict';
  const KEY = 'gridaid.lang';
  const LIST = 'gridaid.langs';
  const hooks = [];
  const store = {
    get(k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set(k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } },
  };
  // Until the list arrives, the languages this device saw last time (or the two every area has).
  let langs = (() => {
    try { const l = JSON.parse(store.get(LIST)); if (Array.isArray(l) && l.length) return l; } catch (e) { /* none */ }
    return [{ code: 'zh-CN', name: '中文' }, { code: 'en', name: 'English' }];
  })();
  // Asked for in the address, chosen on this device before (a tap on a language), else the phone's own languages.
  const asked = [new URLSearchParams(location.search).get('lang'), store.get(KEY), ...(navigator.languages || [navigator.language])];
  let chosen = false; // the language came from the address or a tap, not from the phone: remember it for the next page
  const pick = () => {
    const codes = langs.map(l => l.code);
    for (const [i, c] of asked.entries()) {
      if (!c) continue;
      const hit = codes.find(l => l.toLowerCase() === c.toLowerCase()) ||
        codes.find(l => l.split('-')[0] === c.toLowerCase().split('-')[0]);
      if (hit) { chosen = i < 2; return hit; }
    }
    chosen = false;
    return 'zh-CN';
  };
  const info = code => langs.find(l => l.code === code) || { code };
  /** The other languages as buttons (a tap is remembered on this device), and a mark on a machine-assisted one. */
  const drawLangs = () => {
    const box = document.getElementById('langs');
    if (!box) return;
    box.textContent = '';
    for (const l of langs) {
      if (l.code === G.lang) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'lang';
      b.lang = l.code;
      b.textContent = l.name;
      b.addEventListener('click', () => { chosen = true; asked.unshift(l.code); G.use(l.code).catch(() => {}); });
      box.append(b);
    }
    if (info(G.lang).review) {
      const m = document.createElement('small');
      m.className = 'machine';
      m.textContent = G.t('lang.machine');
      box.append(m);
    }
  };
  const G = window.G = {
    lang: pick(),
    s: {},
    t(key, vars) {
      let v = G.s[key];
      if (v === undefined) v = key;
      if (vars) for (const k in vars) v = v.split('{' + k + '}').join(vars[k]);
      return v;
    },
    /** A place's name in the current language, from its map of language to text ({zh, en, ko …}, keyed by primary subtag); English, then Chinese, where it has none. */
    n(name) { return !name ? '' : name[G.lang.split('-')[0].toLowerCase()] || name.en || name.zh || ''; },
    /** A note ({zh, en}) as n() picks: [text, its lang]. */
    nl(o) {
      for (const [k, l] of [[G.lang.split('-')[0], G.lang], ['en', 'en'], ['zh', 'zh-CN']]) if (o && o[k]) return [o[k], l];
      return ['', G.lang];
    },
    list(a) { return a.join(G.t('sep')); },
    onLang(fn) { hooks.push(fn); },
    /** What one timeline step of a report says (the status page and the admin's report page). */
    step(e) {
      const notes = {
        escalated: 'st.escalated', redacted: 'st.redacted', closed_unattended: 'st.closedUnattended', routing_failed: 'st.routingFailed',
        matched: 'st.matched', handed_over: 'st.handed_over', claim_matched: 'st.claimMatched', claim_not_matched: 'st.claimNotMatched',
        matched_person: 'st.matchedPerson', handed_over_person: 'st.handedOverPerson', handover_matched: 'st.handoverMatched', handover_refused: 'st.handoverRefused', command: 'st.command',
        staff_entered: 'st.staffEntered', custody_taken: 'st.custodyTaken', custody_police: 'st.custodyPolice', custody_disposed: 'st.custodyDisposed',
        reply: 'st.reply', merged: 'st.merged', merged_into: 'st.mergedInto', internal_note: 'st.internalNote',
      };
      return notes[e.note] ? G.t(notes[e.note])
        : G.t('status.' + e.status) + (e.note === 'transferred' && e.toStation ? ' · ' + G.t('st.transferred', { s: G.n(e.toStation) }) : '');
    },
    async use(lang) {
      // Tourist pages load the tourist strings only; pages with their own (<html data-strings="staff">) add them.
      const files = ['/i18n/' + lang + '.json'], own = document.documentElement.dataset.strings;
      if (own) files.push('/i18n/' + own + '.' + lang + '.json');
      const parts = await Promise.all(files.map(async f => {
        const r = await fetch(f);
        if (!r.ok) throw new Error('strings ' + r.status);
        return r.json();
      }));
      G.s = Object.assign({}, ...parts);
      G.lang = lang;
      if (chosen) store.set(KEY, lang);
      document.documentElement.lang = lang;
      document.querySelectorAll('[data-i]').forEach(el => { el.textContent = G.t(el.dataset.i); });
      document.querySelectorAll('[data-ip]').forEach(el => { el.placeholder = G.t(el.dataset.ip); });
      drawLangs();
      hooks.forEach(fn => fn());
    },
    ready: null,
  };
  // The list and the likeliest strings load side by side; a language only the list knows follows at once.
  const listed = fetch('/i18n/languages.json').then(r => (r.ok ? r.json() : null)).then(j => {
    if (j && Array.isArray(j.languages) && j.languages.length) {
      langs = j.languages;
      store.set(LIST, JSON.stringify(langs));
    }
  }).catch(() => {});
  G.ready = new Promise(res => {
    const go = () => Promise.all([G.use(G.lang).catch(() => G.use('zh-CN')), listed])
      .then(() => { const best = pick(); return best === G.lang ? drawLangs() : G.use(best); })
      .catch(() => {}).finally(res);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go); else go();
  });
})();
