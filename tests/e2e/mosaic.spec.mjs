// The cross-benchmark mosaic (?view=mosaic): a row per series with finite numbers, sortable
// columns, rows that open their series, the view tabs, and no horizontal page scroll on a phone.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, openApp, watchProblems } from './helpers.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/manifest.json'), 'utf8'));
const ids = manifest.series.map((s) => s.id);
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Opens the mosaic and waits for its rows; returns console/page errors and foreign requests. */
async function openMosaic(page, url = './?view=mosaic') {
  const problems = watchProblems(page, { foreign: true });
  await page.goto(url);
  await expect(page.getByTestId('mosaic-table')).toBeVisible();
  return problems;
}

async function column(page, attr) {
  return page.locator('[data-testid^=mosaic-row-]').evaluateAll((rows, a) => rows.map((r) => r.getAttribute(a)), attr);
}

test('every series has a mosaic row: a finite doubling time or rate and a milestone date or none, or a reason for no fit', async ({ page }) => {
  const problems = await openMosaic(page);
  for (const meta of manifest.series) {
    const id = meta.id;
    const row = page.getByTestId(`mosaic-row-${id}`);
    await expect(row).toHaveCount(1);
    await expect(row.locator('svg.sparkline circle').first()).toBeAttached();
    if (meta.no_fit) {
      // Too short for a trend: no doubling time, and the row says why.
      await expect(row).toHaveAttribute('data-fitted', 'false');
      expect(await row.getAttribute('data-doubling-days')).toBe('');
      await expect(row.getByTestId('mosaic-no-fit')).toContainText(meta.no_fit);
      continue;
    }
    await expect(row).toHaveAttribute('data-fitted', 'true');
    const t = Number(await row.getAttribute('data-doubling-days'));
    expect(Number.isFinite(t) && t > 0, `${id}: ${t}`).toBe(true);
    const m = await row.getAttribute('data-milestone');
    expect(m === '' || ISO.test(m), `${id}: ${m}`).toBe(true);
    expect(await row.getAttribute('data-milestone-id')).toMatch(meta.unit === 'index' || meta.unit === 'multiplier' ? /^level-[\d.]+$/ : /^(work-week|work-month|pct-90|pct-99)$/);
    const rate = await row.getAttribute('data-rate-per-year');
    if (meta.unit === 'index') {
      expect(Number(rate), id).toBeCloseTo((meta.index_step ?? 1) * 365.2425 / t, 6);
      await expect(row).toContainText('points/year');
    } else expect(rate).toBe('');
  }
  await expect(page.locator('[data-testid^=mosaic-row-]')).toHaveCount(ids.length);
  // Most trends reach their next milestone at some date.
  const dates = (await column(page, 'data-milestone')).filter((m) => ISO.test(m));
  expect(dates.length).toBeGreaterThan(ids.length / 2);
  // The comparison chart draws one line per series it can place (not indices), with real coordinates.
  const placed = manifest.series.filter((m) => m.unit !== 'index');
  const paths = page.locator('[data-testid=mosaic-compare] path.cmp-line');
  await expect(paths).toHaveCount(placed.length);
  for (const d of await paths.evaluateAll((ps) => ps.map((p) => p.getAttribute('d')))) expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)*$/);
  for (const m of manifest.series.filter((x) => x.unit === 'index')) await expect(page.getByTestId('mosaic-compare-unplaced')).toContainText(m.short_title);
  // The tab shows the mosaic as chosen, the address bar says so, and the data was fetched from the page's origin.
  await expect(page.getByTestId('view-mosaic')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('mosaic');
  const ms = Number(await page.getByTestId('mosaic').getAttribute('data-compute-ms'));
  console.log(`mosaic computed in ${ms} ms`);
  expect(ms).toBeLessThan(2000);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('columns sort both ways with aria-sort, missing values last', async ({ page }) => {
  await openMosaic(page);
  const header = page.getByTestId('mosaic-sort-doubling');
  const th = page.locator('th', { has: header });
  await header.click();
  await expect(th).toHaveAttribute('aria-sort', 'ascending');
  // Rows sort within their group; rows without a value go last either way.
  const sortedWithin = async (dir) => {
    for (const g of manifest.groups) {
      const v = await page.getByTestId(`mosaic-group-body-${g.id}`).locator('[data-testid^=mosaic-row-]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-doubling-days')));
      const set = v.filter((x) => x !== '').map(Number);
      expect(v.slice(0, set.length).map(Number), g.id).toEqual(set);
      expect(set, g.id).toEqual([...set].sort((a, b) => dir * (a - b)));
    }
  };
  await sortedWithin(1);
  await header.click();
  await expect(th).toHaveAttribute('aria-sort', 'descending');
  await sortedWithin(-1);
  // Milestone dates: ISO strings sort as dates; rows with none go last.
  const ms = page.getByTestId('mosaic-sort-milestone');
  await ms.click();
  const th2 = page.locator('th', { has: ms });
  await expect(th2).toHaveAttribute('aria-sort', /^(ascending|descending)$/);
  const asc = await th2.getAttribute('aria-sort');
  expect(['ascending', 'descending']).toContain(asc);
  await expect(th).toHaveAttribute('aria-sort', 'none');
  for (const g of manifest.groups) {
    const m = await page.getByTestId(`mosaic-group-body-${g.id}`).locator('[data-testid^=mosaic-row-]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-milestone')));
    const set = m.filter((x) => x !== '');
    expect(m.slice(0, set.length), g.id).toEqual(set);
    expect(set, g.id).toEqual([...set].sort((a, b) => (asc === 'ascending' ? a.localeCompare(b) : b.localeCompare(a))));
  }
});

