/* Lagebild: the analyst's page over the JSON endpoints.
 *
 * Plain ES2020, no libraries; charts are SVG drawn here. Text from the API is only ever
 * inserted as text nodes (h() and svg() below): never as HTML.
 */
"use strict";

// ---------------------------------------------------------------- constants

const TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
const STATUSES = ["asserted", "reported", "hypothetical", "denied", "negated"];
const QUADS = [
  "verbal cooperation", "material cooperation", "verbal conflict", "material conflict",
];
const QUAD_OF = {
  AGREE: 0, CONSULT: 0, SUPPORT: 0,
  CONCEDE: 1, COOPERATE: 1, AID: 1, RETREAT: 1,
  REQUEST: 2, ACCUSE: 2, REJECT: 2, THREATEN: 2, PROTEST: 2,
  SANCTION: 3, MOBILIZE: 3, COERCE: 3, ASSAULT: 3,
};
// One hue per quad class, one shade per type.
const TYPE_COLOR = {
  AGREE: "#1b7a3d", CONSULT: "#4caf6a", SUPPORT: "#9bd3a6",
  CONCEDE: "#16457e", COOPERATE: "#2f74c0", AID: "#6aa5e0", RETREAT: "#b3d1f0",
  REQUEST: "#f2cf5b", ACCUSE: "#eea33a", REJECT: "#dd7b22", THREATEN: "#b85417", PROTEST: "#7f3b10",
  SANCTION: "#f08a8a", MOBILIZE: "#de4a4a", COERCE: "#b32222", ASSAULT: "#6e1111",
};
const QUAD_COLOR = ["#3a9a56", "#2f74c0", "#e39526", "#cc3333"];
const FORM_FILTERS = ["actor", "type", "status", "since", "until", "place", "text"];
const FILTERS = [...FORM_FILTERS, "story"];
const PAGE_SIZE = 50;
const NETWORK_LIMIT = 150;
const LAYOUT = { gravity: 3, spread: 1.5, rounds: 300 };
const SVG_NS = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TOKEN_KEY = "lagebild-token";

const state = {
  filters: {},     // filter name -> value (comma lists allowed)
  page: 1,
  event: null,     // the event open in the panel
  gen: 0,          // bumped by each refresh; late answers of older ones are dropped
  data: { timeline: null, network: null },
  known: new Map(), // event_id -> event record seen in any answer (for link labels)
  errors: [],
};

// ---------------------------------------------------------------- DOM helpers

const $ = (sel, root = document) => root.querySelector(sel);

/** An HTML element; attributes by setAttribute, "onX" functions as listeners, every
 *  non-node child as a text node. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  appendAll(el, children);
  return el;
}

/** An SVG element, like h(). */
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  appendAll(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) {
      if (typeof value !== "function") throw new TypeError(`${key} must be a function`);
      el.addEventListener(key.slice(2), value);
    } else if (key === "href" && !safeHref(value)) {
      continue;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Only http(s) and same-page links are followed (no javascript: or data: URLs). */
function safeHref(value) {
  try {
    const url = new URL(String(value), location.href);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function describeDetail(detail) {
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {  // FastAPI's validation errors
    return detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
  }
  return detail ? JSON.stringify(detail) : "";
}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url, { headers });
  } catch (err) {
    throw new ApiError(0, `cannot reach the server (${err.message})`);
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = describeDetail((await response.json()).detail) || detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, `${detail} (HTTP ${response.status})`);
  }
  return response.json();
}

function remember(events) {
  for (const e of events || []) if (e && e.event_id) state.known.set(e.event_id, e);
}

// ---------------------------------------------------------------- errors

function showError(err) {
  const message = err instanceof Error ? err.message : String(err);
  if (!state.errors.includes(message)) state.errors.push(message);
  $("#error-text").textContent = state.errors.join(" · ");
  $("#token-form").hidden = !(err instanceof ApiError && err.status === 401);
  $("#error").hidden = false;
}

function clearError() {
  state.errors = [];
  $("#error-text").textContent = "";
  $("#error").hidden = true;
}

// ---------------------------------------------------------------- URL and form

function readURL() {
  const query = new URLSearchParams(location.search);
  const filters = {};
  for (const key of FILTERS) {
    const values = query.getAll(key).map((v) => v.trim()).filter(Boolean);
    if (values.length) filters[key] = values.join(",");
  }
  const page = Math.max(1, parseInt(query.get("page") || "1", 10) || 1);
  return { filters, page, event: query.get("event") || null };
}

