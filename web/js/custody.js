// The desk's lost-and-found on the station page: found items in this station's custody (nearest deadline first, the
// reminders before the one-year deadline of PRC Civil Code art. 318 highlighted; hand to the police or dispose, recorded),
// a found item's "take into custody" on its inbox card, and "New report" for a caller or a walk-in (the same rules as the
// tourist's form, read from /api/report-rules; a found item needs its storage place). station.js calls Desk.start and
// Desk.card; nothing here polls on its own: the list is read again when the inbox changes (at most every 5 s).
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  let station = '';
  let items = [];
  let readAt = 0;
  let rules = null;
  const notes = new Map();
  const api = (path, opts) => Staff.api('/api/stations/' + encodeURIComponent(station) + path, opts);
  const day = iso => new Date(iso).toLocaleDateString(G.lang, { year: 'numeric', month: 'short', day: 'numeric' });
  const what = i => [i.category && G.s['cat.' + i.category] ? G.t('cat.' + i.category) : i.category, i.colour].filter(Boolean).join(' · ');
  const problem = async r => { const p = await r.json().catch(() => ({})); return p.detail || p.title || String(r.status); };
  const send = async (path, method, body) => {
    try {
      const r = await api(path, { method, body: JSON.stringify(body) });
      if (r.status === 401) { Staff.rejected(); return 'x'; }
      return r.ok ? '' : await problem(r);
    } catch (e) { return G.t('stf.netErr'); }
  };

  const release = (i, to) => {
    const d = notes.get(i.trackingCode) || {};
    const b = el('button', { type: 'button', className: to === 'police' ? 'secondary' : 'final', textContent: G.t(to === 'police' ? 'cu.police' : 'cu.dispose') });
    b.dataset.k = i.trackingCode + ':' + to;
    b.addEventListener('click', async () => {
      b.disabled = true;
      d.error = await send('/custody/' + encodeURIComponent(i.trackingCode) + '/release', 'POST', { to, note: d.note || '' });
      notes.set(i.trackingCode, d);
      await list(true);
    });
    return b;
  };
  const line = i => {
    const left = Math.ceil((Date.parse(i.deadline) - Date.now()) / 86400000);
    const near = i.held && (i.remindersSent || []).length > 0;
    const li = el('li', { className: 'card cu' + (i.held ? '' : ' done') + (near ? ' near' : '') },
      el('p', {}, el('b', { textContent: what(i) || G.t('kind.found_item') }), ' · ', el('a', { href: '/s/' + i.trackingCode, textContent: i.trackingCode })),
      i.summary ? el('p', { className: 'muted', textContent: i.summary }) : null);
    const dl = el('dl', { className: 'kv' });
    const row = (k, v) => dl.append(el('dt', { textContent: G.t(k) }), el('dd', { textContent: v }));
    row('cu.storage', i.storage);
    row('cu.notice', day(i.noticeAt));
    row('cu.deadline', day(i.deadline) + (i.held ? ' · ' + G.t('cu.left', { n: Math.max(0, left) }) : ''));
    if (i.release) row('cu.released', G.t('cu.to.' + i.release.to) + (i.release.note ? ' · ' + i.release.note : '') + ' · ' + Staff.when(i.release.at));
    li.append(dl);
    if (near) li.prepend(el('p', { className: 'call', textContent: G.t('cu.reminder', { d: day(i.deadline) }) }));
    if (i.held) {
      const d = notes.get(i.trackingCode) || {};
      const id = 'cun-' + i.trackingCode;
      const note = el('input', { id, value: d.note || '', maxLength: 300, autocomplete: 'off' });
      note.dataset.k = i.trackingCode + ':note';
      note.addEventListener('input', () => { d.note = note.value; notes.set(i.trackingCode, d); });
      const err = el('p', { className: 'err', textContent: d.error || '', hidden: !d.error });
      err.setAttribute('role', 'alert');
      li.append(el('label', { htmlFor: id, textContent: G.t('cu.note') }), note, err, el('div', { className: 'row' }, release(i, 'police'), release(i, 'disposed')));
    }
    return li;
  };
  const render = () => {
    const ul = $('#cu-list');
    if (!ul) return;
    const active = document.activeElement;
    if (active && ul.contains(active) && active.tagName === 'INPUT') return;
    const held = items.filter(i => i.held);
    $('#cu-h').textContent = G.t('cu.title') + ' (' + held.length + ')';
    ul.replaceChildren(...(items.length ? items.slice(0, 30).map(line) : [el('li', { className: 'muted', textContent: G.t('cu.none') })]));
  };
  const list = async force => {
    if (!force && Date.now() - readAt < 5000) return;
    readAt = Date.now();
    try {
      const r = await api('/custody');
      if (r.ok) { items = await r.json(); render(); window.dispatchEvent(new Event('gridaid:custody')); }
    } catch (e) { /* next time */ }
  };

  // A found item's inbox card: where it is kept and its deadline, or "take into custody" with the storage place.
  const drafts = new Map();
  const card = (a, reload) => {
    if (a.kind !== 'found_item') return null;
    // Taken in at the desk before routing wrote the alert: the custody list knows it first.
    const held = items.find(i => i.trackingCode === a.trackingCode);
    const c = a.custody || (held && { storage: held.storage, deadline: held.deadline, reminder: null, releasedTo: held.release && held.release.to });
    if (c && c.releasedTo) return el('p', { className: 'hint', textContent: G.t('cu.to.' + c.releasedTo) });
    if (c) {
      return el('div', { className: c.reminder ? 'call' : 'hint' },
        el('p', { textContent: G.t('cu.keptAt', { s: c.storage, d: day(c.deadline) }) }),
        c.reminder ? el('p', { textContent: G.t('cu.reminder', { d: day(c.deadline) }) }) : null);
    }
    if (a.status === 'resolved' || a.status === 'closed') return null;
    const id = 'cus-' + a.trackingCode;
    const input = el('input', { id, value: drafts.get(a.trackingCode) || '', maxLength: 100, placeholder: G.t('cu.storageHint') });
    input.dataset.k = a.trackingCode + ':storage';
    input.addEventListener('input', () => drafts.set(a.trackingCode, input.value));
    const err = el('p', { className: 'err', hidden: true });
    err.setAttribute('role', 'alert');
    const go = el('button', { type: 'button', className: 'secondary', textContent: G.t('cu.take') });
    go.dataset.k = a.trackingCode + ':take';
    go.addEventListener('click', async () => {
      go.disabled = true;
      const e = await send('/alerts/' + encodeURIComponent(a.trackingCode) + '/custody', 'PUT', { storage: input.value });
      err.textContent = e;
      err.hidden = !e;
      go.disabled = false;
      if (!e) { drafts.delete(a.trackingCode); list(true); reload(); }
    });
    const box = el('div', { className: 'confirm' }, el('label', { htmlFor: id, textContent: G.t('cu.storage') }), el('div', { className: 'row' }, input, go), err);
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', G.t('cu.take'));
    return box;
  };

  // "New report": the kind's fields from the server's rules, labelled with the form's own words.
  const CHOICE = { category: 'cat', whereNow: 'now', sex: 'sex', hazardType: 'hz', severity: 'sev', ageBand: 'age' };
  const fieldsFor = kind => {
    const box = $('#nr-fields');
    box.textContent = '';
    $('#nr-storage-f').hidden = kind !== 'found_item';
    $('#nr-storage').required = kind === 'found_item';
    const k = rules && rules.kinds[kind];
    if (!k) return;
    for (const name in k.fields) {
      if (!name.startsWith('details.')) continue;
      const f = name.slice(8);
      const rule = k.fields[name];
      const id = 'nr-d-' + f;
      const label = (G.s['sf.' + f] ? G.t('sf.' + f) : G.s['f.' + f] ? G.t('f.' + f) : f) + (rule.required ? ' *' : '');
      const input = rule.choices
        ? el('select', { id, name, required: !!rule.required }, el('option', { value: '', textContent: '—' }),
          ...rule.choices.map(c => el('option', { value: c, textContent: G.s[(CHOICE[f] || f) + '.' + c] ? G.t((CHOICE[f] || f) + '.' + c) : c })))
        : el('input', { id, name, required: !!rule.required, maxLength: rule.maxLength || 200, inputMode: rule.min !== undefined && rule.min !== null ? 'numeric' : 'text' });
      box.append(el('div', { className: 'fld' }, el('label', { htmlFor: id, textContent: label }), input));
    }
  };
  const submit = async ev => {
    ev.preventDefault();
    const form = $('#nr');
    const out = $('#nr-out');
    const go = form.querySelector('button[type=submit]');
    const v = n => (form.elements[n] ? form.elements[n].value.trim() : '');
    const details = {};
    for (const e of $('#nr-fields').querySelectorAll('[name]')) if (e.value.trim()) details[e.name.slice(8)] = e.value.trim();
    const kind = v('kind');
    const body = {
      kind, point: v('point') || undefined, description: v('description'), lang: G.lang,
      contact: { name: v('cname') || undefined, phone: v('cphone') || undefined },
      clientRequestId: 'nr-' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8), details,
      custody: kind === 'found_item' ? { storage: v('storage') } : undefined,
    };
    const data = new FormData();
    data.append('report', JSON.stringify(body));
    for (const file of $('#nr-photo').files) data.append('photo', file);
    go.disabled = true;
    out.className = 'hint';
    out.textContent = '';
    try {
      const r = await api('/reports', { method: 'POST', body: data });
      if (r.status === 401) return Staff.rejected();
      const j = await r.json().catch(() => ({}));
      if (r.ok) {
        out.className = 'ok';
        out.textContent = G.t('nr.done', { c: j.trackingCode }) + (j.handoverCode ? ' · ' + G.t('nr.hc', { c: j.handoverCode }) : '');
        form.reset();
        fieldsFor('');
        list(true);
      } else {
        out.className = 'err';
        out.textContent = (j.errors ? Object.values(j.errors).flat().join(' · ') : '') || j.detail || j.title || String(r.status);
      }
    } catch (e) { out.className = 'err'; out.textContent = G.t('stf.netErr'); }
    go.disabled = false;
  };
  const startForm = async () => {
    const form = $('#nr');
    form.hidden = false;
    form.addEventListener('submit', submit);
    form.elements.kind.addEventListener('change', () => fieldsFor(form.elements.kind.value));
    try {
      const area = Staff.token.split('.')[0];
      const [rr, pr] = await Promise.all([fetch('/api/report-rules'), fetch('/api/points?area=' + encodeURIComponent(area))]);
      if (rr.ok) rules = await rr.json();
      if (pr.ok) {
        const sel = form.elements.point;
        for (const p of await pr.json()) sel.append(el('option', { value: p.code, textContent: G.n(p.name) || p.code }));
      }
    } catch (e) { /* the form still sends; the server checks */ }
  };

  window.Desk = {
    start(id) { station = id; $('#custody').hidden = false; startForm(); list(true); },
    card,
    changed() { list(false); },
  };
  G.onLang(() => { if (station) { render(); fieldsFor($('#nr').elements.kind.value); } });
})();
