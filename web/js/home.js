// The landing page: search a place to report from.
(() => {
  'use strict';
  const $ = s => document.querySelector(s);
  let points = [];
  const render = () => {
    const q = $('#q').value.trim().toLowerCase();
    const ul = $('#places');
    ul.textContent = '';
    if (!q) return;
    for (const p of points.filter(p => (p.name.zh + ' ' + p.name.en + ' ' + p.code).toLowerCase().includes(q))) {
      const a = document.createElement('a');
      a.href = '/r/' + encodeURIComponent(p.code);
      a.className = 'secondary btn';
      a.textContent = p.name.zh + ' · ' + p.name.en;
      const li = document.createElement('li');
      li.append(a);
      ul.append(li);
    }
  };
  $('#q').addEventListener('input', render);
  fetch('/api/points').then(r => r.ok ? r.json() : []).then(j => { points = j; render(); }).catch(() => {});
})();
