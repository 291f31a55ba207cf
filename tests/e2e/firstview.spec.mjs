// The pre-rendered first view (scripts/postbuild.mjs): the default chart is in index.html as
// SVG, painted before the wasm loads, and replaced by the live chart without moving anything.
import { test, expect } from './fixtures.mjs';
import { openApp } from './helpers.mjs';

test('the default chart is on the page before the wasm has loaded', async ({ page }) => {
  await page.route(/\.wasm$/, (r) => r.abort());
  await page.goto('./');
  const svg = page.locator('#prerender svg').first();
  await expect(svg).toBeVisible();
  // The chart itself: every METR point and the milestone lines, drawn by the chart crate.
  expect(await page.locator('#prerender .prerender-wide svg circle').count()).toBeGreaterThanOrEqual(26);
  await expect(page.locator('#prerender .prerender-wide')).toContainText('1 work-month (167 h)');
  expect(await page.evaluate(() => performance.getEntriesByName('trendline:first-chart').length)).toBe(1);
});

test('the live chart replaces the pre-rendered one in place, and the app becomes visible', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  });
  const problems = await openApp(page);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(page.getByTestId('chart')).toBeVisible();
  const marks = await page.evaluate(() => ['trendline:first-chart', 'trendline:live-chart'].map((n) => performance.getEntriesByName(n).length));
  expect(marks).toEqual([1, 1]);
  expect(await page.evaluate(() => performance.getEntriesByName('trendline:first-chart')[0].startTime))
    .toBeLessThan(await page.evaluate(() => performance.getEntriesByName('trendline:live-chart')[0].startTime));
  expect(await page.evaluate(() => window.__shift)).toBeLessThan(0.1);
  expect(problems.pageErrors).toEqual([]);
});

for (const [what, url, setup] of [
  ['a link with settings', './?dt=60', null],
  ['the embed', './?embed=1', null],
  ['dark mode', './', async (page) => page.emulateMedia({ colorScheme: 'dark' })],
]) {
  test(`${what} never shows the default pre-rendered chart`, async ({ page }) => {
    if (setup) await setup(page);
    await page.route(/\.wasm$/, (r) => r.abort());
    await page.goto(url);
    await expect(page.locator('noscript, body').first()).toBeAttached();
    await expect(page.locator('#prerender')).toHaveCount(0);
    expect(await page.evaluate(() => performance.getEntriesByName('trendline:first-chart').length)).toBe(0);
  });
}