function writeURL(push) {
  const query = new URLSearchParams();
  for (const key of FILTERS) if (state.filters[key]) query.set(key, state.filters[key]);
  if (state.page > 1) query.set("page", String(state.page));
  if (state.event) query.set("event", state.event);
  const text = query.toString();
  const url = location.pathname + (text ? `?${text}` : "");
  if (url !== location.pathname + location.search) {
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
}

function setSelect(select, value) {
  for (const option of [...select.options]) if (option.dataset.extra !== undefined) option.remove();
  if (value && ![...select.options].some((o) => o.value === value)) {
    select.appendChild(h("option", { value, "data-extra": "" }, value.split(",").join(", ")));
  }
  select.value = value;
}

function fillForm() {
  for (const key of ["actor", "since", "until", "place", "text"]) {
    $(`#filter-${key}`).value = state.filters[key] || "";
  }
  setSelect($("#filter-type"), state.filters.type || "");
  setSelect($("#filter-status"), state.filters.status || "");
  const chip = $("#story-chip");
  if (chip) chip.remove();
  if (state.filters.story) {
    $("#filters .buttons").before(h("span", { id: "story-chip", class: "chip" },
      "story ", h("code", {}, state.filters.story), " ",
      h("button", {
        type: "button", class: "link", "aria-label": "remove the story filter",
        onclick: () => applyFilters({ ...state.filters, story: undefined }),
      }, "×")));
  }
}

function readForm() {
  const filters = {};
  for (const key of FORM_FILTERS) {
    const value = $(`#filter-${key}`).value.trim();
    if (value) filters[key] = value;
  }
  if (state.filters.story) filters.story = state.filters.story;
  return filters;
}

function applyFilters(filters) {
  state.filters = {};
  for (const key of FILTERS) if (filters[key]) state.filters[key] = filters[key];
  state.page = 1;
  writeURL(true);
  fillForm();
  return refresh();
}

// ---------------------------------------------------------------- loading

function guarded(gen, promise, render) {
  return promise.then(
    (data) => { if (gen === state.gen) render(data); },
    (err) => {
      if (gen !== state.gen) return;
      showError(err);
      render(null);
    });
}

async function refresh() {
  const gen = ++state.gen;
  clearError();
  document.body.dataset.state = "loading";
  const filters = state.filters;
  await Promise.all([
    guarded(gen, api("/timeline", filters), renderTimeline),
    guarded(gen, api("/network", { ...filters, limit: NETWORK_LIMIT }), renderNetwork),
    guarded(gen, api("/events", { ...filters, limit: PAGE_SIZE,
                                  offset: (state.page - 1) * PAGE_SIZE }), renderEvents),
  ]);
  if (gen === state.gen) document.body.dataset.state = "ready";
}

async function loadHealth() {
  try {
    const health = await api("/health");
    $("#health").textContent = `${plural(health.articles, "article")} · ` +
      `${plural(health.events, "event")} · ${plural(health.stories, "story", "stories")}` +
      ` · v${health.version}`;
  } catch (err) {
    showError(err);
  }
}

async function loadAlerts() {
  try {
    renderAlerts(await api("/alerts", { limit: 12 }));
  } catch (err) {
    showError(err);
  }
}

// ---------------------------------------------------------------- small pieces

function typeChip(type) {
  const chip = h("span", { class: "type-chip", "data-type": type, title: QUADS[QUAD_OF[type]] },
    h("span", { class: "swatch" }), type);
  chip.firstChild.style.setProperty("background", TYPE_COLOR[type] || "#999");
  return chip;
}

function statusBadge(status) {
  return h("span", { class: `status status-${STATUSES.includes(status) ? status : "other"}` },
    status);
}

function actorName(actor) {
  return actor.name || actor.text || actor.id || "?";
}

function actorLabel(actor) {
  const code = [actor.country, actor.sector].filter(Boolean).join("/");
  const title = [`“${actor.text}”`, actor.id, code].filter(Boolean).join(" · ");
  return h("span", { class: "actor", title },
    actorName(actor), actor.country ? h("span", { class: "cc" }, actor.country) : null);
}

function actorList(actors) {
  if (!actors || !actors.length) return h("span", { class: "none" }, "—");
  const out = h("span", { class: "actors" });
  actors.forEach((actor, i) => {
    if (i) out.appendChild(h("span", { class: "sep" }, ", "));
    out.appendChild(actorLabel(actor));
  });
  return out;
}

function eventSummary(e) {
  return h("span", { class: "summary" },
    e.date || "undated", " ", typeChip(e.type), " ", actorList(e.source), " → ",
    actorList(e.target), " ", statusBadge(e.status), " ",
    h("q", { class: "trigger" }, e.evidence ? e.evidence.text : ""));
}

function eventLink(id, cls, label) {
  return h("a", {
    class: cls, "data-event": id, href: `?event=${encodeURIComponent(id)}`,
    onclick: (ev) => {
      if (ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
      ev.preventDefault();
      openEvent(id);
    },
  }, label);
}

// ---------------------------------------------------------------- timeline

function parseDay(text) {
  const [y, m, d] = text.split("-").map(Number);
  return Date.UTC(y, m - 1, d || 1);
}

function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

function binStart(t, unit) {
  const d = new Date(t);
  if (unit === "day") return t;
  if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return Date.UTC(d.getUTCFullYear(), 0, 1);
}

function nextBin(t, unit) {
  const d = new Date(t);
  if (unit === "day") return t + DAY;
  if (unit === "week") return t + 7 * DAY;
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
}

function niceStep(max, ticks) {
  const raw = Math.max(1, max / ticks);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function binLabel(t, unit) {
  const d = new Date(t);
  if (unit === "year") return String(d.getUTCFullYear());
  if (unit === "month") return MONTHS[d.getUTCMonth()];
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

function renderTimeline(rows) {
  state.data.timeline = rows;
  const box = $("#timeline-chart");
  box.replaceChildren();
  $("#timeline-legend").replaceChildren();
  $("#timeline-note").textContent = "";
  if (!rows) return;
  if (!rows.length) {
    box.appendChild(h("p", { class: "empty" }, "No dated events match these filters."));
    $("#timeline-title").textContent = "Events over time";
    return;
  }
  const days = rows.map((r) => parseDay(r.day));
  let lo = Math.min(...days);
  let hi = Math.max(...days);
  const span = (hi - lo) / DAY;
  const unit = span <= 92 ? "day" : span <= 730 ? "week" : span <= 4400 ? "month" : "year";
  if (unit === "day" && span < 13) {  // a few days: show two weeks around them
    const pad = Math.floor((13 - span) / 2);
    lo -= pad * DAY;
    hi += (13 - span - pad) * DAY;
  }
  const bins = [];
  for (let t = binStart(lo, unit); t <= hi; t = nextBin(t, unit)) bins.push(t);
  const index = new Map(bins.map((t, i) => [t, i]));
  const stacks = bins.map(() => new Map());
  let total = 0;
  for (const row of rows) {
    const stack = stacks[index.get(binStart(parseDay(row.day), unit))];
    stack.set(row.type, (stack.get(row.type) || 0) + row.count);
    total += row.count;
  }
  const maxCount = Math.max(...stacks.map((s) => [...s.values()].reduce((a, b) => a + b, 0)));
  $("#timeline-title").textContent = `Events per ${unit}`;
  $("#timeline-note").textContent = `${plural(total, "dated event")} · click a bar to filter`;

  const W = Math.max(320, box.clientWidth || 700);
  const H = 250;
  const M = { l: 36, r: 10, t: 12, b: 40 };
  const innerW = W - M.l - M.r;
  const innerH = H - M.t - M.b;
  const step = niceStep(maxCount, 4);
  const yMax = Math.max(step, Math.ceil(maxCount / step) * step);
  const y = (v) => M.t + innerH - (v / yMax) * innerH;
  const band = innerW / bins.length;
  const barW = Math.max(1, Math.min(44, band * (band > 6 ? 0.78 : 1)));

  const chart = svg("svg", {
    width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", class: "timeline-svg",
    "aria-label": `events per ${unit} by type`,
  });
  const grid = svg("g", { class: "grid" });
  for (let v = 0; v <= yMax; v += step) {
    grid.appendChild(svg("line", { x1: M.l, x2: W - M.r, y1: y(v), y2: y(v) }));
    grid.appendChild(svg("text", { x: M.l - 6, y: y(v) + 4, "text-anchor": "end" }, v));
  }
  grid.appendChild(svg("text", {
    class: "axis-title", transform: `translate(11 ${M.t + innerH / 2}) rotate(-90)`,
    "text-anchor": "middle",
  }, "events"));
  chart.appendChild(grid);

  const bars = svg("g", { class: "bars" });
  bins.forEach((t, i) => {
    const x = M.l + i * band + (band - barW) / 2;
    let acc = 0;
    const until = isoDay(nextBin(t, unit) - DAY);
    const period = unit === "day" ? isoDay(t) : `${isoDay(t)} – ${until}`;
    for (const type of TYPES) {
      const n = stacks[i].get(type);
      if (!n) continue;
      const rect = svg("rect", {
        class: "bar", x, y: y(acc + n), width: barW, height: Math.max(1, y(acc) - y(acc + n)),
        fill: TYPE_COLOR[type], "data-type": type, "data-day": isoDay(t), "data-count": n,
        onclick: () => applyFilters({ ...readForm(), since: isoDay(t), until }),
      }, svg("title", {}, `${period}\n${type}: ${n}\n(click to show this ${unit})`));
      bars.appendChild(rect);
      acc += n;
    }
  });
  chart.appendChild(bars);

  const axis = svg("g", { class: "axis" });
  axis.appendChild(svg("line", { x1: M.l, x2: W - M.r, y1: y(0), y2: y(0) }));
  const every = Math.max(1, Math.ceil(bins.length / Math.max(2, Math.floor(innerW / 64))));
  let lastYear = null;
  bins.forEach((t, i) => {
    if (i % every) return;
    const x = M.l + i * band + band / 2;
    const year = new Date(t).getUTCFullYear();
    const label = svg("text", { x, y: y(0) + 15, "text-anchor": "middle" }, binLabel(t, unit));
    axis.appendChild(svg("line", { x1: x, x2: x, y1: y(0), y2: y(0) + 4 }));
    axis.appendChild(label);
    if (unit !== "year" && year !== lastYear) {
      axis.appendChild(svg("text", { x, y: y(0) + 29, "text-anchor": "middle", class: "year" },
        year));
    }
    lastYear = year;
  });
  chart.appendChild(axis);
  box.appendChild(chart);

  const present = new Set(rows.map((r) => r.type));
  const legend = $("#timeline-legend");
  QUADS.forEach((quad, q) => {
    const types = TYPES.filter((t) => QUAD_OF[t] === q && present.has(t));
    if (!types.length) return;
    legend.appendChild(h("span", { class: "legend-group" },
      h("span", { class: "legend-quad" }, quad), types.map(typeChip)));
  });
}

// ---------------------------------------------------------------- network

/** Positions for the nodes: a few hundred rounds of a Fruchterman-Reingold force layout
 *  from a deterministic sunflower start, then fitted to the box. */
function layoutGraph(nodes, links, W, H, pad) {
  const n = nodes.length;
  const order = nodes.map((_, i) => i)
    .sort((a, b) => nodes[b].events - nodes[a].events || (nodes[a].id < nodes[b].id ? -1 : 1));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  order.forEach((i, k) => {
    const angle = k * 2.39996323;
    const r = Math.sqrt((k + 0.5) / n) * 0.5;
    xs[i] = r * Math.cos(angle);
    ys[i] = r * Math.sin(angle);
  });
  if (n > 1) {
    const k = Math.sqrt(1 / n) * LAYOUT.spread;
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    let temp = 0.12;
    const rounds = n > 250 ? 120 : LAYOUT.rounds;
    for (let round = 0; round < rounds; round++) {
      dx.fill(0);
      dy.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let ddx = xs[i] - xs[j];
          let ddy = ys[i] - ys[j];
          let d2 = ddx * ddx + ddy * ddy;
          if (d2 < 1e-9) { ddx = 1e-3 * (i - j); ddy = 1e-3; d2 = ddx * ddx + ddy * ddy; }
          const f = (k * k) / d2;
          dx[i] += ddx * f; dy[i] += ddy * f;
          dx[j] -= ddx * f; dy[j] -= ddy * f;
        }
      }
      for (const [a, b, w] of links) {
        const ddx = xs[a] - xs[b];
        const ddy = ys[a] - ys[b];
        const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1e-6;
        const f = (d / k) * (1 + Math.log2(w) * 0.3);
        dx[a] -= ddx * f; dy[a] -= ddy * f;
        dx[b] += ddx * f; dy[b] += ddy * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= xs[i] * LAYOUT.gravity;  // keeps separate groups near the middle
        dy[i] -= ys[i] * LAYOUT.gravity;
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        const move = Math.min(d, temp);
        xs[i] += (dx[i] / d) * move;
        ys[i] += (dy[i] / d) * move;
      }
      temp = Math.max(0.002, temp * 0.985);
    }
  }
  const fill = Math.min(1, 0.3 + n / 16);  // a few nodes stay near the middle
  const fit = (vals, lo, hi) => {
    const min = Math.min(...vals);
    const max = Math.max(...vals);
    const mid = (lo + hi) / 2;
    if (max - min < 1e-9) return Array.from(vals, () => mid);
    const half = ((hi - lo) / 2) * fill;
    return Array.from(vals, (v) => mid - half + ((v - min) / (max - min)) * 2 * half);
  };
  const px = fit(xs, pad.l, W - pad.r);
  const py = fit(ys, pad.t, H - pad.b);
  return nodes.map((_, i) => ({ x: px[i], y: py[i] }));
}

/** Push apart circles that overlap (a few rounds), keeping them in the box. */
function separate(pos, radius, W, H, pad) {
  const n = pos.length;
  for (let round = 0; round < 30; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const need = radius[i] + radius[j] + 6;
        let dx = pos[j].x - pos[i].x;
        let dy = pos[j].y - pos[i].y;
        let d = Math.hypot(dx, dy);
        if (d >= need) continue;
        if (d < 1e-6) { dx = 1; dy = 0; d = 1; }
        const push = (need - d) / 2;
        pos[i].x -= (dx / d) * push; pos[i].y -= (dy / d) * push;
        pos[j].x += (dx / d) * push; pos[j].y += (dy / d) * push;
        moved = true;
      }
    }
    for (let i = 0; i < n; i++) {
      pos[i].x = Math.min(W - pad.r, Math.max(pad.l, pos[i].x));
      pos[i].y = Math.min(H - pad.b, Math.max(pad.t, pos[i].y));
    }
    if (!moved) break;
  }
}

