// Raqib operations dashboard. Plain DOM code: every value from the server goes in through textContent
// or attributes, never as HTML. State arrives on one server-sent event stream (/events): a snapshot
// first, then changes.
'use strict';

const state = {
  me: null,
  issued: new Map(), review: new Map(), alerts: new Map(), cameras: new Map(),
  regions: new Set(), trends: null, firstSnapshot: true,
};
const MAX_CARDS = 150;
const SVG = 'http://www.w3.org/2000/svg';
const TYPE_NAMES = { SPOT_SPEEDING: 'spot speeding', SECTION_SPEEDING: 'section speeding', UNKNOWN: 'unknown' };
const TYPE_COLOURS = { SPOT_SPEEDING: '#ff5d5d', SECTION_SPEEDING: '#3fb6ff', UNKNOWN: '#8da0bf' };
const STATE_COLOURS = { ONLINE: '#34d17a', DEGRADED: '#ffb43a', OFFLINE: '#ff5d5d', DISABLED: '#66758f', UNKNOWN: '#66758f' };

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const timeFmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateFmt = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short' });
function clock(ms) { return timeFmt.format(new Date(ms)); }
function when(ms) {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return (today ? '' : dateFmt.format(d) + ' ') + clock(ms);
}
function ago(ms) {
  if (ms === null || ms === undefined) return 'never';
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.round(s / 60) + ' min ago';
  if (s < 86400) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}
