// The first view: the release build's index.html carries the whole default page, rendered at
// build time by the app's own components (scripts/postbuild.mjs, src/bin/prerender.rs), so it
// is readable before any script runs; the app takes that markup over (hydration) without
// moving anything. Other views (a link with settings, the embed, dark mode, the single file)
// never paint it and render fresh.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, openApp, serve, showAnalyses, watchProblems } from './helpers.mjs';

const DIST = path.resolve(ROOT, process.env.TRENDLINE_DIST ?? 'dist');
const MILESTONES = ['work-day', 'work-week', 'work-month', 'work-year'];

/**
 * Records every layout shift of `page` from navigation start, with what moved (class, and its
 * top and height before and after), so that a failure says what moved.
 */
async function recordShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        window.__shifts.push({ at: Math.round(e.startTime), value: e.value, recent: e.hadRecentInput, moved: e.sources.map((s) => `${s.node?.className || s.node?.nodeName} x ${[s.previousRect.x, s.currentRect.x].map(Math.round)} y ${[s.previousRect.y, s.currentRect.y].map(Math.round)} h ${[s.previousRect.height, s.currentRect.height].map(Math.round)}`) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts recorded by `recordShifts`, two frames from now. */
async function shiftsSoFar(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => window.__shifts);
}

/** The milestone dates written in the pre-rendered copy of `html`. */
function preMilestones(html) {
  return Object.fromEntries(MILESTONES.map((id) => [id, html.match(new RegExp(`data-testid="milestone-${id}" data-value="([^"]*)"`))?.[1]]));
}

test('the default page\'s text is in index.html as it arrives, and readable with no script at all', async ({ browser, request }) => {
  const res = await request.get('./');
  expect(res.status()).toBe(200);
  const html = await res.text();
  const body = html.slice(html.indexOf('<body>'));
  // Before the first <script> of the body: the title, the series, the readouts, the milestone
  // table with its dates, the slider in its initial state.
  const beforeScripts = body.slice(0, body.indexOf('<script'));
  expect(beforeScripts).toContain('<h1>Trendline</h1>');
  expect(beforeScripts).toContain('METR Time Horizon 1.1: 50% task-completion time horizon');
  expect(beforeScripts).toContain('When does the trend reach tasks of this length?');
  for (const [id, date] of Object.entries(preMilestones(beforeScripts))) expect(date, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(beforeScripts).toMatch(/<input[^>]*type="range"/);
  expect(beforeScripts).toMatch(/<svg viewBox="0 0 1070 602"/);
  // The backtest follows the first pass: the pre-render says it is coming, and never that the
  // series has too few points for one (it has enough).
  expect(beforeScripts).toContain('data-testid="backtest-pending"');
  expect(beforeScripts).not.toContain('data-testid="backtest-none"');

  // JavaScript off: the page is the pre-rendered one, laid out by the stylesheet.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('./');
  const pre = page.locator('#prerender');
  await expect(pre.locator('h1')).toHaveText('Trendline');
  await expect(pre.locator('[data-testid=series-title]')).toHaveText('METR Time Horizon 1.1: 50% task-completion time horizon');
  await expect(pre.locator('[data-testid=milestones]')).toBeVisible();
  await expect(pre.locator('[data-testid=milestones] tbody tr')).toHaveCount(4);
  await expect(pre.locator('.prerender-wide svg')).toBeVisible();
  // The chart's box is the canvas', with the SVG laid over it.
  const [svgBox, canvasBox] = [await pre.locator('.prerender-chart').boundingBox(), await pre.locator('canvas.chart').boundingBox()];
  expect(svgBox).toEqual(canvasBox);
  expect(await pre.locator('.prerender-wide svg circle').count()).toBeGreaterThanOrEqual(26);
  await expect(pre.locator('[data-testid=doubling-slider]')).toBeVisible();
  // Nothing in it takes focus or clicks until the app has taken over.
  expect(await pre.evaluate((el) => el.inert)).toBe(true);
  await context.close();
});

test('the app takes the page over with no layout shift, and shows the same numbers', async ({ page, request }) => {
  const html = await (await request.get('./')).text();
  const dates = preMilestones(html);
  await recordShifts(page);
  const problems = await openApp(page);
  // Taken over in place: the same element, now the app's root, no longer inert, no SVG chart.
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(page.locator('body > #app-root:not([inert]) > main.app')).toHaveCount(1);
  await expect(page.locator('.prerender-chart')).toHaveCount(0);
  await expect(page.getByTestId('milestones')).toBeVisible();
  for (const id of MILESTONES) await expect(page.getByTestId(`milestone-${id}`)).toHaveAttribute('data-value', dates[id]);
  const marks = await page.evaluate(() => ['trendline:first-chart', 'trendline:live-chart'].map((n) => performance.getEntriesByName(n).length));
  expect(marks).toEqual([1, 1]);
  expect(await page.evaluate(() => performance.getEntriesByName('trendline:first-chart')[0].startTime))
    .toBeLessThan(await page.evaluate(() => performance.getEntriesByName('trendline:live-chart')[0].startTime));
  // Two more frames, then every layout shift since navigation start: none.
  expect(await shiftsSoFar(page)).toEqual([]);
  // The backtest arrives after the takeover, with its figures, once the reader scrolls to it.
  await showAnalyses(page);
  await expect(page.getByTestId('backtest-n')).toHaveAttribute('data-value', '13');
  await expect(page.getByTestId('backtest-pending')).toHaveCount(0);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('the take-over runs in steps: the parts around the chart go live one task at a time, inert until then', async ({ page, request }) => {
  const html = await (await request.get('./')).text();
  const parts = html.match(/<div class="later">/g).length;
  expect(parts).toBeGreaterThanOrEqual(6);
  // Each change of a part's `inert` is recorded with the task it happened in: a
  // MutationObserver delivers one task's changes together, at the end of that task.
  await page.addInitScript(() => {
    window.__steps = [];
    new MutationObserver((records) => {
      const batch = records.filter((r) => r.target.classList?.contains('later'))
        .map((r) => (r.target.hasAttribute('inert') ? 'inert' : 'live'));
      if (batch.length) window.__steps.push(batch.join(' '));
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['inert'] });
  });
  const problems = await openApp(page);
  // Made inert together when the page was hydrated, then live one per task, in page order.
  const steps = await page.evaluate(() => window.__steps);
  expect(steps).toEqual([Array(parts).fill('inert').join(' '), ...Array(parts).fill('live')]);
  await expect(page.locator('.later[inert]')).toHaveCount(0);
  const at = (name) => page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.startTime, name);
  expect(await at('trendline:taken-over')).toBeGreaterThan(await at('trendline:mount:end'));
  // The fit and the projection worked out before the hydration are the ones it used: each was
  // worked out once.
  expect(await page.evaluate(() => ['prepare', 'project'].map((p) => performance.getEntriesByName(`trendline:${p}:start`).length))).toEqual([1, 1]);
  // The parts are live: one of them answers.
  await page.getByTestId('scenario-save-A').click();
  await expect(page.getByTestId('scenario-remove-A')).toBeVisible();
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('at phone size too, taking over moves nothing', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await recordShifts(page);
  const problems = await openApp(page);
  await expect(page.locator('#prerender')).toHaveCount(0);
  expect(await shiftsSoFar(page)).toEqual([]);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
  await context.close();
});

test('on a phone over a slow connection the page, painted while it arrives, never moves', async ({ browser }) => {
  // The page arrives in pieces and is painted as it goes; the phone's layout shows the controls
  // right under the chart although the page has them later, so what sits between must wait.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await recordShifts(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // 40 KB/s: the page (about 85 KB) takes about two seconds, painted several times on the way.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 40 * 1024, uploadThroughput: 1 << 20 });
  const problems = watchProblems(page);
  await page.goto('./', { waitUntil: 'domcontentloaded' });
  // Painted while it arrived: the first chart was marked before the page was whole.
  expect(await page.evaluate(() => performance.getEntriesByName('trendline:first-chart')[0].startTime
    < performance.getEntriesByType('navigation')[0].domContentLoadedEventStart)).toBe(true);
  await expect(page.locator('html')).not.toHaveClass(/fv-parsing/);
  // The rest (the app) at full speed; it takes the page over.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.locator('#prerender')).toHaveCount(0);
  expect(await shiftsSoFar(page)).toEqual([]);
  expect(problems).toEqual({ console: [], pageErrors: [] });
  await context.close();
});

test('the doubling control, painted before the rest of its row has arrived, never moves sideways', async ({ browser }) => {
  // The page stops for a second right after the doubling control's number box, before the unit
  // after it: painted then, the box would move left when the unit arrives (its row is a flex
  // row). The row waits until it is whole, on a phone and on a wide screen.
  const { url, server } = await serve(DIST, '--pause-after', 'data-testid="doubling-input"');
  try {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await recordShifts(page);
      const problems = watchProblems(page);
      await page.goto(url, { waitUntil: 'commit' });
      // Painted with the first piece: the chart was marked before the rest arrived.
      await expect.poll(() => page.evaluate(() => performance.getEntriesByName('trendline:first-chart').length)).toBe(1);
      await expect.poll(() => page.evaluate(() => document.readyState)).not.toBe('loading');
      expect(await page.evaluate(() => performance.getEntriesByName('trendline:first-chart')[0].startTime
        < performance.getEntriesByType('navigation')[0].domContentLoadedEventStart), `${viewport.width}px`).toBe(true);
      await expect(page.locator('#prerender')).toHaveCount(0);
      await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
      expect(await shiftsSoFar(page), `${viewport.width}px`).toEqual([]);
      expect(problems).toEqual({ console: [], pageErrors: [] });
      await context.close();
    }
  } finally {
    server.kill();
  }
});

test('the deferred analyses wait until their panels are on screen: after a scroll on a phone, at once on a tall screen', async ({ browser }) => {
  const onScreen = (page) => page.evaluate(() => [...document.querySelectorAll('[data-analyses]')]
    .some((e) => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }));
  const started = (page) => page.evaluate(() => performance.getEntriesByName('trendline:analyses:start').length);
  // A phone's first screen shows none of them (the AICc line, the model panel, the backtest).
  const phone = await browser.newContext({ viewport: { width: 412, height: 823 } });
  let page = await phone.newPage();
  let problems = await openApp(page);
  await expect(page.locator('main.app')).toBeVisible();
  expect(await onScreen(page)).toBe(false);
  // Not worked out while the reader stays there (they would have arrived 60 ms after the chart).
  await page.waitForTimeout(600);
  expect(await started(page)).toBe(0);
  await expect(page.getByTestId('backtest-pending')).toHaveCount(1);
  // Scrolling towards them brings them, with their figures.
  await page.mouse.wheel(0, 300);
  await expect(page.getByTestId('backtest-pending')).toHaveCount(0);
  await expect(page.getByTestId('backtest-n')).toHaveAttribute('data-value', '13');
  await expect(page.getByTestId('fit-aicc-superexp')).toHaveAttribute('data-value', /\d/);
  expect(await started(page)).toBe(1);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
  await phone.close();
  // A screen tall enough to show the AICc line at load: no scroll needed.
  const tall = await browser.newContext({ viewport: { width: 1280, height: 2400 } });
  page = await tall.newPage();
  problems = await openApp(page);
  await expect(page.getByTestId('fit-aicc-superexp')).toBeInViewport();
  await expect(page.getByTestId('fit-aicc-superexp')).toHaveAttribute('data-value', /\d/);
  await expect(page.getByTestId('backtest-n')).toHaveAttribute('data-value', '13');
  expect(await page.evaluate(() => scrollY)).toBe(0);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
  await tall.close();
});

for (const [what, url, setup, check] of [
  ['a link with settings', './?dt=60', null, async (page) => expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '60')],
  ['the embed', './?embed=1', null, async (page) => expect(page.getByTestId('embed')).toBeVisible()],
  ['dark mode', './', async (page) => page.emulateMedia({ colorScheme: 'dark' }),
    async (page) => expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(17, 24, 39)')],
  ['a dismissed "How to read this"', './', async (page) => page.addInitScript(() => localStorage.setItem('trendline-howto-dismissed', '1')),
    async (page) => expect(page.getByTestId('how-to-read')).toHaveCount(0)],
]) {
  test(`${what}: never shows the default pre-rendered page, and renders with no error`, async ({ page }) => {
    if (setup) await setup(page);
    await page.addInitScript(() => {
      // Whether #prerender was ever painted: checked at every animation frame while it exists.
      window.__preShown = false;
      const check = () => {
        const pre = document.getElementById('prerender');
        if (!pre) return;
        if (pre.getClientRects().length > 0) window.__preShown = true;
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    const problems = await openApp(page, url);
    await check(page);
    await expect(page.locator('#prerender')).toHaveCount(0);
    expect(await page.evaluate(() => window.__preShown)).toBe(false);
    expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
  });
}

test('the single file renders fresh (its first page differs: no offline link), with the same numbers and no error', async ({ page, request }) => {
  const dates = preMilestones(await (await request.get('./')).text());
  const file = path.join(DIST, 'trendline.html');
  const html = fs.readFileSync(file, 'utf8');
  expect(html).not.toContain('id="prerender"');
  const problems = watchProblems(page);
  await page.goto(pathToFileURL(file).href);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('milestones')).toBeVisible();
  // The backtest arrives after the takeover, with its figures, once its panel is on screen.
  await showAnalyses(page);
  await expect(page.getByTestId('backtest-n')).toHaveAttribute('data-value', '13');
  await expect(page.getByTestId('backtest-pending')).toHaveCount(0);
  for (const id of MILESTONES) await expect(page.getByTestId(`milestone-${id}`)).toHaveAttribute('data-value', dates[id]);
  expect(problems).toEqual({ console: [], pageErrors: [] });
});