test('clicking a row opens that series in the single view with the same milestone date', async ({ page }) => {
  await openMosaic(page);
  const row = page.getByTestId('mosaic-row-swebench-verified');
  const date = await row.getAttribute('data-milestone');
  const mid = await row.getAttribute('data-milestone-id');
  const days = Number(await row.getAttribute('data-doubling-days'));
  await row.click();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect.poll(() => new URL(page.url()).searchParams.get('series')).toBe('swebench-verified');
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('single');
  await expect(page.getByTestId('view-single')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId(`milestone-${mid}`)).toHaveAttribute('data-value', date);
  await expect.poll(async () => Math.abs(Number(await page.getByTestId('fit-doubling-days').getAttribute('data-value')) - days)).toBeLessThan(5e-10);
});

test('Enter on a focused row opens it; the tabs switch views and the mosaic loads every series lazily', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/series/')) fetched.push(r.url()); });
  await openApp(page, './');
  await expect(page.getByTestId('view-single')).toHaveAttribute('aria-pressed', 'true');
  const before = fetched.length;
  await page.getByTestId('view-mosaic').click();
  await expect(page.getByTestId('mosaic-table')).toBeVisible();
  expect(fetched.length).toBeGreaterThan(before);
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('mosaic');
  await page.getByTestId('mosaic-row-corebench-hard').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect.poll(() => new URL(page.url()).searchParams.get('series')).toBe('corebench-hard');
  await expect(page.getByTestId('mosaic')).toHaveCount(0);
});

test('an unknown view falls back to the single view with a notice; other keys still apply', async ({ page }) => {
  await openApp(page, './?view=grid&series=swebench-verified&dt=90');
  await expect(page.getByTestId('notice')).toContainText('view=grid');
  await expect(page.getByTestId('mosaic')).toHaveCount(0);
  // The app rewrites the address bar once it has read it (debounced): wait for every key, since
  // `series` and `dt` were already there before the rewrite.
  await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('single');
  await expect.poll(() => new URL(page.url()).searchParams.get('series')).toBe('swebench-verified');
  await expect.poll(() => new URL(page.url()).searchParams.get('dt')).toBe('90');
});

test('at 390 px the mosaic table scrolls inside its box, not the page', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await openMosaic(page);
  const { page: pw, inner, box, boxScroll } = await page.evaluate(() => {
    const b = document.querySelector('.mosaic .table-scroll');
    return { page: document.scrollingElement.scrollWidth, inner: window.innerWidth, box: b.clientWidth, boxScroll: b.scrollWidth };
  });
  expect(pw).toBe(inner);
  expect(box).toBeLessThanOrEqual(inner);
  expect(boxScroll).toBeGreaterThan(box); // the table is wider and scrolls in its own box
  await page.close();
});
