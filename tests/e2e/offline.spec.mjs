// Offline use: the service worker (precache, cache-first, offline, updates), the web app manifest
// and its icons, and the self-contained dist/trendline.html opened from file://.
import { test, expect } from './fixtures.mjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, openApp, openDetails, readValue, serve, watchProblems } from './helpers.mjs';
import { writeServiceWorker, bundleVersion, listFiles } from '../../scripts/postbuild.mjs';

const DIST = path.resolve(ROOT, process.env.TRENDLINE_DIST ?? 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/manifest.json'), 'utf8'));
const titleRe = (id) => new RegExp(`^${manifest.series.find((s) => s.id === id).title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`);

const buildMeta = (page) => page.locator('meta[name="trendline-build"]').getAttribute('content');
const controlled = (page) => page.evaluate(() => navigator.serviceWorker.controller !== null);

/** Waits for the service worker to be ready and to control the page (reloading once if needed). */
async function waitControlled(page) {
  expect(await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))).toBe(true);
  for (let i = 0; i < 50 && !(await controlled(page)); i++) await page.waitForTimeout(100);
  if (!(await controlled(page))) {
    await page.reload();
    await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  }
  expect(await controlled(page)).toBe(true);
}

test('after one visit the app works offline, from the service worker\'s cache', async ({ page, context }) => {
  const problems = await openApp(page);
  await waitControlled(page);
  const version = await buildMeta(page);
  expect(version).toMatch(/^[0-9a-f]{16}$/);
  expect(version).toBe(bundleVersion(DIST));
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([`trendline-${version}`]);
  // Every file of the bundle is precached (sw.js itself aside).
  const cached = await page.evaluate(async (v) => (await (await caches.open(`trendline-${v}`)).keys()).map((r) => r.url), version);
  expect(cached.map((u) => new URL(u).pathname.slice(1)).sort()).toEqual(listFiles(DIST).filter((f) => f !== 'sw.js'));

  await context.setOffline(true);
  const responses = [];
  page.on('response', (r) => { if (r.url().startsWith('http')) responses.push(r); });
  const nav = await page.reload();
  expect(nav.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  expect(await buildMeta(page)).toBe(version);
  await page.getByTestId('doubling-slider').fill('90');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '90');

  // A series that is not embedded in the wasm, fetched from series/<id>.csv, with a query string
  // on the navigation (matched to the cached index.html ignoring it).
  await page.goto('./index.html?series=corebench-hard');
  await expect(page.getByTestId('series-title')).toHaveText(/CORE-Bench Hard/);
  await expect(page.getByTestId('chart')).toHaveAttribute('aria-label', titleRe('corebench-hard'));
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  const csv = responses.filter((r) => r.url().endsWith('/series/corebench-hard.csv'));
  expect(csv.length).toBeGreaterThan(0);
  // Its caveats come from the precached manifest.json.
  await openDetails(page, 'about-data');
  await expect(page.getByTestId('about-caveats').locator('li')).toHaveText(manifest.series.find((s) => s.id === 'corebench-hard').caveats);
  // Offline, everything came from the service worker: the page, the glue, the wasm, the CSV,
  // the manifest.
  const urls = responses.map((r) => new URL(r.url()).pathname);
  for (const f of ['/', '/index.html', '/series/corebench-hard.csv', '/manifest.json']) expect(urls).toContain(f);
  expect(urls.some((u) => u.endsWith('_bg.wasm'))).toBe(true);
  for (const r of responses) {
    expect(r.fromServiceWorker(), r.url()).toBe(true);
    expect(r.status(), r.url()).toBe(200);
  }
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('the web app manifest is linked, valid, and its icons load', async ({ page, context }) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const url = new URL(href, page.url()).href;
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const m = JSON.parse(await res.text());
  expect(m).toMatchObject({
    name: 'Trendline', start_url: './', scope: './', display: 'standalone', theme_color: '#1d4ed8', background_color: '#ffffff',
  });
  expect(m.short_name).toBeTruthy();
  expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(m.theme_color);
  // Chromium's own parser: no errors, and it sees the icons.
  const cdp = await context.newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  expect(parsed.url).toBe(url);
  expect(parsed.errors).toEqual([]);
  expect(JSON.parse(parsed.data)).toEqual(m);

  const sizes = m.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of m.icons) {
    const r = await page.request.get(new URL(icon.src, url).href);
    expect(r.status(), icon.src).toBe(200);
    expect(r.headers()['content-type'], icon.src).toBe('image/png');
    expect(icon.type).toBe('image/png');
    const png = await r.body();
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [w, h] = icon.sizes.split('x').map(Number);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], icon.src).toEqual([w, h]);
    // It decodes in the browser at that size.
    const decoded = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, new URL(icon.src, url).href);
    expect(decoded).toEqual([w, h]);
  }
});

