// Browser benchmark of the release bundle (dist/) side by side with three baselines that draw the
// same chart (bench/: Chart.js, uPlot, Plotly.js), all in one headless Chromium run: bytes of the
// first view (gzip -9 and brotli 11 of every network response until the first chart and network
// idle), time to the first chart (the `trendline:first-chart` mark, median and max of cold
// loads), slider input → redrawn chart latency (p50/p95; for Trendline also its phases), the JS
// heap after load, and redraw p95 with 10× and 100× the points; then Lighthouse's mobile profile
// on the same four pages served with gzip (scripts/lighthouse.mjs, median of --lh-runs runs
// each). Prints the tables and writes them
// with the machine, date, commit and versions to docs/performance.md. Every figure comes from
// this run. Asserts nothing: budgets are targets to compare against, not test conditions; it
// fails only on real errors (a page that never draws, a server that does not start).
//   node scripts/bench.mjs [--samples 300] [--scale-samples 100] [--loads 11] [--dist DIR]
//                          [--out docs/performance.md | --no-write] [--note TEXT] [--screenshots DIR]
//                          [--lh-runs 3 | --no-lighthouse]
// --dist (or $TRENDLINE_DIST) benchmarks another build; either way the bundle and the baselines
// are copied to a temporary folder first, so a concurrent rebuild cannot change files under the
// run.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toPoints } from '../bench/common.mjs';
import { coldLoad, freePort, launch, responseTable, startServer, totals, VIEWPORT } from './first-view.mjs';
import { CHROME_PATH, lighthouseAll, lighthouseRuns, lighthouseTable } from './lighthouse.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const samples = Number(arg('--samples', 300));
const scaleSamples = Number(arg('--scale-samples', 100));
const loads = Number(arg('--loads', 11));
const distSrc = path.resolve(arg('--dist', process.env.TRENDLINE_DIST ?? path.join(root, 'dist')));
const out = process.argv.includes('--no-write') ? null : path.resolve(arg('--out', path.join(root, 'docs/performance.md')));
const note = arg('--note', '');
const shots = arg('--screenshots', null);
const lhRuns = process.argv.includes('--no-lighthouse') ? 0 : Number(arg('--lh-runs', 3));
const SCALES = [10, 100];
// Three scenarios (the app's examples), as a link writes them.
const SCENARIOS = 'sa=1~auto~fit~fit~0~default~100~fit~Trend%20continues&sb=1~auto~365.25~fit~0~default~100~fit~Slows%20to%2012-month%20doubling&sc=1~superexp~fit~15~0~default~100~fit~Superexponential%2015%25';
const BUDGET = { gzipKb: 150, firstChartMs: 150, sliderP95Ms: 3 };
const LIBS = [
  { key: 'chartjs', name: 'Chart.js', pkg: 'chart.js', page: 'chartjs.html', files: ['node_modules/chart.js/dist'] },
  { key: 'uplot', name: 'uPlot', pkg: 'uplot', page: 'uplot.html', files: ['node_modules/uplot/dist'] },
  { key: 'plotly', name: 'Plotly', pkg: 'plotly.js-dist-min', page: 'plotly.html', files: ['node_modules/plotly.js-dist-min/plotly.min.js'] },
];

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
const median = (xs) => pct(xs, 50);
const sh = (cmd) => { try { return execSync(cmd, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return ''; } };
const started = Date.now();
const loadBefore = os.loadavg();
const log = (s) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

// 1. Copies: the bundle, and the baselines with the repo's layout (bench/, the libraries, the CSV).
if (!fs.existsSync(path.join(distSrc, 'index.html'))) throw new Error(`${distSrc}/index.html missing (run make dist)`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trendline-bench-'));
const distDir = path.join(tmp, 'dist');
fs.cpSync(distSrc, distDir, { recursive: true });
const baseDir = path.join(tmp, 'baselines');
for (const rel of ['bench', 'data/series/metr-th1.1-p50.csv', ...LIBS.flatMap((l) => l.files)]) {
  fs.cpSync(path.join(root, rel), path.join(baseDir, rel), { recursive: true });
}
const buildId = (fs.readFileSync(path.join(distDir, 'index.html'), 'utf8').match(/name="trendline-build" content="([^"]+)"/) ?? [])[1] ?? 'none';

// Synthetic series for Trendline's scale rows: the TH1.1 points ×N with the same jitter as the
// baselines' ?scale=N (bench/common.mjs), in the import format (src/user_series.rs stores an
// import as "<unit>\n<title>\n<csv text>" under trendline-user-series:<id>, ids listed one a
// line under trendline-user-series); pre-seeded in local storage, then chosen by ?series=<id>.
const csv = fs.readFileSync(path.join(root, 'data/series/metr-th1.1-p50.csv'), 'utf8');
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const g = (v) => Number(v.toPrecision(6));
const synthetic = (k) => ({
  id: `user-bench-x${k}`, title: `bench x${k}`, n: toPoints(csv, k).length,
  text: ['date,value,name,ci_low,ci_high',
    ...toPoints(csv, k).map((p) => `${iso(p.t)},${g(p.value)},"${p.name.replace(/"/g, '""')}",${g(p.low)},${g(p.high)}`)].join('\n'),
});

// 2. Servers and browser.
const tPort = await freePort();
const tBase = `http://127.0.0.1:${tPort}/`;
const bPort = await freePort();
const bBase = `http://127.0.0.1:${bPort}/bench/`;
const servers = [
  await startServer(path.join(root, 'tests/e2e/serve.mjs'), [distDir, String(tPort), '/'], tBase),
  await startServer(path.join(root, 'bench/serve.mjs'), [String(bPort), baseDir], `${bBase}chartjs.html`),
];
const browser = await launch();
const targets = [
  { key: 'trendline', name: 'Trendline', url: (k) => (k > 1 ? `${tBase}?series=user-bench-x${k}` : tBase), base: tBase },
  ...LIBS.map((l) => ({ ...l, url: (k) => `${bBase}${l.page}${k > 1 ? `?scale=${k}` : ''}`, base: bBase.replace(/bench\/$/, '') })),
];

/** Each input's latency: from dispatch to the moment the chart reports a new paint (its
 * data-drawn counter, seen by a MutationObserver); Trendline's phases from its marks. */
async function sliderRun(page, n) {
  return page.evaluate(async (n) => {
    const slider = document.querySelector('[data-testid=doubling-slider]');
    const chart = document.querySelector('[data-testid=chart]');
    let resolve;
    new MutationObserver(() => resolve && resolve(performance.now())).observe(chart, { attributes: true, attributeFilter: ['data-drawn'] });
    const times = [];
    let missed = 0;
    performance.clearMarks();
    for (let i = 0; i < n; i++) {
      const painted = new Promise((r) => { resolve = r; });
      const t0 = performance.now();
      slider.value = String(60 + (i % 200) * 3);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t = await Promise.race([painted, new Promise((r) => setTimeout(() => r(null), 5000))]);
      if (t === null) missed++; else times.push(t - t0);
      await new Promise((r) => setTimeout(r, 0));
    }
    const phases = {};
    const open = {};
    for (const m of performance.getEntriesByType('mark').filter((m) => m.name.startsWith('trendline:'))) {
      const [, phase, edge] = m.name.split(':');
      if (edge === 'start') open[phase] = m.startTime;
      else if (edge === 'end' && open[phase] !== undefined) { (phases[phase] ??= []).push(m.startTime - open[phase]); delete open[phase]; }
    }
    return { times, phases, missed };
  }, n);
}

/** Trendline only: each input's time until the panels around the chart show it too (the
 * sensitivity chart's slider marker, which follows after the frame that shows the redrawn
 * chart); each input waits for that before the next. */
async function panelsRun(page, n) {
  return page.evaluate(async (n) => {
    const slider = document.querySelector('[data-testid=doubling-slider]');
    const fig = document.querySelector('[data-testid=sensitivity]');
    const times = [];
    let missed = 0;
    for (let i = 0; i < n; i++) {
      const value = String(61 + (i % 200) * 3);
      const shown = new Promise((r) => {
        const mo = new MutationObserver(() => {
          if (fig.dataset.markerDoubling === value) { mo.disconnect(); r(performance.now()); }
        });
        mo.observe(fig, { attributes: true, attributeFilter: ['data-marker-doubling'] });
        setTimeout(() => { mo.disconnect(); r(null); }, 5000);
      });
      const t0 = performance.now();
      slider.value = value;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t = await shown;
      if (t === null) missed++; else times.push(t - t0);
      await new Promise((r) => setTimeout(r, 0));
    }
    return { times, missed };
  }, n);
}

// Trunk's loader announces the instantiated module (TrunkApplicationStarted, detail.wasm): keep
// its memory to read the linear memory's size after load.
const wasmMemory = (ctx) => ctx.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasmMemory = e.detail?.wasm?.memory; });
});

