// The station's own work on a phone: inspect the small venues it covers (pass / fail / not applicable per item, a note
// and a photo per failed item), see open rectifications (a police post: those escalated to it too), file dispute
// early warnings and, as the police post they went to, record their outcome. The inspection's and the warning's ids
// are made here once per draft, so sending again after a lost answer records nothing twice.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  let station = '';
  let venues = [];
  let current = null; // the venue being inspected: {venue, checklist, …}
  let draftId = null;
  let disputeId = null;
  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10));
  const base = () => '/api/stations/' + encodeURIComponent(station);
  const msg = text => { $('#msg').textContent = text || ''; };
  const day = iso => (iso ? new Date(iso).toLocaleDateString(G.lang, { year: 'numeric', month: 'short', day: 'numeric' }) : '');
  const call = async (path, opts) => {
    const r = await Staff.api(path, opts);
    if (r.status === 401 || r.status === 403 && !opts) { Staff.rejected(); throw new Error('signed out'); }
    return r;
  };
  const json = async path => { const r = await call(path); if (!r.ok) throw new Error(String(r.status)); return r.json(); };
  const send = (path, method, body) => call(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  /** The first field error of a validation problem, in the page's language. */
  const problem = async r => {
    try { const p = await r.json(); const e = p.errors && Object.values(p.errors)[0]; return (e && e[0]) || p.title || String(r.status); } catch (x) { return String(r.status); }
  };
  const sevLabel = s => G.t('ins.sev.' + s);

  // Tabs.
  const show = tab => {
    document.querySelectorAll('[data-tab]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.tab === tab)));
    for (const id of ['venues', 'rects', 'disputes']) $('#' + id).hidden = id !== tab;
    msg('');
    if (tab === 'venues') loadVenues();
    if (tab === 'rects') loadRects();
    if (tab === 'disputes') loadDisputes();
  };

  // Venues and the inspection form.
  const loadVenues = async () => {
    current = null;
    try { venues = await json(base() + '/venues'); } catch (x) { msg(G.t('stf.netErr')); return; }
    const box = $('#venues');
    box.textContent = '';
    if (!venues.length) { box.append(el('p', { className: 'muted', textContent: G.t('ins.noVenues') })); return; }
    for (const v of venues) {
      const b = el('button', { type: 'button', className: 'venue' },
        el('strong', { textContent: G.n(v.venue.name) }),
        el('span', { className: 'muted', textContent: G.n(v.typeName) + ' · ' + G.n(v.cell) }),
        v.openRectifications ? el('span', { className: 'badge u', textContent: G.t('ins.openN', { n: v.openRectifications }) }) : null);
      b.addEventListener('click', () => openVenue(v.venue.id));
      box.append(b);
    }
  };

  const item = (it, i) => {
    const name = 'r' + i;
    const choice = (value, key, cls) => el('label', { className: cls || '' }, el('input', { type: 'radio', name, value, required: true }), el('span', { textContent: G.t(key) }));
    return el('fieldset', { className: 'item' + (it.severity === 'critical' ? ' crit' : '') },
      el('legend', { textContent: G.n(it.text) }),
      el('p', { className: 'sev', textContent: sevLabel(it.severity) }),
      el('div', { className: 'choices' }, choice('pass', 'ins.pass'), choice('fail', 'ins.fail', 'f'), choice('not_applicable', 'ins.na')),
      el('div', { className: 'more' },
        el('label', { htmlFor: 'n' + i, textContent: G.t('ins.itemNote') }),
        el('textarea', { id: 'n' + i, name: 'n' + i, rows: 2, maxLength: 500 }),
        el('label', { htmlFor: 'p' + i, textContent: G.t('ins.photo') }),
        el('input', { id: 'p' + i, name: 'p' + i, type: 'file', accept: 'image/jpeg,image/png,image/webp', capture: 'environment' })));
  };

  const openVenue = async id => {
    let v;
    try { v = await json(base() + '/venues/' + encodeURIComponent(id)); } catch (x) { msg(G.t('stf.netErr')); return; }
    current = v;
    draftId = newId();
    const box = $('#venues');
    box.textContent = '';
    const back = el('button', { type: 'button', className: 'secondary', textContent: G.t('ins.back') });
    back.addEventListener('click', loadVenues);
    const items = v.checklist.items;
    const form = el('form', { id: 'insp', noValidate: false },
      ...items.map(item),
      el('div', { className: 'fld' }, el('label', { htmlFor: 'note', textContent: G.t('ins.note') }), el('textarea', { id: 'note', name: 'note', rows: 2, maxLength: 500 })),
      el('p', { id: 'ierr', className: 'err', role: 'alert' }),
      el('button', { type: 'submit', className: 'primary', textContent: G.t('ins.submit') }));
    form.addEventListener('submit', e => { e.preventDefault(); submit(form, items); });
    box.append(...[
      el('div', { className: 'card' },
        el('h2', { textContent: G.n(v.venue.name) }),
        el('p', { className: 'muted', textContent: [G.n(v.typeName), G.n(v.cell), v.venue.contact].filter(Boolean).join(' · ') })),
      rectList(v.open, 'ins.openHere'),
      form,
      history(v),
      back].filter(Boolean));
  };

  const submit = async (form, items) => {
    const err = $('#ierr');
    err.textContent = '';
    const answers = items.map((it, i) => ({ itemId: it.id, result: (form.querySelector('input[name=r' + i + ']:checked') || {}).value, note: form['n' + i].value.trim() || null }));
    const missing = answers.findIndex(a => !a.result);
    if (missing >= 0) { err.textContent = G.t('ins.answerAll', { item: G.n(items[missing].text) }); form.querySelectorAll('fieldset')[missing].scrollIntoView(); return; }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const r = await send(base() + '/inspections', 'POST', { id: draftId, venueId: current.venue.id, items: answers, note: form.note.value.trim() || null });
      if (!r.ok) { err.textContent = await problem(r); return; }
      const done = await r.json();
      // Photos of failed items, one by one, to the addresses the answer gave.
      let failedPhotos = 0;
      for (let i = 0; i < items.length; i++) {
        const file = form['p' + i] && form['p' + i].files[0];
        const url = done.photoUploads[items[i].id];
        if (!file || !url || answers[i].result !== 'fail') continue;
        const p = await call(url, { method: 'PUT', headers: { 'Content-Type': file.type || 'image/jpeg' }, body: file });
        if (!p.ok) failedPhotos++;
      }
      const id = current.venue.id;
      await openVenue(id);
      window.scrollTo(0, 0);
      msg(G.t('ins.saved', { opened: done.opened.length, closed: done.closed.length }) + (failedPhotos ? ' ' + G.t('ins.photoFailed', { n: failedPhotos }) : ''));
    } catch (x) {
      err.textContent = G.t('stf.netErr');
    } finally { button.disabled = false; }
  };

  const rectList = (list, headKey) => {
    if (!list || !list.length) return null;
    return el('div', { className: 'card' }, el('h2', { textContent: G.t(headKey) }),
      el('ul', { className: 'plain' }, ...list.map(r => el('li', { className: 'rect' + (r.status === 'escalated' ? ' esc' : '') },
        el('strong', { textContent: G.n(r.item) }), ' ',
        el('span', { className: 'sev', textContent: sevLabel(r.severity) }),
        el('div', { className: 'muted', textContent: G.t(r.status === 'escalated' ? 'ins.escalated' : 'ins.due', { d: day(r.due) }) })))));
  };

  const history = v => {
    if (!v.inspections.length) return el('p', { className: 'muted', textContent: G.t('ins.never') });
    return el('div', { className: 'card history' }, el('h2', { textContent: G.t('ins.history') }),
      el('ul', { className: 'plain' }, ...v.inspections.map(({ inspection: i, photos }) => {
        const failed = i.items.filter(x => x.result === 'fail');
        return el('li', {},
          el('strong', { textContent: Staff.when(i.at) }), ' · ', i.stationId, ' · ',
          failed.length ? G.t('ins.failedN', { n: failed.length }) : G.t('ins.allPass'),
          i.note ? el('div', { className: 'muted', textContent: i.note }) : null,
          failed.length ? el('ul', {}, ...failed.map(x => el('li', {}, G.n(x.text) || x.itemId, x.note ? ' — ' + x.note : '',
            photos[x.itemId] ? Staff.photos([{ url: photos[x.itemId], thumbnailUrl: photos[x.itemId] }]) : null))) : null);
      })));
  };

  // Rectifications: of the venues covered, and escalated to this post.
  const loadRects = async () => {
    let list;
    try { list = await json(base() + '/rectifications'); } catch (x) { msg(G.t('stf.netErr')); return; }
    const box = $('#rects');
    box.textContent = '';
    const n = $('#rect-n');
    n.hidden = !list.length;
    n.textContent = String(list.length);
    if (!list.length) { box.append(el('p', { className: 'muted', textContent: G.t('ins.noRects') })); return; }
    box.append(el('ul', { className: 'plain' }, ...list.map(x => el('li', { className: 'card rect' + (x.rectification.status === 'escalated' ? ' esc' : '') },
      el('strong', { textContent: G.n(x.venue) + ' · ' + G.n(x.rectification.item) }),
      el('div', { className: 'sev', textContent: sevLabel(x.rectification.severity) }),
      el('div', { className: 'muted', textContent: x.escalatedHere ? G.t('ins.escalatedHere', { d: day(x.rectification.due) }) : G.t(x.rectification.status === 'escalated' ? 'ins.escalated' : 'ins.due', { d: day(x.rectification.due) }) })))));
  };

  // Dispute warnings: the form, then those filed here or received here (a police post records the outcome).
  const loadDisputes = async () => {
    let list;
    try { list = await json(base() + '/disputes'); if (!venues.length) venues = await json(base() + '/venues'); } catch (x) { msg(G.t('stf.netErr')); return; }
    disputeId = disputeId || newId();
    const cells = [...new Map(venues.map(v => [v.venue.gridCellId, v.cell])).entries()];
    const opt = (value, key) => el('option', { value, textContent: G.t(key) });
    const fld = (id, key, control) => el('div', { className: 'fld' }, el('label', { htmlFor: id, textContent: G.t(key) }), control);
    const form = el('form', { id: 'dsp', className: 'card' },
      el('h2', { textContent: G.t('dsp.new') }),
      fld('d-cell', 'dsp.cell', el('select', { id: 'd-cell', name: 'cell' }, ...cells.map(([id, name]) => el('option', { value: id, textContent: G.n(name) || id })))),
      fld('d-point', 'dsp.point', el('input', { id: 'd-point', name: 'point', autocapitalize: 'off', placeholder: 'ts-tianjie-arch' })),
      fld('d-type', 'dsp.type', el('select', { id: 'd-type', name: 'type' }, ...['tourist_merchant', 'merchants', 'neighbours', 'labour', 'other'].map(t => opt(t, 'dsp.t.' + t)))),
      fld('d-sev', 'dsp.severity', el('select', { id: 'd-sev', name: 'severity' }, ...['low', 'medium', 'high'].map(s => opt(s, 'dsp.s.' + s)))),
      fld('d-parties', 'dsp.parties', el('textarea', { id: 'd-parties', name: 'parties', rows: 2, maxLength: 300, required: true })),
      el('p', { className: 'hint', textContent: G.t('dsp.noIds') }),
      fld('d-what', 'dsp.what', el('textarea', { id: 'd-what', name: 'what', rows: 3, maxLength: 1000, required: true })),
      el('p', { id: 'derr', className: 'err', role: 'alert' }),
      el('button', { type: 'submit', className: 'primary', textContent: G.t('dsp.file') }));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const err = $('#derr');
      err.textContent = '';
      try {
        const r = await send(base() + '/disputes', 'POST', {
          id: disputeId, cellId: form.cell.value, pointCode: form.point.value.trim() || null, type: form.type.value,
          severity: form.severity.value, parties: form.parties.value, whatHappened: form.what.value,
        });
        if (!r.ok) { err.textContent = await problem(r); return; }
        disputeId = null;
        await loadDisputes();
        msg(G.t('dsp.filed'));
      } catch (x) { err.textContent = G.t('stf.netErr'); }
    });
    const box = $('#disputes');
    box.textContent = '';
    box.append(form, el('h2', { textContent: G.t('dsp.list') }),
      list.length ? el('ul', { className: 'plain' }, ...list.map(dispute)) : el('p', { className: 'muted', textContent: G.t('dsp.none') }));
  };

  const dispute = d => {
    const mine = d.routedTo.includes(station);
    const li = el('li', { className: 'card' },
      el('strong', { textContent: G.t('dsp.t.' + d.type) + ' · ' + G.t('dsp.s.' + d.severity) }),
      el('div', { className: 'muted', textContent: Staff.when(d.filedAt) + ' · ' + d.cellId + (d.pointCode ? ' · ' + d.pointCode : '') + ' · ' + G.t(mine ? 'dsp.toHere' : 'dsp.byHere') }),
      el('p', { textContent: d.parties }), el('p', { textContent: d.whatHappened }),
      d.outcome ? el('p', { className: 'badge', textContent: G.t('dsp.o.' + d.outcome) + ' · ' + d.outcomeOn }) : null);
    if (mine && !d.outcome) {
      const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
      const f = el('form', { className: 'row' },
        el('select', { name: 'outcome', ariaLabel: G.t('dsp.outcome') }, ...['mediated', 'referred', 'no_action'].map(o => el('option', { value: o, textContent: G.t('dsp.o.' + o) }))),
        el('input', { type: 'date', name: 'date', value: today, max: today, ariaLabel: G.t('dsp.date') }),
        el('button', { type: 'submit', className: 'primary', textContent: G.t('dsp.close') }));
      f.addEventListener('submit', async e => {
        e.preventDefault();
        const r = await send(base() + '/disputes/' + encodeURIComponent(d.id) + '/outcome', 'POST', { outcome: f.outcome.value, date: f.date.value });
        if (r.ok) loadDisputes(); else msg(await problem(r));
      });
      li.append(f);
    }
    return li;
  };

  Staff.init('station', () => {
    station = Staff.token.split('.')[1];
    document.querySelectorAll('[data-tab]').forEach(b => b.addEventListener('click', () => show(b.dataset.tab)));
    show('venues');
    loadRects();
  });
  G.onLang(() => { if (station) show(document.querySelector('[data-tab][aria-pressed=true]').dataset.tab); });
})();