test('in an opaque-origin sandboxed frame the page runs and registers nothing, without errors', async ({ page }) => {
  const problems = watchProblems(page);
  // A host page on the same server embedding the app in a sandbox without allow-same-origin.
  await page.route('**/__sandbox-host.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!DOCTYPE html><title>host</title><iframe sandbox="allow-scripts" src="./?embed=1" width="1000" height="700"></iframe>',
  }));
  await page.goto('./__sandbox-host.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  const inner = page.frames().find((f) => f !== page.mainFrame());
  expect(await inner.evaluate(() => document.querySelector('meta[name="trendline-build"]') !== null)).toBe(true);
  // Its load event (when the registration script runs) has passed.
  await inner.waitForFunction(() => document.readyState === 'complete');
  expect(await inner.evaluate(() => { try { return String(navigator.serviceWorker); } catch (e) { return e.name; } })).toBe('SecurityError');
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
  expect(problems).toEqual({ console: [], pageErrors: [] });
});

test('dist/trendline.html works opened from file://, with no server and no request leaving the file', async ({ page }) => {
  const file = path.join(DIST, 'trendline.html');
  const html = fs.readFileSync(file, 'utf8');
  expect(html).not.toMatch(/integrity=|modulepreload|rel="preload"|rel="manifest"|sw\.js|trendline-build/);
  // The site serves it too (the app's "Download for offline use" link).
  const served = await page.request.get('./trendline.html');
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toContain('text/html');

  const requests = [];
  const problems = watchProblems(page);
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  expect(await page.evaluate(() => window.__TRENDLINE_SINGLE_FILE)).toBe(true);
  await expect(page.getByTestId('offline-download')).toHaveCount(0);

  await expect(page.getByTestId('milestone-work-month')).toHaveAttribute('data-value', /^\d{4}-\d{2}-\d{2}$/);
  const before = await readValue(page, 'milestone-work-month');
  await page.getByTestId('doubling-slider').fill('90');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '90');
  await expect.poll(() => readValue(page, 'milestone-work-month')).not.toBe(before);

  // A series that is not embedded in the wasm: answered from the inlined CSV files.
  await page.getByTestId('series-picker').selectOption('swebench-verified');
  await expect(page.getByTestId('chart')).toHaveAttribute('aria-label', titleRe('swebench-verified'));
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('series-title')).toHaveText(manifest.series.find((s) => s.id === 'swebench-verified').title);
  // Its caveats and licence: answered from the inlined manifest.json.
  const swe = manifest.series.find((s) => s.id === 'swebench-verified');
  await openDetails(page, 'about-data');
  await expect(page.getByTestId('about-caveats').locator('li')).toHaveText(swe.caveats);
  await expect(page.getByTestId('about-licence')).toHaveText(swe.licence);
  // And the default series' own, compiled in.
  await page.getByTestId('series-picker').selectOption('metr-th1.1-p50');
  await expect(page.getByTestId('series-title')).toHaveText(manifest.series.find((s) => s.id === 'metr-th1.1-p50').title);
  await openDetails(page, 'about-data');
  await expect(page.getByTestId('about-caveats').locator('li')).toHaveText(manifest.series.find((s) => s.id === 'metr-th1.1-p50').caveats);

  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((u) => !/^(file|data|blob):/.test(u))).toEqual([]);
  expect(problems).toEqual({ console: [], pageErrors: [] });
});

