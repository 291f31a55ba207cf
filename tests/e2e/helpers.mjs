// Shared helpers for the end-to-end tests.
import { expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../bench/common.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Rows of a file under data/ as objects keyed by its header (the bench pages' CSV reader). */
export function readDataCsv(file) {
  return parseCsv(fs.readFileSync(path.join(ROOT, 'data', file), 'utf8'));
}

/** METR's published doubling times, read from the verbatim YAML bundled in data/upstream. */
export function metrPublished(file = 'benchmark_results_1_1.yaml') {
  const text = fs.readFileSync(path.join(ROOT, 'data/upstream/metr', file), 'utf8');
  const block = (name) => Number(text.match(new RegExp(`${name}:\\n(?:\\s+ci_\\w+: [\\d.]+\\n)*\\s+point_estimate: ([\\d.]+)`))[1]);
  return { allTime: block('all_time_stitched'), from2023: block('from_2023_on') };
}

/**
 * Records, from now on, `page`'s console errors and page errors, and with `foreign` every
 * request that leaves the page's own origin: `{ console, pageErrors[, foreign] }`.
 */
export function watchProblems(page, { foreign = false } = {}) {
  const problems = { console: [], pageErrors: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  if (foreign) {
    problems.foreign = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['http:', 'https:'].includes(u.protocol)) return; // data:, blob:
      if (u.origin !== new URL(page.url() === 'about:blank' ? r.url() : page.url()).origin) problems.foreign.push(r.url());
    });
  }
  return problems;
}

/**
 * Opens `url` and waits for the chart, recording console errors, page errors and every request
 * that leaves the page's own origin.
 */
export async function openApp(page, url = './') {
  const problems = watchProblems(page, { foreign: true });
  await page.goto(url);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await takenOver(page);
  return problems;
}

/**
 * Waits until every part of the page is live: a page that took the pre-rendered one over
 * (`#app-root`) does it in steps, the parts below the chart inert until theirs has run, and
 * marks `trendline:taken-over` after the last; a page rendered fresh is live at once.
 */
export async function takenOver(page) {
  await expect.poll(() => page.evaluate(() => !document.getElementById('app-root')
    || performance.getEntriesByName('trendline:taken-over').length === 1)).toBe(true);
}

export async function readValue(page, testid) {
  return page.getByTestId(testid).getAttribute('data-value');
}

/**
 * The chart as seen: its base canvas with the transparent overlay canvas composited on top.
 * Returns the number of pixels that are not near-white and a cheap checksum.
 */
export async function canvasInk(page) {
  return page.getByTestId('chart').evaluate((c) => {
    const o = document.querySelector('[data-testid=chart-overlay]');
    const comp = document.createElement('canvas');
    comp.width = c.width; comp.height = c.height;
    const ctx = comp.getContext('2d');
    ctx.drawImage(c, 0, 0);
    if (o) ctx.drawImage(o, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0; let sum = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
      sum = (sum * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) % 1000000007;
    }
    return { ink, sum, width: c.width, height: c.height };
  });
}

/** Opens a collapsed panel (`<details>`) if it is closed; its content renders on opening. */
export async function openDetails(page, testid) {
  const d = page.getByTestId(testid);
  if (!(await d.evaluate((el) => el.open))) await d.locator('summary').first().click();
  await expect(d).toHaveAttribute('open', '');
}

/**
 * Brings the panels that show the deferred analyses (the AICc line, the model panel, the
 * backtest: `[data-analyses]`) on screen, as a reader scrolling down does; the app works them
 * out only then (or at once when one is on screen at load).
 */
export async function showAnalyses(page) {
  await page.locator('[data-analyses]').last().scrollIntoViewIfNeeded();
}

/** A port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Serves `dir` with tests/e2e/serve.mjs and its `args` on a free port, once it listens:
 * `{ url, server }` (kill `server` when done).
 */
export async function serve(dir, ...args) {
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(ROOT, 'tests/e2e/serve.mjs'), dir, String(port), '/', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { if (String(d).includes('serving')) resolve(); });
    server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, server };
}
