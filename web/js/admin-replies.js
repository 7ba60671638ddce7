// The admin's canned replies: per kind of report, each in Chinese and English (required) and in every other listed
// language (optional: a reader without it gets English) (GET/PUT /api/admin/canned-replies).
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  const KINDS = ['lost_item', 'found_item', 'lost_person', 'found_person', 'help', 'hazard', 'tip'];
  let list = [];
  let n = 0;
  // The listed languages (languages.json), each named in its own words; Chinese and English until the list arrives.
  let langs = [{ code: 'zh-CN', name: 'zh-CN' }, { code: 'en', name: 'en' }];
  const listed = fetch('/i18n/languages.json').then(r => (r.ok ? r.json() : null)).then(j => { if (j && j.languages) langs = j.languages; }).catch(() => {});
  const key = code => code.split('-')[0].toLowerCase();
  const row = c => {
    const i = ++n;
    const fields = langs.flatMap(l => {
      const k = key(l.code);
      const area = el('textarea', { id: k + '-' + i, rows: 2, maxLength: 300, value: c.text[k] || '', lang: l.code });
      area.addEventListener('input', () => { c.text[k] = area.value; });
      return [el('label', { htmlFor: area.id, textContent: l.name }), area];
    });
    const rm = el('button', { type: 'button', className: 'secondary', textContent: G.t('adm.remove') });
    rm.addEventListener('click', () => { list = list.filter(x => x !== c); render(); });
    return el('div', { className: 'card' }, ...fields, rm);
  };
  const render = () => {
    const box = $('#kinds');
    box.textContent = '';
    for (const k of KINDS) {
      const add = el('button', { type: 'button', className: 'secondary', textContent: G.t('adm.add') });
      add.dataset.kind = k;
      add.addEventListener('click', () => { list.push({ id: k.replace('_', '-') + '-' + Date.now().toString(36), kind: k, text: { zh: '', en: '' } }); render(); });
      box.append(el('fieldset', { className: 'card' }, el('legend', { textContent: G.t('kind.' + k) }), ...list.filter(c => c.kind === k).map(row), add));
    }
  };
  const load = async () => {
    const r = await Staff.api('/api/admin/canned-replies');
    if (r.status === 401 || r.status === 403) return Staff.rejected();
    const d = await r.json();
    list = d.replies;
    await listed;
    $('#def').hidden = !d.isDefault;
    render();
  };
  G.onLang(() => { if (list.length) render(); });
  let started = false;
  Staff.init('admin', () => {
    // Once: the sign-in may show the page twice (the strings and the form race), and a second load would drop edits.
    if (started) return;
    started = true;
    $('#cf').addEventListener('submit', async e => {
      e.preventDefault();
      const body = { replies: list.map(c => ({ ...c.text, id: c.id, kind: c.kind })) };
      const r = await Staff.api('/api/admin/canned-replies', { method: 'PUT', body: JSON.stringify(body) });
      const d = await r.json().catch(() => ({}));
      $('#cmsg').className = r.ok ? 'ok' : 'err';
      $('#cmsg').textContent = r.ok ? G.t('adm.saved') : Object.values(d.errors || {}).flat()[0] || d.title || '';
      if (r.ok) { list = d.replies; $('#def').hidden = true; render(); }
    });
    load();
  });
})();
