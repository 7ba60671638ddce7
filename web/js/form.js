// The report form: draft kept in localStorage (for 24 hours) with its clientRequestId, sent as JSON, retried until
// accepted; a 429 waits at least its Retry-After.
(() => {
  'use strict';
  const $ = s => document.querySelector(s);
  const f = $('#f');
  const DRAFT = 'gridaid.draft';
  const LAST = 'gridaid.last';
  const DAY = 864e5; // a draft older than this (personal details on a phone that may be shared) is discarded
  const HP = 'website'; // the honeypot: hidden from people, never kept in a draft
  const AB = { lost_person: 'lp', lost_item: 'li', found_item: 'fi', help: 'hp', hazard: 'hz', tip: 'tp' };
  const store = {
    get(k) { try { return JSON.parse(localStorage.getItem(k)); } catch (e) { return null; } },
    set(k, v) { try { localStorage.setItem(k, JSON.stringify(v)); } catch (e) { /* full or private */ } },
    del(k) { try { localStorage.removeItem(k); } catch (e) { /* private */ } },
  };
  const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
  const el = (tag, props, ...kids) => { const e = Object.assign(document.createElement(tag), props); e.append(...kids); return e; };

  const pathPoint = (location.pathname.match(/^\/r\/([A-Za-z0-9-]{1,64})\/?$/) || [])[1] || '';
  let draft = store.get(DRAFT);
  if (draft && !(Math.abs(Date.now() - draft.at) < DAY)) { store.del(DRAFT); draft = null; }
  if (!draft || !draft.id) draft = { id: newId(), v: {}, pending: false };
  // A report still being sent keeps its own place, even when the phone has since scanned another code.
  let point = (draft.pending && draft.point) || pathPoint || draft.point || '';
  let place = null; // {name, station}
  let problem = null; // last 400 body, re-rendered on language change
  let attempt = 0;
  let timer = 0;
  let nextAt = 0; // when the scheduled retry goes
  let notBefore = 0; // no request before this (a 429's Retry-After)
  let busy = null; // the last 429's problem body, re-rendered on language change
  let inflight = false;
  let receipt = null;

  // ---- draft ----
  const fields = () => Array.from(f.elements).filter(e => e.name && !['point', 'clientRequestId', HP].includes(e.name));
  const save = () => {
    const v = {};
    for (const e of fields()) {
      if (e.type === 'radio') { if (e.checked) v[e.name] = e.value; } else if (e.value) v[e.name] = e.value;
    }
    draft.v = v;
    draft.point = point;
    draft.at = Date.now();
    store.set(DRAFT, draft);
  };
  const restore = () => {
    let any = false;
    for (const e of fields()) {
      const val = draft.v[e.name];
      if (val === undefined) continue;
      if (e.type === 'radio') e.checked = e.value === val; else e.value = val;
      any = true;
    }
    return any;
  };
  const kind = () => (f.querySelector('[name=kind]:checked') || {}).value || '';
  const body = () => {
    const k = kind();
    const details = {};
    if (k) {
      f.querySelectorAll('.k-' + AB[k] + ' [name^="details."]').forEach(e => {
        if ((e.type !== 'radio' || e.checked) && e.value.trim()) details[e.name.slice(8)] = e.value.trim();
      });
    }
    return {
      kind: k, point: point || undefined, area: new URLSearchParams(location.search).get('area') || undefined,
      description: f.description.value, contact: { name: f['contact.name'].value, phone: f['contact.phone'].value },
      lang: G.lang, clientRequestId: draft.id, details, website: f[HP].value || undefined,
    };
  };

  // ---- messages and errors ----
  const say = (text, retry) => { $('#msg').textContent = text || ''; $('#again').hidden = !retry; };
  const clearErrors = () => {
    f.querySelectorAll('.err').forEach(e => e.remove());
    f.querySelectorAll('[aria-invalid]').forEach(e => {
      e.removeAttribute('aria-invalid');
      e.setAttribute('aria-describedby', (e.getAttribute('aria-describedby') || '').replace(/\s*e-\d+/g, '').trim());
      if (!e.getAttribute('aria-describedby')) e.removeAttribute('aria-describedby');
    });
    $('#errs').textContent = '';
  };
  const showErrors = focus => {
    clearErrors();
    if (!problem) return;
    const list = el('ul');
    let first = null;
    let n = 0;
    for (const path in problem.errors) {
      const code = ((problem.codes || {})[path] || [])[0];
      const text = code && G.s['err.' + code] ? G.t('err.' + code) : problem.errors[path][0];
      const box = f.querySelector('[data-f="' + path + '"]');
      const id = 'e-' + n++;
      if (box) {
        box.append(el('p', { className: 'err', id, textContent: text }));
        const input = box.querySelector('input,select,textarea');
        if (input) {
          box.querySelectorAll('input,select,textarea').forEach(i => {
            i.setAttribute('aria-invalid', 'true');
            i.setAttribute('aria-describedby', ((i.getAttribute('aria-describedby') || '') + ' ' + id).trim());
          });
          first = first || input;
        }
        const lbl = [...box.querySelectorAll('label [data-i],legend [data-i]')].find(e => e.offsetParent !== null && e.dataset.i !== 'required');
        list.append(el('li', { textContent: (lbl ? lbl.textContent + ': ' : '') + text }));
      } else {
        list.append(el('li', { textContent: text }));
      }
    }
    $('#errs').append(el('strong', { textContent: G.t('errors.title') }), list);
    if (focus && first) first.focus();
  };
  // The same checks the server makes, so an offline person learns of a missing field at once.
  const check = b => {
    const errors = {};
    const codes = {};
    const add = (p, c) => { errors[p] = [G.t('err.' + c)]; codes[p] = [c]; };
    if (!b.kind) add('kind', 'kind_required');
    else {
      f.querySelectorAll('.k-' + AB[b.kind] + ' [data-req]').forEach(e => { if (!e.value.trim()) add(e.name, 'required'); });
      if ((b.kind === 'help' || b.kind === 'tip') && !b.description.trim()) add('description', 'description_required');
    }
    // The same normalisation as the server: keep digits and +, drop a mainland +86.
    const ph = b.contact.phone.replace(/[^\d+]/g, '').replace(/^\+86(?=\d{11}$)/, '');
    if (!ph && b.kind === 'lost_person') add('contact.phone', 'phone_required');
    else if (ph && !/^(1[3-9]\d{9}|\+[1-9]\d{6,14})$/.test(ph)) add('contact.phone', 'phone_invalid');
    return Object.keys(errors).length ? { errors, codes } : null;
  };

  // ---- sending ----
  // Once sent, the report is what the server may already hold: lock the fields until it answers, so a later edit
  // is never silently dropped by the server returning the first version.
  const lock = on => {
    f.querySelectorAll('input:not([type=hidden]),select,textarea,button').forEach(e => {
      if (e.id !== 'again' && e.id !== 'edit') e.disabled = on;
    });
    $('#locked').hidden = !on;
    $('#edit').hidden = !on;
  };
  // A final "no" from the server (not a busy or lost connection): unlock and say why.
  const refused = async r => {
    draft.pending = false;
    delete draft.sent;
    lock(false);
    save();
    try { problem = await r.json(); } catch (e) { problem = null; }
    if (!problem || !problem.errors) problem = { errors: { body: [(problem && problem.title) || G.t('failed')] } };
    say('');
    showErrors(true);
  };
  // Waiting to send again: after a 429 the server's words (its title in the person's language) and no "try now" button.
  const tell = () => {
    const s = Math.max(1, Math.ceil((nextAt - Date.now()) / 1000));
    const zh = G.lang.startsWith('zh');
    const why = busy && ((busy.titles && busy.titles[zh ? 'zh' : 'en']) || busy.title || G.t('tooMany'));
    if (why) say(why + (/[.!?。！？]$/.test(why) ? '' : zh ? '。' : '.') + (zh ? '' : ' ') + G.t('retryIn', { s }), false);
    else say(navigator.onLine === false ? G.t('offline') : G.t('retrying', { s }), true);
  };
  const schedule = () => {
    clearTimeout(timer);
    const ms = Math.max(1000 * Math.min(60, 2 ** Math.min(attempt, 6)), notBefore - Date.now());
    attempt++;
    nextAt = Date.now() + ms;
    tell();
    timer = setTimeout(send, ms);
  };
  // Retry-After: seconds or an HTTP date; at most a day (the draft's own life).
  const retryAfter = h => {
    const ms = /^\s*\d+\s*$/.test(h || '') ? h * 1000 : Date.parse(h || '') - Date.now();
    return ms > 0 ? Math.min(ms, DAY) : 0;
  };
  const send = async () => {
    if (inflight || !draft.pending) return;
    if (Date.now() < notBefore) { schedule(); return; }
    inflight = true;
    clearTimeout(timer);
    $('#send').disabled = true;
    say(G.t('sending'));
    const ctl = new AbortController();
    const to = setTimeout(() => ctl.abort(), 20000);
    let retry = false;
    try {
      const r = await fetch('/api/reports', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(draft.sent || body()), signal: ctl.signal,
      });
      busy = null;
      if (r.status === 202 || r.status === 200) {
        accepted(await r.json());
      } else if (r.status === 429) {
        notBefore = Date.now() + retryAfter(r.headers.get('Retry-After'));
        try { busy = await r.json(); } catch (e) { /* no body: the strings' words */ }
        busy = busy || {};
        retry = true;
      } else if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
        await refused(r);
      } else {
        retry = true;
      }
    } catch (e) {
      busy = null;
      retry = true;
    } finally {
      clearTimeout(to);
      inflight = false;
      $('#send').disabled = !!draft.pending;
    }
    if (retry) schedule();
  };
  const accepted = j => {
    store.del(DRAFT);
    draft = { id: newId(), v: {}, pending: false };
    lock(false);
    receipt = { code: j.trackingCode, url: j.statusUrl || '/s/' + j.trackingCode, station: place && place.station, kind: kind() };
    store.set(LAST, { code: receipt.code, url: receipt.url });
    say('');
    clearErrors();
    f.hidden = true;
    $('#last').hidden = true;
    $('#receipt').hidden = false;
    renderReceipt();
    $('#rc-h').focus();
  };
  const renderReceipt = () => {
    if (!receipt) return;
    $('#rc-code').textContent = receipt.code;
    $('#rc-st').textContent = G.t('rc.station', { station: receipt.station ? G.n(receipt.station) : G.t('rc.stationDefault') });
    $('#rc-next').textContent = G.t(receipt.kind === 'lost_person' ? 'rc.nextPerson' : 'rc.next');
    $('#rc-link').href = receipt.url;
    $('#rc-new').href = location.pathname;
  };

  // ---- place ----
  const showPlace = () => {
    const p = $('#place');
    const st = $('#station');
    if (!point) return;
    p.hidden = false;
    st.hidden = false;
    $('#chg').hidden = !!pathPoint;
    if (place && place.name) {
      p.textContent = place.name.zh + ' · ' + place.name.en;
      st.textContent = G.t('where.station', { station: G.n(place.station) });
    } else {
      p.textContent = point;
      st.textContent = place === false ? G.t('where.unknown') : '';
    }
  };
  const loadPlace = async () => {
    const key = 'gridaid.point.' + point;
    place = store.get(key);
    showPlace();
    try {
      const r = await fetch('/api/points/' + encodeURIComponent(point));
      if (r.status === 404) place = false;
      else if (r.ok) { const j = await r.json(); place = { name: j.name, station: j.station.name, area: j.area && j.area.id }; store.set(key, place); }
    } catch (e) { /* offline: the cached name, if any */ }
    showPlace();
  };
  let points = null;
  const renderPlaces = () => {
    const q = $('#q').value.trim().toLowerCase();
    const ul = $('#places');
    ul.textContent = '';
    const hits = (points || []).filter(p => !q || (p.name.zh + ' ' + p.name.en + ' ' + p.code).toLowerCase().includes(q));
    for (const p of hits) {
      const b = el('button', { type: 'button', textContent: p.name.zh + ' · ' + p.name.en });
      b.addEventListener('click', () => choose(p.code));
      ul.append(el('li', {}, b));
    }
    $('#pnone').hidden = !points || hits.length > 0;
  };
  const choose = code => {
    point = code;
    $('#point').value = code;
    $('#picker').hidden = true;
    save();
    loadPlace();
  };
  const picker = async () => {
    $('#picker').hidden = false;
    $('#place').hidden = true;
    $('#station').hidden = true;
    $('#chg').hidden = true;
    if (points) return renderPlaces();
    const area = new URLSearchParams(location.search).get('area');
    try {
      const r = await fetch('/api/points' + (area ? '?area=' + encodeURIComponent(area) : ''));
      if (r.ok) points = await r.json();
    } catch (e) { /* offline: the report still goes to the duty station */ }
    renderPlaces();
  };

  // ---- wiring ----
  $('#rid').value = draft.id;
  $('#point').value = point;
  // data-kind shows the kind's fields where CSS :has() is missing (older in-app browsers that open QR codes).
  const showKind = () => { f.dataset.kind = kind(); };
  f.addEventListener('input', () => { save(); });
  f.addEventListener('change', () => { showKind(); save(); });
  f.addEventListener('submit', e => {
    e.preventDefault();
    if (draft.pending) { send(); return; }
    const b = body();
    problem = check(b);
    if (problem) { showErrors(true); return; }
    clearErrors();
    draft.pending = true;
    draft.sent = b;
    attempt = 0;
    save();
    lock(true);
    send();
  });
  $('#again').addEventListener('click', () => { attempt = 0; send(); });
  // The way out of a report that cannot get through: edit it as a new report (a warning says it may become two).
  $('#edit').addEventListener('click', () => {
    if (!confirm(G.t('editConfirm'))) return;
    clearTimeout(timer);
    draft.pending = false;
    delete draft.sent;
    draft.id = newId();
    $('#rid').value = draft.id;
    lock(false);
    say('');
    save();
  });
  window.addEventListener('online', () => { attempt = 0; send(); });
  $('#q').addEventListener('input', renderPlaces);
  $('#chg').addEventListener('click', picker);
  $('#copy').addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(receipt.code); } catch (e) {
      getSelection().selectAllChildren($('#rc-code'));
      document.execCommand('copy');
    }
    $('#copy').textContent = G.t('rc.copied');
  });
  const geo = $('#geo');
  if (navigator.geolocation) geo.hidden = false;
  geo.addEventListener('click', () => navigator.geolocation.getCurrentPosition(p => {
    const c = p.coords;
    f.description.value = (f.description.value + '\n📍 ' + c.latitude.toFixed(5) + ',' + c.longitude.toFixed(5) + ' ±' + Math.round(c.accuracy) + 'm').trim();
    save();
    say(G.t('where.geoAdded'));
  }, () => say(G.t('where.geoFail')), { timeout: 15000 }));

  G.onLang(() => {
    showPlace();
    renderReceipt();
    if (problem) showErrors(false);
    if (draft.pending && timer) tell();
    const last = store.get(LAST);
    if (last && !receipt) {
      const l = $('#last');
      l.textContent = G.t('rc.last') + ' ';
      l.append(el('a', { href: last.url, textContent: last.code }));
      l.hidden = false;
    }
  });
  G.ready.then(() => {
    const had = restore();
    showKind();
    if (point) loadPlace(); else picker();
    if (draft.pending) { lock(true); send(); }
    else if (had) say(G.t('restored'));
  });
})();