async function heap(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return h;
}

const R = Object.fromEntries(targets.map((t) => [t.key, { firstChart: [], heap: [], wasm: [], scale: {} }]));
try {
  // 3. Cold loads, round-robin over the pages so that drift in the machine hits all alike.
  log(`${loads} cold loads of each page (new context each)…`);
  for (let i = 0; i < loads; i++) {
    for (const t of targets) {
      const { context, page, firstChart, responses } = await coldLoad(browser, t.url(1), { sizes: i === 0, init: wasmMemory });
      R[t.key].firstChart.push(firstChart);
      R[t.key].heap.push((await heap(context, page)).usedSize);
      const wasm = await page.evaluate(() => window.__benchWasmMemory?.buffer.byteLength ?? null);
      if (wasm !== null) R[t.key].wasm.push(wasm);
      if (i === 0) R[t.key].responses = responses;
      await context.close();
    }
  }
  for (const t of targets) {
    const bad = R[t.key].responses.filter((r) => r.status !== 200 || r.unreadable);
    if (bad.length) throw new Error(`${t.name}: responses not 200 or unreadable: ${bad.map((r) => `${r.url} ${r.status}`).join(', ')}`);
  }

  // 4. Slider, then the scale rows.
  for (const t of targets) {
    for (const k of [1, ...SCALES]) {
      const n = k === 1 ? samples : scaleSamples;
      log(`${t.name}${k > 1 ? ` ×${k}` : ''}: ${n} slider inputs…`);
      const s = k > 1 && t.key === 'trendline' ? synthetic(k) : null;
      const init = s && ((ctx) => ctx.addInitScript(([id, value]) => {
        localStorage.setItem('trendline-user-series', id);
        localStorage.setItem(`trendline-user-series:${id}`, value);
      }, [s.id, `minutes\n${s.title}\n${s.text}`]));
      const { context, page } = await coldLoad(browser, t.url(k), { sizes: false, init });
      // Trendline's first chart may be the pre-rendered page: inputs wait for the live one.
      await page.waitForSelector('[data-testid=chart][data-drawn]', { timeout: 30_000 });
      if (s) {
        const title = await page.getByTestId('series-title').textContent();
        if (title.trim() !== s.title) throw new Error(`Trendline ×${k}: the synthetic series was not selected (title "${title}")`);
        const fitN = await page.getByTestId('fit-n').getAttribute('data-value').catch(() => '?');
        log(`  Trendline shows "${title.trim()}" (${s.n} points, ${fitN} fitted)`);
      }
      if (shots) await page.screenshot({ path: path.join(shots, `${t.key}-x${k}.png`) });
      const r = await sliderRun(page, n);
      await context.close();
      if (r.missed > n / 10) throw new Error(`${t.name} ×${k}: ${r.missed} of ${n} inputs never redrew the chart`);
      if (k === 1) R[t.key].slider = r; else R[t.key].scale[k] = r;
    }
  }
  // 4b. Trendline with three scenarios kept (issue 8): the same slider inputs, scenarios drawn.
  {
    log(`Trendline with 3 scenarios: ${samples} slider inputs…`);
    const { context, page } = await coldLoad(browser, `${tBase}?${SCENARIOS}`, { sizes: false });
    const cols = await page.locator('[data-testid^=scenario-col-]').count();
    if (cols !== 3) throw new Error(`Trendline with scenarios: ${cols} scenario columns, expected 3`);
    R.trendline.scenarios = await sliderRun(page, samples);
    await context.close();
  }
  // 4c. Trendline: input → the panels around the chart updated (one frame after the chart).
  {
    log(`Trendline: ${scaleSamples} slider inputs until the panels show them…`);
    const { context, page } = await coldLoad(browser, tBase, { sizes: false });
    await page.waitForSelector('[data-testid=chart][data-drawn]', { timeout: 30_000 });
    R.trendline.panels = await panelsRun(page, scaleSamples);
    await context.close();
    if (R.trendline.panels.missed > 0) throw new Error(`Trendline: ${R.trendline.panels.missed} inputs never reached the panels`);
  }
} finally {
  await browser.close().catch(() => {});
  for (const s of servers) s.kill();
}
const chromiumVersion = (await (async () => { const b = await launch(); const v = b.version(); await b.close(); return v; })());
// 4d. Lighthouse, mobile profile, the same four pages served with gzip.
let lh = null;
if (lhRuns > 0) {
  log(`Lighthouse, mobile profile: ${lhRuns} runs of each page…`);
  lh = await lighthouseAll({ distDir, baseDir, runs: lhRuns, log });
}
fs.rmSync(tmp, { recursive: true, force: true });

