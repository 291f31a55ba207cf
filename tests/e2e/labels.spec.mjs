// Points readers can name: frontier points carry their model names on the chart (where there
// is room), and sourced published forecasts are drawn as forecasts beside the METR 50% series.
import { test, expect } from './fixtures.mjs';
import { openApp, openDetails, readDataCsv as readCsv } from './helpers.mjs';

async function labels(page) {
  const v = await page.getByTestId('chart').getAttribute('data-point-labels');
  return v ? v.split(' | ') : [];
}

test('frontier points are named on the chart, and only frontier points', async ({ page }) => {
  const problems = await openApp(page, './?series=metr-th1.1-p50');
  const rows = readCsv('series/metr-th1.1-p50.csv');
  const frontier = new Set(rows.filter((r) => r.frontier === 'true').map((r) => r.model));
  const others = new Set(rows.filter((r) => r.frontier !== 'true').map((r) => r.model));
  await expect.poll(async () => (await labels(page)).length).toBeGreaterThanOrEqual(6);
  const named = await labels(page);
  for (const n of named) expect(frontier.has(n), `${n} is a frontier model`).toBe(true);
  for (const n of named) if (!frontier.has(n)) expect(others.has(n)).toBe(false);
  // Newest first: the latest frontier point with room comes before an older one.
  const order = named.map((n) => rows.find((r) => r.model === n).date);
  expect([...order].sort().reverse()).toEqual(order);
  expect(problems.pageErrors).toEqual([]);
});

test('on a phone the chart still names some points', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, './?series=metr-th1.1-p50');
  const wide = readCsv('series/metr-th1.1-p50.csv').filter((r) => r.frontier === 'true').length;
  await expect.poll(async () => (await labels(page)).length).toBeGreaterThanOrEqual(2);
  expect((await labels(page)).length).toBeLessThan(wide);
});

test('a sourced published forecast is drawn on METR 50% as a forecast, not data, with its source', async ({ page }) => {
  const problems = await openApp(page, './?series=metr-th1.1-p50');
  const [f] = readCsv('forecasts.csv').filter((r) => r.series.split(' ').includes('metr-th1.1-p50'));
  expect(f.id).toBe('cotra-2026-01-14');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-forecasts', f.id);
  await expect(page.getByTestId('legend')).toContainText('Published forecast');
  const note = page.getByTestId(`forecast-${f.id}`);
  await expect(note).toContainText(`${f.forecaster} (made ${f.made}): ${f.value} h by ${f.target}`);
  await expect(note).toContainText(`${f.low}–${f.high} h`);
  await expect(note.getByRole('link', { name: 'Source' })).toHaveAttribute('href', f.source.split(' ')[0]);
  // Not a data point: the points table has exactly the series' rows.
  const rows = readCsv('series/metr-th1.1-p50.csv');
  await openDetails(page, 'data-table');
  await expect(page.locator('[data-testid=data-table] tbody tr')).toHaveCount(rows.length);
  // A series no forecast is about shows none.
  expect(readCsv('forecasts.csv').filter((r) => r.series.split(' ').includes('mlebench'))).toEqual([]);
  await page.goto('./?series=mlebench');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('chart')).toHaveAttribute('data-forecasts', '');
  await expect(page.getByTestId('legend')).not.toContainText('Published forecast');
  await expect(page.locator('[data-testid^=forecast-]')).toHaveCount(0);
  // Another series names its own forecasts only, and still names points.
  await page.goto('./?series=swebench-verified');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId(`forecast-${f.id}`)).toHaveCount(0);
  await expect.poll(async () => (await labels(page)).length).toBeGreaterThanOrEqual(3);
  expect(problems.foreign).toEqual([]);
});
