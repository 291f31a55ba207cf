// The chance of a milestone by a date and the calibrated band: readouts, URL keys `band` and
// `by`, the cumulative chart, the backtest's scores for both bands, the mosaic column.
import { test, expect } from './fixtures.mjs';
import { openApp, readValue, showAnalyses } from './helpers.mjs';

const num = async (page, id) => Number(await readValue(page, id));
const param = (page, k) => new URL(page.url()).searchParams.get(k);

test('default: a chance per milestone by 31 Dec 2028 from the calibrated band, quotable, charted', async ({ page }) => {
  const problems = await openApp(page, './');
  await expect(page.getByTestId('milestone-work-month-prob')).toHaveAttribute('data-value', /^(0|1|0\.\d+)$/);
  const ids = ['work-day', 'work-week', 'work-month', 'work-year'];
  const probs = [];
  for (const id of ids) {
    const p = await num(page, `milestone-${id}-prob`);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    probs.push(p);
  }
  // A longer milestone is never more likely by the same date.
  for (let i = 1; i < probs.length; i++) expect(probs[i]).toBeLessThanOrEqual(probs[i - 1]);
  const quote = page.getByTestId('chance-quote');
  await expect(quote).toContainText(/Chance the trend reaches .+ by 31 Dec 2028: (\d+%|<1%|>99%) \(calibrated band; an extrapolation of past progress, not a prediction of events\)/);
  await expect(page.locator('.chance .hint').first()).toContainText('Automating AI Research');
  const chart = page.getByTestId('chance-chart');
  await expect(chart.locator('polyline')).toHaveCount(await page.locator('[data-testid$="-prob"][data-testid^="milestone-"]').count());
  await expect(chart.getByTestId('chance-by-mark')).toHaveCount(1);
  // The address bar is rewritten after a debounce: wait for it.
  await expect.poll(() => param(page, 'band')).toBe('calibrated');
  await expect.poll(() => param(page, 'by')).toBe('2028-12-31');
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('by at the median date reads one half; by after the end date still counts; by before the anchor says so', async ({ page }) => {
  await openApp(page, './');
  await expect(page.getByTestId('milestone-work-month-p50')).toHaveAttribute('data-value', /\d{4}-/);
  const p50 = await readValue(page, 'milestone-work-month-p50');
  const p90 = await readValue(page, 'milestone-work-month-p90');
  await page.getByTestId('by-input').fill(p50);
  await expect.poll(() => param(page, 'by')).toBe(p50);
  await expect.poll(async () => Math.abs((await num(page, 'milestone-work-month-prob')) - 0.5)).toBeLessThanOrEqual(0.02);
  if (p90) {
    await page.getByTestId('by-input').fill(p90);
    await expect.poll(async () => Math.abs((await num(page, 'milestone-work-month-prob')) - 0.9)).toBeLessThanOrEqual(0.02);
  }
  // The end of the axis before `by`: the chance keeps counting after it.
  await openApp(page, './?until=2027-01-01&by=2027-01-01');
  await expect(page.getByTestId('milestone-work-month-prob')).toHaveAttribute('data-value', /\d/);
  const atUntil = await num(page, 'milestone-work-month-prob');
  await openApp(page, './?until=2027-01-01&by=2040-01-01');
  await expect(page.getByTestId('milestone-work-month-prob')).toHaveAttribute('data-value', /\d/);
  expect(await num(page, 'milestone-work-month-prob')).toBeGreaterThan(atUntil);
  await openApp(page, './?by=2021-06-01');
  await expect(page.getByTestId('chance-quote-none')).toContainText('not after the last fitted date');
  await expect(page.getByTestId('milestone-work-month-prob')).toHaveAttribute('data-value', '');
});

test('band: the backtest scores both bands; the fit-only band is as before; switching follows the link', async ({ page }) => {
  await openApp(page, './');
  await showAnalyses(page);
  await expect(page.getByTestId('backtest-n')).toHaveAttribute('data-value', '13');
  const cal80 = await num(page, 'backtest-coverage-80');
  const cal95 = await num(page, 'backtest-coverage-95');
  const calIs = await num(page, 'backtest-interval-score-80');
  expect(cal80 * 13).toBeGreaterThanOrEqual(9 - 1e-9);
  expect(cal95 * 13).toBeGreaterThanOrEqual(12 - 1e-9);
  const before = await readValue(page, 'milestone-work-month-prob');
  await page.getByTestId('band-select').selectOption('fit');
  await expect.poll(() => param(page, 'band')).toBe('fit');
  await expect.poll(() => readValue(page, 'backtest-coverage-80')).toBe(String(7 / 13));
  expect(await num(page, 'backtest-interval-score-80')).toBeGreaterThan(calIs);
  await expect(page.getByTestId('chance-quote')).toContainText('(fit-only band;');
  await expect.poll(() => readValue(page, 'milestone-work-month-prob')).not.toBe(before);
  // The link reproduces it.
  await openApp(page, './?band=fit');
  await showAnalyses(page);
  await expect(page.getByTestId('backtest-coverage-80')).toHaveAttribute('data-value', String(7 / 13));
});

test('hostile band and by values fall back to the defaults with a notice and no panic', async ({ page }) => {
  const problems = await openApp(page, './?band=%F0%9F%99%82&by=2028-02-30&dt=120');
  await expect(page.getByTestId('notice').filter({ hasText: 'Ignored band=' })).toHaveCount(1);
  await expect(page.getByTestId('notice').filter({ hasText: 'Ignored by=2028-02-30' })).toHaveCount(1);
  // The defaults are in force: the quote names the calibrated band and 31 Dec 2028.
  await expect(page.getByTestId('chance-quote')).toContainText('by 31 Dec 2028');
  await expect(page.getByTestId('chance-quote')).toContainText('(calibrated band;');
  await expect(page.getByTestId('doubling-input')).toHaveValue(/^120/);
  await expect(page.getByTestId('milestone-work-month-prob')).toHaveAttribute('data-value', /\d/);
  await openApp(page, './?by=2200-01-01');
  await expect(page.getByTestId('milestone-work-month-prob')).toHaveAttribute('data-value', /\d/);
  await expect(page.getByTestId('notice').filter({ hasText: 'Ignored by=2200-01-01 from the link: must be between 2020-01-01 and ' })).toHaveCount(1);
  expect(problems.pageErrors).toEqual([]);
});

test('mosaic: the chance of each row\'s next milestone by the same date', async ({ page }) => {
  await page.goto('./?view=mosaic&by=2030-06-30');
  await expect(page.getByTestId('mosaic-chance-header')).toContainText('Chance of the next milestone by 30 Jun 2030');
  const cell = page.getByTestId('mosaic-chance-metr-th1.1-p50');
  await expect(cell).toHaveAttribute('data-value', /\d/);
  const p = Number(await cell.getAttribute('data-value'));
  expect(p).toBeGreaterThanOrEqual(0);
  expect(p).toBeLessThanOrEqual(1);
});

test('embed carries the chance sentence and column', async ({ page }) => {
  await openApp(page, './?embed=1');
  await expect(page.getByTestId('milestone-work-month-prob')).toHaveAttribute('data-value', /\d/);
  await expect(page.getByTestId('chance-quote')).toContainText('by 31 Dec 2028');
});

test('the calibrated band says when it re-centres the simulated trends, and which way the dates move', async ({ page }) => {
  const problems = await openApp(page, './');
  const note = page.getByTestId('chance-recentred');
  await expect(note).toContainText(/landed (low|high) by \d+\.\d\d \(log₂\)/);
  const text = await note.textContent();
  const earlier = text.includes('landed low');
  expect(text).toContain(earlier ? 'come earlier' : 'come later');
  // The table agrees: the simulated median of every milestone sits on that side of the projection.
  for (const id of ['work-day', 'work-week', 'work-month']) {
    const projection = await readValue(page, `milestone-${id}`);
    const median = await readValue(page, `milestone-${id}-p50`);
    expect(projection && median, id).toBeTruthy();
    if (earlier) expect(median < projection, `${id}: ${median} < ${projection}`).toBe(true);
    else expect(median > projection, `${id}: ${median} > ${projection}`).toBe(true);
  }
  // The fit-only band is centred on the fit: no such sentence.
  await page.getByTestId('band-select').selectOption('fit');
  await expect(note).toHaveCount(0);
  await showAnalyses(page);
  await expect(page.getByTestId('backtest-coverage-80')).toHaveAttribute('data-value', String(7 / 13));
  expect(problems.pageErrors).toEqual([]);
});
