// The admin page's operations cards: messages that failed every delivery (with a re-drive button), the devices signed in
// (with a revoke button) and the audit of admin actions, naming stations and points as people read them.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  const label = (prefix, key) => { const k = prefix + key; const t = G.t(k); return t === k ? key : t; };
  // Names from admin.js (the area's stations and points); ids until they load.
  let nameOf = (kind, id) => id || '';
  const who = p => (p === 'admin' ? G.t('adm.adminWho') : nameOf('station', p));
  // What a route's ids name: a station (and a device's principal), a QR point, else the id as it is.
  const POINT_ACTIONS = ['PutPoint', 'DeletePoint'];
  const STATION_ACTIONS = ['PutStation', 'DeleteStation', 'NewStationAccessCode'];
  const target = a => Object.keys(a.target || {}).map(k => {
    const v = a.target[k];
    if (k === 'stationId' || (k === 'id' && STATION_ACTIONS.includes(a.action))) return nameOf('station', v);
    if (k === 'code' && POINT_ACTIONS.includes(a.action)) return nameOf('point', v);
    return v;
  }).join(', ');
  let audit = [];

  const loadFailed = async () => {
    const list = $('#failed');
    try {
      const r = await Staff.api('/api/admin/failed');
      if (!r.ok) throw new Error(r.status);
      const { items } = await r.json();
      list.textContent = '';
      $('#failedNone').hidden = items.length > 0;
      for (const m of items) {
        const btn = el('button', { type: 'button', className: 'secondary', textContent: G.t('adm.redrive') });
        btn.addEventListener('click', async () => {
          btn.disabled = true;
          const res = await Staff.api('/api/admin/failed/' + encodeURIComponent(m.queue) + '/' + encodeURIComponent(m.id) + '/redrive', { method: 'POST' });
          $('#opsMsg').textContent = res.ok ? G.t('adm.redriven', { c: m.trackingCode || m.id }) : G.t('stf.netErr');
          await loadFailed();
          await loadAudit();
        });
        list.append(el('li', {},
          el('strong', { textContent: m.trackingCode || '—' }), ' · ', Staff.when(m.recordedAt), ' · ', label('adm.queue.', m.queue),
          m.error ? el('div', { className: 'muted', textContent: m.error }) : null, btn));
      }
    } catch (e) { $('#opsMsg').textContent = G.t('stf.netErr'); }
  };

  // Channel messages (WeCom, DingTalk, webhooks) that failed every attempt: the station's group did not hear of the alert.
  const loadFailedDeliveries = async () => {
    const list = $('#fdel');
    try {
      const r = await Staff.api('/api/admin/deliveries/failed');
      if (!r.ok) throw new Error(r.status);
      const items = await r.json();
      list.textContent = '';
      $('#fdelNone').hidden = items.length > 0;
      for (const x of items) {
        list.append(el('li', {}, el('strong', { textContent: x.trackingCode }), ' · ', Staff.when(x.updatedAt), ' · ', x.stationId, ' · ',
          G.t('ch.t.' + x.channelType) + ' #' + (x.channelIndex + 1), el('div', { className: 'muted', textContent: G.t('ch.step.' + x.step) + ' · ' + (x.error || '') })));
      }
    } catch (e) { $('#opsMsg').textContent = G.t('stf.netErr'); }
  };

  const loadAudit = async () => {
    const tb = $('#audit');
    try {
      const r = await Staff.api('/api/admin/audit?pageSize=50');
      if (!r.ok) throw new Error(r.status);
      audit = (await r.json()).items;
      renderAudit();
    } catch (e) { $('#opsMsg').textContent = G.t('stf.netErr'); }
  };
  const renderAudit = () => {
    const tb = $('#audit');
    tb.textContent = '';
    $('#auditNone').hidden = audit.length > 0;
    const td = Staff.cellsOf(tb.closest('table'));
    for (const a of audit) {
      tb.append(el('tr', {},
        td(0, { className: 'nowrap', textContent: Staff.when(a.at) }),
        td(1, { textContent: who(a.principal) }),
        td(2, { textContent: label('audit.', a.action) }),
        td(3, { textContent: target(a) }),
        td(4, { textContent: String(a.status) })));
    }
  };

  let devices = [];
  const loadDevices = async () => {
    try {
      const r = await Staff.api('/api/admin/devices');
      if (!r.ok) throw new Error(r.status);
      devices = (await r.json()).items;
      renderDevices();
    } catch (e) { $('#opsMsg').textContent = G.t('stf.netErr'); }
  };
  const renderDevices = () => {
    const tb = $('#devices');
    tb.textContent = '';
    $('#devicesNone').hidden = devices.length > 0;
    const td = Staff.cellsOf(tb.closest('table'));
    for (const d of devices) {
      const btn = el('button', { type: 'button', className: 'secondary', textContent: G.t('adm.revoke') });
      btn.dataset.device = d.id;
      btn.addEventListener('click', async () => {
        btn.disabled = true;
        const res = await Staff.api('/api/admin/devices/' + encodeURIComponent(d.id), { method: 'DELETE' });
        $('#opsMsg').textContent = res.ok || res.status === 404 ? G.t('adm.revoked', { x: who(d.principal) + (d.label ? ' · ' + d.label : '') }) : G.t('stf.netErr');
        // Revoking the admin's own sign-in on this device ends this page's too.
        if (res.status === 401) return Staff.rejected();
        await loadDevices();
        await loadAudit();
      });
      tb.append(el('tr', {},
        td(0, { textContent: who(d.principal) }),
        td(1, { textContent: d.label || '' }),
        td(2, { className: 'nowrap', textContent: Staff.when(d.issuedAt) }),
        td(3, { className: 'nowrap', textContent: Staff.when(d.expiresAt) }),
        td(4, {}, btn)));
    }
  };

  // The area's found items in custody, nearest deadline first (then the ones that left custody).
  let custody = [];
  const day = iso => new Date(iso).toLocaleDateString(G.lang, { year: 'numeric', month: 'short', day: 'numeric' });
  const loadCustody = async () => {
    try {
      const r = await Staff.api('/api/admin/custody');
      if (!r.ok) throw new Error(r.status);
      custody = await r.json();
      renderCustody();
    } catch (e) { $('#opsMsg').textContent = G.t('stf.netErr'); }
  };
  const renderCustody = () => {
    const tb = $('#custodyRows');
    tb.textContent = '';
    $('#custodyNone').hidden = custody.length > 0;
    const td = Staff.cellsOf(tb.closest('table'));
    for (const i of custody.slice(0, 100)) {
      const state = i.held ? ((i.remindersSent || []).length ? G.t('cu.reminder', { d: day(i.deadline) }) : G.t('cu.left', { n: Math.max(0, Math.ceil((Date.parse(i.deadline) - Date.now()) / 86400000)) }))
        : G.t('cu.to.' + i.release.to) + (i.release.note ? ' · ' + i.release.note : '');
      const tr = el('tr', { className: i.held && (i.remindersSent || []).length ? 'near' : '' },
        td(0, { className: 'nowrap', textContent: day(i.deadline) }),
        td(1, {}, el('a', { href: '/admin/report.html?code=' + encodeURIComponent(i.trackingCode), textContent: i.trackingCode })),
        td(2, { textContent: nameOf('station', i.stationId) }),
        td(3, { textContent: i.storage }),
        td(4, { textContent: [i.category ? label('cat.', i.category) : '', i.colour].filter(Boolean).join(' · ') }),
        td(5, { textContent: state }));
      tb.append(tr);
    }
  };

  // admin.js signs in and calls this once the admin is in (and again when the language changes).
  window.AdminOps = {
    load() { loadFailed(); loadFailedDeliveries(); loadDevices(); loadAudit(); loadCustody(); },
    /** Called by admin.js once the stations' and points' names are in. */
    names(fn) { nameOf = fn; renderAudit(); renderDevices(); renderCustody(); },
  };
})();
