// The admin's dashboard: GET /api/admin/dashboard (roll-ups, never a scan of the reports) for a period and a station,
// drawn as inline SVG charts (no library), each with a text alternative (aria-label and a table), printable on one page.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  const SVG = 'http://www.w3.org/2000/svg';
  let data = null;
  let feedback = [];
  const names = {};
  const stName = id => (names[id] ? G.n(names[id]) : id === 'admin' ? G.t('adm.adminWho') : id);
  const num = n => (n == null ? '—' : Number(n).toLocaleString(G.lang));
  const min = v => (v == null ? '—' : G.t('adm.minutes', { n: v }));
  const monthName = m => new Date(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1).toLocaleString(G.lang, { month: 'short' });
  const svg = (tag, attrs, ...kids) => {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    e.append(...kids);
    return e;
  };
  // One small chart: a bar per label, its own scale. Read aloud as "title: label value, …" (role=img + aria-label).
  const chart = (title, labels, values, horizontal, spoken = labels) => {
    const max = Math.max(1, ...values);
    const total = values.reduce((a, b) => a + b, 0);
    const said = title + ': ' + (labels.length ? spoken.map((l, i) => l + ' ' + num(values[i])).join(', ') : G.t('db.none'));
    const W = 240;
    const row = 18;
    const H = horizontal ? Math.max(1, labels.length) * row + 4 : 110;
    const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': said, class: 'mini', preserveAspectRatio: 'xMinYMin meet' }, svg('title', {}, said));
    if (!labels.length) g.append(svg('text', { x: 0, y: 13, class: 'axis' }, G.t('db.none')));
    if (!horizontal) g.append(svg('line', { x1: 0, x2: W, y1: 92.5, y2: 92.5, class: 'base' }));
    labels.forEach((l, i) => {
      const v = values[i];
      if (horizontal) {
        const x0 = 100;
        const w = ((W - x0 - 34) * v) / max;
        g.append(svg('text', { x: 0, y: i * row + 13, class: 'lbl' }, l.length > 12 ? l.slice(0, 11) + '…' : l),
          svg('rect', { x: x0, y: i * row + 3, width: Math.max(v ? 1.5 : 0, w), height: row - 6, class: 'bar' }),
          svg('text', { x: x0 + w + 3, y: i * row + 13, class: 'val' }, num(v)));
      } else {
        const bw = W / labels.length;
        const h = (80 * v) / max;
        g.append(svg('rect', { x: i * bw + 2, y: 92 - h, width: bw - 4, height: Math.max(v ? 1.5 : 0, h), class: 'bar' }),
          svg('text', { x: i * bw + bw / 2, y: 106, class: 'axis', 'text-anchor': 'middle' }, l));
        if (v) g.append(svg('text', { x: i * bw + bw / 2, y: 90 - h, class: 'val', 'text-anchor': 'middle' }, num(v)));
      }
    });
    return el('div', { className: 'mc' }, el('p', { className: 'mt' }, el('b', { textContent: title }), ' ' + num(total)), g);
  };
  const M = ['peopleReunited', 'childrenReunited', 'eldersReunited', 'itemsReturned', 'questionsAnswered', 'tipsPassed', 'hazardsFixed',
    'inspectionsDone', 'rectificationsClosed', 'rectificationsOverdue', 'disputesMediated'];
  const CHARTED = ['peopleReunited', 'itemsReturned', 'questionsAnswered', 'hazardsFixed', 'inspectionsDone', 'rectificationsClosed'];
  const table = (t, head, rows) => {
    t.replaceChildren(el('thead', {}, el('tr', {}, ...head.map(h => el('th', { scope: 'col', textContent: h })))),
      el('tbody', {}, ...rows.map(r => el('tr', {}, ...r.map((c, i) => el(i ? 'td' : 'th', i ? { textContent: c } : { scope: 'row', textContent: c }))))));
  };
  const render = () => {
    if (!data) return;
    const d = data;
    $('#dperiod').textContent = G.t('db.period', { f: d.from, t: d.to }) + (d.station ? ' · ' + stName(d.station) : '');
    const tile = (k, v, sub) => el('div', { className: 'tile' }, el('dt', { textContent: G.t('db.m.' + k) }), el('dd', {}, el('b', { textContent: num(v) }), sub ? el('small', { textContent: sub }) : ''));
    $('#fig').replaceChildren(
      tile('peopleReunited', d.peopleReunited.total, G.t('db.children', { c: num(d.peopleReunited.children), e: num(d.peopleReunited.elders) })),
      tile('itemsReturned', d.itemsReturned), tile('questionsAnswered', d.questionsAnswered), tile('tipsPassed', d.tipsPassed),
      tile('hazardsFixed', d.hazardsFixed), tile('inspectionsDone', d.inspectionsDone),
      tile('rectificationsClosed', d.rectificationsClosed, G.t('db.overdue', { n: num(d.rectificationsOverdue) })),
      tile('disputesMediated', d.disputesMediated),
      tile('feedback', d.feedback.average == null ? null : d.feedback.average, G.t('db.ratings', { n: num(d.feedback.count) })));
    const months = d.byMonth.map(m => monthName(m.month));
    const monthNumbers = d.byMonth.map(m => String(Number(m.month.slice(5, 7))));
    $('#chm-g').replaceChildren(...CHARTED.map(k => chart(G.t('db.m.' + k), monthNumbers, d.byMonth.map(m => m.figures[k]), false, months)));
    table($('#chm-t'), [G.t('db.month'), ...M.map(k => G.t('db.m.' + k))], d.byMonth.map(m => [m.month, ...M.map(k => num(m.figures[k]))]));
    const st = d.byStation.filter(s => s.stationId !== 'admin' || M.some(k => s.figures[k]));
    $('#chs-g').replaceChildren(...['peopleReunited', 'questionsAnswered', 'hazardsFixed'].map(k => {
      const top = st.filter(s => s.figures[k]).sort((a, b) => b.figures[k] - a.figures[k]).slice(0, 8);
      return chart(G.t('db.m.' + k), top.map(s => stName(s.stationId)), top.map(s => s.figures[k]), true);
    }));
    table($('#sta-t'), [G.t('adm.stationF'), ...M.map(k => G.t('db.m.' + k)), G.t('db.m.feedback')],
      st.map(s => [stName(s.stationId), ...M.map(k => num(s.figures[k])), s.figures.feedback.average == null ? '—' : s.figures.feedback.average + ' (' + s.figures.feedback.count + ')']));
    table($('#spd-t'), [G.t('adm.stationF'), G.t('adm.kind'), G.t('db.ackN'), G.t('db.median'), G.t('db.p90'), G.t('db.resN'), G.t('db.median'), G.t('db.p90')],
      d.timings.map(t => [stName(t.stationId), G.t('kind.' + t.kind), num(t.acknowledge.count), min(t.acknowledge.medianMinutes), min(t.acknowledge.p90Minutes),
        num(t.resolve.count), min(t.resolve.medianMinutes), min(t.resolve.p90Minutes)]));
    $('#fbk').hidden = !d.station;
    $('#fbk-l').replaceChildren(...(feedback.length ? feedback : [null]).map(f => el('li', f
      ? { textContent: '★'.repeat(f.stars) + '☆'.repeat(5 - f.stars) + ' ' + Staff.when(f.at) + ' · ' + f.trackingCode + (f.comment ? ' · “' + f.comment + '”' : '') }
      : { className: 'muted', textContent: G.t('db.noFeedback') })));
  };
  const load = async () => {
    const q = new URLSearchParams({ from: $('#dfrom').value, to: $('#dto').value });
    if ($('#dst').value) q.set('station', $('#dst').value);
    try {
      const r = await Staff.api('/api/admin/dashboard?' + q);
      if (r.status === 401 || r.status === 403) return Staff.rejected();
      const j = await r.json();
      if (!r.ok) { $('#dperiod').textContent = j.detail || j.title || G.t('stf.netErr'); return; }
      data = j;
      feedback = [];
      if (j.station) {
        const f = await Staff.api('/api/admin/feedback?' + q);
        if (f.ok) feedback = await f.json();
      }
      render();
    } catch (e) { $('#dperiod').textContent = G.t('stf.netErr'); }
  };
  const setYear = y => { $('#dfrom').value = y + '-01-01'; $('#dto').value = y + '-12-31'; };
  window.Dash = {
    async start() {
      const sel = $('#fy');
      const now = new Date().getFullYear();
      for (let y = now; y > now - 3; y--) sel.append(el('option', { value: String(y), textContent: String(y) }));
      setYear(now);
      sel.addEventListener('change', () => { setYear(sel.value); load(); });
      $('#dashf').addEventListener('submit', e => { e.preventDefault(); load(); });
      $('#dprint').addEventListener('click', () => window.print());
      try {
        const r = await Staff.api('/api/stations');
        if (r.ok) for (const s of await r.json()) { names[s.id] = s.name; $('#dst').append(el('option', { value: s.id, textContent: G.n(s.name) })); }
      } catch (e) { /* ids stay */ }
      load();
    },
  };
  G.onLang(render);
})();