/** Labels for the nodes, most active first, each where it overlaps no other label or
 *  node (right, left, above or below its node); a label that fits nowhere is left out
 *  (the node's tooltip still names it). */
function placeLabels(nodes, pos, radius, W, H) {
  const CHAR = 6.2;
  const LINE = 13;
  const boxes = pos.map((p, i) => ({
    x1: p.x - radius[i], x2: p.x + radius[i], y1: p.y - radius[i], y2: p.y + radius[i], node: i,
  }));
  const overlaps = (b, self) => boxes.some((o) => o.node !== self &&
    b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2);
  const labels = new Array(nodes.length).fill(null);
  const order = nodes.map((_, i) => i).sort((a, b) => nodes[b].events - nodes[a].events);
  order.forEach((i, rank) => {
    const name = nodeLabel(nodes[i]);
    const text = name.length > 24 ? `${name.slice(0, 23)}…` : name;
    const w = text.length * CHAR + 2;
    const r = radius[i];
    const { x, y } = pos[i];
    const mid = [y - LINE / 2, y + LINE / 2];
    const options = [  // box: x1, x2, y1, y2
      { x: r + 4, y: 4, anchor: "start", box: [x + r + 3, x + r + 5 + w, ...mid] },
      { x: -r - 4, y: 4, anchor: "end", box: [x - r - 5 - w, x - r - 3, ...mid] },
      { x: 0, y: -r - 4, anchor: "middle", box: [x - w / 2, x + w / 2, y - r - 3 - LINE, y - r - 3] },
      { x: 0, y: r + 12, anchor: "middle", box: [x - w / 2, x + w / 2, y + r + 2, y + r + 2 + LINE] },
    ];
    const inside = (o) => o.box[0] >= 1 && o.box[1] <= W - 1 && o.box[2] >= 1 && o.box[3] <= H - 1;
    let chosen = options.find((o) => inside(o) &&
      !overlaps({ x1: o.box[0], x2: o.box[1], y1: o.box[2], y2: o.box[3] }, i));
    if (!chosen && rank < 5) chosen = options.find(inside) || options[0];
    if (!chosen) return;
    const [x1, x2, y1, y2] = chosen.box;
    boxes.push({ x1, x2, y1, y2, node: -1 });
    labels[i] = { x: chosen.x, y: chosen.y, anchor: chosen.anchor, text };
  });
  return labels;
}

