// Shared by the three baseline pages (chartjs.html, uplot.html, plotly.html), so that each draws
// the same thing from the same numbers as Trendline's default view and only the charting library
// differs: METR TH1.1 p50 points (minutes, log y) with CI whiskers, the exponential fit over the
// frontier, the projection to 2031 at an assumed doubling time, 80 % and 95 % bands around it,
// the four work milestones and the 16 h reliability ceiling.
//
// The maths is a deliberate simplification of the app's engine (docs/engine.md), good enough to
// give every library the same drawing work:
// - fit: ordinary least squares of ln(minutes) on the date, over the frontier points at or below
//   the 16 h cap (as the app's default `fit=frontier`, `cap=16`);
// - projection: from the fit line at the last fitted point, doubling every `doublingDays`;
// - bands: log-normal around the projection with sigma(h) = sqrt(s² + (ln2 · h / dt · 0.25)²),
//   s the fit's residual standard deviation and h the days ahead, i.e. the doubling time itself
//   uncertain by ±25 % (1 sd, delta method). The app instead draws 2000 Monte Carlo trends from a
//   bootstrap; that is engine work the baselines do not do, so any gap it causes is Trendline's.
//
// `?scale=N` replicates the point set N times with jittered dates (±60 days, never after the last
// real date) and values (× e^N(0, 0.25)), reproducibly (fixed seed), for the scale rows of
// scripts/bench.mjs.

export const DAY = 86400e3;
/** Milestones exactly as crates/trendline-core/src/forecast/milestones.rs (WORK), in minutes. */
export const MILESTONES = [
  { label: '1 work-day (8 h)', minutes: 8 * 60 },
  { label: '1 work-week (40 h)', minutes: 40 * 60 },
  { label: '1 work-month (167 h)', minutes: 167 * 60 },
  { label: '1 work-year (2000 h)', minutes: 2000 * 60 },
];
/** Horizons above 16 h are not fitted (the app's default cap for TH1.1). */
export const CEILING = { label: '16 h reliability ceiling', minutes: 16 * 60 };
export const END = Date.UTC(2031, 0, 1);
export const COLORS = {
  frontier: '#1d4ed8', other: '#6b7280', capped: '#c2410c', whisker: 'rgba(29,78,216,0.35)',
  fit: '#1d4ed8', projection: '#be185d', band80: 'rgba(219,39,119,0.25)', band95: 'rgba(219,39,119,0.12)',
  milestone: '#78716c', ceiling: '#dc6b4a',
};
/** Y ticks (minutes) and their labels, as the app's axis. */
export const Y_TICKS = [
  [1 / 60, '1 s'], [10 / 60, '10 s'], [1, '1 min'], [10, '10 min'], [60, '1 h'], [480, '8 h'],
  [2400, '40 h'], [10020, '167 h'], [120000, '2,000 h'],
];
export const yLabel = (m) => (Y_TICKS.find(([v]) => Math.abs(v / m - 1) < 1e-6) ?? [0, ''])[1];

/** The `?scale=` query parameter (1 when absent). */
export function scaleParam() {
  const k = Number(new URLSearchParams(location.search).get('scale') ?? 1);
  return Number.isFinite(k) && k >= 1 ? Math.floor(k) : 1;
}

/** RFC 4180-ish CSV (quoted fields, doubled quotes) → array of row objects keyed by header. */
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); cell = '';
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x !== '')) rows.push(row);
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The series' points from the CSV text (the repo's series format), `scale` times over, sorted
 * by date: {t (ms), value, low, high (minutes), frontier, fitted, name}. Also used by
 * scripts/bench.mjs (in Node) to write the same synthetic series for Trendline's import. */
