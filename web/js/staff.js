// Shared by the station inbox and the admin pages: sign-in with "Bearer {area}.{principal}.{code}" kept for the tab only.
// The sign-in form is built here, once, into each page's empty <form id="login">.
(() => {
  'use strict';
  // The admin's pages share one sign-in per tab (the reports table opens a report's own page); the station's is its own.
  const KEY = 'gridaid.staff.' + (/^\/admin(\/|$)/.test(location.pathname) ? '/admin/' : location.pathname);
  const el = (tag, props, ...kids) => { const e = Object.assign(document.createElement(tag), props); e.append(...kids.filter(k => k !== null && k !== undefined)); return e; };
  // The sign-in markup, element by element with its attributes.
  const tag = (name, attrs, ...kids) => { const e = el(name, {}, ...kids); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };
  // A staff string: the bilingual text stands until the strings load (and if they never do).
  const say = (key, text) => tag('span', { 'data-i': key }, text);
  const field = (id, key, text, attrs) => tag('div', { class: 'fld' }, tag('label', { for: id }, say(key, text)), tag('input', { id, ...attrs }));
  /** The form's fields: the area, the station id (station inbox only) and the access code. */
  const render = (login, station) => login.append(
    tag('h1', {}, say('stf.signin', '登录 · Sign in')),
    field('area', 'stf.area', '景区 · Area', { name: 'area', value: 'taishan', autocapitalize: 'off', required: '' }),
    ...(station ? [field('sid', 'stf.station', '站点编号 · Station id', { name: 'station', autocapitalize: 'off', required: '', placeholder: 'ts-daiding-police' })] : []),
    field('code', 'stf.code', '访问码 · Access code', { name: 'code', type: 'password', autocomplete: 'current-password', required: '' }),
    tag('p', { id: 'lerr', class: 'err', role: 'alert' }),
    tag('button', { type: 'submit', class: 'primary' }, say('stf.signin', '登录 · Sign in')));
  // Photos are fetched with the credential (an <img> cannot send it) and shown from object URLs, one fetch per URL.
  const pics = new Map();
  const S = window.Staff = {
    get token() { return sessionStorage.getItem(KEY); },
    set token(v) { if (v) sessionStorage.setItem(KEY, v); else sessionStorage.removeItem(KEY); },
    api(path, opts = {}) {
      // Not Authorization: behind Azure Static Web Apps that header carries the proxy's own token.
      return fetch(path, { ...opts, cache: 'no-store', headers: { ...(opts.headers || {}), 'X-GridAid-Auth': S.token } });
    },
    el,
    /** An object URL of the image at url (fetched once, with the credential); '' when it cannot be had. */
    pic(url) {
      if (!pics.has(url)) {
        pics.set(url, S.api(url).then(r => (r.ok ? r.blob() : Promise.reject(r.status))).then(b => URL.createObjectURL(b))
          .catch(() => { pics.delete(url); return ''; }));
      }
      return pics.get(url);
    },
    /** Thumbnails of photos [{url, thumbnailUrl}]; a tap opens the full photo over the page. */
    photos(list) {
      if (!list || !list.length) return null;
      return el('div', { className: 'photos' }, ...list.map((p, i) => {
        const img = el('img', { alt: G.t('stf.photo', { n: i + 1 }), width: 96, height: 96 });
        S.pic(p.thumbnailUrl).then(src => { if (src) img.src = src; });
        const b = el('button', { type: 'button', className: 'thumb' }, img);
        b.addEventListener('click', () => {
          const full = el('img', { alt: img.alt });
          const close = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.photoClose') });
          const d = el('dialog', { className: 'viewer' }, full, close);
          close.addEventListener('click', () => d.close());
          d.addEventListener('close', () => d.remove());
          document.body.append(d);
          d.showModal();
          S.pic(p.url).then(src => { if (src) full.src = src; });
        });
        return b;
      }));
    },
    when(iso) { return iso ? new Date(iso).toLocaleString(G.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : ''; },
    /**
     * Shows the sign-in form until a token works; calls start() once signed in.
     * role: 'station' (the form asks for the station id, the principal) or 'admin' (the principal is "admin").
     */
    init(role, start) {
      const login = document.getElementById('login');
      const station = role === 'station';
      render(login, station);
      const show = () => { login.hidden = !!S.token; document.getElementById('inbox').hidden = !S.token; if (S.token) start(); };
      login.addEventListener('submit', e => {
        e.preventDefault();
        S.token = [login.area.value.trim(), station ? login.station.value.trim() : 'admin', login.code.value.trim()].join('.');
        show();
      });
      document.getElementById('out').addEventListener('click', () => { S.token = null; location.reload(); });
      G.ready.then(() => {
        // Strings that loaded before the form was built.
        login.querySelectorAll('[data-i]').forEach(e => { if (G.s[e.dataset.i] !== undefined) e.textContent = G.t(e.dataset.i); });
        show();
      });
    },
    rejected() {
      // The admin's form has no station id: its message names only what it asked for.
      const admin = (S.token || '').split('.')[1] === 'admin';
      S.token = null; document.getElementById('login').hidden = false; document.getElementById('inbox').hidden = true;
      document.getElementById('lerr').textContent = G.t(admin ? 'stf.badAdminLogin' : 'stf.badLogin');
    },
  };
})();