// A network node is a country and sector ("RUS/GOV"), a pseudo-country ("IGO"), an actor
// id or the words; its name is one of the actors it stands for.
const DYAD = /^[A-Z]{3}(\/[A-Z]{3})?$/;

function nodeLabel(node) {
  return DYAD.test(node.id) ? node.id : (node.name || node.id);
}

function nodeFilter(node) {
  return node.country || node.id;
}

function renderNetwork(data) {
  state.data.network = data;
  const box = $("#network-chart");
  box.replaceChildren();
  $("#network-legend").replaceChildren();
  $("#network-note").textContent = "";
  if (!data) return;
  const { nodes, edges } = data;
  if (!nodes.length) {
    box.appendChild(h("p", { class: "empty" }, "No events with both a source and a target."));
    return;
  }
  $("#network-note").textContent = `${plural(nodes.length, "actor")} · ` +
    `${plural(edges.length, "link")}${edges.length >= NETWORK_LIMIT ? " (the strongest)" : ""}` +
    " · click an actor to filter";
  const W = Math.max(300, box.clientWidth || 500);
  const H = 300;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const pairs = new Map();
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === b) continue;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    const pair = pairs.get(key) || [Math.min(a, b), Math.max(a, b), 0];
    pair[2] += e.count;
    pairs.set(key, pair);
  }
  const pad = { l: 26, r: 26, t: 22, b: 22 };
  const pos = layoutGraph(nodes, [...pairs.values()], W, H, pad);
  const maxEvents = Math.max(...nodes.map((d) => d.events));
  const radius = nodes.map((d) => 4 + 10 * Math.sqrt(d.events / maxEvents));
  separate(pos, radius, W, H, pad);
  const labels = placeLabels(nodes, pos, radius, W, H);

  const chart = svg("svg", {
    width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", class: "network-svg",
    "aria-label": "actor network",
  });
  const defs = svg("defs");
  QUADS.forEach((_, q) => {
    defs.appendChild(svg("marker", {
      id: `arrow-${q}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8,
      markerHeight: 8, markerUnits: "userSpaceOnUse", orient: "auto",
    }, svg("path", { d: "M0,0 L10,5 L0,10 z", fill: QUAD_COLOR[q] })));
  });
  chart.appendChild(defs);

  // Edges between the same two actors fan out as curves.
  const groups = new Map();
  for (const e of edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const edgeLayer = svg("g", { class: "edges" });
  const edgeEls = [];
  for (const group of groups.values()) {
    group.forEach((e, i) => {
      const a = index.get(e.source);
      const b = index.get(e.target);
      const q = QUADS.indexOf(e.quad) >= 0 ? QUADS.indexOf(e.quad) : QUAD_OF[e.type];
      const width = Math.min(6, 1.3 + Math.log2(e.count) * 1.1);
      let d;
      if (a === b) {
        const { x, y } = pos[a];
        const r = radius[a];
        d = `M${x - r * 0.6},${y - r * 0.8} C${x - r * 2.2},${y - r * 3.4} ${x + r * 2.2},` +
            `${y - r * 3.4} ${x + r * 0.6},${y - r * 0.8}`;
      } else {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const off = (i - (group.length - 1) / 2) * 20;
        const mx = (pos[lo].x + pos[hi].x) / 2;
        const my = (pos[lo].y + pos[hi].y) / 2;
        const len = Math.hypot(pos[hi].x - pos[lo].x, pos[hi].y - pos[lo].y) || 1;
        const cx = mx - ((pos[hi].y - pos[lo].y) / len) * off;
        const cy = my + ((pos[hi].x - pos[lo].x) / len) * off;
        const from = pos[a];
        const to = pos[b];
        const l1 = Math.hypot(cx - from.x, cy - from.y) || 1;
        const l2 = Math.hypot(to.x - cx, to.y - cy) || 1;
        const sx = from.x + ((cx - from.x) / l1) * radius[a];
        const sy = from.y + ((cy - from.y) / l1) * radius[a];
        const ex = to.x - ((to.x - cx) / l2) * (radius[b] + 1.5);
        const ey = to.y - ((to.y - cy) / l2) * (radius[b] + 1.5);
        d = `M${sx.toFixed(1)},${sy.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ` +
            `${ex.toFixed(1)},${ey.toFixed(1)}`;
      }
      const path = svg("path", {
        d, class: `edge quad-${q}${q % 2 === 0 ? " verbal" : ""}`, stroke: QUAD_COLOR[q],
        "stroke-width": width.toFixed(2), fill: "none", "marker-end": `url(#arrow-${q})`,
        "data-source": e.source, "data-target": e.target, "data-type": e.type,
      }, svg("title", {}, `${nodeLabel(nodes[a])} → ${nodeLabel(nodes[b])}\n` +
        `${e.type} (${e.quad}): ${plural(e.count, "event")}`));
      edgeEls.push({ el: path, a, b });
      edgeLayer.appendChild(path);
    });
  }
  chart.appendChild(edgeLayer);

  const selected = (state.filters.actor || "").toUpperCase();
  const nodeLayer = svg("g", { class: "nodes" });
  nodes.forEach((node, i) => {
    const { x, y } = pos[i];
    const target = nodeFilter(node);
    const isSelected = selected && (selected === String(node.country || "").toUpperCase() ||
                                    selected === String(node.id).toUpperCase());
    const name = nodeLabel(node);
    const label = labels[i];
    const example = (node.label && node.label !== name ? `\n${node.label}` : "") +
      (node.name && node.name !== node.label ? `\nactors such as ${node.name}` : "");
    const g = svg("g", {
      class: `node${isSelected ? " selected" : ""}`, "data-id": node.id,
      "data-country": node.country, tabindex: 0, role: "button",
      transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`,
      "aria-label": `${name}: filter by ${target}`,
      onclick: () => applyFilters({ ...readForm(), actor: target }),
      onkeydown: (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          applyFilters({ ...readForm(), actor: target });
        }
      },
      onmouseenter: () => focusNode(chart, edgeEls, nodeLayer, i),
      onmouseleave: () => focusNode(chart, edgeEls, nodeLayer, null),
    },
    svg("title", {}, `${name}${example}\n${plural(node.events, "event")}` +
      ` · click to filter by ${target}`),
    svg("circle", { r: radius[i].toFixed(1) }),
    label ? svg("text", { x: label.x, y: label.y, "text-anchor": label.anchor }, label.text)
      : null);
    nodeLayer.appendChild(g);
  });
  chart.appendChild(nodeLayer);
  box.appendChild(chart);

  const legend = $("#network-legend");
  QUADS.forEach((quad, q) => {
    const sample = svg("svg", { width: 26, height: 10, class: "legend-line" },
      svg("line", { x1: 1, x2: 25, y1: 5, y2: 5, stroke: QUAD_COLOR[q], "stroke-width": 2.5,
                    class: q % 2 === 0 ? "verbal" : null }));
    legend.appendChild(h("span", { class: "legend-item" }, sample, quad));
  });
  legend.appendChild(h("span", { class: "legend-item muted" }, "circle size: events"));
}

function focusNode(chart, edgeEls, nodeLayer, i) {
  const groups = [...nodeLayer.children];
  if (i === null) {
    chart.classList.remove("focus");
    for (const g of groups) g.classList.remove("hl");
    for (const e of edgeEls) e.el.classList.remove("hl");
    return;
  }
  chart.classList.add("focus");
  const near = new Set([i]);
  for (const e of edgeEls) {
    const on = e.a === i || e.b === i;
    e.el.classList.toggle("hl", on);
    if (on) { near.add(e.a); near.add(e.b); }
  }
  groups.forEach((g, k) => g.classList.toggle("hl", near.has(k)));
}

// ---------------------------------------------------------------- event table

function renderEvents(data) {
  const tbody = $("#events tbody");
  tbody.replaceChildren();
  $("#events-empty").hidden = true;
  if (!data) {
    $("#events-count").textContent = "";
    $("#page-info").textContent = "";
    $("#prev").disabled = $("#next").disabled = true;
    return;
  }
  remember(data.events);
  for (const e of data.events) tbody.appendChild(eventRow(e));
  $("#events-empty").hidden = data.events.length > 0;
  const first = (state.page - 1) * PAGE_SIZE;
  $("#events-count").textContent = plural(data.total, "event");
  $("#events-count").dataset.total = data.total;
  $("#page-info").textContent = data.events.length
    ? `${first + 1}–${first + data.events.length} of ${data.total}` : "";
  $("#prev").disabled = state.page <= 1;
  $("#next").disabled = first + data.events.length >= data.total;
}

function eventRow(e) {
  const open = () => openEvent(e.event_id);
  const precision = e.date_precision ? `date precision: ${e.date_precision}` : null;
  const disputed = (e.denied_by || []).length;
  return h("tr", {
    tabindex: 0, "data-event-id": e.event_id, "data-type": e.type, "data-status": e.status,
    class: e.event_id === state.event ? "selected" : null,
    onclick: open,
    onkeydown: (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        open();
      }
    },
  },
  h("td", {
    class: `nowrap date${e.date_precision === "publication" ? " from-publication" : ""}`,
    title: precision,
  }, e.date || "—"),
  h("td", { class: "nowrap" }, typeChip(e.type)),
  h("td", { class: "muted mode" }, e.mode || ""),
  h("td", { class: "actors-cell" }, actorList(e.source)),
  h("td", { class: "actors-cell" }, actorList(e.target)),
  h("td", { class: "nowrap" }, statusBadge(e.status),
    disputed
      ? h("span", { class: "flag", title: `denied by ${plural(disputed, "event")}` }, " ⚑")
      : null),
  h("td", { class: "actors-cell" },
    e.attributed_to ? actorLabel(e.attributed_to) : h("span", { class: "none" }, "—")),
  h("td", { class: "num", title: e.num_articles ? plural(e.num_articles, "article") : null },
    e.num_sources ?? ""),
  h("td", { class: "trigger", title: e.evidence.sentence }, e.evidence.text));
}

// ---------------------------------------------------------------- event panel

/** Python counts characters by code point, JavaScript by UTF-16 unit. */
function utf16Index(text, codePoints) {
  if (!/[\uD800-\uDFFF]/.test(text)) return codePoints;
  let i = 0;
  for (let cp = 0; cp < codePoints && i < text.length; cp++) {
    i += text.codePointAt(i) > 0xffff ? 2 : 1;
  }
  return i;
}

/** The article text as nodes: the evidence sentence in a span, the trigger in a mark. */
function articleNodes(text, evidence) {
  let start = utf16Index(text, evidence.start);
  let end = utf16Index(text, evidence.end);
  const valid = start >= 0 && start <= end && end <= text.length;
  if (!valid || text.slice(start, end) !== evidence.text) {
    const at = text.indexOf(evidence.sentence);
    const found = evidence.text ? text.indexOf(evidence.text, Math.max(0, at)) : -1;
    if (found < 0) return [text];
    start = found;
    end = found + evidence.text.length;
  }
  const mark = h("mark", { class: "evidence", id: "evidence-mark" }, text.slice(start, end));
  const sentence = evidence.sentence || "";
  let from = sentence ? text.lastIndexOf(sentence, start) : -1;
  while (from >= 0 && from + sentence.length < end) {
    from = from > 0 ? text.lastIndexOf(sentence, from - 1) : -1;
  }
  if (from < 0) return [text.slice(0, start), mark, text.slice(end)];
  const to = from + sentence.length;
  return [text.slice(0, from),
    h("span", { class: "evidence-sentence" }, text.slice(from, start), mark, text.slice(end, to)),
    text.slice(to)];
}

function detailRow(label, ...value) {
  return [h("dt", {}, label), h("dd", {}, ...value)];
}

function linkList(ids, cls) {
  return h("ul", { class: "links" }, ids.map((id) => {
    const item = h("li", {}, eventLink(id, cls, id));
    const known = state.known.get(id);
    if (known) {
      item.append(" ", eventSummary(known));
    } else {
      api(`/events/${encodeURIComponent(id)}`).then((e) => {
        remember([e]);
        item.append(" ", eventSummary(e));
      }, () => item.append(" ", h("span", { class: "muted" }, "(not found)")));
    }
    return item;
  }));
}

function renderPanel(e) {
  remember([e]);
  const story = Array.isArray(e.story_events) ? e.story_events : [];
  remember(story);
  const heading = $("#panel-heading");
  heading.replaceChildren();
  appendAll(heading, [typeChip(e.type), " ", e.mode ? h("span", { class: "mode" }, e.mode) : null,
    " ", statusBadge(e.status)]);

  const ev = e.evidence || {};
  const where = e.location ? [e.location.name || e.location.text,
    e.location.country ? h("span", { class: "cc" }, e.location.country) : null] : ["—"];
  const details = h("dl", { class: "details" },
    detailRow("Source", actorList(e.source)),
    detailRow("Target", actorList(e.target)),
    detailRow("Date", e.date || "—",
      e.date_precision ? h("span", { class: "muted" }, ` (${e.date_precision})`) : null),
    detailRow("Place", ...where),
    detailRow("Attributed to", e.attributed_to ? actorLabel(e.attributed_to) : "—"),
    detailRow("Status", statusBadge(e.status)),
    detailRow("Confidence", h("span", { class: "confidence" },
      h("span", { class: "meter" }, h("span", { class: "fill", "data-value": e.confidence })),
      ` ${Number(e.confidence).toFixed(2)}`)),
    detailRow("Rule", h("code", {}, ev.rule || "—"),
      e.cameo_code ? h("span", { class: "muted" }, ` · CAMEO ${e.cameo_code}`) : null),
    detailRow("Event", h("code", {}, e.event_id)),
    detailRow("Story", h("code", {}, e.story_id || "—"),
      e.num_articles ? h("span", { class: "muted" },
        ` · ${plural(e.num_articles, "article")} from ${plural(e.num_sources || 0, "source")}`) : null));
  const fill = details.querySelector(".fill");
  fill.style.setProperty("width", `${Math.round(Math.max(0, Math.min(1, e.confidence)) * 100)}%`);

  const parts = [details];

  const article = e.article;
  if (article) {
    const meta = [article.source, article.published,
      article.lang ? article.lang.toUpperCase() : null, article.doc_id].filter(Boolean);
    let link = null;  // only http(s) addresses become links; others are shown as text
    if (article.url && safeHref(article.url)) {
      link = h("a", { href: article.url, target: "_blank", rel: "noopener noreferrer nofollow",
                      id: "article-url" }, article.url);
    } else if (article.url) {
      link = h("span", { class: "muted" }, article.url);
    }
    parts.push(h("section", { class: "article", id: "article" },
      h("h3", { id: "article-title" }, article.title || article.doc_id),
      h("p", { class: "meta" }, meta.join(" · "), link ? [" · ", link] : null),
      h("div", { class: "article-text", id: "article-text", "data-testid": "article-text" },
        articleNodes(article.text || "", ev))));
  } else {
    parts.push(h("p", { class: "muted" }, "The article of this event is not stored."),
      h("blockquote", { class: "evidence-sentence" }, ev.sentence || ""));
  }

  const others = story.filter((x) => x.event_id !== e.event_id);
  if (others.length) {
    parts.push(h("section", { class: "story", id: "story" },
      h("h3", {}, `Same story: ${plural(others.length, "other report")}`,
        h("button", {
          type: "button", class: "link small",
          onclick: () => applyFilters({ ...readForm(), story: e.story_id }),
        }, "show in table")),
      h("ul", { class: "links" }, others.map((x) => h("li", {},
        eventLink(x.event_id, "story-link", x.article_source || x.doc_id),
        x.article_source ? h("span", { class: "muted" }, ` (${x.doc_id})`) : null,
        " ", eventSummary(x))))));
  }
  if ((e.denies || []).length) {
    parts.push(h("section", { class: "denials", id: "denies" },
      h("h3", {}, "Denies"), linkList(e.denies, "denial-link")));
  }
  if ((e.denied_by || []).length) {
    parts.push(h("section", { class: "denials", id: "denied-by" },
      h("h3", {}, "Denied by"), linkList(e.denied_by, "denial-link")));
  }
  $("#panel-body").replaceChildren(...parts);
}

let panelRequest = 0;

async function openEvent(id) {
  const request = ++panelRequest;
  state.event = id;
  writeURL(false);
  const panel = $("#event-panel");
  panel.hidden = false;
  $("#layout").classList.add("panel-open");
  panel.dataset.eventId = id;
  panel.dataset.state = "loading";
  for (const row of $("#events tbody").rows) {
    row.classList.toggle("selected", row.dataset.eventId === id);
  }
  let event;
  try {
    event = await api(`/events/${encodeURIComponent(id)}`);
  } catch (err) {
    if (request !== panelRequest) return;
    showError(err);
    $("#panel-heading").textContent = "Event";
    $("#panel-body").replaceChildren(h("p", { class: "empty" }, err.message));
    panel.dataset.state = "error";
    return;
  }
  if (request !== panelRequest) return;
  renderPanel(event);
  panel.dataset.state = "ready";
  panel.scrollTop = 0;
  const box = $("#article-text");
  const mark = $("#evidence-mark");
  if (box && mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
  const rect = panel.getBoundingClientRect();
  if (rect.top > window.innerHeight || rect.bottom < 0) panel.scrollIntoView({ block: "start" });
}

function closePanel() {
  panelRequest++;
  state.event = null;
  writeURL(false);
  $("#event-panel").hidden = true;
  $("#event-panel").dataset.state = "closed";
  $("#layout").classList.remove("panel-open");
  for (const row of $("#events tbody").rows) row.classList.remove("selected");
}

// ---------------------------------------------------------------- alerts

function renderAlerts(alerts) {
  const strip = $("#alerts");
  const list = $("#alerts-list");
  list.replaceChildren();
  strip.hidden = !alerts.length;
  remember(alerts.map((a) => a.event).filter(Boolean));
  for (const alert of alerts) {
    const e = alert.event;
    let delivery = null;
    if (alert.webhook) {
      delivery = alert.delivered ? "delivered"
        : `pending${alert.attempts ? ` after ${plural(alert.attempts, "try", "tries")}` : ""}`;
    }
    list.appendChild(h("li", { class: "alert", "data-alert": alert.alert_id, title: alert.last_error || null },
      h("span", { class: "watch" }, alert.watch),
      e ? eventLink(alert.event_id, "alert-link", [typeChip(e.type), " ",
        actorList(e.source), " → ", actorList(e.target)]) : h("code", {}, alert.event_id),
      h("span", { class: "when muted" }, e && e.date ? e.date : alert.created_at.slice(0, 10)),
      delivery ? h("span", { class: `delivery ${alert.delivered ? "ok" : "pending"}` }, delivery) : null));
  }
}

// ---------------------------------------------------------------- start

function init() {
  const typeSelect = $("#filter-type");
  for (const type of TYPES) typeSelect.appendChild(h("option", { value: type }, type));

  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    applyFilters(readForm());
  });
  $("#reset").addEventListener("click", () => applyFilters({}));
  $("#prev").addEventListener("click", () => {
    if (state.page > 1) { state.page--; writeURL(true); refresh(); }
  });
  $("#next").addEventListener("click", () => { state.page++; writeURL(true); refresh(); });
  $("#panel-close").addEventListener("click", closePanel);
  $("#error-close").addEventListener("click", clearError);
  $("#token-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const token = $("#token").value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    $("#token").value = "";
    start();
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !$("#event-panel").hidden) closePanel();
  });
  window.addEventListener("popstate", start);
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (state.data.timeline) renderTimeline(state.data.timeline);
      if (state.data.network) renderNetwork(state.data.network);
    }, 150);
  });
  start();
  loadHealth();
  loadAlerts();
}

function start() {
  Object.assign(state, readURL());
  fillForm();
  const loaded = refresh();
  if (state.event) openEvent(state.event);
  else if (!$("#event-panel").hidden) closePanel();
  return loaded;
}

init();
