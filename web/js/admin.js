// The admin table: every report of the area, filtered by kind, status and station, "load more" paging.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  let items = [];
  let next = null;
  const render = () => {
    const tb = $('#rows');
    tb.textContent = '';
    for (const r of items) {
      tb.append(el('tr', {},
        el('td', { textContent: Staff.when(r.submittedAt) }),
        el('td', {}, el('a', { href: '/s/' + r.trackingCode, textContent: r.trackingCode })),
        el('td', { textContent: G.t('kind.' + r.kind) }),
        el('td', { textContent: G.t('status.' + r.status) }),
        el('td', { textContent: r.pointCode || '' }),
        el('td', { textContent: (r.stationIds || []).join(', ') }),
        el('td', { textContent: (r.contact && r.contact.phone) || '' })));
    }
    $('#cnt').textContent = G.t('adm.count', { n: items.length });
    $('#more').hidden = !next;
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
      for (const s of await r.json()) sel.append(el('option', { value: s.id, textContent: G.n(s.name) + ' (' + s.id + ')' }));
    } catch (e) { /* filter by station stays "all" */ }
  };
  $('#filters').addEventListener('submit', e => { e.preventDefault(); load(false); });
  $('#more').addEventListener('click', () => load(true));
  G.onLang(() => { if (Staff.token) render(); });
  Staff.init(() => 'admin', () => { stations(); load(false); });
})();
