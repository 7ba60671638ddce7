// The station inbox: newest first, lost persons on top, refreshed every 5 s.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  let alerts = [];
  let station = '';
  let at = null;
  let timer = 0;
  let stations = [];
  const stName = id => { const s = stations.find(x => x.id === id); return s ? G.n(s.name) : id; };
  const open = a => a.status !== 'resolved' && a.status !== 'closed';
  const rank = a => (a.kind === 'lost_person' && open(a) ? 0 : a.urgent && open(a) ? 1 : 2);
  const render = () => {
    $('#ib-h').textContent = G.t('stf.inbox') + ' · ' + stName(station);
    $('#upd').textContent = at ? G.t('stf.updated', { t: at.toLocaleTimeString(G.lang) }) : '';
    const list = $('#list');
    // Never close a station picker mid-choice; otherwise keep keyboard focus on the same control across refreshes.
    const active = list.contains(document.activeElement) ? document.activeElement : null;
    if (active && active.tagName === 'SELECT') return;
    const focusKey = active && active.dataset.k;
    list.textContent = '';
    if (!alerts.length) list.append(el('p', { className: 'card', textContent: G.t('stf.none') }));
    const sorted = [...alerts].sort((a, b) => rank(a) - rank(b) || b.submittedAt.localeCompare(a.submittedAt));
    for (const a of sorted) {
      const lp = a.kind === 'lost_person';
      const dl = el('dl', { className: 'kv' });
      const row = (k, v) => { if (v) dl.append(el('dt', { textContent: k }), el('dd', {}, v)); };
      row(G.t('st.place'), a.pointName || a.pointCode);
      row(G.t('st.submitted'), Staff.when(a.submittedAt));
      row(G.t('stf.desc'), a.description);
      for (const k in a.details || {}) {
        const v = a.details[k];
        const label = G.s['f.' + k] ? G.t('f.' + k) : k;
        const pre = { category: 'cat', whereNow: 'now', sex: 'sex', hazardType: 'hz', severity: 'sev' }[k];
        row(label, pre && G.s[pre + '.' + v] ? G.t(pre + '.' + v) : v);
      }
      const c = a.contact || {};
      if (c.phone) row(G.t('stf.phone'), el('a', { href: 'tel:' + c.phone, textContent: c.phone }));
      row(G.t('stf.reporter'), c.name);
      const btn = (label, step, done) => {
        const b = el('button', { type: 'button', className: 'secondary', textContent: label, disabled: done });
        b.dataset.k = a.trackingCode + ':' + step;
        b.addEventListener('click', () => act(a.trackingCode, step, b));
        return b;
      };
      const ack = a.status === 'acknowledged' || a.status === 'in_progress' || !open(a);
      if (a.reason === 'escalated') row(G.t('stf.why'), G.t('stf.escalated'));
      if (a.reason === 'routing_failed') row(G.t('stf.why'), G.t('stf.routingFailed'));
      if (a.transferredFrom) row(G.t('stf.why'), G.t('stf.from', { s: stName(a.transferredFrom) }));
      if (a.transferredTo) row(G.t('stf.handed'), stName(a.transferredTo));
      const pick = el('select', { 'aria-label': G.t('stf.transferTo') },
        el('option', { value: '', textContent: G.t('stf.transferTo') }),
        ...stations.filter(x => x.id !== station && !(a.stationIds || []).includes(x.id)).map(x => el('option', { value: x.id, textContent: G.n(x.name) })));
      pick.setAttribute('aria-label', G.t('stf.transferTo'));
      const move = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.transfer'), disabled: !open(a) });
      move.dataset.k = a.trackingCode + ':transfer';
      move.addEventListener('click', () => { if (pick.value) act(a.trackingCode, 'transfer', move, { toStationId: pick.value }); else pick.focus(); });
      list.append(el('article', { className: 'card alert' + (lp ? ' urgent' : '') },
        el('h2', {}, a.urgent ? el('span', { className: 'badge u', textContent: G.t('stf.urgent') }) : null,
          G.t('kind.' + a.kind), el('span', { className: 'badge', textContent: G.t('status.' + a.status) })),
        el('p', {}, el('a', { href: '/s/' + a.trackingCode, textContent: a.trackingCode })),
        dl,
        el('div', { className: 'row' }, btn(G.t('stf.ack'), 'ack', ack), btn(G.t('stf.start'), 'start', a.status === 'in_progress' || !open(a)), btn(G.t('stf.resolve'), 'resolve', !open(a))),
        open(a) ? el('div', { className: 'row' }, pick, move) : null));
    }
    const again = focusKey && [...list.querySelectorAll('[data-k]')].find(e => e.dataset.k === focusKey);
    if (again && !again.disabled) again.focus();
  };
  const act = async (code, step, b, body) => {
    b.disabled = true;
    try {
      const r = await Staff.api('/api/stations/' + encodeURIComponent(station) + '/alerts/' + encodeURIComponent(code) + '/' + step,
        { method: 'POST', body: body ? JSON.stringify(body) : undefined });
      if (r.status === 401 || r.status === 403) return Staff.rejected();
    } catch (e) { /* shown by the next refresh */ }
    load();
  };
  const load = async () => {
    clearTimeout(timer);
    try {
      const r = await Staff.api('/api/stations/' + encodeURIComponent(station) + '/alerts');
      if (r.status === 401 || r.status === 403) return Staff.rejected();
      if (r.ok) {
        const seen = new Set(alerts.map(a => a.trackingCode));
        const first = !at;
        alerts = await r.json();
        at = new Date();
        // Screen readers hear each new urgent alert once (not every refresh).
        const fresh = first ? [] : alerts.filter(a => a.urgent && open(a) && !seen.has(a.trackingCode));
        if (fresh.length) $('#news').textContent = fresh.map(a => G.t('stf.newUrgent', { k: G.t('kind.' + a.kind), p: a.pointName || a.pointCode || '' })).join('; ');
        render();
      }
    } catch (e) { $('#upd').textContent = G.t('stf.netErr'); }
    timer = setTimeout(load, 5000);
  };
  G.onLang(() => { if (station) render(); });
  Staff.init('station', async () => {
    station = Staff.token.split('.')[1];
    try { const r = await Staff.api('/api/stations'); if (r.ok) stations = await r.json(); } catch (e) { /* names fall back to ids */ }
    load();
  });
})();
