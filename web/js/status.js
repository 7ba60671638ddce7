// The status page /s/{code}: refreshes itself every 10 s and shows the timeline in the person's language.
(() => {
  'use strict';
  const $ = s => document.querySelector(s);
  const raw = (location.pathname.match(/^\/s\/([^/]+)/) || [])[1] || new URLSearchParams(location.search).get('code') || '';
  let code = raw;
  try { code = decodeURIComponent(raw); } catch (e) { /* a malformed link: look the raw text up, it will not be found */ }
  code = code.trim().toUpperCase();
  let data = null;
  let missing = false;
  const when = iso => new Date(iso).toLocaleString(G.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const render = () => {
    $('#msg').textContent = missing ? G.t('st.notFound') : $('#msg').dataset.err ? G.t('st.error') : '';
    if (!data) return;
    $('#view').hidden = false;
    $('#lookup').hidden = true;
    $('#code').textContent = data.trackingCode;
    $('#status').textContent = G.t('status.' + data.status);
    $('#kind').textContent = G.t('kind.' + data.kind);
    // A duplicate's code follows the report it was merged into.
    $('#merged').hidden = !data.mergedInto;
    $('#merged').textContent = data.mergedInto ? G.t('st.mergedTo', { c: data.mergedInto }) : '';
    // The station's words, in the reader's language when they have it, else the one they have (with its lang).
    const words = (p, n) => {
      [p.textContent, p.lang] = G.nl(n);
    };
    const replies = data.timeline.filter(e => e.note === 'reply' && e.text);
    const latest = replies[replies.length - 1];
    $('#reply').hidden = !latest;
    if (latest) {
      $('#reply-h').textContent = G.t('st.reply') + (latest.station ? ' · ' + G.n(latest.station) : '');
      words($('#reply-t'), latest.text);
    }
    // A lost person that reached the command tier: call 110 (both languages, in the page).
    $('#call110').hidden = !data.callPolice;
    // Always in Chinese and English (the page's own words); in the reader's language too when it is another.
    $('#call110-own').hidden = ['zh', 'en'].includes(G.lang.split('-')[0]);
    // The hand-over code only from this phone's own storage (the receipt kept it): the status answer never has it.
    let kept = null;
    try { kept = (JSON.parse(localStorage.getItem('gridaid.handover')) || {})[data.trackingCode]; } catch (e) { /* private mode */ }
    const showCode = !!(kept && kept.c) && data.kind === 'lost_person' && data.status !== 'resolved' && data.status !== 'closed';
    $('#hc').hidden = !showCode;
    $('#hc-code').textContent = showCode ? kept.c : '';
    // The station's closing note: in the reader's language when it has it, else the one it has (with its lang).
    const n = data.resolution;
    $('#note').hidden = !n;
    if (n) words($('#note-t'), n);
    // Once resolved: ask once for 1–5 stars (the form is static: a re-render only shows or hides it).
    $('#fb').hidden = !(data.askFeedback || data.feedback || $('#fb-msg').textContent);
    $('#fb-f').hidden = !data.askFeedback;
    $('#fb-done').hidden = !data.feedback;
    $('#fb-done').textContent = data.feedback ? G.t('fb.done', { n: data.feedback.stars }) : '';
    // A lost item whose found one a station confirmed: where to collect it, then when it was handed over.
    const c = data.collect;
    $('#collect').hidden = !c;
    if (c) {
      const handed = c.handedOverAt;
      const person = data.kind === 'lost_person';
      $('#collect-h').textContent = G.t(handed ? (person ? 'st.handedOverYou' : 'st.handedOver') : person ? 'st.collectPerson' : 'st.collect');
      const [where, whereLang] = G.nl(c.where);
      $('#collect-t').textContent = handed ? when(handed) + (c.handedOverBy ? ' · ' + G.n(c.handedOverBy) : '') : where;
      $('#collect-t').lang = handed ? G.lang : whereLang;
      $('#collect-s').textContent = handed ? '' : (c.station ? G.n(c.station) + ' · ' : '') + G.t(person ? 'st.bringCode' : 'st.bringId');
    }
    $('#place').textContent = data.point && data.point.name ? G.n(data.point.name) : (data.point && data.point.code) || '—';
    $('#stations').textContent = G.list((data.stations || []).map(s => G.n(s.name))) || '—';
    $('#at').textContent = when(data.submittedAt);
    const ol = $('#tl');
    ol.textContent = '';
    for (const e of [...data.timeline].reverse()) {
      const li = document.createElement('li');
      const t = document.createElement('time');
      t.dateTime = e.at;
      t.textContent = when(e.at);
      const what = G.step(e);
      li.append(t, what + (e.station ? ' · ' + G.n(e.station) : ''));
      if (e.note === 'reply' && e.text) { const p = document.createElement('p'); words(p, e.text); li.append(p); }
      ol.append(li);
    }
  };
  const load = async () => {
    try {
      // no-cache: revalidate with the ETag each time, so an unchanged status costs a bodiless 304.
      const r = await fetch('/api/reports/' + encodeURIComponent(code), { cache: 'no-cache' });
      if (r.status === 404) { missing = true; data = null; } else if (r.ok) { data = await r.json(); missing = false; delete $('#msg').dataset.err; } else throw new Error(r.status);
    } catch (e) { $('#msg').dataset.err = '1'; }
    render();
    if (!missing) setTimeout(load, 10000);
  };
  $('#fb-f').addEventListener('submit', async e => {
    e.preventDefault();
    const f = e.target;
    const b = f.querySelector('button');
    b.disabled = true;
    try {
      const r = await fetch('/api/reports/' + encodeURIComponent(code) + '/feedback', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': G.lang },
        body: JSON.stringify({ stars: Number(f.stars.value), comment: f.comment.value }),
      });
      const j = await r.json().catch(() => ({}));
      if (r.status === 201 || (r.status === 409 && j.stars)) {
        $('#fb-msg').textContent = G.t(r.status === 201 ? 'fb.thanks' : 'fb.already');
        data = { ...data, askFeedback: false, feedback: { stars: j.stars, at: j.at } };
      } else $('#fb-msg').textContent = j.detail || j.title || G.t('fb.invalid');
    } catch (x) { $('#fb-msg').textContent = G.t('st.error'); }
    b.disabled = false;
    render();
  });
  $('#lookup').hidden = !!data;
  G.onLang(render);
  if (code) { $('#c').value = code; G.ready.then(load); }
})();
