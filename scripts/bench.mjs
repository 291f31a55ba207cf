// Browser benchmark of the release bundle (dist/): sizes of the first view, time to the first
// chart after navigation, and slider input → redrawn chart latency. Prints figures; asserts
// nothing (budgets are targets to compare against, not test conditions).
//   node scripts/bench.mjs [--samples 300]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const samples = Number(process.argv[process.argv.indexOf('--samples') + 1] || 300) || 300;
const port = 4190;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
const fmt = (v) => v.toFixed(2).padStart(8);

// 1. Sizes: what the first view loads (index.html, its CSS, JS, wasm, icon).
const dist = path.join(root, 'dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const firstView = ['index.html', ...[...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/'\.\/([^']+)'/g)].map((m) => m[1])].filter((f, i, a) => a.indexOf(f) === i && fs.existsSync(path.join(dist, f)));
let raw = 0; let gz = 0;
console.log('First view (gzip -9):');
for (const f of firstView) {
  const b = fs.readFileSync(path.join(dist, f));
  const g = zlib.gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += g;
  console.log(`  ${f.padEnd(44)} ${String(b.length).padStart(9)} B  ${String(g).padStart(8)} B gz`);
}
console.log(`  ${'total'.padEnd(44)} ${String(raw).padStart(9)} B  ${String(gz).padStart(8)} B gz (${(gz / 1024).toFixed(1)} KiB; budget 150 KB)`);

// 2. Serve dist/ and measure in headless Chromium.
const server = spawn('node', [path.join(root, 'tests/e2e/serve.mjs'), dist, String(port), '/'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 400));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const firstChart = [];
  for (let i = 0; i < 7; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const c = document.querySelector('[data-testid=chart][data-drawn]');
        if (c) { window.__firstChart = performance.now(); obs.disconnect(); }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.__firstChart !== undefined);
    firstChart.push(await page.evaluate(() => window.__firstChart));
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('[data-testid=chart][data-drawn]');
  // Each input event's latency: from dispatch to the moment the canvas reports a new paint
  // (its data-drawn counter, observed by a MutationObserver), phases from the app's marks.
  const { times, phases } = await page.evaluate(async (n) => {
    const slider = document.querySelector('[data-testid=doubling-slider]');
    const canvas = document.querySelector('[data-testid=chart]');
    let resolve;
    new MutationObserver(() => resolve && resolve(performance.now())).observe(canvas, { attributes: true, attributeFilter: ['data-drawn'] });
    const out = [];
    performance.clearMarks();
    for (let i = 0; i < n; i++) {
      const painted = new Promise((r) => { resolve = r; });
      const t0 = performance.now();
      slider.value = String(60 + (i % 200) * 3);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      out.push((await painted) - t0);
      await new Promise((r) => setTimeout(r, 0));
    }
    const sums = {};
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('trendline:'));
    const open = {};
    for (const m of marks) {
      const [, phase, edge] = m.name.split(':');
      if (edge === 'start') open[phase] = m.startTime;
      else if (open[phase] !== undefined) { (sums[phase] ??= []).push(m.startTime - open[phase]); delete open[phase]; }
    }
    return { times: out, phases: sums };
  }, samples);
  console.log('\nTime to first chart after navigation (ms, 7 cold loads; budget 150):');
  console.log(`  median ${fmt(pct(firstChart, 50))}   max ${fmt(Math.max(...firstChart))}`);
  console.log(`\nSlider input → redrawn chart (ms, ${samples} inputs, default settings with 2000 simulated trends; budget p95 ≤ 3):`);
  console.log(`  p50 ${fmt(pct(times, 50))}   p95 ${fmt(pct(times, 95))}   max ${fmt(Math.max(...times))}`);
  for (const [phase, xs] of Object.entries(phases)) {
    console.log(`    ${phase.padEnd(10)} p50 ${fmt(pct(xs, 50))}   p95 ${fmt(pct(xs, 95))}   (${xs.length} runs)`);
  }
} finally {
  await browser.close();
  server.kill();
}
