// The station card's replies and notes (public replies the reporter reads on the status page; internal notes for
// staff), its one-tap canned replies in the reporter's language, and a possible duplicate with "merge into". Built on
// every render (the inbox re-renders on each poll): what the clerk types is kept per tracking code, never in the DOM.
(() => {
  'use strict';
  const { el } = Staff;
  const drafts = new Map();
  let canned = null;
  const loadCanned = render => {
    if (canned) return;
    canned = [];
    Staff.api('/api/canned-replies').then(r => (r.ok ? r.json() : [])).then(list => { canned = list; render(); }).catch(() => { canned = null; });
  };
  // A canned reply in the reporter's language (its map of language to text), else English, then Chinese.
  const textOf = (t, lang) => t[String(lang || 'zh').split('-')[0].toLowerCase()] || t.en || t.zh || '';
  window.Replies = {
    /** ctx: {station, stName, when, send(code, step, body) → {json}|{error}, render(), reload()}. */
    box(a, ctx) {
      loadCanned(ctx.render);
      const code = a.trackingCode;
      const d = drafts.get(code) || { text: '', vis: 'public', error: '' };
      drafts.set(code, d);
      const post = async (b, body) => {
        b.disabled = true;
        const r = await ctx.send(code, 'replies', body);
        d.error = r.error || '';
        if (!r.error && body.text) d.text = '';
        ctx.render();
        ctx.reload();
      };
      const list = (a.replies || []).map(r => {
        const li = el('li', { className: r.visibility === 'internal' ? 'internal' : 'public' },
          el('time', { textContent: ctx.when(r.at) }), ' ', el('b', { textContent: ctx.stName(r.by) }), ' ',
          el('span', { className: 'badge', textContent: G.t(r.visibility === 'internal' ? 'stf.internal' : 'stf.public') }));
        const p = el('p');
        [p.textContent, p.lang] = G.nl(r.text);
        li.append(p);
        return li;
      });
      const box = el('div', { className: 'replies' }, el('h3', { textContent: G.t('stf.replies') }), list.length ? el('ol', { className: 'plain' }, ...list) : null);
      if (a.mergedInto) return box;
      // One tap: the canned reply of this kind, posted in the reporter's language (the button shows those words).
      const mine = (canned || []).filter(c => c.kind === a.kind);
      if (mine.length) {
        box.append(el('p', { className: 'lbl', textContent: G.t('stf.canned') }), el('div', { className: 'chips' }, ...mine.map(c => {
          const b = el('button', { type: 'button', className: 'secondary chip', textContent: textOf(c.text, a.lang) });
          b.lang = String(a.lang || '').startsWith('en') ? 'en' : 'zh-CN';
          b.dataset.k = code + ':canned:' + c.id;
          b.addEventListener('click', () => post(b, { cannedId: c.id }));
          return b;
        })));
      }
      const id = 'reply-' + code;
      const ta = el('textarea', { id, rows: 2, maxLength: 500, value: d.text });
      ta.dataset.k = code + ':reply-text';
      ta.addEventListener('input', () => { d.text = ta.value; });
      const vis = el('select', {}, el('option', { value: 'public', textContent: G.t('stf.public'), selected: d.vis === 'public' }),
        el('option', { value: 'internal', textContent: G.t('stf.internal'), selected: d.vis === 'internal' }));
      vis.setAttribute('aria-label', G.t('stf.visibility'));
      vis.dataset.k = code + ':reply-vis';
      vis.addEventListener('change', () => { d.vis = vis.value; });
      const go = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.send') });
      go.dataset.k = code + ':reply-send';
      go.addEventListener('click', () => post(go, { text: d.text, visibility: d.vis, lang: G.lang }));
      const err = el('p', { className: 'err', textContent: d.error, hidden: !d.error });
      err.setAttribute('role', 'alert');
      box.append(el('label', { htmlFor: id, textContent: G.t('stf.replyLabel') }), el('p', { className: 'hint', textContent: G.t('stf.replyHint') }), ta,
        el('div', { className: 'row' }, vis, go), err);
      return box;
    },
    /** Possible duplicates (with "merge into"), or where this report was merged, or the duplicates merged here. */
    dupes(a, ctx) {
      const code = a.trackingCode;
      if (a.mergedInto) return el('p', { className: 'dup', textContent: G.t('stf.mergedInto', { c: a.mergedInto }) });
      const out = el('div', { className: 'dup' });
      if ((a.merged || []).length) out.append(el('p', { textContent: G.t('stf.mergedHere', { c: a.merged.join(', ') }) }));
      for (const p of a.possibleDuplicates || []) {
        const b = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.merge', { c: p.trackingCode }) });
        b.dataset.k = code + ':merge:' + p.trackingCode;
        b.addEventListener('click', async () => { b.disabled = true; await ctx.send(code, 'merge', { into: p.trackingCode }); ctx.reload(); });
        out.append(el('p', {}, el('b', { textContent: G.t('stf.possibleDup') }), ' ',
          el('a', { href: '/s/' + p.trackingCode, textContent: p.trackingCode }), ' · ' + (p.pointName || p.pointCode || '') + ' · ' + ctx.when(p.submittedAt)), b);
      }
      return out.childElementCount ? out : null;
    },
  };
})();