// A camera whose newest frame arrived this long after its capture time is shown as behind: it is sending a backlog
// (its uplink stalled), or its clock is behind (which skews its speeds: worth a look either way).
const BEHIND_MS = 60000;
function behind(c) {
  if (c.frameBehindMs === null || c.frameBehindMs === undefined || c.frameBehindMs < BEHIND_MS) return '';
  const s = Math.round(c.frameBehindMs / 1000);
  return ' · ' + (s < 3600 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h') + ' behind';
}
function ms(v) { return v === null || v === undefined ? '–' : (v >= 1000 ? (v / 1000).toFixed(1) + ' s' : Math.round(v) + ' ms'); }

// A Saudi plate as painted: Arabic row above the Latin row, digits left, letters right. The Arabic
// letters come in reading order (right to left, SaudiPlate.toArabic) and are marked right-to-left, so the
// browser lays each one out above its Latin twin; Arabic-Indic digits run left to right either way.
function plate(p) {
  return el('div', { class: 'plate', 'data-plate': p.latinDigits + p.latinLetters },
    el('span', { class: 'ar dg', lang: 'ar', dir: 'rtl', text: p.arabicDigits }),
    el('span', { class: 'ar lt', lang: 'ar', dir: 'rtl', text: p.arabicLetters }),
    el('span', { class: 'en dg', text: p.latinDigits }),
    el('span', { class: 'en lt', text: p.latinLetters }));
}

function evidence(url, label) {
  const img = el('img', { class: 'evidence', src: url, alt: label, loading: 'lazy' });
  img.addEventListener('error', () => img.replaceWith(el('div', { class: 'evidence', text: 'frame not available' })));
  return img;
}

function cameraName(ids) {
  return ids.map((id) => (state.cameras.get(id) || {}).name || id).join(' → ');
}

function violationCard(v, fresh) {
  const li = el('li', { class: 'card' + (v.list === 'review' ? ' review' : '') + (fresh ? ' fresh' : ''),
    'data-id': v.id, 'data-type': v.type, 'data-region': v.region });
  const facts = el('div', { class: 'facts' },
    el('div', { class: 'line' }, plate(v.plate),
      el('span', { class: 'conf' }, 'plate confidence ', el('b', { text: Math.round(v.confidence * 100) + '%' }))),
    el('div', { class: 'line' },
      el('span', { class: 'badge type', text: TYPE_NAMES[v.type] || v.type }),
      el('span', { class: 'badge', text: v.region }),
      el('span', { class: 'badge', text: v.speedSource.toLowerCase() }),
      v.signed ? el('span', { class: 'badge', text: 'signed' }) : null),
    el('div', { class: 'meta', text: when(v.eventTime) + ' · ' + cameraName(v.cameraIds) + ' · ' + v.roadId }));
  const speed = el('div', { class: 'speed' },
    el('div', {}, el('span', { class: 'v', text: Math.round(v.speedKmh) }), el('span', { class: 'u', text: ' km/h' })),
    el('div', { class: 'lim', text: 'limit ' + v.limitKmh + ' · +' + Math.round(v.excessKmh) + ' km/h' }),
    el('div', { class: 'lim', text: 'band ' + v.speedBand }));
  li.append(evidence(v.evidence, 'evidence of ' + v.id), facts, speed);
  return li;
}

// ---------- Live ----------
function renderLists(freshIds) {
  const type = $('f-type').value;
  const region = $('f-region').value;
  for (const list of ['issued', 'review']) {
    const items = [...state[list].values()]
      .filter((v) => (!type || v.type === type) && (!region || v.region === region))
      .sort((a, b) => b.eventTime - a.eventTime).slice(0, MAX_CARDS);
    const ol = $(list);
    ol.replaceChildren(...items.map((v) => violationCard(v, freshIds && freshIds.has(v.id))));
    $(list + '-empty').hidden = items.length > 0;
  }
  $('kpi-issued').textContent = state.issued.size;
  $('kpi-review').textContent = state.review.size;
}

function addViolation(v) {
  const map = v.list === 'review' ? state.review : state.issued;
  if (map.has(v.id)) return;
  map.set(v.id, v);
  addRegion(v.region);
  renderLists(new Set([v.id]));
}

function addRegion(r) {
  if (!r || state.regions.has(r)) return;
  state.regions.add(r);
  for (const id of ['f-region', 'p-region']) {
    const sel = $(id);
    const keep = sel.value;
    const first = id === 'f-region' ? [el('option', { value: '', text: 'all regions' })] : [];
    sel.replaceChildren(...first, ...[...state.regions].sort().map((x) => el('option', { value: x, text: x })));
    sel.value = keep && state.regions.has(keep) ? keep : (id === 'p-region' ? (localStorage.getItem('raqib.region') || [...state.regions].sort()[0]) : '');
    if (id === 'p-region' && !state.regions.has(sel.value)) sel.value = [...state.regions].sort()[0];
  }
}

// ---------- Cameras ----------
function mercator(lat, lon) {
  const s = Math.sin(lat * Math.PI / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

function renderPlan() {
  const plan = $('plan');
  const cams = [...state.cameras.values()];
  plan.replaceChildren();
  const W = 800, H = 520, pad = 60;
  if (cams.length === 0) {
    plan.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'road-label' }, 'no cameras in raqib.cameras yet'));
    return;
  }
  const pts = cams.map((c) => mercator(c.latitude, c.longitude));
  let [x0, y0, x1, y1] = [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])),
    Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
  const span = Math.max(x1 - x0, y1 - y0, 1e-5);
  let scale = Math.min((W - 2 * pad) / Math.max(x1 - x0, span / 4), (H - 2 * pad) / Math.max(y1 - y0, span / 4));
  const tiles = state.me && state.me.tilesUrl;
  let zoom = null;
  if (tiles) {
    zoom = Math.max(0, Math.min(18, Math.floor(Math.log2(scale / 256))));
    scale = 256 * Math.pow(2, zoom);
  }
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const proj = (lat, lon) => { const [x, y] = mercator(lat, lon); return [W / 2 + (x - cx) * scale, H / 2 + (y - cy) * scale]; };
  if (tiles) {
    const n = Math.pow(2, zoom);
    const tx0 = Math.floor((cx - W / 2 / scale) * n), tx1 = Math.floor((cx + W / 2 / scale) * n);
    const ty0 = Math.floor((cy - H / 2 / scale) * n), ty1 = Math.floor((cy + H / 2 / scale) * n);
    for (let tx = tx0; tx <= tx1; tx++) for (let ty = ty0; ty <= ty1; ty++) {
      if (ty < 0 || ty >= n) continue;
      const url = tiles.replace('{z}', zoom).replace('{x}', ((tx % n) + n) % n).replace('{y}', ty);
      plan.append(svg('image', { href: url, x: W / 2 + (tx / n - cx) * scale, y: H / 2 + (ty / n - cy) * scale, width: 256, height: 256 }));
    }
    $('plan-note').textContent = 'map tiles, zoom ' + zoom;
  } else {
    for (let g = 0; g <= W; g += 50) plan.append(svg('line', { x1: g, y1: 0, x2: g, y2: H, class: 'grid' }));
    for (let g = 0; g <= H; g += 50) plan.append(svg('line', { x1: 0, y1: g, x2: W, y2: g, class: 'grid' }));
    $('plan-note').textContent = 'positions from the registry\u2019s coordinates (no map tiles configured)';
  }
  // Roads: cameras of one road and direction joined in kilometre order.
  const roads = new Map();
  for (const c of cams) {
    const k = c.roadId + ' ' + c.direction;
    if (!roads.has(k)) roads.set(k, []);
    roads.get(k).push(c);
  }
  // Labels of points close together are stacked instead of drawn over each other.
  const placed = [];
  const label = (x, y, text, cls) => {
    let dy = 0;
    while (placed.some((q) => Math.abs(q[0] - x) < 150 && Math.abs(q[1] - (y + dy)) < 13)) dy += 14;
    placed.push([x, y + dy]);
    const right = x > W * 0.7;
    plan.append(svg('text', { x: right ? x - 13 : x + 13, y: y + 4 + dy, 'text-anchor': right ? 'end' : 'start', class: cls }, text));
  };
  for (const [, list] of roads) {
    list.sort((a, b) => a.kmMarker - b.kmMarker);
    const p = list.map((c) => proj(c.latitude, c.longitude));
    if (p.length > 1) plan.append(svg('polyline', { class: 'road', points: p.map((q) => q.join(',')).join(' ') }));
  }
  const sorted = cams.map((c) => [c, proj(c.latitude, c.longitude)]).sort((a, b) => a[1][1] - b[1][1]);
  for (const [c, [x, y]] of sorted) {
    const g = svg('g', { class: 'cam', 'data-camera': c.id });
    g.append(svg('title', {}, c.name + ' — ' + c.state.toLowerCase()));
    g.append(svg('circle', { cx: x, cy: y, r: 8, fill: STATE_COLOURS[c.state] || '#66758f', stroke: '#0d1526', 'stroke-width': 3 }));
    plan.append(g);
  }
  for (const [c, [x, y]] of sorted) label(x, y, c.id + ' · ' + c.limitKmh + ' km/h', 'cam-label');
}

