// QR posters for the admin: every QR point of the area as a printable poster (one per page).
// The search only narrows what is shown; printing prints every ticked poster.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  const zh = text => el('span', { lang: 'zh-CN', className: 'zh', textContent: text });
  const en = text => el('span', { lang: 'en', className: 'en', textContent: text });
  let posters = [];

  // What the QR codes hold (GridAid:PublicBaseUrl, from the server), written under them for those who cannot scan.
  let target = location.host;
  const shortUrl = code => target + '/r/' + encodeURIComponent(code);
  // A loopback or private base address (a local run) makes posters no tourist's phone can open: say so before printing.
  const checkTarget = async () => {
    try {
      const r = await Staff.api('/api/admin/poster-target');
      if (!r.ok) return;
      const t = await r.json();
      if (t.baseUrl) target = t.baseUrl.replace(/^https?:\/\//, '');
      const w = $('#pwarn');
      w.hidden = !t.private;
      w.dataset.url = t.baseUrl || '';
      w.textContent = G.t('pst.private', { url: t.baseUrl || '' });
    } catch (e) { /* no warning: the posters still show */ }
  };

  const poster = (p, station, area) => {
    const name = p.name || {};
    const sname = (station && station.name) || { zh: p.stationId, en: p.stationId };
    const box = el('input', { type: 'checkbox', checked: true });
    const art = el('article', { className: 'poster sel' },
      el('label', { className: 'pick' }, box, zh('打印'), ' ', en('Print'), el('span', { className: 'sr', textContent: ' ' + (name.zh || '') + ' ' + (name.en || '') })),
      area ? el('p', { className: 'p-area' }, zh(area.zh || ''), ' · ', en(area.en || '')) : null,
      el('h2', { className: 'p-name' }, zh(name.zh || p.code), en(name.en || '')),
      el('p', { className: 'p-cta' }, zh('扫码报告失物、走失、求助'), en('Scan to report lost items, missing people, hazards or ask for help')),
      el('img', { className: 'p-qr', src: '/api/points/' + encodeURIComponent(p.code) + '/qr.svg', width: 392, height: 392, alt: '二维码 QR code: ' + shortUrl(p.code) }),
      el('p', { className: 'p-url' }, zh('无法扫码？请打开'), ' ', en('Cannot scan? Open'), el('br'), el('strong', { lang: 'en', textContent: shortUrl(p.code) })),
      el('p', { className: 'p-to' }, zh('报告送达'), ' ', en('Reports go to'), el('br'), el('strong', {}, zh(sname.zh || ''), ' ', en(sname.en || ''))),
      el('p', { className: 'p-sos' }, zh('紧急情况请拨打'), ' ', en('Emergency'), ' ', el('strong', { textContent: '110' })));
    art.dataset.code = p.code;
    art.dataset.text = [p.code, name.zh, name.en, sname.zh, sname.en].join(' ').toLowerCase();
    box.addEventListener('change', () => { art.classList.toggle('sel', box.checked); count(); });
    return { art, box };
  };

  const count = () => {
    const shown = posters.filter(p => !p.art.classList.contains('out')).length;
    const sel = posters.filter(p => p.box.checked).length;
    $('#cnt').textContent = '已选 ' + sel + ' 张，显示 ' + shown + ' / ' + posters.length + ' · ' + sel + ' selected, ' + shown + ' of ' + posters.length + ' shown';
    $('#print').disabled = sel === 0;
  };

  const filter = () => {
    const words = $('#q').value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    for (const p of posters) p.art.classList.toggle('out', !words.every(w => p.art.dataset.text.includes(w)));
    count();
  };

  const select = on => { for (const p of posters) if (!on || !p.art.classList.contains('out')) { p.box.checked = on; p.art.classList.toggle('sel', on); } count(); };

  // The @page rule of posters.css, replaced through the CSSOM (the page runs no inline style).
  const paper = () => {
    const size = document.querySelector('input[name=paper]:checked').value;
    const sheet = [...document.styleSheets].find(s => s.href && new URL(s.href).pathname === '/css/posters.css');
    if (sheet) {
      const i = [...sheet.cssRules].findIndex(r => r instanceof CSSPageRule);
      if (i >= 0) sheet.deleteRule(i);
      sheet.insertRule('@page{size:' + size + ' portrait;margin:8mm}', sheet.cssRules.length);
    }
    document.body.dataset.paper = size;
  };

  // Only the last printed poster may end without a page break (no blank page at the end).
  const markLast = () => {
    const sel = posters.filter(p => p.box.checked);
    for (const p of posters) p.art.classList.toggle('last', p === sel[sel.length - 1]);
  };

  const load = async () => {
    const area = (Staff.token || '').split('.')[0];
    await checkTarget();
    try {
      // The stations call also proves the sign-in (points are public).
      const rs = await Staff.api('/api/stations');
      if (rs.status === 401 || rs.status === 403) return Staff.rejected();
      if (!rs.ok) throw new Error(rs.status);
      const stations = new Map((await rs.json()).map(s => [s.id, s]));
      const rp = await fetch('/api/points?area=' + encodeURIComponent(area));
      if (!rp.ok) throw new Error(rp.status);
      const points = await rp.json();
      let areaName = null;
      if (points.length) {
        const rd = await fetch('/api/points/' + encodeURIComponent(points[0].code));
        if (rd.ok) areaName = (await rd.json()).area.name;
      }
      posters = points.map(p => poster(p, stations.get(p.stationId), areaName));
      $('#posters').replaceChildren(...posters.map(p => p.art));
      filter();
    } catch (e) { $('#cnt').textContent = G.t('stf.netErr'); }
  };

  $('#q').addEventListener('input', filter);
  $('#all').addEventListener('click', () => select(true));
  $('#none').addEventListener('click', () => select(false));
  document.querySelectorAll('input[name=paper]').forEach(r => r.addEventListener('change', paper));
  $('#pf').addEventListener('submit', e => { e.preventDefault(); markLast(); window.print(); });
  window.addEventListener('beforeprint', markLast);
  paper();
  G.onLang(() => { const w = $('#pwarn'); if (w.dataset.url) w.textContent = G.t('pst.private', { url: w.dataset.url }); });
  Staff.init('admin', load);
})();
