// One report for the area's admin (/admin/report.html?code=…): its facts, personal data, every alerted station's
// state, its photos (fetched with the credential) and the timeline; "delete personal data" calls the redact route. Reading it is audited on the server.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  const code = new URLSearchParams(location.search).get('code') || '';
  let data = null;
  const list = (dl, rows) => {
    dl.textContent = '';
    for (const [k, v] of rows) if (v) dl.append(el('dt', { textContent: k }), el('dd', { textContent: v }));
  };
  const render = () => {
    if (!data) return;
    const r = data.report;
    $('#rp').hidden = false;
    $('#rp-code').textContent = r.trackingCode;
    $('#rp-status').textContent = G.t('status.' + r.status);
    const station = id => { const a = data.alerts.find(x => x.stationId === id); return a && a.station ? G.n(a.station) : id; };
    list($('#rp-facts'), [
      [G.t('adm.kind'), G.t('kind.' + r.kind)],
      [G.t('adm.place'), data.point ? G.n(data.point) : r.pointCode || '—'],
      [G.t('st.stations'), G.list(r.stationIds.map(station))],
      [G.t('adm.time'), Staff.when(r.submittedAt)],
      r.match ? [G.t('adm.matched'), r.match.with + ' · ' + station(r.match.stationId)] : null,
    ].filter(Boolean));
    const c = r.contact || {};
    const rows = [[G.t('stf.phone'), c.phone], [G.t('adm.contactName'), c.name], [G.t('f.description'), r.description]];
    // A choice reads as its words (the form's own strings), free text as typed.
    const CHOICES = { category: 'cat.', hazardType: 'hz.', sex: 'sex.', whereNow: 'now.', severity: 'sev.' };
    const said = (k, v) => (CHOICES[k] && G.s[CHOICES[k] + v] !== undefined ? G.t(CHOICES[k] + v) : v);
    for (const k in r.details || {}) rows.push([G.t('f.' + k), said(k, r.details[k])]);
    // The hand-over record (personal data: deleting it goes with the rest).
    const ho = r.handover;
    if (ho) rows.push([G.t('adm.handover'), ho.claimantName + ' · …' + ho.phoneLast4 + ' · ' + station(ho.stationId) + ' · ' + Staff.when(ho.at)]);
    list($('#pd'), rows);
    $('#pd-photos').replaceChildren(...[Staff.photos(data.photos)].filter(Boolean));
    $('#pd-none').hidden = !data.redacted;
    $('#redact').hidden = data.redacted;
    const tb = $('#al');
    tb.textContent = '';
    const h = [...document.querySelectorAll('#alerts thead th')].map(th => th.textContent.split(' · ')[0]);
    const td = (i, text) => { const d = el('td', { textContent: text || '—' }); d.dataset.label = h[i]; return d; };
    for (const a of data.alerts) {
      const moved = a.transferredTo ? '→ ' + station(a.transferredTo) : a.transferredFrom ? '← ' + station(a.transferredFrom) : '';
      tb.append(el('tr', {}, td(0, a.station ? G.n(a.station) : a.stationId), td(1, a.status ? G.t('status.' + a.status) : ''),
        td(2, Staff.when(a.routedAt)), td(3, Staff.when(a.acknowledgedAt)), td(4, Staff.when(a.resolvedAt)), td(5, moved)));
    }
    const ol = $('#tl');
    ol.textContent = '';
    for (const { view: e, text } of [...data.timeline].reverse()) {
      const what = G.step(e);
      const li = el('li', {}, el('time', { dateTime: e.at, textContent: Staff.when(e.at) }), what + (e.station ? ' · ' + G.n(e.station) : ''));
      if (text) li.append(el('p', { className: 'muted', textContent: [text.zh, text.en].filter(Boolean).join(' · ') }));
      ol.append(li);
    }
  };
  const load = async () => {
    try {
      const r = await Staff.api('/api/admin/reports/' + encodeURIComponent(code));
      if (r.status === 401 || r.status === 403) return Staff.rejected();
      if (r.status === 404) { $('#rpMsg').textContent = G.t('st.notFound'); return; }
      if (!r.ok) throw new Error(r.status);
      data = await r.json();
      $('#rpMsg').textContent = '';
      render();
    } catch (e) { $('#rpMsg').textContent = G.t('stf.netErr'); }
  };
  $('#redact').addEventListener('click', async () => {
    if (!confirm(G.t('adm.redactConfirm'))) return;
    const msg = $('#redactMsg');
    try {
      const r = await Staff.api('/api/admin/reports/' + encodeURIComponent(code) + '/redact', { method: 'POST' });
      if (r.status === 401 || r.status === 403) return Staff.rejected();
      if (!r.ok) throw new Error(r.status);
      await load();
      msg.className = '';
      msg.textContent = G.t('adm.redactDone');
    } catch (e) { msg.className = 'err'; msg.textContent = G.t('stf.netErr'); }
  });
  G.onLang(render);
  Staff.init('admin', load);
})();
