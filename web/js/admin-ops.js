// The admin page's operations cards: messages that failed every delivery (with a re-drive button) and the audit of admin actions.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  const label = (prefix, key) => { const k = prefix + key; const t = G.t(k); return t === k ? key : t; };
  const target = t => Object.keys(t || {}).map(k => t[k]).join(', ');

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
      const { items } = await r.json();
      tb.textContent = '';
      $('#auditNone').hidden = items.length > 0;
      for (const a of items) {
        tb.append(el('tr', {},
          el('td', { textContent: Staff.when(a.at) }),
          el('td', { textContent: a.principal }),
          el('td', { textContent: label('audit.', a.action) }),
          el('td', { textContent: target(a.target) }),
          el('td', { textContent: String(a.status) })));
      }
    } catch (e) { $('#opsMsg').textContent = G.t('stf.netErr'); }
  };

  // admin.js signs in and calls this once the admin is in (and again when the language changes).
  window.AdminOps = { load() { loadFailed(); loadFailedDeliveries(); loadAudit(); } };
})();
