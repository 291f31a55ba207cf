// Shared by scripts/bench.mjs and scripts/check-size.mjs: start a static server, launch Debian's
// headless Chromium, and load a page cold (new browser context, so no HTTP cache) until its
// first chart, recording what the first view transfers from the network responses themselves
// (not from a file list). "First chart" has one definition on every page measured: the
// `trendline:first-chart` user-timing mark, set right after the first paint.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import net from 'node:net';
import zlib from 'node:zlib';

export const FIRST_CHART = 'trendline:first-chart';

/** A TCP port free right now on 127.0.0.1 (so concurrent runs do not collide). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Spawns `node script ...args` and waits until `url` answers; returns the child process. */
export async function startServer(script, args, url) {
  const child = spawn('node', [script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  for (let i = 0; i < 100; i++) {
    if (exited !== null) throw new Error(`${script} exited (${exited}) before serving ${url}`);
    try {
      if ((await fetch(url)).ok) return child;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} did not serve ${url} within 10 s`);
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const VIEWPORT = { width: 1280, height: 800 };

/**
 * Loads `url` in a new context and waits for the first-chart mark, then for the network to be
 * idle. Returns { context, page, firstChart (ms, the mark's startTime), responses } where each
 * response is { url, status, type, bytes, gzip, brotli } (bodies compressed here: gzip -9 and
 * brotli quality 11), in the order they arrived. `init(context)` may add init scripts first.
 * The caller closes the context.
 */
export async function coldLoad(browser, url, { sizes = true, init, timeout = 30_000 } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (init) await init(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pending = [];
  if (sizes) {
    page.on('response', (r) => {
      if (!r.url().startsWith('http')) return;
      pending.push(r.body().then((b) => ({
        url: r.url(), status: r.status(), type: (r.headers()['content-type'] ?? '').split(';')[0], bytes: b.length,
        gzip: zlib.gzipSync(b, { level: 9 }).length,
        brotli: zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length,
      }), () => ({ url: r.url(), status: r.status(), type: '', bytes: 0, gzip: 0, brotli: 0, unreadable: true })));
    });
  }
  await page.goto(url);
  try {
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, FIRST_CHART, { timeout });
  } catch (e) {
    await context.close();
    throw new Error(`${url}: no ${FIRST_CHART} mark within ${timeout} ms${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
  }
  const firstChart = await page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, FIRST_CHART);
  await page.waitForLoadState('networkidle');
  const responses = await Promise.all(pending);
  if (errors.length) throw new Error(`${url}: page errors: ${errors.join('; ')}`);
  return { context, page, firstChart, responses };
}

/** Sums of a response list. */
export const totals = (rs) => rs.reduce((t, r) => ({ bytes: t.bytes + r.bytes, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { bytes: 0, gzip: 0, brotli: 0 });

/** A per-file table of a response list, for the terminal and for Markdown. */
export function responseTable(rs, base) {
  const rows = rs.map((r) => [decodeURIComponent(r.url.replace(base, '')) || '/', r.status, r.bytes, r.gzip, r.brotli]);
  const t = totals(rs);
  rows.push(['total', '', t.bytes, t.gzip, t.brotli]);
  return rows;
}