// 5. The table.
const kb = (b) => (b / 1000).toFixed(1);
const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const mb = (b) => (b / 1e6).toFixed(2);
const rows = [
  ['First view, gzip -9 (KB)', (k) => totals(R[k].responses).gzip, kb],
  ['First view, brotli 11 (KB)', (k) => totals(R[k].responses).brotli, kb],
  ['First view, uncompressed (KB)', (k) => totals(R[k].responses).bytes, kb],
  ['First view, responses', (k) => R[k].responses.length, String],
  [`First chart, median of ${loads} cold loads (ms)`, (k) => median(R[k].firstChart), ms],
  [`First chart, max of ${loads} (ms)`, (k) => Math.max(...R[k].firstChart), ms],
  [`Slider → redraw p50, ${samples} inputs (ms)`, (k) => pct(R[k].slider.times, 50), ms],
  [`Slider → redraw p95, ${samples} inputs (ms)`, (k) => pct(R[k].slider.times, 95), ms],
  ...SCALES.map((s) => [`Slider → redraw p95, ×${s} points, ${scaleSamples} inputs (ms)`, (k) => pct(R[k].scale[s].times, 95), ms]),
  [`Slider → redraw p95, 3 scenarios kept, ${samples} inputs (ms)`, (k) => (R[k].scenarios ? pct(R[k].scenarios.times, 95) : NaN), ms],
  [`Slider → panels around the chart updated p50, ${scaleSamples} inputs (ms)`, (k) => (R[k].panels ? pct(R[k].panels.times, 50) : NaN), ms],
  [`Slider → panels around the chart updated p95, ${scaleSamples} inputs (ms)`, (k) => (R[k].panels ? pct(R[k].panels.times, 95) : NaN), ms],
  ['JS heap after load and a GC, median (MB)', (k) => median(R[k].heap), mb],
  ['wasm linear memory after load (MB)', (k) => (R[k].wasm.length ? median(R[k].wasm) : NaN), mb],
];
const keys = targets.map((t) => t.key);
const header = ['metric', ...targets.map((t) => t.name), ...LIBS.map((l) => `Trendline / ${l.name}`)];
const body = rows.map(([label, get, f]) => {
  const v = keys.map(get);
  return [label, ...v.map((x) => (Number.isFinite(x) ? f(x) : 'n/a')), ...v.slice(1).map((x) => (Number.isFinite(x) && x > 0 && Number.isFinite(v[0]) ? `${(v[0] / x).toFixed(2)}×` : 'n/a'))];
});
const md = (h, rs) => [`| ${h.join(' | ')} |`, `|${h.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rs.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const table = md(header, body);

const tr = R.trendline;
const missed = targets.map((t) => [t.name, [R[t.key].slider, ...SCALES.map((s) => R[t.key].scale[s])].reduce((a, r) => a + r.missed, 0)]).filter(([, m]) => m > 0);
const phaseRows = Object.entries(tr.slider.phases).map(([p, xs]) => [p, ms(pct(xs, 50)), ms(pct(xs, 95)), String(xs.length)]);
const fvTables = targets.map((t) => `**${t.name}** (\`${t.url(1).replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}\`)\n\n${md(['response', 'status', 'bytes', 'gzip -9', 'brotli 11'], responseTable(R[t.key].responses, t.base))}`);
const budget = [
  [`First view ≤ ${BUDGET.gzipKb} KB gzip`, totals(tr.responses).gzip / 1000, BUDGET.gzipKb, 'KB'],
  [`First chart ≤ ${BUDGET.firstChartMs} ms (median)`, median(tr.firstChart), BUDGET.firstChartMs, 'ms'],
  [`Slider p95 ≤ ${BUDGET.sliderP95Ms} ms`, pct(tr.slider.times, 95), BUDGET.sliderP95Ms, 'ms'],
].map(([what, v, lim, u]) => [what, `${u === 'KB' ? v.toFixed(1) : ms(v)} ${u}`, v <= lim ? 'met' : `missed by ${u === 'KB' ? (v - lim).toFixed(1) : ms(v - lim)} ${u} (${(v / lim).toFixed(2)}×)`]);

const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m) ?? [])[1] ?? os.cpus()[0]?.model ?? '?';
const ramKb = Number((fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m) ?? [])[1] ?? 0);
const commit = sh('git rev-parse --short HEAD');
const dirty = sh('git status --porcelain --untracked-files=no') !== '';
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const doc = `# Performance: Trendline beside Chart.js, uPlot and Plotly.js

Written by \`node scripts/bench.mjs\` (part of \`make bench\`); every figure below comes from one run
of that script, in one headless Chromium, on the machine described here. Rerun it to refresh this
file. Compare across machines only as ratios.

- **Date:** ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} (run took ${seconds} s)
- **Commit:** \`${commit}\`${dirty ? ' with uncommitted changes to tracked files in the working tree' : ', clean working tree'}; bundle \`${path.relative(root, distSrc) || distSrc}\` (build id \`${buildId}\`)${note ? `; ${note}` : ''}
- **Machine:** ${os.cpus().length} CPUs (nproc), ${cpu}, ${(ramKb / 1024 / 1024).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}; load average (1 min) ${loadBefore[0].toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (other work on the machine shows up in the timings)
- **Browser:** Chromium ${chromiumVersion} (headless, \`/usr/bin/chromium\`, Playwright ${version('@playwright/test')}), viewport ${VIEWPORT.width}×${VIEWPORT.height}, device pixel ratio 1
- **Baselines:** Chart.js ${version('chart.js')}, uPlot ${version('uplot')}, Plotly.js ${version('plotly.js-dist-min')} (\`plotly.js-dist-min\`), pinned in \`package.json\`; pages in \`bench/\`

## Results

${table}

KB = 1000 bytes. Ratios are Trendline's figure divided by the baseline's (above 1: Trendline is
bigger or slower).${missed.length ? ` Inputs that never redrew within 5 s (left out of the percentiles): ${missed.map(([n, m]) => `${n} ${m}`).join(', ')}.` : ''}

## Lighthouse, mobile profile (medians of ${lhRuns} runs each)

${lh ? `${lighthouseTable(lh)}

