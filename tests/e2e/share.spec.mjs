// Links that reproduce, the page title, and the embed: an iframe in a host page on another
// origin, sandboxed and not, at blog-column widths.
import { test, expect } from './fixtures.mjs';
import http from 'node:http';
import { openApp, readValue } from './helpers.mjs';
import { HOST_PORT, PORT } from './playwright.config.mjs';

/** Serves `html` at http://127.0.0.1:HOST_PORT/ until closed. */
async function hostPage(html) {
  const server = http.createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
  await new Promise((r) => server.listen(HOST_PORT, '127.0.0.1', r));
  return server;
}

test('copy link: the link reproduces every setting, and the title names the series', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, './?series=metr-th1.1-p50&from=2023-01-01&dt=90&units=calendar&goal=50');
  await expect(page).toHaveTitle(/METR time horizon 1\.1 \(50%\) · Trendline/);
  await expect(page.locator('meta[name=description]')).toHaveAttribute('content', /METR Time Horizon 1\.1/);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('share-status')).toHaveText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await page.getByTestId('share-link').inputValue());
  const params = new URL(link).searchParams;
  for (const key of ['v', 'data', 'series', 'model', 'from', 'to', 'fit', 'cap', 'drop', 'dt', 'accel', 'floor', 'sat', 'anchor', 'rel', 'units', 'goal', 'mc', 'asof', 'until']) {
    expect(params.has(key), key).toBe(true);
  }
  expect(params.get('model')).toBe('exp');
  expect(params.get('cap')).toBe('16');
  const again = await context.newPage();
  await openApp(again, link);
  for (const id of ['assumed-doubling-days', 'fit-doubling-days', 'milestone-week', 'milestone-custom']) {
    await expect.poll(async () => (await readValue(again, id)) === (await readValue(page, id)), id).toBe(true);
  }
  await page.getByTestId('series-picker').selectOption('gpqa-diamond');
  await expect(page).toHaveTitle(/GPQA Diamond/);
});

test('a link made with an older dataset says the data has changed', async ({ page }) => {
  await openApp(page, './?data=2025-01-01&dt=100');
  await expect(page.getByTestId('notice')).toContainText('the data has changed since');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '100');
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

for (const sandboxed of [false, true]) {
  test(`embedded in a page on another origin${sandboxed ? ', sandboxed (allow-scripts only)' : ''}`, async ({ page }, info) => {
    // The snippet comes from the app's own Embed button.
    await openApp(page, './?dt=150');
    await page.getByTestId('embed-button').click();
    await expect(page.getByTestId('embed-snippet')).toHaveValue(/<iframe src="[^"]*dt=150/);
    let snippet = await page.getByTestId('embed-snippet').inputValue();
    expect(snippet).toContain('loading="lazy"');
    expect(snippet).toContain('title="Trendline: METR Time Horizon 1.1');
    expect(snippet).toContain('width="100%"');
    if (sandboxed) snippet = snippet.replace('<iframe ', '<iframe sandbox="allow-scripts" ');
    const server = await hostPage(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Blog</title>
      <style>body{margin:0;font-family:serif} main{max-width:var(--col);margin:0 auto;padding:8px}</style></head>
      <body><main><h1>A blog post</h1><p>Some text before the chart.</p>${snippet}<p>Text after.</p></main></body></html>`);
    try {
      const problems = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      const foreign = [];
      page.on('request', (r) => { const u = new URL(r.url()); if (!['127.0.0.1'].includes(u.hostname) && u.protocol.startsWith('http')) foreign.push(r.url()); });
      for (const width of [360, 800]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`http://127.0.0.1:${HOST_PORT}/`);
        const frame = page.frameLocator('iframe');
        await expect(frame.getByTestId('chart')).toHaveAttribute('data-drawn', /\d/);
        await expect(frame.getByTestId('embed')).toBeVisible();
        await expect(frame.getByTestId('model-panel')).toHaveCount(0); // no page chrome
        await expect(frame.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '150');
        // The frame tells the host its height and the snippet's script applies it.
        await expect.poll(async () => page.locator('iframe').evaluate((f) => f.style.height)).not.toBe('620px');
        const frameBox = await page.locator('iframe').boundingBox();
        const docHeight = await frame.locator('html').evaluate((h) => h.scrollHeight);
        expect(Math.abs(frameBox.height - docHeight)).toBeLessThanOrEqual(2);
        expect(frameBox.width).toBeLessThanOrEqual(width);
        // The slider moves the milestone dates inside the frame.
        await expect(frame.getByTestId('milestone-work-month')).toHaveAttribute('data-value', /^\d{4}-/);
        const before = await frame.getByTestId('milestone-work-month').getAttribute('data-value');
        await frame.getByTestId('doubling-slider').fill('60');
        await expect(frame.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '60');
        // The milestone table follows the redrawn chart one frame later.
        await expect.poll(async () => (await frame.getByTestId('milestone-work-month').getAttribute('data-value')) < before).toBe(true);
        // "Open in Trendline" carries the same state, without embed mode.
        // The link follows the panels, one frame after the chart.
        const openLink = async () => new URL(await frame.getByTestId('open-in-trendline').getAttribute('href'));
        await expect.poll(async () => (await openLink()).searchParams.get('dt')).toBe('60');
        const open = await openLink();
        expect(open.port).toBe(String(PORT));
        expect(open.searchParams.has('embed')).toBe(false);
        await expect.poll(async () => {
          const h = await frame.locator('html').evaluate((el) => el.scrollHeight);
          return page.locator('iframe').evaluate((f, h) => f.style.height === `${h}px`, h);
        }).toBe(true);
        await page.screenshot({ path: info.outputPath(`embed-${sandboxed ? 'sandboxed' : 'plain'}-${width}.png`), fullPage: true });
      }
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      server.close();
    }
  });
}

test('a new version is announced once on the next visit', async ({ page }) => {
  await openApp(page);
  const build = await page.locator('meta[name=trendline-build]').getAttribute('content');
  expect(build).toMatch(/^[0-9a-f]{8,}$/);
  await page.evaluate(() => localStorage.setItem('trendline-build', 'an-older-build'));
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText('updated to a new version');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('trendline-build'))).toBe(build);
  await page.reload();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d/);
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('the offline download link serves the single-file page', async ({ page, request }) => {
  await openApp(page);
  const link = page.getByTestId('offline-download');
  await expect(link).toHaveAttribute('download', 'trendline.html');
  const res = await request.get(new URL(await link.getAttribute('href'), page.url()).href);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('__TRENDLINE_SINGLE_FILE');
});
