// The station inbox: live (a poll every second, a bodiless 304 while nothing changed), open alerts first, lost persons on
// top; an urgent alert this station has not acknowledged rings (sound, vibration, title badge, a system notification)
// every 10 s until someone here acknowledges it. At 900 px and wider: the list and the selected alert side by side.
(() => {
  'use strict';
  const { el } = Staff;
  const $ = s => document.querySelector(s);
  const POLL_MS = 1000;
  const RING_MS = 10000;
  let alerts = [];
  let older = [];
  let next = null;
  let etag = null;
  let station = '';
  let at = null;
  let timer = 0;
  let stations = [];
  let selected = null;
  let confirming = null;
  let draft = '';
  const unfolded = new Set();
  // The transfer reason typed per tracking code, kept across renders.
  const reasons = new Map();
  // Lost ↔ found candidates per tracking code, fetched once a card shows and kept a minute (renders stay synchronous).
  const matches = new Map();
  // A lost person's hand-over check per tracking code: what was typed and the answer ({value, ok, text}), kept across renders.
  const handover = new Map();
  const isPerson = k => k === 'lost_person' || k === 'found_person';
  // What the clerk types into a pair's boxes (where to collect, the claim, the claimant), per tracking code, kept across renders.
  const pairing = new Map();
  const wide = window.matchMedia('(min-width: 900px)');
  const baseTitle = document.title;
  const stName = id => { if (id === 'admin') return G.t('stf.admin'); const s = stations.find(x => x.id === id); return s ? G.n(s.name) : id; };
  const myType = () => (stations.find(x => x.id === station) || {}).type;
  const open = a => a.status !== 'resolved' && a.status !== 'closed';
  const rank = a => (isPerson(a.kind) && open(a) ? 0 : a.urgent && open(a) ? 1 : open(a) ? 2 : 3);
  const all = () => [...alerts, ...older.filter(o => !alerts.some(a => a.trackingCode === o.trackingCode))];
  const sorted = () => all().sort((a, b) => rank(a) - rank(b) || (rank(a) < 3 ? b.submittedAt.localeCompare(a.submittedAt) : 0));

  // Ringing. window.GridAidRing counts what the page did, for tests (a headless browser has no speaker).
  const R = window.GridAidRing = { beeps: 0, vibrations: 0, notifications: 0 };
  let audio = null;
  let ringTimer = 0;
  const rung = new Set();
  const ringingNow = () => alerts.filter(a => a.urgent && a.status === 'routed');
  const beep = () => {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      audio = audio || new Ctx();
      const t = audio.currentTime;
      for (const [f, s] of [[880, 0], [660, 0.25], [880, 0.5]]) {
        const o = audio.createOscillator();
        const g = audio.createGain();
        o.type = 'square';
        o.frequency.value = f;
        g.gain.value = 0.15;
        o.connect(g);
        g.connect(audio.destination);
        o.start(t + s);
        o.stop(t + s + 0.2);
      }
      R.beeps++;
    } catch (e) { /* no sound on this device */ }
  };
  const alarm = () => {
    if (!ringingNow().length) return;
    beep();
    if (navigator.vibrate && navigator.vibrate([400, 150, 400])) R.vibrations++;
  };
  const notify = a => {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    try {
      new Notification(G.t('stf.urgent') + ' · ' + G.t('kind.' + a.kind), { body: (a.pointName || a.pointCode || '') + ' · ' + a.trackingCode, tag: a.trackingCode, requireInteraction: true });
      R.notifications++;
    } catch (e) { /* some browsers only notify from a service worker */ }
  };
  const ring = () => {
    const now = ringingNow();
    document.title = (now.length ? '(' + now.length + ') ' : '') + (G.s['home.station'] || baseTitle);
    document.documentElement.dataset.ringing = now.length ? 'true' : 'false';
    const fresh = now.filter(a => !rung.has(a.trackingCode));
    fresh.forEach(a => { rung.add(a.trackingCode); notify(a); });
    if (!now.length) { clearInterval(ringTimer); ringTimer = 0; return; }
    if (fresh.length) alarm();
    showEnable();
    if (!ringTimer) ringTimer = setInterval(alarm, RING_MS);
  };
  // Sound and notifications need a tap: never asked for on load.
  const enable = async () => {
    try { const Ctx = window.AudioContext || window.webkitAudioContext; if (Ctx) { audio = audio || new Ctx(); await audio.resume(); } } catch (e) { /* no sound */ }
    if ('Notification' in window && Notification.permission === 'default') {
      try { await Notification.requestPermission(); } catch (e) { /* refused */ }
    }
    showEnable();
  };
  const showEnable = () => {
    const b = $('#ring-on');
    const granted = !('Notification' in window) || Notification.permission !== 'default';
    b.hidden = granted && !!audio && audio.state === 'running';
  };

  const when = iso => Staff.when(iso);
  const PEER = { routed: 'alerted', acknowledged: 'acknowledged', in_progress: 'started', resolved: 'resolved', closed: 'closed' };
  // Steps of one kind in the same minute (seven stations alerted at once) are one line naming them all.
  const group = steps => {
    const out = [];
    for (const s of steps) {
      const who = s.by ? stName(s.by) : s.stationId ? stName(s.stationId) : null;
      const last = out[out.length - 1];
      if (last && last.step === s.step && when(last.at) === when(s.at)) { if (who) last.names.push(who); } else out.push({ at: s.at, step: s.step, names: who ? [who] : [] });
    }
    return out;
  };
  const fold = (code, dl) => {
    const d = el('details', { className: 'fold', open: unfolded.has(code) }, el('summary', { textContent: G.t('stf.details') }), dl);
    d.addEventListener('toggle', () => { if (d.open) unfolded.add(code); else unfolded.delete(code); });
    return d;
  };
  const matchesOf = a => {
    if (!open(a) || (a.kind !== 'lost_item' && a.kind !== 'found_item' && !isPerson(a.kind))) return null;
    const known = matches.get(a.trackingCode);
    if (!known || Date.now() - known.at > 60000) {
      matches.set(a.trackingCode, { at: Date.now(), items: known ? known.items : null });
      Staff.api('/api/stations/' + encodeURIComponent(station) + '/alerts/' + encodeURIComponent(a.trackingCode) + '/matches')
        .then(r => (r.ok ? r.json() : []))
        .then(items => { matches.set(a.trackingCode, { at: Date.now(), items }); render(); })
        .catch(() => {});
    }
    const items = (matches.get(a.trackingCode) || {}).items;
    if (!items || !items.length) return null;
    return el('div', { className: 'matches' }, el('h3', { textContent: G.t('stf.matches') }),
      el('ol', {}, ...items.map(m => el('li', {},
        el('b', { textContent: G.t('kind.' + m.kind) }), ' · ',
        (isPerson(m.kind)
          ? [m.age, m.ageBand && G.s['age.' + m.ageBand] ? G.t('age.' + m.ageBand) : m.ageBand, m.sex && G.s['sex.' + m.sex] ? G.t('sex.' + m.sex) : m.sex, m.clothing]
          : [m.category && G.s['cat.' + m.category] ? G.t('cat.' + m.category) : m.category, m.colour, m.brand]).filter(Boolean).join(' · '), el('br'),
        isPerson(m.kind) && (m.reasons || []).length
          ? el('small', { className: 'why', textContent: m.reasons.filter(r => G.s['m.' + r]).map(r => G.t('m.' + r)).join(' · ') }) : null,
        isPerson(m.kind) ? el('br') : null,
        el('span', { textContent: (m.description || '') }), el('br'),
        el('small', {}, (m.pointName || m.pointCode || '') + ' · ' + when(m.submittedAt) + ' · ',
          el('a', { href: '/s/' + m.trackingCode, textContent: m.trackingCode })),
        matchBox(a, m)))));
  };
  const draftOf = code => { if (!pairing.has(code)) pairing.set(code, {}); return pairing.get(code); };
  const field = (d, key, label, props) => {
    const i = el('input', { id: key + '-' + props.code, value: d[key] || '', ...props.attrs });
    i.dataset.k = props.code + ':' + key;
    i.addEventListener('input', () => { d[key] = i.value; });
    return [el('label', { htmlFor: i.id, textContent: label }), i];
  };
  // "This is it" on a candidate: where the owner collects, prefilled with this station's name in both languages.
  const matchBox = (a, m) => {
    const d = draftOf(a.trackingCode);
    if (d.with !== m.trackingCode) {
      const b = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.thisIsIt') });
      b.dataset.k = a.trackingCode + ':pair:' + m.trackingCode;
      b.addEventListener('click', () => {
        const me = (stations.find(x => x.id === station) || {}).name || {};
        Object.assign(d, { with: m.trackingCode, zh: me.zh || station, en: me.en || station, error: '' });
        render();
      });
      return el('div', { className: 'row' }, b);
    }
    const ok = el('button', { type: 'button', className: 'primary', textContent: G.t('stf.thisIsIt') });
    ok.dataset.k = a.trackingCode + ':pair-ok';
    ok.addEventListener('click', async () => {
      ok.disabled = true;
      d.error = (await send(a.trackingCode, 'match', { with: d.with, where: { zh: d.zh, en: d.en } })).error;
      render();
      load();
    });
    const no = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.cancel') });
    no.addEventListener('click', () => { d.with = null; render(); });
    const code = a.trackingCode + '-' + m.trackingCode;
    const box = el('div', { className: 'pair' },
      el('p', { className: 'lbl', textContent: G.t('stf.where') }),
      ...field(d, 'zh', '中文', { code, attrs: { maxLength: 300, lang: 'zh-CN' } }),
      ...field(d, 'en', 'English', { code, attrs: { maxLength: 300, lang: 'en' } }),
      error(d), el('div', { className: 'row' }, ok, no));
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', G.t('stf.thisIsIt'));
    return box;
  };
  const error = d => { const p = el('p', { className: 'err', textContent: d.error || '', hidden: !d.error }); p.setAttribute('role', 'alert'); return p; };
  // A confirmed pair: where to collect, the claim check (match / no match next to the box), then the hand-over record.
  const pairCard = a => {
    const m = a.match;
    const d = draftOf(a.trackingCode);
    const code = a.trackingCode;
    const box = el('div', { className: 'pair' },
      el('h3', { textContent: G.t('stf.matchedWith', { c: m.with }) }),
      el('p', {}, el('b', { textContent: G.t('stf.collectAt') }), el('span', { textContent: G.n(m.where) || m.where.zh || m.where.en })));
    if (!open(a)) return box;
    if (m.claimNeeded) {
      const check = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.check') });
      check.dataset.k = code + ':check';
      const said = el('output', { className: 'claim ' + (d.result === true ? 'yes' : d.result === false ? 'no' : ''),
        textContent: d.result === true ? G.t('stf.claimYes') : d.result === false ? G.t('stf.claimNo') : '' });
      check.addEventListener('click', async () => {
        check.disabled = true;
        const r = await send(code, 'claim-check', { claim: d.claim || '' });
        d.error = r.error;
        d.result = r.json && r.json.hasSecret ? r.json.match : undefined;
        render();
      });
      box.append(...field(d, 'claim', G.t('stf.claim'), { code, attrs: { maxLength: 200, autocomplete: 'off' } }),
        el('p', { className: 'hint', textContent: G.t('stf.claimHint') }), el('div', { className: 'row' }, check, said));
    } else {
      box.append(el('p', { className: 'hint', textContent: G.t(isPerson(a.kind) ? 'stf.hcFirst' : 'stf.noSecret') }));
    }
    const hand = el('button', { type: 'button', className: 'primary', textContent: G.t('stf.handover') });
    hand.dataset.k = code + ':handover';
    hand.addEventListener('click', async () => {
      hand.disabled = true;
      const r = await send(code, 'handover', { claimantName: d.name || '', phoneLast4: d.last4 || '' });
      d.error = r.error;
      render();
      load();
    });
    box.append(...field(d, 'name', G.t('stf.claimant'), { code, attrs: { maxLength: 50, autocomplete: 'off' } }),
      ...field(d, 'last4', G.t('stf.last4'), { code, attrs: { maxLength: 4, inputMode: 'numeric', autocomplete: 'off' } }),
      error(d), el('div', { className: 'row' }, hand));
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', G.t('stf.handover'));
    return box;
  };
  const card = a => {
    const lp = a.kind === 'lost_person';
    const person = isPerson(a.kind);
    const dl = el('dl', { className: 'kv' });
    const row = (k, v) => { if (v) dl.append(el('dt', { textContent: k }), el('dd', {}, v)); };
    row(G.t('st.place'), a.pointName || a.pointCode);
    row(G.t('st.submitted'), when(a.submittedAt));
    row(G.t('stf.desc'), a.description);
    for (const k in a.details || {}) {
      const v = a.details[k];
      // Staff wording where the tourist's label speaks to the tourist ("your relationship").
      const label = G.s['sf.' + k] ? G.t('sf.' + k) : G.s['f.' + k] ? G.t('f.' + k) : k;
      const pre = { category: 'cat', whereNow: 'now', sex: 'sex', hazardType: 'hz', severity: 'sev', ageBand: 'age' }[k];
      row(label, pre && G.s[pre + '.' + v] ? G.t(pre + '.' + v) : v);
    }
    const c = a.contact || {};
    if (c.phone) row(G.t('stf.phone'), el('a', { href: 'tel:' + c.phone, textContent: c.phone }));
    row(G.t('stf.reporter'), c.name);
    // Why the alert is here and where it went stay in view when the details fold.
    const why = el('dl', { className: 'kv' });
    const whyRow = (k, v) => { if (v) why.append(el('dt', { textContent: k }), el('dd', {}, v)); };
    if (a.enteredBy) whyRow(G.t('stf.enteredBy'), stName(a.enteredBy));
    if (a.reason === 'escalated') whyRow(G.t('stf.why'), G.t('stf.escalated'));
    if (a.reason === 'routing_failed') whyRow(G.t('stf.why'), G.t('stf.routingFailed'));
    if (a.reason === 'command') whyRow(G.t('stf.why'), G.t('stf.command'));
    if (a.transferredFrom) whyRow(G.t('stf.why'), G.t('stf.from', { s: stName(a.transferredFrom) }));
    if (a.transferNote) whyRow(G.t('stf.transferNote'), a.transferNote);
    if (a.transferredTo) whyRow(G.t('stf.handed'), stName(a.transferredTo));
    const btn = (label, step, done, note, kind) => {
      const b = el('button', { type: 'button', className: kind || 'secondary', textContent: label, disabled: done });
      if (note) b.title = note;
      b.dataset.k = a.trackingCode + ':' + step;
      b.addEventListener('click', () => act(a.trackingCode, step, b));
      return b;
    };
    const acked = a.status !== 'routed';
    const policeOnly = person && myType() !== 'police_post';
    // What the station does next is the primary action; the rest are secondary; resolving is final and asks first.
    const resolve = el('button', { type: 'button', className: 'final', textContent: G.t('stf.resolve'), disabled: !open(a) || policeOnly });
    if (policeOnly) resolve.title = G.t('stf.policeOnly');
    resolve.dataset.k = a.trackingCode + ':resolve';
    resolve.addEventListener('click', () => { confirming = a.trackingCode; draft = ''; render(); });
    const buttons = el('div', { className: 'row' },
      btn(G.t('stf.ack'), 'ack', acked || !open(a), '', acked ? 'secondary' : 'primary'),
      btn(G.t('stf.start'), 'start', a.status === 'in_progress' || !open(a), '', acked && a.status !== 'in_progress' ? 'primary' : 'secondary'),
      lp ? btn(G.t('stf.found'), 'found', !!a.foundAt || !open(a)) : null,
      resolve);
    const confirm = confirming === a.trackingCode && open(a) ? (() => {
      const ta = el('textarea', { id: 'note-' + a.trackingCode, rows: 2, maxLength: 300, value: draft });
      ta.addEventListener('input', () => { draft = ta.value; });
      const ok = el('button', { type: 'button', className: 'final', textContent: G.t('stf.resolveConfirm') });
      ok.dataset.k = a.trackingCode + ':resolve-ok';
      ok.addEventListener('click', () => {
        const text = draft.trim();
        confirming = null;
        draft = '';
        act(a.trackingCode, 'resolve', ok, text ? { note: G.lang.startsWith('zh') ? { zh: text } : { en: text } } : undefined);
      });
      const no = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.cancel') });
      no.addEventListener('click', () => { confirming = null; draft = ''; render(); });
      const box = el('div', { className: 'confirm' },
        el('label', { htmlFor: ta.id, textContent: G.t('stf.noteLabel') }), el('p', { className: 'hint', textContent: G.t('stf.noteHint') }), ta,
        el('div', { className: 'row' }, ok, no));
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', G.t('stf.resolve'));
      return box;
    })() : null;
    const pick = el('select', { className: 'to' },
      el('option', { value: '', textContent: G.t('stf.transferTo') }),
      ...stations.filter(x => x.id !== station && !(a.stationIds || []).includes(x.id)).map(x => el('option', { value: x.id, textContent: G.n(x.name) })));
    pick.setAttribute('aria-label', G.t('stf.transferTo'));
    const move = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.transfer'), disabled: !open(a) });
    move.dataset.k = a.trackingCode + ':transfer';
    const cannot = el('p', { className: 'err', hidden: true });
    cannot.setAttribute('role', 'alert');
    const reason = el('input', { type: 'text', maxLength: 500, placeholder: G.t('stf.transferNote'), value: reasons.get(a.trackingCode) || '' });
    reason.setAttribute('aria-label', G.t('stf.transferNote'));
    reason.dataset.k = a.trackingCode + ':transfer-note';
    reason.addEventListener('input', () => reasons.set(a.trackingCode, reason.value));
    move.addEventListener('click', () => {
      if (pick.value) return act(a.trackingCode, 'transfer', move, { toStationId: pick.value, note: reason.value.trim() || undefined });
      cannot.textContent = pick.options.length > 1 ? G.t('stf.pickStation') : G.t('stf.noStation');
      cannot.hidden = false;
      pick.focus();
    });
    const peers = (a.peers || []).length ? el('div', { className: 'peers' }, el('h3', { textContent: G.t('stf.others') }),
      el('ul', {}, ...a.peers.map(p => el('li', {}, el('b', { textContent: stName(p.stationId) }), ' · ',
        G.t('step.' + (p.foundAt && p.status === 'in_progress' ? 'found_handing_over' : PEER[p.status] || p.status)))))) : null;
    const steps = (a.activity || []).length ? el('div', { className: 'steps' }, el('h3', { textContent: G.t('stf.activity') }),
      el('ol', {}, ...group(a.activity).map(s => el('li', {}, el('time', { textContent: when(s.at) }), ' ',
        G.t('step.' + s.step) + (s.names.length ? ' · ' + s.names.join(', ') : ''))))) : null;
    const ringing = a.urgent && a.status === 'routed';
    // A lost person's police post checks the adult's one-time hand-over code before the child goes with them.
    const check = lp && open(a) && myType() === 'police_post' ? (() => {
      const st = handover.get(a.trackingCode) || { value: '', ok: null, text: '' };
      const id = 'hc-' + a.trackingCode;
      const input = el('input', { id, type: 'text', inputMode: 'numeric', autocomplete: 'off', maxLength: 12, value: st.value });
      input.dataset.k = a.trackingCode + ':hc-input';
      input.addEventListener('input', () => { handover.set(a.trackingCode, { ...st, value: input.value }); });
      const go = el('button', { type: 'button', className: 'secondary', textContent: G.t('stf.hcCheck') });
      go.dataset.k = a.trackingCode + ':hc-check';
      const said = el('p', { className: st.ok === true ? 'ok' : st.ok === false ? 'err' : 'hint', textContent: st.text });
      said.setAttribute('role', 'status');
      go.addEventListener('click', async () => {
        go.disabled = true;
        let next = { value: input.value, ok: null, text: '' };
        try {
          const r = await Staff.api('/api/stations/' + encodeURIComponent(station) + '/alerts/' + encodeURIComponent(a.trackingCode) + '/handover-code',
            { method: 'POST', body: JSON.stringify({ code: input.value }) });
          if (r.status === 401) return Staff.rejected();
          const p = await r.json().catch(() => ({}));
          next = r.ok ? { value: '', ok: true, text: G.t('stf.hcOk') } : { value: input.value, ok: false, text: r.status === 422 ? G.t('stf.hcBad') : p.detail || p.title || G.t('stf.hcBad') };
        } catch (e) { next.text = G.t('stf.netErr'); }
        handover.set(a.trackingCode, next);
        render();
      });
      const box = el('div', { className: 'confirm handover' },
        el('label', { htmlFor: id, textContent: G.t('stf.hcTitle') }), el('p', { className: 'hint', textContent: G.t('stf.hcHint') }),
        el('div', { className: 'row' }, input, go), said);
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', G.t('stf.hcTitle'));
      return box;
    })() : null;
    const art = el('article', { className: 'card alert' + (person ? ' urgent' : '') + (open(a) ? '' : ' done') },
      el('h2', {}, a.urgent ? el('span', { className: 'badge u', textContent: G.t('stf.urgent') }) : null,
        G.t('kind.' + a.kind), el('span', { className: 'badge', textContent: G.t('status.' + a.status) })),
      a.resolvedBy ? el('p', { className: 'by', textContent: G.t('stf.resolvedBy', { s: stName(a.resolvedBy) }) }) : null,
      el('p', {}, el('a', { href: '/s/' + a.trackingCode, textContent: a.trackingCode })),
      // On a phone the details fold once the alert is in hand, so several alerts fit on a screen; new ones stay open.
      why.childElementCount ? why : null,
      wide.matches || a.status === 'routed' ? dl : fold(a.trackingCode, dl),
      Staff.photos(a.photos),
      window.Desk ? Desk.card(a, load) : null,
      Replies.dupes(a, ctx), peers, steps, a.match ? pairCard(a) : matchesOf(a), check, open(a) ? buttons : null, confirm,
      open(a) ? el('div', { className: 'row' }, pick, reason, move) : null, open(a) ? cannot : null, Replies.box(a, ctx));
    art.dataset.code = a.trackingCode;
    if (ringing) art.dataset.ringing = 'true';
    return art;
  };
  const summary = a => {
    const b = el('button', { type: 'button', className: 'pick' + (isPerson(a.kind) && open(a) ? ' urgent' : '') + (open(a) ? '' : ' done') },
      el('b', { textContent: G.t('kind.' + a.kind) }), ' ', el('span', { textContent: a.pointName || a.pointCode || '' }), el('br'),
      el('small', { textContent: G.t('status.' + a.status) + (a.resolvedBy ? ' · ' + G.t('stf.resolvedBy', { s: stName(a.resolvedBy) }) : '') + ' · ' + a.trackingCode }));
    b.setAttribute('aria-pressed', String(a.trackingCode === selected));
    b.dataset.k = a.trackingCode + ':pick';
    b.addEventListener('click', () => { selected = a.trackingCode; render(); });
    return b;
  };
  const render = () => {
    $('#ib-h').textContent = G.t('stf.inbox') + ' · ' + stName(station);
    $('#upd').textContent = at ? G.t('stf.updated', { t: at.toLocaleTimeString(G.lang) }) : '';
    const list = $('#list');
    const detail = $('#detail');
    // Never close a station picker mid-choice; otherwise keep keyboard focus on the same control across refreshes.
    const active = $('#inbox').contains(document.activeElement) ? document.activeElement : null;
    if (active && (active.tagName === 'SELECT' || active.tagName === 'TEXTAREA' || active.tagName === 'INPUT')) return;
    const focusKey = active && active.dataset.k;
    list.textContent = '';
    detail.textContent = '';
    const items = sorted();
    if (!items.length) list.append(el('p', { className: 'card', textContent: G.t('stf.none') }));
    $('#inbox').classList.toggle('split', wide.matches);
    detail.hidden = !wide.matches;
    if (wide.matches) {
      if (!items.some(a => a.trackingCode === selected)) selected = items.length ? items[0].trackingCode : null;
      for (const a of items) list.append(summary(a));
      const chosen = items.find(a => a.trackingCode === selected);
      if (chosen) detail.append(card(chosen));
    } else {
      for (const a of items) list.append(card(a));
    }
    $('#older').hidden = !next;
    const again = focusKey && [...$('#inbox').querySelectorAll('[data-k]')].find(e => e.dataset.k === focusKey);
    if (again && !again.disabled) again.focus();
  };
  const inboxUrl = continuation => '/api/stations/' + encodeURIComponent(station) + '/alerts' + (continuation ? '?continuation=' + encodeURIComponent(continuation) : '');
  // One step on an alert: {json} when done, {error} (the server's words, also announced) when refused.
  const send = async (code, step, body) => {
    try {
      const r = await Staff.api('/api/stations/' + encodeURIComponent(station) + '/alerts/' + encodeURIComponent(code) + '/' + step,
        { method: 'POST', body: body ? JSON.stringify(body) : undefined });
      if (r.status === 401) { Staff.rejected(); return {}; }
      const json = await r.json().catch(() => ({}));
      if (r.ok) return { json };
      $('#news').textContent = json.detail || json.title || '';
      return { error: $('#news').textContent };
    } catch (e) { return { error: G.t('stf.netErr') }; }
  };
  const ctx = { stName, when, send: (code, step, body) => send(code, step, body), render: () => render(), reload: () => load() };
  const act = async (code, step, b, body) => {
    b.disabled = true;
    await send(code, step, body);
    load();
  };
  const load = async () => {
    clearTimeout(timer);
    try {
      const r = await Staff.api(inboxUrl(null), etag ? { headers: { 'If-None-Match': etag } } : {});
      if (r.status === 401 || r.status === 403) return Staff.rejected();
      at = new Date();
      if (r.status === 304) {
        $('#upd').textContent = G.t('stf.updated', { t: at.toLocaleTimeString(G.lang) });
      } else if (r.ok) {
        const seen = new Set(alerts.map(a => a.trackingCode));
        const first = etag === null;
        alerts = await r.json();
        etag = r.headers.get('ETag');
        if (!older.length) next = r.headers.get('X-GridAid-Continuation');
        // Screen readers hear each new urgent alert once (not every poll).
        const fresh = first ? [] : alerts.filter(a => a.urgent && open(a) && !seen.has(a.trackingCode));
        if (fresh.length) $('#news').textContent = fresh.map(a => G.t('stf.newUrgent', { k: G.t('kind.' + a.kind), p: a.pointName || a.pointCode || '' })).join('; ');
        render();
        ring();
        if (window.Desk) Desk.changed();
      }
    } catch (e) { $('#upd').textContent = G.t('stf.netErr'); }
    timer = setTimeout(load, POLL_MS);
  };
  const more = async () => {
    if (!next) return;
    try {
      const r = await Staff.api(inboxUrl(next));
      if (r.ok) { older = older.concat(await r.json()); next = r.headers.get('X-GridAid-Continuation'); render(); }
    } catch (e) { $('#upd').textContent = G.t('stf.netErr'); }
  };
  // A question answered: one tap, one count by topic. The tap's id is made once, so a retry after a lost answer counts it once.
  const tapId = () => (crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12));
  const question = async b => {
    const body = JSON.stringify({ topic: b.dataset.topic, tapId: tapId() });
    b.disabled = true;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const r = await Staff.api('/api/stations/' + encodeURIComponent(station) + '/questions', { method: 'POST', body });
        if (r.status === 401) { Staff.rejected(); break; }
        if (!r.ok) { $('#qs-n').textContent = G.t('stf.netErr'); break; }
        const j = await r.json();
        $('#qs-n').textContent = G.t('q.counted', { t: G.t('q.' + j.topic) }) + ' · ' + G.t('q.today', { n: j.today });
        break;
      } catch (e) { $('#qs-n').textContent = G.t('stf.netErr'); }
    }
    b.disabled = false;
  };
  for (const b of document.querySelectorAll('#qs [data-topic]')) b.addEventListener('click', () => question(b));
  G.onLang(() => { if (station) render(); });
  wide.addEventListener('change', () => { if (station) render(); });
  // The custody list came in (custody.js): a found item's card shows where it is kept.
  window.addEventListener('gridaid:custody', () => { if (station) render(); });
  Staff.init('station', async () => {
    station = Staff.token.split('.')[1];
    $('#ring-on').addEventListener('click', enable);
    $('#older').addEventListener('click', more);
    showEnable();
    try { const r = await Staff.api('/api/stations'); if (r.ok) stations = await r.json(); } catch (e) { /* names fall back to ids */ }
    load();
    undelivered();
    if (window.Desk) Desk.start(station);
  });
  // Channel messages of this station that failed every attempt (its WeCom / DingTalk group did not hear them): once a minute.
  async function undelivered() {
    try {
      const r = await Staff.api('/api/stations/' + encodeURIComponent(station) + '/deliveries/failed');
      if (r.ok) {
        const items = await r.json();
        $('#undelivered').hidden = !items.length;
        $('#undelivered-l').replaceChildren(...items.slice(0, 5).map(x => el('li', { textContent: x.trackingCode + ' · ' + G.t('ch.t.' + x.channelType) + ' · ' + (x.error || '') })));
      }
    } catch (e) { /* shown again next time */ }
    setTimeout(undelivered, 60000);
  }
})();
