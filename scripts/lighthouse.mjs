// Lighthouse (the pinned npm devDependency) on its default mobile profile (Moto G Power class
// screen, simulated slow 4G, 4× CPU slowdown) in Debian's headless Chromium, over Trendline's
// release bundle and the three bench/ baseline pages, each served with gzip as a static host
// serves them. Pages are measured in turn, `runs` times each; the median of each figure is
// reported, with LCP's maximum (the goal is "in every run"). Prints figures; asserts nothing.
// Used by scripts/bench.mjs (part of `make bench`); also runs alone:
//   node scripts/lighthouse.mjs [--runs 3] [--dist DIR] [--only trendline,chartjs]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startServer } from './first-view.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'node_modules/lighthouse/cli/index.js');
export const CHROME_PATH = process.env.CHROME_PATH ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run';

/** The figures read from one Lighthouse report. */
function figures(report) {
  const a = report.audits;
  const num = (id) => a[id]?.numericValue ?? NaN;
  return {
    performance: report.categories.performance?.score ?? NaN,
    accessibility: report.categories.accessibility?.score ?? NaN,
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    tti: num('interactive'),
    si: num('speed-index'),
    cls: num('cumulative-layout-shift'),
    bytes: num('total-byte-weight'),
    runtimeError: report.runtimeError?.message ?? null,
    warnings: report.runWarnings ?? [],
  };
}

/** One Lighthouse run of `url` (a new Chromium each time); resolves to its figures. */
export function lighthouseOnce(url) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trendline-lh-')), 'report.json');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, url, '--quiet', '--output=json', `--output-path=${out}`,
      '--only-categories=performance,accessibility', `--chrome-flags=${CHROME_FLAGS}`],
    { env: { ...process.env, CHROME_PATH }, maxBuffer: 64 << 20, timeout: 180_000 }, (err, _stdout, stderr) => {
      try {
        if (err && !fs.existsSync(out)) throw new Error(`lighthouse ${url}: ${err.message}\n${stderr}`);
        const report = JSON.parse(fs.readFileSync(out, 'utf8'));
        resolve({ ...figures(report), version: report.lighthouseVersion, chrome: report.environment?.hostUserAgent ?? '' });
      } catch (e) {
        reject(e);
      } finally {
        fs.rmSync(path.dirname(out), { recursive: true, force: true });
      }
    });
  });
}

const median = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] + (s.length % 2 ? 0 : (s[s.length / 2] - s[(s.length - 1) >> 1]) / 2) : NaN; };

/**
 * Serves `distDir` (Trendline) and `baseDir` (a folder with the repo's bench/ layout) with gzip,
 * runs Lighthouse `runs` times on each page in turn, and returns
 * { pages: [{ key, name, runs: [figures…], median: {…}, lcpMax }], version }.
 */
export async function lighthouseAll({ distDir, baseDir, runs = 3, only = null, log = console.log }) {
  const tPort = await freePort();
  const bPort = await freePort();
  const tBase = `http://127.0.0.1:${tPort}/`;
  const bBase = `http://127.0.0.1:${bPort}/bench/`;
  const want = (key) => !only || only.includes(key);
  const servers = [];
  if (want('trendline')) servers.push(await startServer(path.join(ROOT, 'tests/e2e/serve.mjs'), [distDir, String(tPort), '/', '--csp-header', '--gzip'], tBase));
  if (['chartjs', 'uplot', 'plotly'].some(want)) servers.push(await startServer(path.join(ROOT, 'bench/serve.mjs'), [String(bPort), baseDir, '--gzip'], `${bBase}chartjs.html`));
  const pages = [
    { key: 'trendline', name: 'Trendline', url: tBase },
    { key: 'chartjs', name: 'Chart.js page', url: `${bBase}chartjs.html` },
    { key: 'uplot', name: 'uPlot page', url: `${bBase}uplot.html` },
    { key: 'plotly', name: 'Plotly page', url: `${bBase}plotly.html` },
  ].filter((p) => want(p.key)).map((p) => ({ ...p, runs: [] }));
  let version = '?';
  let chrome = '';
  try {
    for (let i = 0; i < runs; i++) {
      for (const p of pages) {
        const f = await lighthouseOnce(p.url);
        version = f.version;
        chrome = f.chrome;
        if (f.runtimeError) log(`  lighthouse ${p.name} run ${i + 1}: ${f.runtimeError}`);
        log(`  lighthouse ${p.name} run ${i + 1}/${runs}: performance ${f.performance}, LCP ${(f.lcp / 1000).toFixed(2)} s, TBT ${f.tbt.toFixed(0)} ms, TTI ${(f.tti / 1000).toFixed(2)} s, CLS ${f.cls.toFixed(3)}`);
        p.runs.push(f);
      }
    }
  } finally {
    for (const s of servers) s.kill();
  }
  for (const p of pages) {
    p.median = Object.fromEntries(['performance', 'accessibility', 'fcp', 'lcp', 'tbt', 'tti', 'si', 'cls', 'bytes'].map((k) => [k, median(p.runs.map((r) => r[k]))]));
    p.lcpMax = Math.max(...p.runs.map((r) => r.lcp));
  }
  return { pages, version, chrome, runs };
}

/** The Markdown table of `lighthouseAll`'s result. */
export function lighthouseTable({ pages, runs }) {
  const s = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
  const h = ['page', 'performance', 'FCP', 'LCP', `LCP, max of ${runs}`, 'TBT', 'TTI', 'Speed Index', 'CLS', 'bytes (KB)', 'accessibility'];
  const rows = pages.map((p) => [p.name, p.median.performance.toFixed(2), s(p.median.fcp), s(p.median.lcp), s(p.lcpMax),
    `${p.median.tbt.toFixed(0)} ms`, s(p.median.tti), s(p.median.si), p.median.cls.toFixed(3), (p.median.bytes / 1000).toFixed(1),
    p.median.accessibility.toFixed(2)]);
  return [`| ${h.join(' | ')} |`, `|${h.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Each run's figures, one row per page and run (for the record beside the medians). */
export function lighthouseRuns({ pages }) {
  const rows = pages.flatMap((p) => p.runs.map((r, i) => `| ${p.name} | ${i + 1} | ${r.performance.toFixed(2)} | ${(r.fcp / 1000).toFixed(2)} s | ${(r.lcp / 1000).toFixed(2)} s | ${r.tbt.toFixed(0)} ms | ${(r.tti / 1000).toFixed(2)} s | ${r.cls.toFixed(3)} | ${(r.bytes / 1000).toFixed(1)} |`));
  return ['| page | run | performance | FCP | LCP | TBT | TTI | CLS | bytes (KB) |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
  const distDir = path.resolve(arg('--dist', process.env.TRENDLINE_DIST ?? path.join(ROOT, 'dist')));
  const only = arg('--only', null)?.split(',') ?? null;
  const r = await lighthouseAll({ distDir, baseDir: ROOT, runs: Number(arg('--runs', 3)), only });
  console.log(`\nLighthouse ${r.version}, mobile profile, median of ${r.runs} runs\n\n${lighthouseTable(r)}\n\n${lighthouseRuns(r)}`);
}