Lighthouse ${lh.version} (npm \`lighthouse\`, pinned in \`package.json\`), its default mobile
profile: a 412×823 screen at DPR 1.75, simulated slow 4G (150 ms RTT, 1.6 Mbit/s down) and a
4× CPU slowdown, in \`${CHROME_PATH}\` (\`--headless=new --no-sandbox\`). Each page was served with
gzip (level 6) as a static host serves it, Trendline with its Content-Security-Policy header.
Pages were measured in turn, one new Chromium per run. Score and accessibility are 0–1; bytes
is Lighthouse's total byte weight (transferred, so compressed). Goals (issue 25) for Trendline:
performance ≥ 0.95, LCP ≤ 1.5 s in every run, CLS ≤ 0.01, TBT ≤ 200 ms, TTI ≤ 2.5 s,
accessibility 1.0, ≤ 280 KB.

Every run:

${lighthouseRuns(lh)}` : 'Not run (`--no-lighthouse`).'}

## Budgets (issue 9), Trendline

${md(['budget', 'this run', 'verdict'], budget)}

## Trendline's slider phases (its \`trendline:<phase>:start/end\` marks, ${samples} inputs)

${phaseRows.length ? md(['phase', 'p50 (ms)', 'p95 (ms)', 'runs'], phaseRows) : 'No phase marks were recorded by this build.'}

