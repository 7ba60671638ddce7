// Shared by the station inbox and the admin table: sign-in with "Bearer {area}.{principal}.{code}" kept for the tab only.
(() => {
  'use strict';
  const KEY = 'gridaid.staff.' + location.pathname;
  const S = window.Staff = {
    get token() { return sessionStorage.getItem(KEY); },
    set token(v) { if (v) sessionStorage.setItem(KEY, v); else sessionStorage.removeItem(KEY); },
    api(path, opts = {}) {
      // Not Authorization: behind Azure Static Web Apps that header carries the proxy's own token.
      return fetch(path, { ...opts, cache: 'no-store', headers: { 'X-GridAid-Auth': S.token } });
    },
    el(tag, props, ...kids) { const e = Object.assign(document.createElement(tag), props); e.append(...kids.filter(k => k !== null && k !== undefined)); return e; },
    when(iso) { return iso ? new Date(iso).toLocaleString(G.lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : ''; },
    /** Shows the sign-in form until a token works; calls start() once signed in. */
    init(principal, start) {
      const login = document.getElementById('login');
      const show = () => { login.hidden = !!S.token; document.getElementById('inbox').hidden = !S.token; if (S.token) start(); };
      login.addEventListener('submit', e => {
        e.preventDefault();
        S.token = [login.area.value.trim(), principal(login), login.code.value.trim()].join('.');
        show();
      });
      document.getElementById('out').addEventListener('click', () => { S.token = null; location.reload(); });
      G.ready.then(show);
    },
    rejected() { S.token = null; document.getElementById('login').hidden = false; document.getElementById('inbox').hidden = true; document.getElementById('lerr').textContent = G.t('stf.badLogin'); },
  };
})();