function renderCameras() {
  const cams = [...state.cameras.values()].sort((a, b) => a.id.localeCompare(b.id));
  const rows = cams.map((c) => {
    const thumb = c.hasFrame ? el('img', { class: 'thumb', alt: 'last frame of ' + c.id, src: '/api/cameras/' + encodeURIComponent(c.id) + '/frame?t=' + (c.lastFrameAt || 0) }) : el('span', { class: 'muted', text: 'no frame' });
    return el('tr', { 'data-camera': c.id },
      el('td', {}, el('span', { class: 'st ' + c.state, text: c.state.toLowerCase(), title: 'from ' + c.stateSource })),
      el('td', {}, el('div', { class: 'cam-id', text: c.id }), el('div', { class: 'muted', text: c.name })),
      el('td', { text: c.region }),
      el('td', { text: c.roadId + ' ' + c.direction + ' km ' + c.kmMarker }),
      el('td', { class: 'num', text: c.limitKmh + (c.hasRadar ? '' : ' (video)') }),
      el('td', { class: 'num', text: c.fps.toFixed(2) }),
      el('td', { text: ago(c.lastFrameAt) + behind(c), title: c.frameBehindMs >= BEHIND_MS
        ? 'the newest frame reached the gateway ' + Math.round(c.frameBehindMs / 1000) + ' s after its capture time: the camera is sending a backlog, or its clock is behind'
        : '' }),
      el('td', { class: 'num', text: c.reads }),
      el('td', {}, thumb));
  });
  $('camtable').tBodies[0].replaceChildren(...rows);
  const online = cams.filter((c) => c.state === 'ONLINE').length;
  $('kpi-online').textContent = cams.length ? online + ' / ' + cams.length : '–';
  renderPlan();
}

// ---------- Trends ----------
function axes(g, W, H, m, maxY, fmt) {
  g.append(svg('line', { x1: m.l, y1: H - m.b, x2: W - m.r, y2: H - m.b, class: 'axis' }));
  for (let i = 0; i <= 4; i++) {
    const y = H - m.b - (H - m.t - m.b) * i / 4;
    g.append(svg('line', { x1: m.l, y1: y, x2: W - m.r, y2: y, class: 'axis', opacity: 0.4 }));
    const v = maxY * i / 4;
    g.append(svg('text', { x: m.l - 6, y: y + 4, 'text-anchor': 'end', class: 'tick' }, fmt(v)));
  }
}

