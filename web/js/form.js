// The report form: draft kept in localStorage (for 24 hours) with its clientRequestId, sent as JSON, retried until
// accepted; a 429 waits at least its Retry-After. Photos are shrunk on the phone (about 1600 px, JPEG) and sent with the
// JSON as multipart (part "report" + parts "photo"); they stay in memory for the retries, never in the draft.
(() => {
  'use strict';
  const $ = s => document.querySelector(s);
  const f = $('#f');
  const DRAFT = 'gridaid.draft';
  const LAST = 'gridaid.last';
  const HANDOVER = 'gridaid.handover'; // {trackingCode: {c: six digits, at}}: the reporter's hand-over codes, this phone only
  const DAY = 864e5; // a draft older than this (personal details on a phone that may be shared) is discarded
  const HP = 'website'; // the honeypot: hidden from people, never kept in a draft
  const AB = { lost_person: 'lp', found_person: 'fp', lost_item: 'li', found_item: 'fi', help: 'hp', hazard: 'hz', tip: 'tp' };
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
  const fields = () => Array.from(f.elements).filter(e => e.name && e.type !== 'file' && !['point', 'clientRequestId', HP].includes(e.name));
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
      const text = (code && message(code, ruleOf(path))) || problem.errors[path][0];
      // Two kinds may each have their own box for one field (whereNow): the one shown.
      const boxes = [...f.querySelectorAll('[data-f="' + path + '"]')];
      const box = boxes.find(b => b.offsetParent !== null) || boxes[0];
      const id = 'e-' + n++;
      if (box) {
        if (more.contains(box)) more.open = true;
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
  // The server's own rules (GET /api/report-rules, kept on the phone for the next visit offline): the same checks and
  // the same bilingual messages as ReportValidator, so nothing the form lets through comes back refused.
  const RULES = 'gridaid.rules';
  let rules = store.get(RULES);
  // A field's rule for the chosen kind, else for the first kind that has the field (lengths agree between kinds).
  const ruleOf = path => {
    if (!rules) return {};
    const own = (rules.kinds[kind()] || rules.common).fields[path];
    return own || (Object.values(rules.kinds).find(k => k.fields[path]) || rules.common).fields[path] || {};
  };
  const message = (code, r) => {
    const m = rules && rules.messages[code];
    return m && G.n(m).replace(/\{(min|maxLength|max)\}/g, (x, p) => r[p]);
  };
  // ReportValidator.NormalizePhone: keep digits and +, drop a mainland +86.
  const phone = raw => {
    const t = raw.trim();
    let d = t.replace(/[^\d+]/g, '');
    if (d.startsWith('+86') && d.length === 14) d = d.slice(3);
    return d || t;
  };
  // ReportValidator.Check, in its order: missing, too long, not a choice, out of range, not the pattern.
  const fault = (v, r) => {
    if (!v) return r.required ? r.requiredCode : null;
    if (r.maxLength != null && v.length > r.maxLength) return r.tooLongCode;
    if (r.choices && !r.choices.includes(v)) return 'invalid_choice';
    if (r.min != null && r.max != null && !(/^\d+$/.test(v) && +v >= r.min && +v <= r.max)) return 'out_of_range';
    if (r.pattern && !new RegExp(r.pattern).test(v)) return r.patternCode;
    return null;
  };
  const check = b => {
    if (!rules) return null; // never loaded: the server checks it
    const errors = {};
    const codes = {};
    const add = (p, c, r) => { errors[p] = [message(c, r)]; codes[p] = [c]; };
    const set = b.kind && rules.kinds[b.kind] ? rules.kinds[b.kind] : rules.common;
    if (!b.kind) add('kind', 'kind_required', {});
    const value = p => p === 'description' ? b.description.trim() : p === 'contact.name' ? b.contact.name.trim()
      : p === 'contact.phone' ? phone(b.contact.phone) : b.details[p.slice(8)] || '';
    for (const p in set.fields) {
      const c = fault(value(p), set.fields[p]);
      if (c) add(p, c, set.fields[p]);
    }
    return Object.keys(errors).length ? { errors, codes } : null;
  };
  const loadRules = async () => {
    try {
      const r = await fetch('/api/report-rules', { cache: 'no-cache' });
      if (r.ok) { rules = await r.json(); store.set(RULES, rules); counters(); }
    } catch (e) { /* offline: the kept rules, else the server's answer */ }
  };
  // Long fields count their characters against the rule; the browser's maxlength (for the no-JS form) would cut a
  // paste silently instead, so it goes once the rules are known.
  const counters = () => {
    if (!rules) return;
    f.querySelectorAll('input[type=text][name],input:not([type])[name],textarea').forEach(e => {
      const r = ruleOf(e.name);
      if (!r.maxLength || r.max != null) return;
      e.removeAttribute('maxlength');
      const n = e.value.trim().length;
      let c = document.getElementById('c-' + e.id);
      // Textareas always count; a one-line field once it is four-fifths full.
      if (e.tagName !== 'TEXTAREA' && n < r.maxLength * 0.8) { if (c) c.hidden = true; return; }
      if (!c) {
        c = el('span', { className: 'cnt', id: 'c-' + e.id });
        f.querySelector('label[for="' + e.id + '"]').append(c);
      }
      c.hidden = false;
      c.textContent = G.t('count', { n, max: r.maxLength });
      c.classList.toggle('over', n > r.maxLength);
    });
  };

  // ---- photos ----
  const MAXP = 3;
  let shots = null; // the shrunk photos of the report being sent
  // A photo the phone can decode is redrawn within 1600 px as JPEG (EXIF orientation applied); else it goes as it is
  // and the server decides.
  const shrink = async file => {
    try {
      const img = await createImageBitmap(file, { imageOrientation: 'from-image' });
      const k = Math.min(1, 1600 / Math.max(img.width, img.height));
      const c = el('canvas', { width: Math.round(img.width * k), height: Math.round(img.height * k) });
      c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
      if (img.close) img.close();
      return await new Promise(r => c.toBlob(b => r(b || file), 'image/jpeg', 0.85));
    } catch (e) { return file; }
  };
  const payload = b => {
    if (!shots || !shots.length) return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) };
    const fd = new FormData();
    fd.append('report', new Blob([JSON.stringify(b)], { type: 'application/json' }), 'report.json');
    shots.forEach((p, i) => fd.append('photo', p, 'photo' + (i + 1) + '.jpg'));
    return { headers: { accept: 'application/json' }, body: fd };
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
    const why = busy && ((busy.titles && G.n(busy.titles)) || busy.title || G.t('tooMany'));
    if (why) say(why.replace(/[.。]\s*$/, '') + G.t('stop') + G.t('retryIn', { s }), false);
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
    const to = setTimeout(() => ctl.abort(), shots && shots.length ? 60000 : 20000);
    let retry = false;
    try {
      const r = await fetch('/api/reports', { method: 'POST', ...payload(draft.sent || body()), signal: ctl.signal });
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
    shots = null;
    $('#photo').value = '';
    store.del(DRAFT);
    draft = { id: newId(), v: {}, pending: false };
    lock(false);
    receipt = { code: j.trackingCode, url: j.statusUrl || '/s/' + j.trackingCode, station: place && place.station, kind: kind(), handover: j.handoverCode || null };
    store.set(LAST, { code: receipt.code, url: receipt.url });
    // The one-time hand-over code stays on this phone only (the status page shows it from here; no server answer does).
    if (receipt.handover) {
      const kept = store.get(HANDOVER) || {};
      for (const c in kept) if (!(Date.now() - kept[c].at < 3 * DAY)) delete kept[c];
      kept[receipt.code] = { c: receipt.handover, at: Date.now() };
      store.set(HANDOVER, kept);
    }
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
    $('#rc-next').textContent = G.t(receipt.kind === 'lost_person' ? 'rc.nextPerson' : receipt.kind === 'found_person' ? 'rc.nextFound' : 'rc.next');
    $('#rc-hc').hidden = !receipt.handover;
    $('#rc-hc-code').textContent = receipt.handover || '';
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
  // A lost person's essentials fit one screen: the chosen kind folds the list, its description and every optional
  // field fold into "more" (open in the HTML, for the no-JS form).
  const more = $('#more');
  const descBox = f.querySelector('[data-f=description]');
  const descHome = descBox.parentNode;
  const phoneBox = f.querySelector('[data-f="contact.phone"]');
  const photoBox = f.querySelector('[data-f=photo]');
  const showKind = () => {
    const k = kind();
    f.dataset.kind = k;
    $('.kinds').classList.toggle('picked', !!k);
    $('#kchg').hidden = !k;
    if (k === 'lost_person') more.querySelector('summary').after(descBox, photoBox);
    else { descHome.insertBefore(descBox, phoneBox); descHome.insertBefore(photoBox, phoneBox); }
    counters();
  };
  f.addEventListener('input', () => { save(); counters(); });
  f.addEventListener('change', e => { if (e.target.name === 'kind') showKind(); save(); });
  $('#kchg').addEventListener('click', () => { $('.kinds').classList.remove('picked'); $('#kchg').hidden = true; f.querySelector('[name=kind]:checked').focus(); });
  f.addEventListener('submit', async e => {
    e.preventDefault();
    if (draft.pending) { send(); return; }
    const b = body();
    const files = [...$('#photo').files];
    problem = check(b);
    if (files.length > MAXP) {
      problem = problem || { errors: {}, codes: {} };
      problem.errors.photo = [G.t('f.photo.tooMany')];
    }
    if (problem) { showErrors(true); return; }
    clearErrors();
    $('#send').disabled = true;
    shots = await Promise.all(files.map(shrink));
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
    counters();
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
  loadRules();
  G.ready.then(() => {
    const had = restore();
    // The fold stays open when the kept draft has something in it.
    more.open = [...more.querySelectorAll('[name]')].some(e => e.name !== 'description' && (e.type === 'radio' ? e.checked : e.value));
    showKind();
    if (point) loadPlace(); else picker();
    if (draft.pending) { lock(true); send(); }
    else if (had) say(G.t('restored'));
  });
})();
