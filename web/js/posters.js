// QR posters for the admin: every QR point of the area as a printable poster (one per page).
// The search only narrows what is shown; printing prints every ticked poster.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  let posters = [];
  let data = null;

  // A poster speaks Chinese first (large), then the reader's language and English (smaller): every text from the
  // staff strings of each language (/i18n/staff.{lang}.json), a place's name from its map where it has that language.
  let langs = ['zh-CN', 'en'];
  const strings = {};
  const useLangs = async () => {
    langs = [...new Set(['zh-CN', G.lang, 'en'])];
    await Promise.all(langs.filter(c => !strings[c]).map(async c => {
      try { const r = await fetch('/i18n/staff.' + c + '.json'); strings[c] = r.ok ? await r.json() : {}; } catch (e) { strings[c] = {}; }
    }));
  };
  const say = (c, key) => (strings[c] && strings[c][key]) || G.t(key);
  const span = (c, text) => el('span', { lang: c, className: c === 'zh-CN' ? 'zh' : 'en', textContent: text });
  const words = (key, sep) => langs.flatMap((c, i) => (i && sep ? [sep, span(c, say(c, key))] : [span(c, say(c, key))]));
  const key = c => c.split('-')[0].toLowerCase();
  // A name in each poster language it has (no language repeats another's words: a name without Korean is not written twice).
  const names = (name, sep) => {
    const seen = new Set();
    return langs.map(c => [c, name && name[key(c)]]).filter(([, t]) => t && !seen.has(t) && seen.add(t))
      .flatMap(([c, t], i) => (i && sep ? [sep, span(c, t)] : [span(c, t)]));
  };

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
    const sname = (station && station.name) || { zh: p.stationId };
    const box = el('input', { type: 'checkbox', checked: true });
    const art = el('article', { className: 'poster sel' },
      el('label', { className: 'pick' }, box, G.t('pst.print'), el('span', { className: 'sr', textContent: ' ' + Object.values(name).join(' ') })),
      area ? el('p', { className: 'p-area' }, ...names(area, ' · ')) : null,
      el('h2', { className: 'p-name' }, ...(names(name).length ? names(name) : [span('zh-CN', p.code)])),
      el('p', { className: 'p-cta' }, ...words('pst.cta')),
      el('img', { className: 'p-qr', src: '/api/points/' + encodeURIComponent(p.code) + '/qr.svg', width: 392, height: 392, alt: langs.map(c => say(c, 'pst.qr')).join(' ') + ': ' + shortUrl(p.code) }),
      el('p', { className: 'p-url' }, ...words('pst.cannotScan', ' '), el('br'), el('strong', { lang: 'en', textContent: shortUrl(p.code) })),
      el('p', { className: 'p-to' }, ...words('pst.reportsTo', ' '), el('br'), el('strong', {}, ...names(sname, ' '))),
      el('p', { className: 'p-sos' }, ...words('pst.emergency', ' '), ' ', el('strong', { textContent: '110' })));
    art.dataset.code = p.code;
    art.dataset.text = [p.code, ...Object.values(name), ...Object.values(sname)].join(' ').toLowerCase();
    box.addEventListener('change', () => { art.classList.toggle('sel', box.checked); count(); });
    return { art, box };
  };

  const count = () => {
    const shown = posters.filter(p => !p.art.classList.contains('out')).length;
    const sel = posters.filter(p => p.box.checked).length;
    $('#cnt').textContent = G.t('pst.count', { sel, shown, all: posters.length });
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
      data = { points, stations, areaName };
      await render();
    } catch (e) { $('#cnt').textContent = G.t('stf.netErr'); }
  };

  // Drawn again in a new language; the ticks stay.
  const render = async () => {
    if (!data) return;
    await useLangs();
    const unticked = new Set(posters.filter(p => !p.box.checked).map(p => p.art.dataset.code));
    posters = data.points.map(p => poster(p, data.stations.get(p.stationId), data.areaName));
    for (const p of posters) if (unticked.has(p.art.dataset.code)) { p.box.checked = false; p.art.classList.remove('sel'); }
    $('#posters').replaceChildren(...posters.map(p => p.art));
    filter();
  };

  $('#q').addEventListener('input', filter);
  $('#all').addEventListener('click', () => select(true));
  $('#none').addEventListener('click', () => select(false));
  document.querySelectorAll('input[name=paper]').forEach(r => r.addEventListener('change', paper));
  $('#pf').addEventListener('submit', e => { e.preventDefault(); markLast(); window.print(); });
  window.addEventListener('beforeprint', markLast);
  paper();
  G.onLang(() => { const w = $('#pwarn'); if (w.dataset.url) w.textContent = G.t('pst.private', { url: w.dataset.url }); render(); });
  Staff.init('admin', load);
})();