// Charts are drawn at the element's own pixel width, so text stays at its CSS size however wide the screen.
function sized(s, H) {
  const W = Math.max(300, Math.round(s.getBoundingClientRect().width) || 440);
  s.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  s.replaceChildren();
  return W;
}
const num = (v) => (v >= 10 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1));

// The top of an axis with four equal, round steps (1, 2, 2.5, 5 x 10^n; whole steps for counts).
function niceMax(v, integer) {
  const step = Math.max(v, 1e-9) / 4;
  const p = Math.pow(10, Math.floor(Math.log10(step)));
  for (const f of [1, 2, 2.5, 5, 10]) {
    if (integer && f === 2.5 && p < 10) continue;
    if (step <= f * p) return 4 * Math.max(integer ? 1 : 0, f * p);
  }
  return 40 * p;
}

function renderHourly(t) {
  const s = $('chart-hourly');
  const H = 230, W = sized(s, H), m = { l: 40, r: 10, t: 12, b: 26 };
  const types = Object.keys(t.perHourByType);
  const totals = t.hours.map((_, i) => types.reduce((a, k) => a + t.perHourByType[k][i], 0));
  const maxY = niceMax(Math.max(...totals), true);
  axes(s, W, H, m, maxY, num);
  const bw = (W - m.l - m.r) / t.hours.length;
  t.hours.forEach((h, i) => {
    let y = H - m.b;
    for (const k of types) {
      const v = t.perHourByType[k][i];
      if (!v) continue;
      const hgt = (H - m.t - m.b) * v / maxY;
      y -= hgt;
      const r = svg('rect', { x: m.l + i * bw + 2, y, width: bw - 4, height: hgt, fill: TYPE_COLOURS[k] || '#8da0bf', rx: 2 });
      r.append(svg('title', {}, new Date(h).toISOString().slice(11, 13) + ':00 UTC — ' + (TYPE_NAMES[k] || k) + ': ' + v));
      s.append(r);
    }
    if (i % 3 === 0 || i === t.hours.length - 1) {
      s.append(svg('text', { x: m.l + i * bw + bw / 2, y: H - 8, 'text-anchor': 'middle', class: 'tick' }, new Date(h).toISOString().slice(11, 13) + 'h'));
    }
  });
  $('legend-hourly').replaceChildren(...types.map((k) => {
    const sw = el('span', { class: 'swatch' });
    sw.style.cssText = 'display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;background:' + (TYPE_COLOURS[k] || '#8da0bf');
    return el('span', {}, sw, (TYPE_NAMES[k] || k) + ' (' + t.perHourByType[k].reduce((a, b) => a + b, 0) + ' in 24 h)');
  }));
}

function lineChart(s, H, xs, series, fmt, xLabel, integer) {
  const W = sized(s, H);
  const m = { l: 56, r: 10, t: 12, b: 24 };
  const all = series.flatMap((x) => x.values).filter((v) => v !== null && v !== undefined);
  const maxY = niceMax(Math.max(0, ...all), integer);
  axes(s, W, H, m, maxY, fmt);
  const n = xs.length;
  const X = (i) => m.l + (W - m.l - m.r) * i / Math.max(1, n - 1);
  const Y = (v) => H - m.b - (H - m.t - m.b) * v / maxY;
  for (const ser of series) {
    let d = '';
    let pen = false;
    ser.values.forEach((v, i) => {
      if (v === null || v === undefined) { pen = false; return; }
      d += (pen ? 'L' : 'M') + X(i).toFixed(1) + ' ' + Y(v).toFixed(1) + ' ';
      pen = true;
    });
    if (d) s.append(svg('path', { d, fill: 'none', stroke: ser.colour, 'stroke-width': 2, 'stroke-linejoin': 'round' }));
    // Sparse series (latency buckets with few samples) would be invisible as lines alone.
    if (ser.dots) ser.values.forEach((v, i) => { if (v !== null && v !== undefined) s.append(svg('circle', { cx: X(i), cy: Y(v), r: 3, fill: ser.colour })); });
    s.append(svg('text', { x: W - m.r, y: m.t + 12 + 14 * series.indexOf(ser), 'text-anchor': 'end', class: 'tick', fill: ser.colour }, ser.name));
  }
  s.append(svg('text', { x: m.l, y: H - 6, class: 'tick' }, xLabel));
  s.append(svg('text', { x: W - m.r, y: H - 6, 'text-anchor': 'end', class: 'tick' }, 'now'));
}

