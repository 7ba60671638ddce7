// The admin's directory: the area's name and duty station, the admin's own new access code, and the area's stations,
// grid cells, QR points and small venues, each added, edited or deleted, with new station access codes, and each venue
// type's checklist.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  let d = null; // { area, stations, cells, points }
  let areaShown = false; // the area form holds what was loaded (refilled after its own save only, so typing is never lost)
  const say = text => { $('#msg').textContent = text; };
  // A refusal's title, in the reader's language (the call asks for it with ?lang=).
  const problem = j => (j && (j.title || G.n(j.titles))) || G.t('stf.netErr');
  // Names in every listed language: Chinese and English are in the page (both required); each other listed language
  // (languages.json) gets a field of its own in every name form, and a column of its own in a checklist's lines.
  let others = [];
  let all = [];
  const listed = fetch('/i18n/languages.json').then(r => (r.ok ? r.json() : null)).then(j => {
    all = (j && j.languages) || [];
    others = all.map(l => ({ key: l.code.split('-')[0].toLowerCase(), name: l.name })).filter(l => l.key !== 'zh' && l.key !== 'en');
    for (const f of document.querySelectorAll('form')) {
      const en = f.elements.en;
      if (!en || !f.elements.zh) continue;
      let after = en.closest('.fld');
      for (const l of others) {
        const id = en.id.replace(/-en$/, '-' + l.key);
        const box = el('div', { className: 'fld' }, el('label', { htmlFor: id }, el('span', { className: 'lname', textContent: G.t('dir.nameIn', { lang: l.name }) })),
          el('input', { id, name: l.key, maxLength: 60, lang: l.key }), el('p', { className: 'err' }));
        box.dataset.f = 'name.' + l.key;
        box.dataset.lang = l.name;
        after.after(box);
        after = box;
      }
    }
    showChecklist();
  }).catch(() => {});
  G.onLang(() => document.querySelectorAll('[data-lang] .lname').forEach(s => { s.textContent = G.t('dir.nameIn', { lang: s.closest('[data-lang]').dataset.lang }); }));
  const setName = (f, n) => {
    f.zh.value = n.zh || ''; f.en.value = n.en || '';
    for (const l of others) if (f.elements[l.key]) f.elements[l.key].value = n[l.key] || '';
  };
  const label = x => G.n(x.name) + ' (' + (x.id || x.code) + ')';
  const call = async (method, path, body) => {
    const r = await Staff.api('/api/admin/' + path + '?lang=' + encodeURIComponent(G.lang), { method, body: body ? JSON.stringify(body) : undefined });
    if (r.status === 401 || r.status === 403) { Staff.rejected(); throw new Error('auth'); }
    const j = r.status === 204 ? null : await r.json().catch(() => null);
    return { ok: r.ok, status: r.status, j };
  };
  const load = async () => {
    try {
      const r = await call('GET', 'directory');
      if (!r.ok) throw new Error(r.status);
      d = r.j;
      if (!areaShown) { await listed; setName($('#af'), d.area.name); areaShown = true; }
      render();
    } catch (e) { if (e.message !== 'auth') say(G.t('stf.netErr')); }
  };

  // One list item: the name, a line of facts, and its buttons.
  const item = (x, facts, acts) => el('li', {}, el('strong', { textContent: label(x) }), el('p', { className: 'muted', textContent: facts }),
    el('div', { className: 'acts' }, ...acts.map(([k, fn, cls]) => el('button', { type: 'button', className: 'secondary ' + (cls || ''), textContent: G.t(k), onclick: e => fn(e.currentTarget) }))));
  const names = (ids, find) => ids.map(id => { const x = find(id); return x ? G.n(x.name) : id; }).join(', ');
  const station = id => d.stations.find(s => s.id === id);
  const cell = id => d.cells.find(c => c.id === id);
  const render = () => {
    if (!d) return;
    $('#an').textContent = G.n(d.area.name);
    const sl = $('#sl'); sl.textContent = '';
    for (const s of d.stations) {
      const facts = [G.t('dir.t.' + s.type), s.phone, s.id === d.area.defaultStationId ? G.t('dir.default') : null, s.command ? G.t('dir.commandTag') : null].filter(Boolean).join(' · ');
      sl.append(item(s, facts, [['dir.edit', () => editStation(s)], ['ch.open', () => openChannels(s)], ['dir.newCode', b => newCode(s, b)], ['dir.del', b => del('stations/' + s.id, s, b), 'del']]));
    }
    const cl = $('#cl'); cl.textContent = '';
    for (const c of d.cells) cl.append(item(c, names(c.stationIds, station), [['dir.edit', () => editCell(c)], ['dir.del', b => del('cells/' + c.id, c, b), 'del']]));
    const pl = $('#pl'); pl.textContent = '';
    for (const p of d.points) pl.append(item(p, names([p.gridCellId], cell), [['dir.edit', () => editPoint(p)], ['dir.del', b => del('points/' + p.code, p, b), 'del']]));
    // The cell form's choices and the point form's cells, keeping what is ticked.
    const ticks = (box, name, list) => {
      const on = new Set([...box.querySelectorAll('input:checked')].map(i => i.value));
      box.textContent = '';
      for (const x of list) box.append(el('label', { className: 'chip' }, el('input', { type: 'checkbox', name, value: x.id, checked: on.has(x.id) }), label(x)));
    };
    ticks($('#c-st'), 'st', d.stations);
    ticks($('#c-nb'), 'nb', d.cells);
    const options = (sel, list, fallback) => {
      const was = sel.value || fallback; sel.textContent = '';
      for (const x of list) sel.append(el('option', { value: x.id, textContent: label(x) }));
      if (was) sel.value = was;
    };
    const vl = $('#vl'); vl.textContent = '';
    const typeName = t => { const x = d.venueTypes.find(v => v.type === t); return x ? G.n(x.name) : t; };
    for (const v of d.venues) {
      vl.append(item(v, [typeName(v.type), names([v.gridCellId], cell), names([v.stationId], station), v.contact].filter(Boolean).join(' · '),
        [['dir.edit', () => editVenue(v)], ['dir.del', b => del('venues/' + v.id, v, b), 'del']]));
    }
    options($('#p-cell'), d.cells);
    options($('#v-cell'), d.cells);
    options($('#v-st'), d.stations);
    const types = d.venueTypes.map(t => ({ id: t.type, name: t.name }));
    options($('#v-type'), types);
    const kt = $('#k-type');
    const wasType = kt.value;
    options(kt, types);
    if (!wasType) showChecklist();
    options($('#a-duty'), d.stations, d.area.defaultStationId);
  };

  // Forms: fill for editing (the id is then fixed), send as PUT, show field errors next to their fields.
  const fill = (f, x) => {
    f.reset();
    f.id.value = x.id || x.code; f.id.readOnly = true;
    setName(f, x.name);
    f.scrollIntoView({ block: 'start' }); f.zh.focus();
  };
  const editStation = s => { const f = $('#sf'); fill(f, s); f.type.value = s.type; f.phone.value = s.phone || ''; f.command.checked = !!s.command; };
  // A station's channels: the saved ones (masked, each with a test button) and a form that replaces the whole list.
  let chStation = null;
  const chField = (f, id, key, control) => { const box = el('div', { className: 'fld' }, el('label', { htmlFor: id, textContent: G.t(key) }), control, el('p', { className: 'err' })); box.dataset.f = f; return box; };
  const chRow = i => el('div', { className: 'chrow' },
    chField('channels[' + i + '].type', 'ch-t' + i, 'ch.type', el('select', { id: 'ch-t' + i, name: 'ctype' }, ...['wecom', 'dingtalk', 'webhook'].map(t => el('option', { value: t, textContent: G.t('ch.t.' + t) })))),
    chField('channels[' + i + '].url', 'ch-u' + i, 'ch.url', el('input', { id: 'ch-u' + i, name: 'curl', type: 'url', maxLength: 500, autocomplete: 'off', spellcheck: false })),
    chField('channels[' + i + '].secret', 'ch-s' + i, 'ch.secret', el('input', { id: 'ch-s' + i, name: 'csecret', type: 'password', maxLength: 200, autocomplete: 'new-password' })),
    // The language the group reads: its messages are written in it first (none: Chinese, then English).
    chField('channels[' + i + '].lang', 'ch-l' + i, 'ch.lang', el('select', { id: 'ch-l' + i, name: 'clang' },
      el('option', { value: '', textContent: G.t('ch.langNone') }), ...all.map(l => el('option', { value: l.code, textContent: l.name })))),
    el('button', { type: 'button', className: 'secondary del', textContent: G.t('ch.remove'), onclick: e => { e.currentTarget.parentElement.remove(); } }));
  const showChannels = list => {
    const ul = $('#ch-saved'); ul.textContent = '';
    if (!list.length) ul.append(el('li', { className: 'muted', textContent: G.t('ch.none') }));
    for (const c of list) {
      const out = el('span', { className: 'muted' }); out.setAttribute('role', 'status');
      ul.append(el('li', {}, el('strong', { textContent: G.t('ch.t.' + c.type) + ' #' + (c.index + 1) }), el('p', { className: 'muted', textContent: c.url + (c.hasSecret ? ' · ' + G.t('ch.hasSecret') : '') }),
        el('div', { className: 'acts' }, el('button', { type: 'button', className: 'secondary', textContent: G.t('ch.test'), onclick: async e => {
          const b = e.currentTarget; b.disabled = true; out.textContent = '…';
          try {
            const r = await call('POST', 'stations/' + encodeURIComponent(chStation.id) + '/channels/' + c.index + '/test');
            out.textContent = r.ok && r.j.delivered ? G.t('ch.testOk') : G.t('ch.testFailed', { e: (r.j && r.j.error) || r.status });
          } catch (err) { if (err.message !== 'auth') out.textContent = G.t('stf.netErr'); }
          b.disabled = false;
        } }), out)));
    }
  };
  const openChannels = async s => {
    chStation = s;
    $('#chs').hidden = false;
    $('#ch-st').textContent = label(s);
    const rows = $('#ch-rows'); rows.textContent = ''; rows.append(chRow(0));
    clearErrors($('#chf'));
    try {
      const r = await call('GET', 'stations/' + encodeURIComponent(s.id) + '/channels');
      if (r.ok) showChannels(r.j);
    } catch (err) { if (err.message !== 'auth') say(G.t('stf.netErr')); }
    $('#chs').scrollIntoView({ block: 'start' });
  };
  $('#ch-add').addEventListener('click', () => { const rows = $('#ch-rows'); if (rows.children.length < 5) rows.append(chRow(rows.children.length)); });
  $('#chf').addEventListener('submit', async e => {
    e.preventDefault();
    const f = e.currentTarget;
    clearErrors(f);
    // Renumbered in order, so field errors (channels[i].url) find their row.
    const rows = [...$('#ch-rows').children];
    rows.forEach((row, i) => row.querySelectorAll('[data-f]').forEach(x => { x.dataset.f = x.dataset.f.replace(/\[\d+\]/, '[' + i + ']'); }));
    const body = rows.map(row => ({ type: row.querySelector('[name=ctype]').value, url: row.querySelector('[name=curl]').value.trim(), secret: row.querySelector('[name=csecret]').value || null, lang: row.querySelector('[name=clang]').value || null }))
      .filter(c => c.url);
    try {
      const r = await call('PUT', 'stations/' + encodeURIComponent(chStation.id) + '/channels', body);
      if (r.ok) { showChannels(r.j); say(G.t('ch.saved', { x: label(chStation) })); const box = $('#ch-rows'); box.textContent = ''; box.append(chRow(0)); return; }
      showErrors(f, r);
    } catch (err) { if (err.message !== 'auth') f.querySelector('.ferr').textContent = G.t('stf.netErr'); }
  });
  const editCell = c => {
    const f = $('#cf'); fill(f, c);
    f.querySelectorAll('[name=st]').forEach(i => { i.checked = c.stationIds.includes(i.value); });
    f.querySelectorAll('[name=nb]').forEach(i => { i.checked = c.neighbourCellIds.includes(i.value); });
  };
  const editPoint = p => { const f = $('#pf'); fill(f, p); f.cell.value = p.gridCellId; };
  const editVenue = v => { const f = $('#vf'); fill(f, v); f.vtype.value = v.type; f.cell.value = v.gridCellId; f.station.value = v.stationId; f.phone.value = v.contact || ''; };
  // A checklist as text, one item a line: id | severity | Chinese | English, then a column per other listed language.
  const columns = () => ['zh', 'en', ...others.map(l => l.key)];
  const showChecklist = () => {
    const t = d && d.venueTypes.find(x => x.type === $('#k-type').value);
    $('#k-items').value = t ? t.checklist.items.map(i => [i.id, i.severity, ...columns().map(k => i.text[k] || '')].join(' | ')).join('\n') : '';
  };
  $('#k-type').addEventListener('change', showChecklist);
  $('#klf').addEventListener('submit', async e => {
    e.preventDefault();
    const f = e.currentTarget;
    clearErrors(f);
    const items = f.items.value.split('\n').map(l => l.trim()).filter(Boolean).map(l => {
      const [id, severity, ...texts] = l.split('|').map(x => x.trim());
      return { id, severity, text: Object.fromEntries(columns().map((k, n) => [k, texts[n] || ''])) };
    });
    try {
      const r = await call('PUT', 'checklists/' + encodeURIComponent(f.ktype.value), { items });
      if (r.ok) { say(G.t('dir.klSaved', { x: f.ktype.selectedOptions[0].textContent })); await load(); showChecklist(); return; }
      showErrors(f, r);
      const all = Object.entries((r.j && r.j.errors) || {}).map(([k, m]) => k + ': ' + m.join(' ')).join('; ');
      if (all) f.querySelector('[data-f=items] .err').textContent = all;
    } catch (err) { if (err.message !== 'auth') f.querySelector('.ferr').textContent = G.t('stf.netErr'); }
  });
  const clearErrors = f => {
    f.querySelectorAll('.err').forEach(e => { e.textContent = ''; });
    f.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  };
  // Field errors next to their fields (the first one focused), the form-level title in its own slot.
  const showErrors = (f, r) => {
    let first = null;
    for (const [k, msgs] of Object.entries((r.j && r.j.errors) || {})) {
      const box = f.querySelector('[data-f="' + k + '"]');
      if (!box) continue;
      box.querySelector('.err').textContent = msgs.join(' ');
      const input = box.querySelector('input,select');
      if (input && input.type !== 'checkbox') input.setAttribute('aria-invalid', 'true');
      first = first || input;
    }
    f.querySelector('.ferr').textContent = problem(r.j);
    if (first) first.focus();
  };
  const submit = (f, path, body) => f.addEventListener('submit', async e => {
    e.preventDefault();
    clearErrors(f);
    const id = f.id.value.trim();
    try {
      const r = await call('PUT', path + '/' + encodeURIComponent(id), body(f));
      if (r.ok) { f.reset(); say(G.t('dir.saved', { x: label(r.j) })); await load(); return; }
      showErrors(f, r);
    } catch (err) { if (err.message !== 'auth') f.querySelector('.ferr').textContent = G.t('stf.netErr'); }
  });
  const name = f => Object.fromEntries([['zh', f.zh.value], ['en', f.en.value], ...others.filter(l => f.elements[l.key]).map(l => [l.key, f.elements[l.key].value])]);
  const checked = (f, n) => [...f.querySelectorAll('[name=' + n + ']:checked')].map(i => i.value);
  submit($('#sf'), 'stations', f => ({ name: name(f), type: f.type.value, phone: f.phone.value, command: f.command.checked }));
  submit($('#cf'), 'cells', f => ({ name: name(f), stationIds: checked(f, 'st'), neighbourCellIds: checked(f, 'nb') }));
  submit($('#pf'), 'points', f => ({ name: name(f), gridCellId: f.cell.value }));
  submit($('#vf'), 'venues', f => ({ name: name(f), type: f.vtype.value, gridCellId: f.cell.value, stationId: f.station.value, contact: f.phone.value }));
  // The area: its names and duty station, one PUT; the form is refilled from what was saved.
  $('#af').addEventListener('submit', async e => {
    e.preventDefault();
    const f = e.target;
    clearErrors(f);
    try {
      const r = await call('PUT', 'area', { name: name(f), defaultStationId: f.duty.value });
      if (r.ok) { areaShown = false; say(G.t('dir.areaSaved', { x: G.n(r.j.name) })); await load(); return; }
      showErrors(f, r);
    } catch (err) { if (err.message !== 'auth') f.querySelector('.ferr').textContent = G.t('stf.netErr'); }
  });
  document.querySelectorAll('#sf,#cf,#pf,#vf').forEach(f => f.addEventListener('reset', () => { f.id.readOnly = false; clearErrors(f); }));

  // A refusal shows under the button that caused it (a list can be long: the page's message would be off screen).
  const near = (btn, text) => {
    const li = btn.closest('li');
    let p = li.querySelector('.err');
    if (!p) { p = el('p', { className: 'err', role: 'alert', id: 'e-' + Math.random().toString(36).slice(2) }); li.append(p); }
    p.textContent = text;
    btn.setAttribute('aria-describedby', p.id);
  };
  const del = async (path, x, btn) => {
    if (!confirm(G.t('dir.confirm', { x: label(x) }))) return;
    try {
      const r = await call('DELETE', path);
      if (r.ok) { say(G.t('dir.deleted', { x: label(x) })); await load(); } else near(btn, problem(r.j));
    } catch (e) { if (e.message !== 'auth') near(btn, G.t('stf.netErr')); }
  };

  // A new access code is shown once, here, with a copy button; the old one stops working.
  const showCode = (title, code) => {
    $('#nc-h').textContent = title;
    $('#ncc').textContent = code;
    $('#ncopy').firstChild.textContent = G.t('dir.copy');
    const box = $('#nc'); box.hidden = false; box.scrollIntoView({ block: 'start' }); box.focus();
  };
  const newCode = async (s, btn) => {
    if (!confirm(G.t('dir.confirmCode', { x: label(s) }))) return;
    try {
      const r = await call('POST', 'stations/' + s.id + '/access-code');
      if (!r.ok) { near(btn, problem(r.j)); return; }
      showCode(G.t('dir.codeFor', { x: label(s) }), r.j.accessCode);
    } catch (e) { if (e.message !== 'auth') near(btn, G.t('stf.netErr')); }
  };
  // The admin's own code: asked for explicitly ({confirm: true}); this tab signs in with the new one at once.
  $('#acode').addEventListener('click', async () => {
    if (!confirm(G.t('dir.confirmAdminCode'))) return;
    try {
      const r = await call('POST', 'access-code', { confirm: true });
      $('#acodeErr').textContent = r.ok ? '' : problem(r.j);
      if (!r.ok) return;
      // This device's sign-in was made under the old code and has ended: sign in again with the new one.
      await Staff.signInWith(r.j.credential);
      showCode(G.t('dir.adminCodeFor', { x: d ? G.n(d.area.name) + ' (' + d.area.id + ')' : r.j.areaId }), r.j.accessCode);
    } catch (e) { if (e.message !== 'auth') $('#acodeErr').textContent = G.t('stf.netErr'); }
  });
  $('#ncopy').addEventListener('click', async () => {
    try { await navigator.clipboard.writeText($('#ncc').textContent); $('#ncopy').firstChild.textContent = G.t('rc.copied'); } catch (e) {
      getSelection().selectAllChildren($('#ncc'));
    }
  });
  $('#ndone').addEventListener('click', () => { $('#nc').hidden = true; $('#ncc').textContent = ''; });

  G.onLang(render);
  Staff.init('admin', load);
})();
