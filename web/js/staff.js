// Shared by the station inbox and the admin pages. Signing in trades the access code for a device token once
// (POST /api/signin/devices); only that token is kept, never the code: for 12 hours on this device when "remember" is
// ticked (one sign-in then serves every page of the role, in every tab), else for this tab. Requests send it as
// "X-GridAid-Auth: {area}.{principal}.d-{id}-{secret}". The sign-in form is built here, once, into each page's empty <form id="login">.
(() => {
  'use strict';
  // One sign-in per role: the admin's serves the reports, a report's own page, the directory and the posters.
  const KEY = 'gridaid.signin.' + (/^\/admin(\/|$)/.test(location.pathname) ? 'admin' : 'station');
  // Sign-ins of older versions kept the access code itself, for the tab: gone.
  for (const k of Object.keys(sessionStorage)) if (k.startsWith('gridaid.staff.')) sessionStorage.removeItem(k);
  const el = (tag, props, ...kids) => { const e = Object.assign(document.createElement(tag), props); e.append(...kids.filter(k => k !== null && k !== undefined)); return e; };
  // The sign-in markup, element by element with its attributes.
  const tag = (name, attrs, ...kids) => { const e = el(name, {}, ...kids); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };
  // A staff string: the bilingual text stands until the strings load (and if they never do).
  const say = (key, text) => tag('span', { 'data-i': key }, text);
  const field = (id, key, text, attrs) => tag('div', { class: 'fld' }, tag('label', { for: id }, say(key, text)), tag('input', { id, ...attrs }));
  /** The form's fields: the area, the station id (station inbox only), the access code and whether to remember the sign-in. */
  const render = (login, station) => login.append(
    tag('h1', {}, say('stf.signin', '登录 · Sign in')),
    field('area', 'stf.area', '景区 · Area', { name: 'area', value: 'taishan', autocapitalize: 'off', required: '' }),
    ...(station ? [field('sid', 'stf.station', '站点编号 · Station id', { name: 'station', autocapitalize: 'off', required: '', placeholder: 'ts-daiding-police' })] : []),
    field('code', 'stf.code', '访问码 · Access code', { name: 'code', type: 'password', autocomplete: 'current-password', required: '' }),
    tag('div', { class: 'check' }, tag('input', { id: 'remember', name: 'remember', type: 'checkbox', checked: '' }),
      tag('label', { for: 'remember' }, say('stf.remember', '在此设备上保持登录（12 小时） · Stay signed in on this device (12 hours)'))),
    tag('p', { id: 'lerr', class: 'err', role: 'alert' }),
    tag('button', { type: 'submit', class: 'primary' }, say('stf.signin', '登录 · Sign in')));
  // Photos are fetched with the credential (an <img> cannot send it) and shown from object URLs, one fetch per URL.
  const pics = new Map();
  const stores = () => [localStorage, sessionStorage];
  /** The kept sign-in, while it lasts: {credential, expiresAt}. */
  const kept = () => {
    for (const store of stores()) {
      try {
        const v = JSON.parse(store.getItem(KEY) || 'null');
        if (v && v.credential && Date.parse(v.expiresAt) > Date.now()) return v;
        if (v) store.removeItem(KEY);
      } catch (e) { store.removeItem(KEY); }
    }
    return null;
  };
  const forget = () => { for (const store of stores()) store.removeItem(KEY); };
  /** Trades a credential (area.principal.code) for a device sign-in; resolves to the HTTP status. */
  const exchange = async (credential, remember) => {
    const r = await fetch('/api/signin/devices', {
      method: 'POST', cache: 'no-store',
      headers: { 'X-GridAid-Auth': credential, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: S.deviceName() }),
    });
    if (r.status === 201) {
      const d = await r.json();
      forget();
      (remember ? localStorage : sessionStorage).setItem(KEY, JSON.stringify({ credential: d.credential, expiresAt: d.expiresAt }));
    }
    return r.status;
  };
  const S = window.Staff = {
    /** The device credential of this role's sign-in, or null. */
    get token() { const v = kept(); return v ? v.credential : null; },
    /** Signs in with a new credential (after the admin made themselves a new access code): whether it worked. */
    async signInWith(credential) { return (await exchange(credential, !!localStorage.getItem(KEY))) === 201; },
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
    /**
     * A cell maker for a table that becomes one card per row at phone width (class "cards"): each cell is labelled
     * with its column's heading, in the page's language (data-label).
     */
    cellsOf(table) {
      const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.split(' · ')[0]);
      return (i, props, ...kids) => { const c = el('td', props, ...kids); c.dataset.label = heads[i] || ''; return c; };
    },
    /** A short name for this device (browser and system), for the admin's list of signed-in devices. */
    deviceName() {
      const ua = navigator.userAgent;
      const first = pairs => (pairs.find(([re]) => re.test(ua)) || [null, ''])[1];
      const app = first([[/MicroMessenger/, 'WeChat'], [/DingTalk/, 'DingTalk'], [/wxwork/, 'WeCom'], [/Edg\//, 'Edge'], [/Firefox\//, 'Firefox'], [/Chrome\//, 'Chrome'], [/Safari\//, 'Safari']]);
      const os = first([[/iPhone/, 'iPhone'], [/iPad/, 'iPad'], [/Android/, 'Android'], [/Windows/, 'Windows'], [/Mac OS X/, 'Mac'], [/CrOS/, 'ChromeOS'], [/Linux/, 'Linux']]);
      return [app, os].filter(Boolean).join(' · ') || null;
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
      login.addEventListener('submit', async e => {
        e.preventDefault();
        const err = document.getElementById('lerr');
        const button = login.querySelector('button[type=submit]');
        const credential = [login.area.value.trim(), station ? login.station.value.trim() : 'admin', login.code.value.trim()].join('.');
        err.textContent = '';
        button.disabled = true;
        try {
          const status = await exchange(credential, login.remember.checked);
          if (status === 201) { login.code.value = ''; show(); return; }
          err.textContent = G.t(status === 429 ? 'stf.tooMany' : status === 401 || status === 403 ? (station ? 'stf.badLogin' : 'stf.badAdminLogin') : 'stf.netErr');
        } catch (x) { err.textContent = G.t('stf.netErr'); } finally { button.disabled = false; }
      });
      document.getElementById('out').addEventListener('click', async () => {
        // Ends the sign-in on the server too, so a copied token stops working at once.
        try { if (S.token) await S.api('/api/signin/devices/current', { method: 'DELETE' }); } catch (x) { /* forgotten here either way */ }
        forget();
        location.reload();
      });
      G.ready.then(() => {
        // Strings that loaded before the form was built.
        login.querySelectorAll('[data-i]').forEach(e => { if (G.s[e.dataset.i] !== undefined) e.textContent = G.t(e.dataset.i); });
        show();
      });
    },
    /** A request was refused (401/403): the sign-in has ended (expired, revoked, or the access code changed). */
    rejected() {
      forget(); document.getElementById('login').hidden = false; document.getElementById('inbox').hidden = true;
      document.getElementById('lerr').textContent = G.t('stf.ended');
    },
  };
})();