function renderTrends(t) {
  state.trends = t;
  if (!t) return;
  renderHourly(t);
  lineChart($('chart-reads'), 200, t.readsPerSecond, [{ name: 'reads/s', colour: '#3fb6ff', values: t.readsPerSecond }], num, '−5 min', true);
  lineChart($('chart-latency'), 200, t.latencyBuckets,
    [{ name: 'p50 reads (10 s buckets)', colour: '#34d17a', values: t.latencyP50, dots: true }, { name: 'p99 reads', colour: '#ffb43a', values: t.latencyP99, dots: true }], ms, '−5 min');
  $('lr-50').textContent = ms(t.readLatency.p50); $('lr-99').textContent = ms(t.readLatency.p99); $('lr-n').textContent = t.readLatency.samples;
  $('lv-50').textContent = ms(t.violationLatency.p50); $('lv-99').textContent = ms(t.violationLatency.p99); $('lv-n').textContent = t.violationLatency.samples;
  const last = t.readsPerSecond.slice(-61, -1);
  $('kpi-rps').textContent = (last.reduce((a, b) => a + b, 0) / 60).toFixed(2);
  $('kpi-lat').textContent = ms(t.violationLatency.p50);
}

// ---------- Patrol ----------
function alertItem(a, fresh) {
  const li = el('li', { class: 'alert p' + a.priority + (a.ack ? ' acked' : '') + (fresh ? ' fresh' : ''), 'data-id': a.id });
  const facts = el('div', { class: 'facts' },
    el('div', { class: 'line' }, el('span', { class: 'reason', text: a.reason }), el('span', { class: 'badge', text: 'priority ' + a.priority }),
      a.substitutions > 0 ? el('span', { class: 'badge', text: 'hot-list ' + a.hotlistPlate + ' (' + a.substitutions + ' OCR substitution)' }) : null),
    el('div', { class: 'line' }, plate(a.plate), el('span', { class: 'conf' }, 'confidence ', el('b', { text: Math.round(a.confidence * 100) + '%' }))),
    el('div', { class: 'meta', text: when(a.eventTime) + ' · ' + (a.cameraName || a.cameraId) + ' · ' + a.roadId + ' ' + a.direction
      + ' · ' + a.latitude.toFixed(5) + ', ' + a.longitude.toFixed(5) }));
  const box = el('div', { class: 'ack' });
  if (a.ack) {
    box.append(el('div', { class: 'done', text: '✓ acknowledged by ' + a.ack.by + ' at ' + clock(a.ack.at) }));
    if (a.ack.note) box.append(el('div', { class: 'meta', text: a.ack.note }));
  } else if (state.me && state.me.mayAcknowledge) {
    const note = el('input', { placeholder: 'note (unit, action)', maxlength: 500, 'aria-label': 'note' });
    const btn = el('button', { class: 'primary ack-button', text: 'Acknowledge' });
    const msg = el('div', { class: 'err' });
    btn.addEventListener('click', async () => {
      btn.disabled = true; btn.textContent = 'Sending…'; msg.textContent = '';
      try {
        const r = await fetch('/api/alerts/ack', { method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': state.me.csrf },
          body: JSON.stringify({ alertId: a.id, note: note.value }) });
        if (!r.ok) throw new Error((await r.json()).error || r.status);
        btn.textContent = 'Written to Kafka…';
      } catch (e) {
        btn.disabled = false; btn.textContent = 'Acknowledge'; msg.textContent = 'not acknowledged: ' + e.message;
      }
    });
    box.append(note, btn, msg);
  } else {
    box.append(el('div', { class: 'meta', text: 'awaiting a patrol' }));
  }
  li.append(el('div', { class: 'prio' }), evidence(a.evidence, 'evidence of alert'), facts, box);
  return li;
}