test('the offline copy is fetched only once the app has started (and taken the page over), never beside its first download', async ({ page }) => {
  // When the service worker is registered (it then precaches the whole build), against the
  // page's load, the app's start (the wasm downloaded and running) and the end of the take-over
  // of the pre-rendered page.
  await page.addInitScript(() => {
    window.__registered = [];
    addEventListener('TrunkApplicationStarted', () => { window.__started = performance.now(); });
    const sw = navigator.serviceWorker;
    const register = sw.register.bind(sw);
    sw.register = (...args) => { window.__registered.push(performance.now()); return register(...args); };
  });
  for (const url of ['./', './?dt=120']) {
    await openApp(page, url);
    await waitControlled(page);
    const t = await page.evaluate(() => ({
      registered: window.__registered,
      load: performance.getEntriesByType('navigation')[0].loadEventStart,
      started: window.__started,
      takenOver: performance.getEntriesByName('trendline:taken-over').map((m) => m.startTime),
    }));
    expect(t.registered.length, url).toBe(1);
    expect(t.registered[0], url).toBeGreaterThanOrEqual(t.load);
    expect(t.registered[0], url).toBeGreaterThanOrEqual(t.started);
    // The default page is taken over (in steps): registered after the last; a link with
    // settings renders fresh.
    if (url === './') expect(t.registered[0], url).toBeGreaterThanOrEqual(t.takenOver[0]);
    else expect(t.takenOver, url).toEqual([]);
  }
});

test('a new deployment takes over: the second reload is served by the new version', async ({ page }) => {
  test.setTimeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trendline-update-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const { url, server } = await serve(dir);
  try {
    const problems = await openApp(page, `${url}?dt=120`);
    await waitControlled(page);
    const v1 = await buildMeta(page);
    expect(v1).toBe(bundleVersion(dir));

    // The new deployment: one more line in index.html, then sw.js and the meta regenerated the
    // way the post_build hook does it.
    fs.appendFileSync(path.join(dir, 'index.html'), '<!-- the next deployment -->\n');
    const { version: v2 } = writeServiceWorker(dir);
    expect(v2).not.toBe(v1);
    expect(writeServiceWorker(dir).version).toBe(v2); // idempotent

    // First reload: still the cached old version; the browser finds the changed sw.js, installs
    // it (precaching the new files), and it activates, deletes the old cache and takes over.
    const first = await page.reload();
    expect(first.fromServiceWorker()).toBe(true);
    await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
    expect(await buildMeta(page)).toBe(v1);
    await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 30_000 }).toEqual([`trendline-${v2}`]);
    await expect.poll(() => page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return [reg.active?.state, reg.installing, reg.waiting];
    })).toEqual(['activated', null, null]);

    // Second reload: the new version, from the new cache.
    const second = await page.reload();
    expect(second.fromServiceWorker()).toBe(true);
    await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
    expect(await buildMeta(page)).toBe(v2);
    expect(await second.text()).toContain('<!-- the next deployment -->');
    await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '120');
    expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the post_build hook leaves debug builds alone and versions release builds', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trendline-hook-'));
  try {
    fs.copyFileSync(path.join(ROOT, 'index.html'), path.join(dir, 'index.html'));
    fs.copyFileSync(path.join(ROOT, 'assets/manifest.webmanifest'), path.join(dir, 'manifest.webmanifest'));
    const run = (profile) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/postbuild.mjs')], {
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: profile }, encoding: 'utf8',
    });
    const debug = run('debug');
    expect(debug.status, debug.stderr).toBe(0);
    expect(listFiles(dir)).toEqual(['index.html', 'manifest.webmanifest']);
    expect(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8'));
    // The real release output is checked on dist/: sw.js lists every other file, the meta is
    // the version over names and contents, and index.html keeps the registration script (moved
    // to a file, like Trunk's loader, for the Content-Security-Policy).
    const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    const version = bundleVersion(DIST);
    expect(sw).toContain(`const CACHE = 'trendline-${version}';`);
    const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
    expect(files).toEqual(listFiles(DIST).filter((f) => f !== 'sw.js'));
    for (const f of ['index.html', 'trendline.html', 'manifest.webmanifest', 'manifest.json', 'icons/icon-192.png', 'series/corebench-hard.csv']) expect(files).toContain(f);
    const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    expect(index).toContain(`<meta name="trendline-build" content="${version}">`);
    const reg = index.match(/<script defer src="\.\/(sw-register-[0-9a-f]{16}\.js)"><\/script>/)?.[1];
    expect(reg, 'the registration script is a file').toBeTruthy();
    expect(fs.readFileSync(path.join(DIST, reg), 'utf8')).toContain('navigator.serviceWorker.register(\'./sw.js\')');
    expect(files).toContain(reg);
    expect(index).toMatch(/<script type="module" src="\.\/start-[0-9a-f]{16}\.js"><\/script>/);
    expect(index).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(index).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
