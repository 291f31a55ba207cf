// Published forecasts, scored: each forecast about the series shown gets a verdict readout
// (`forecast-<id>-verdict`, data-value inside/above/below/ahead/behind) with a sentence.
import { test, expect } from './fixtures.mjs';
import { openApp, readDataCsv } from './helpers.mjs';

const forecasts = readDataCsv('forecasts.csv');
const about = (series) => forecasts.filter((f) => f.series.split(/\s+/).includes(series));

test('every forecast about the default series is scored, and a future one follows the projection', async ({ page }) => {
  const problems = await openApp(page, './');
  const mine = about('metr-th1.1-p50');
  expect(mine.length).toBeGreaterThanOrEqual(2);
  for (const f of mine) {
    const v = page.getByTestId(`forecast-${f.id}-verdict`);
    await expect(v).toHaveAttribute('data-value', /^(inside|above|below|ahead|behind)$/);
    await expect(page.getByTestId(`forecast-${f.id}-sentence`)).toContainText(/\S/);
  }
  // Cotra's end-of-2026 median (24 h) is still ahead of the data: the verdict follows the
  // trend drawn. A 30-day doubling reaches 24 h long before the end of 2026; a 3-year one
  // does not.
  const id = 'cotra-2026-01-14';
  const verdict = page.getByTestId(`forecast-${id}-verdict`);
  const slider = page.getByTestId('doubling-slider');
  await slider.fill('30');
  await expect(verdict).toHaveAttribute('data-value', 'ahead');
  await expect(page.getByTestId(`forecast-${id}-sentence`)).toContainText('ahead of the forecast');
  await expect.poll(async () => Number(await page.getByTestId(`forecast-${id}-prob`).getAttribute('data-value'))).toBeGreaterThan(0.5);
  await expect.poll(async () => Number(await page.getByTestId(`forecast-${id}-months`).getAttribute('data-value'))).toBeGreaterThan(0);
  await slider.fill('1000');
  await expect(verdict).toHaveAttribute('data-value', 'behind');
  await expect(page.getByTestId(`forecast-${id}-sentence`)).toContainText('behind the forecast');
  await expect.poll(async () => Number(await page.getByTestId(`forecast-${id}-prob`).getAttribute('data-value'))).toBeLessThan(0.5);
  await expect.poll(async () => Number(await page.getByTestId(`forecast-${id}-months`).getAttribute('data-value'))).toBeLessThan(0);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.foreign).toEqual([]);
});

test('forecasts whose date has passed are scored against the measured frontier', async ({ page }) => {
  const problems = await openApp(page, './?series=swebench-verified');
  await expect(page.getByTestId('chart')).toHaveAttribute('aria-label', /^SWE-bench Verified: Epoch/);
  const mine = about('swebench-verified');
  expect(mine.length).toBeGreaterThanOrEqual(1);
  const data = readDataCsv('series/swebench-verified.csv').filter((r) => r.kind === 'measured');
  for (const f of mine) {
    // The measured frontier on the target date, from data/ directly.
    const best = Math.max(...data.filter((r) => r.date <= f.target).map((r) => Number(r.value)));
    const want = best > Number(f.high) ? 'above' : best < Number(f.low) ? 'below' : 'inside';
    await expect(page.getByTestId(`forecast-${f.id}-verdict`)).toHaveAttribute('data-value', want);
    await expect(page.getByTestId(`forecast-${f.id}-sentence`)).toContainText(`The measured frontier on ${f.target} was ${best.toFixed(1)}%`);
    // A slider move does not change a verdict the data settle.
    await page.getByTestId('doubling-slider').fill('60');
    await expect(page.getByTestId(`forecast-${f.id}-verdict`)).toHaveAttribute('data-value', want);
  }
  // The forecasts about another series are not listed here.
  for (const f of forecasts.filter((f) => !f.series.split(/\s+/).includes('swebench-verified'))) {
    await expect(page.getByTestId(`forecast-${f.id}-verdict`)).toHaveCount(0);
  }
  expect(problems.pageErrors).toEqual([]);
});