function renderAlerts(freshId) {
  const region = $('p-region').value;
  const items = [...state.alerts.values()].filter((a) => a.region === region).sort((a, b) => b.eventTime - a.eventTime);
  // A note being typed survives the redraw that a new alert causes.
  const typing = document.activeElement && document.activeElement.closest && document.activeElement.closest('#alerts li');
  const keep = typing ? { id: typing.dataset.id, note: document.activeElement.value } : null;
  $('alerts').replaceChildren(...items.slice(0, MAX_CARDS).map((a) => alertItem(a, a.id === freshId)));
  if (keep) {
    const input = document.querySelector('#alerts li[data-id="' + CSS.escape(keep.id) + '"] input');
    if (input) { input.value = keep.note; input.focus(); }
  }
  // Open alerts per region in the region list, so a patrol sees where work is waiting.
  const openBy = new Map();
  for (const a of state.alerts.values()) if (!a.ack) openBy.set(a.region, (openBy.get(a.region) || 0) + 1);
  for (const o of $('p-region').options) o.textContent = o.value + (openBy.get(o.value) ? ' (' + openBy.get(o.value) + ' open)' : '');
  $('alerts-empty').hidden = items.length > 0;
  const open = items.filter((a) => !a.ack).length;
  $('p-count').textContent = items.length + ' alerts, ' + open + ' not acknowledged';
}

// ---------- wiring ----------
function show(view) {
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.view === view);
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + view;
  if (view === 'cameras') renderCameras();
  if (view === 'trends') renderTrends(state.trends);
}

function applySnapshot(s) {
  state.issued = new Map(s.issued.map((v) => [v.id, v]));
  state.review = new Map(s.review.map((v) => [v.id, v]));
  state.alerts = new Map(s.alerts.map((a) => [a.id, a]));
  state.cameras = new Map(s.cameras.map((c) => [c.id, c]));
  for (const r of s.regions) addRegion(r);
  renderLists(null);
  renderCameras();
  renderTrends(s.trends);
  renderAlerts();
}

function connect() {
  const es = new EventSource('/events');
  const conn = $('conn');
  es.onopen = () => { conn.textContent = 'live'; conn.className = 'conn up'; };
  es.onerror = () => {
    conn.textContent = 'reconnecting'; conn.className = 'conn down';
    // A 401 (session ended) closes the stream for good: back to sign-in.
    fetch('/api/me', { credentials: 'same-origin' }).then((r) => { if (r.status === 401) location.href = '/login'; });
  };
  const on = (type, f) => es.addEventListener(type, (e) => f(JSON.parse(e.data)));
  on('snapshot', applySnapshot);
  on('violation', addViolation);
  on('review', addViolation);
  on('alert', (a) => { if (!state.alerts.has(a.id)) { state.alerts.set(a.id, a); addRegion(a.region); renderAlerts(a.id); } });
  on('ack', (k) => { const a = state.alerts.get(k.alertId); if (a && !a.ack) { a.ack = k; renderAlerts(); } });
  on('camera', (c) => { state.cameras.set(c.id, c); addRegion(c.region); });
  on('cameras', (list) => { state.cameras = new Map(list.map((c) => [c.id, c])); if (!$('view-cameras').hidden) renderCameras(); else $('kpi-online').textContent = list.filter((c) => c.state === 'ONLINE').length + ' / ' + list.length; });
  on('trends', (t) => { state.trends = t; if (!$('view-trends').hidden) renderTrends(t); else { const last = t.readsPerSecond.slice(-61, -1); $('kpi-rps').textContent = (last.reduce((a, b) => a + b, 0) / 60).toFixed(2); $('kpi-lat').textContent = ms(t.violationLatency.p50); } });
}

async function main() {
  const r = await fetch('/api/me', { credentials: 'same-origin' });
  if (r.status === 401) { location.href = '/login'; return; }
  state.me = await r.json();
  $('who').textContent = state.me.user + ' (' + state.me.role + ')';
  $('csrf').value = state.me.csrf;
  for (const b of document.querySelectorAll('#tabs button')) {
    b.hidden = !state.me.views.includes(b.dataset.view);
    b.addEventListener('click', () => { location.hash = b.dataset.view; });
  }
  const pick = () => {
    const wanted = location.hash.slice(1);
    const order = ['live', 'cameras', 'trends', 'patrol'].filter((v) => state.me.views.includes(v));
    show(order.includes(wanted) ? wanted : order[0]);
  };
  window.addEventListener('hashchange', pick);
  $('f-type').addEventListener('change', () => renderLists(null));
  $('f-region').addEventListener('change', () => renderLists(null));
  $('p-region').addEventListener('change', () => { localStorage.setItem('raqib.region', $('p-region').value); renderAlerts(); });
  pick();
  connect();
  const tick = () => { $('clock').textContent = clock(Date.now()); };
  tick();
  setInterval(tick, 1000);
}

document.addEventListener('DOMContentLoaded', main);
