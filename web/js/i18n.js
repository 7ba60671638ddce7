// GridAid strings: one file per language in /i18n/{lang}.json (+ /i18n/staff.{lang}.json for station and admin
// pages). A third language = its files + its code below.
(() => {
  'use strict';
  const LANGS = { 'zh-CN': '中文', en: 'English' };
  const KEY = 'gridaid.lang';
  const hooks = [];
  const pick = () => {
    const q = new URLSearchParams(location.search).get('lang');
    let saved = null;
    try { saved = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
    for (const c of [q, saved, ...(navigator.languages || [navigator.language])]) {
      if (!c) continue;
      const hit = Object.keys(LANGS).find(l => l.toLowerCase() === c.toLowerCase()) ||
        Object.keys(LANGS).find(l => l.split('-')[0] === c.toLowerCase().split('-')[0]);
      if (hit) return hit;
    }
    return 'zh-CN';
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
    /** Name in the current language from a {zh, en} pair. */
    n(name) { return !name ? '' : (G.lang.startsWith('zh') ? name.zh : name.en) || name.en || name.zh; },
    onLang(fn) { hooks.push(fn); },
    /** What one timeline step of a report says (the status page and the admin's report page). */
    step(e) {
      const notes = {
        escalated: 'st.escalated', redacted: 'st.redacted', closed_unattended: 'st.closedUnattended', routing_failed: 'st.routingFailed',
        matched: 'st.matched', handed_over: 'st.handed_over', claim_matched: 'st.claimMatched', claim_not_matched: 'st.claimNotMatched',
        matched_person: 'st.matchedPerson', handed_over_person: 'st.handedOverPerson', handover_matched: 'st.handoverMatched', handover_refused: 'st.handoverRefused', command: 'st.command',
        reply: 'st.reply', merged: 'st.merged', merged_into: 'st.mergedInto', internal_note: 'st.internalNote',
      };
      return notes[e.note] ? G.t(notes[e.note])
        : G.t('status.' + e.status) + (e.note === 'transferred' && e.toStation ? ' · ' + G.t('st.transferred', { s: G.n(e.toStation) }) : '');
    },
    async use(lang) {
      // Tourist pages load the tourist strings only; staff pages (<html data-strings="staff">) add their own file.
      const files = ['/i18n/' + lang + '.json'];
      if (document.documentElement.dataset.strings === 'staff') files.push('/i18n/staff.' + lang + '.json');
      const parts = await Promise.all(files.map(async f => {
        const r = await fetch(f);
        if (!r.ok) throw new Error('strings ' + r.status);
        return r.json();
      }));
      G.s = Object.assign({}, ...parts);
      G.lang = lang;
      try { localStorage.setItem(KEY, lang); } catch (e) { /* private mode */ }
      document.documentElement.lang = lang;
      document.querySelectorAll('[data-i]').forEach(el => { el.textContent = G.t(el.dataset.i); });
      document.querySelectorAll('[data-ip]').forEach(el => { el.placeholder = G.t(el.dataset.ip); });
      const box = document.getElementById('langs');
      if (box) {
        box.textContent = '';
        for (const l in LANGS) {
          if (l === lang) continue;
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'lang';
          b.lang = l;
          b.textContent = LANGS[l];
          b.addEventListener('click', () => G.use(l).catch(() => {}));
          box.append(b);
        }
      }
      hooks.forEach(fn => fn());
    },
    ready: null,
  };
  G.ready = new Promise(res => {
    const go = () => G.use(G.lang).catch(() => G.use('zh-CN')).catch(() => {}).finally(res);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go); else go();
  });
})();