export function toPoints(text, scale = 1) {
  const base = parseCsv(text).map((r) => ({
    t: Date.parse(r.date + 'T00:00:00Z'), value: Number(r.value), low: Number(r.ci_low), high: Number(r.ci_high),
    frontier: r.frontier === 'true', name: r.model,
  }));
  let pts = base;
  if (scale > 1) {
    const rnd = mulberry32(20261203);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const last = Math.max(...base.map((p) => p.t));
    pts = [];
    for (let k = 0; k < scale; k++) {
      for (const p of base) {
        if (k === 0) { pts.push(p); continue; }
        const f = Math.exp(0.25 * normal());
        pts.push({ ...p, name: `${p.name} #${k + 1}`, t: Math.min(last, p.t + Math.round((rnd() - 0.5) * 120) * DAY), value: p.value * f, low: p.low * f, high: p.high * f });
      }
    }
  }
  pts.sort((a, b) => a.t - b.t);
  for (const p of pts) p.fitted = p.frontier && p.value <= CEILING.minutes;
  return pts;
}

/** The points of the series at `url` (see toPoints). */
export async function loadPoints(url, scale = 1) {
  return toPoints(await (await fetch(url)).text(), scale);
}

/** OLS of ln(minutes) on days: {a, b (per day), s (residual sd), n, t0, t1, doublingDays}. */
export function fit(points) {
  const f = points.filter((p) => p.fitted);
  const n = f.length;
  const xs = f.map((p) => p.t / DAY), ys = f.map((p) => Math.log(p.value));
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
  const b = sxy / sxx, a = my - b * mx;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (ys[i] - a - b * xs[i]) ** 2;
  return { a, b, s: Math.sqrt(ss / (n - 2)), n, t0: f[0].t, t1: f[n - 1].t, doublingDays: Math.LN2 / b };
}

/** The fit line as two points [[t, minutes], …]. */
export const fitLine = (F) => [[F.t0, Math.exp(F.a + F.b * F.t0 / DAY)], [F.t1, Math.exp(F.a + F.b * F.t1 / DAY)]];

/** Projection and bands at `samples` dates from the last fitted point to END. */
export function project(F, doublingDays, samples = 121) {
  const start = F.t1, y0 = F.a + F.b * start / DAY, k = Math.LN2 / doublingDays;
  const out = { t: [], mid: [], lo80: [], hi80: [], lo95: [], hi95: [] };
  for (let i = 0; i < samples; i++) {
    const t = start + (END - start) * i / (samples - 1), h = (t - start) / DAY;
    const m = y0 + k * h, sd = Math.sqrt(F.s ** 2 + (k * h * 0.25) ** 2);
    out.t.push(t); out.mid.push(Math.exp(m));
    out.lo80.push(Math.exp(m - 1.2816 * sd)); out.hi80.push(Math.exp(m + 1.2816 * sd));
    out.lo95.push(Math.exp(m - 1.96 * sd)); out.hi95.push(Math.exp(m + 1.96 * sd));
  }
  return out;
}

/** The y range (minutes): every interval and the top milestone, padded. */
export function yRange(points) {
  return [Math.min(...points.map((p) => p.low)) * 0.6, MILESTONES[3].minutes * 1.35];
}

/** Years with a 1 January tick inside [t0, t1]. */
export function yearTicks(t0, t1) {
  const out = [];
  for (let y = new Date(t0).getUTCFullYear(); Date.UTC(y, 0, 1) <= t1; y++) if (Date.UTC(y, 0, 1) >= t0) out.push(Date.UTC(y, 0, 1));
  return out;
}

/** Same definitions as the app: `trendline:first-chart` after the first paint, and a
 * `data-drawn` counter on the [data-testid=chart] element after every paint. */
export function painted(el) {
  const n = Number(el.dataset.drawn ?? 0) + 1;
  el.dataset.drawn = String(n);
  if (n === 1) performance.mark('trendline:first-chart');
}

/** Wires the doubling-time slider: `onInput(days)` on every `input` event. */
export function slider(initial, onInput) {
  const input = document.querySelector('[data-testid=doubling-slider]');
  const out = document.querySelector('[data-testid=doubling-value]');
  input.value = String(Math.round(initial));
  out.textContent = `${Math.round(initial)} days (fitted ${initial.toFixed(1)})`;
  input.addEventListener('input', () => {
    const d = Number(input.value);
    out.textContent = `${d} days`;
    onInput(d);
  });
}