## First view, response by response (first cold load)

${fvTables.join('\n\n')}

## How measured

- **Pages.** Trendline is its release bundle, served by \`tests/e2e/serve.mjs\` from a temporary
  copy. The baselines (\`bench/chartjs.html\`, \`bench/uplot.html\`, \`bench/plotly.html\`, shared
  data and maths in \`bench/common.mjs\`) are served by \`bench/serve.mjs\` from a temporary copy of
  \`bench/\`, the libraries' files in \`node_modules/\` and \`data/series/metr-th1.1-p50.csv\`
  (no CDN). Each draws the default view: the TH1.1 p50 points with CI whiskers, the fit over the
  frontier (≤ 16 h), the dashed projection to 2031 with 80 % and 95 % bands, the work-day, -week,
  -month and -year milestones and the 16 h reliability ceiling, log y axis, and a
  \`data-testid=doubling-slider\` range input. The baselines' maths is a simplified stand-in
  (OLS fit; log-normal bands with a spread growing with the horizon) where Trendline runs its
  engine (2000 simulated trends), so Trendline's figures include engine work the baselines skip.
- **First view.** Every network response the page received from navigation until the
  \`trendline:first-chart\` mark and then network idle (Playwright's \`page.on('response')\`; the
  service worker's own precache fetches are not page responses), each body compressed here with
  Node's zlib (gzip level 9, brotli quality 11) and summed. The same measurement is the CI guard,
  \`scripts/check-size.mjs\`.
- **First chart.** The start time of the \`trendline:first-chart\` user-timing mark (navigation
  start = 0), which Trendline sets right after its first canvas paint and each baseline right
  after its first draw; ${loads} cold loads per page, each in a new browser context (empty cache),
  taken in turn across the pages.
- **Slider.** On a freshly loaded page, ${samples} \`input\` events dispatched on the slider
  (values 60, 63, … days), each awaited: the time from dispatch to the MutationObserver seeing the
  chart's \`data-drawn\` paint counter change, then a \`setTimeout(0)\` before the next input.
- **Scenarios.** The slider run again on Trendline with its three example scenarios kept
  (\`sa\`, \`sb\`, \`sc\` in the link), so four projections are drawn per input; the baselines
  have no such view.
- **Panels.** Trendline redraws the chart in the input's own task and brings the panels around
  it (milestone table, sensitivity chart, scenarios, legend, link) up to date after the frame
  that shows it. This row times, on a fresh page, ${scaleSamples} inputs from dispatch until the
  sensitivity chart's marker (\`data-marker-doubling\`) shows the value, each awaited; it
  includes the wait for that frame, so it is bounded below by the display's frame time.
- **Scale rows.** The point set ×10 and ×100 (${synthetic(10).n} and ${synthetic(100).n} points),
  replicated with jittered dates (±60 days) and values (× e^N(0, 0.25)), same seed everywhere: the
  baselines by \`?scale=N\`; Trendline by importing the same points as a user series (pre-seeded in
  local storage in the app's stored import format, then selected with \`?series=user-bench-xN\`),
  ${scaleSamples} inputs each.
- **Memory.** After the first chart and network idle, a forced GC (CDP
  \`HeapProfiler.collectGarbage\`), then CDP \`Runtime.getHeapUsage\`'s \`usedSize\`: the JS heap,
  median over the cold loads. Trendline's data and engine live mostly in its wasm linear memory,
  outside that heap: its size (\`WebAssembly.Memory\` buffer, from Trunk's
  \`TrunkApplicationStarted\` event) is the row below; the baselines have none.
`;

console.log(`\n${table}\n`);
if (lh) console.log(`Lighthouse ${lh.version}, mobile profile, medians of ${lhRuns} runs:\n\n${lighthouseTable(lh)}\n\n${lighthouseRuns(lh)}\n`);
console.log(md(['budget', 'this run', 'verdict'], budget));
if (phaseRows.length) console.log(`\nTrendline slider phases:\n${md(['phase', 'p50 (ms)', 'p95 (ms)', 'runs'], phaseRows)}`);
for (const t of fvTables) console.log(`\n${t}`);
if (out) {
  fs.writeFileSync(out, doc);
  console.log(`\nwrote ${path.relative(process.cwd(), out)} (${seconds} s)`);
}
