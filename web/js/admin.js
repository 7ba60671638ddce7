// The admin table: every report of the area, filtered by kind, status and station, "load more" paging.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  let items = [];
  let next = null;
  // Names, not ids, wherever a person reads them: the area's stations and QR points, each in the page's language.
  const names = { station: {}, point: {} };
  const nameOf = (kind, id) => (names[kind][id] ? G.n(names[kind][id]) : id || '');
  const render = () => {
    const tb = $('#rows');
    tb.textContent = '';
    // At phone width each row is a card, every cell labelled with its column.
    const td = Staff.cellsOf($('#reports'));
    for (const r of items) {
      tb.append(el('tr', {},
        td(0, { className: 'nowrap', textContent: Staff.when(r.submittedAt) }),
        td(1, { className: 'nowrap' }, el('a', { href: '/admin/report.html?code=' + encodeURIComponent(r.trackingCode), textContent: r.trackingCode })),
        td(2, { textContent: G.t('kind.' + r.kind) }),
        td(3, { textContent: G.t('status.' + r.status) + ((r.timeline || []).some(t => t.note === 'flood_collapsed') ? ' · ' + G.t('adm.flood') : '') }),
        td(4, { textContent: nameOf('point', r.pointCode) }),
        td(5, { textContent: G.list((r.stationIds || []).map(id => nameOf('station', id))) }),
        td(6, { className: 'nowrap', textContent: (r.contact && r.contact.phone) || '' })));
    }
    $('#cnt').textContent = G.t('adm.count', { n: items.length });
    $('#more').hidden = !next;
  };
  const points = async () => {
    try {
      const r = await fetch('/api/points?area=' + encodeURIComponent(Staff.token.split('.')[0]));
      if (r.ok) for (const p of await r.json()) names.point[p.code] = p.name;
      render();
      AdminOps.names(nameOf);
    } catch (e) { /* the codes stay */ }
  };
  const load = async more => {
    const f = $('#filters');
    const q = new URLSearchParams({ pageSize: '50' });
    for (const k of ['kind', 'status', 'station']) if (f[k].value) q.set(k, f[k].value);
    if (more && next) q.set('continuation', next);
    try {
      const r = await Staff.api('/api/admin/reports?' + q);
      if (r.status === 401 || r.status === 403) return Staff.rejected();
      if (!r.ok) throw new Error(r.status);
      const j = await r.json();
      items = more ? items.concat(j.items) : j.items;
      next = j.continuationToken || null;
      render();
    } catch (e) { $('#cnt').textContent = G.t('stf.netErr'); }
  };
  const stations = async () => {
    try {
      const r = await Staff.api('/api/stations');
      const sel = $('#fst');
      for (const s of await r.json()) {
        names.station[s.id] = s.name;
        sel.append(el('option', { value: s.id, textContent: G.n(s.name) }));
      }
      render();
      AdminOps.names(nameOf);
    } catch (e) { /* filter by station stays "all" */ }
  };
  // The year the CSV export takes: the dashboard's year (web/js/dashboard.js fills the list).
  // Export what the filters select, as CSV (the credential goes in a header, so fetch, then save the file).
  $('#csv').addEventListener('click', async () => {
    const f = $('#filters');
    // The year shown in the figures, and the table's filters.
    const q = new URLSearchParams({ year: $('#fy').value });
    for (const k of ['kind', 'status', 'station']) if (f[k].value) q.set(k, f[k].value);
    try {
      const r = await Staff.api('/api/admin/reports.csv?' + q);
      if (!r.ok) throw new Error(r.status);
      const url = URL.createObjectURL(await r.blob());
      const a = el('a', { href: url, download: 'gridaid-reports-' + $('#fy').value + '.csv' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) { $('#csvErr').textContent = G.t('stf.netErr'); }
  });
  $('#filters').addEventListener('submit', e => { e.preventDefault(); load(false); });
  $('#more').addEventListener('click', () => load(true));
  G.onLang(() => { if (Staff.token) { render(); AdminOps.load(); } });
  Staff.init('admin', () => { stations(); points(); load(false); AdminOps.load(); Dash.start(names); });
})();
