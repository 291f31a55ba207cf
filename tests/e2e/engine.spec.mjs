// The forecast engine in the app: fit families, uncertainty, milestones, reliability, backtests,
// and every URL key of its contract.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, openApp, readValue, canvasInk, showAnalyses } from './helpers.mjs';

const golden = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/golden/engine.json'), 'utf8'));
const num = async (page, id) => Number(await readValue(page, id));

test('superexponential: fitted acceleration, AICc against the exponential, and a finite-date singularity', async ({ page }) => {
  const problems = await openApp(page, './?model=superexp');
  const ref = golden.superexp_fits.find((c) => c.name === 'metr-th1.1-p50 frontier');
  await expect.poll(async () => Math.abs(await num(page, 'fit-aicc-superexp') - ref.aicc)).toBeLessThan(1e-6);
  await expect.poll(async () => Math.abs(await num(page, 'fit-aicc-exp') - ref.exp_aicc)).toBeLessThan(1e-9);
  await expect.poll(async () => Math.abs(await num(page, 'fit-doubling-days') - ref.doubling_at_anchor)).toBeLessThan(1e-3);
  await expect(page.locator('.note')).toContainText(`reaches infinity on ${ref.singularity.date}`);
  // A floor removes the singularity; the acceleration slider moves the dates.
  await expect(page.getByTestId('milestone-work-year')).toHaveAttribute('data-value', /^\d{4}-/);
  const before = await readValue(page, 'milestone-work-year');
  await page.getByTestId('accel-slider').fill('30');
  await expect(page.getByTestId('accel-input')).toHaveValue('30.00');
  // The milestone table follows the chart a moment later (panels update after the redraw).
  await expect.poll(async () => (await readValue(page, 'milestone-work-year')) < before).toBe(true);
  await page.getByTestId('floor-input').fill('30');
  await expect(page.locator('.note', { hasText: 'reaches infinity' })).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).searchParams.get('floor')).toBe('30');
  await expect.poll(() => new URL(page.url()).searchParams.get('accel')).toBe('30');
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('logistic on a bounded series: odds-doubling time, % milestones, saturation', async ({ page }) => {
  await openApp(page, './?series=swebench-verified');
  const ref = golden.logistic_fits.find((c) => c.name === 'swebench-verified frontier');
  await expect.poll(async () => Math.abs(await num(page, 'fit-doubling-days') - ref.odds_doubling_days)).toBeLessThan(1e-9);
  for (const p of ['50', '80', '90', '95', '99']) {
    await expect(page.getByTestId(`milestone-pct-${p}-fit`)).toHaveAttribute('data-value', ref.crossings[`pct-${p}`].date ?? '');
  }
  await expect(page.getByTestId('model-family-fixed')).toContainText('logistic');
  await page.getByTestId('sat-input').fill('90');
  await expect(page.getByTestId('milestone-pct-95')).toHaveAttribute('data-value', '');
  await expect(page.getByTestId('milestone-pct-95')).toContainText('never');
  await expect.poll(() => new URL(page.url()).searchParams.get('sat')).toBe('90');
});

test('reliability at 80% refits the derived horizons', async ({ page }) => {
  await openApp(page, './?rel=80');
  await expect(page.getByTestId('fit-doubling-days')).toHaveAttribute('data-value', /\d/);
  const ref = golden.reliability.fits['0.8'];
  await expect.poll(async () => Math.abs(await num(page, 'fit-doubling-days') - ref.doubling_days)).toBeLessThan(1e-6);
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', String(ref.n));
  await expect(page.locator('.note', { hasText: 'carry no confidence interval' })).toHaveCount(1);
});

test('uncertainty: bootstrap interval around the fit and Monte Carlo milestone percentiles', async ({ page }) => {
  // The fit-only band: its 90th percentile of 1 work-month falls before the end date (the
  // calibrated band's is later, shown as "after 2030-12-31"; chance.spec covers that band).
  await openApp(page, './?mc=2000&band=fit');
  await expect.poll(async () => {
    const [lo, fit, hi] = [await num(page, 'fit-ci-low'), await num(page, 'fit-doubling-days'), await num(page, 'fit-ci-high')];
    return lo < fit && fit < hi;
  }).toBe(true);
  const percentiles = () => Promise.all(['p10', 'p50', 'p90'].map((k) => readValue(page, `milestone-work-month-${k}`)));
  await expect.poll(async () => { const q = await percentiles(); return q.every((d) => /^\d{4}-/.test(d)) && q[0] <= q[1] && q[1] <= q[2]; }).toBe(true);
  const p = await percentiles();
  await expect(page.getByTestId('published-doubling')).toContainText('187.778');
  // Same link, same numbers (fixed seed).
  const again = await page.context().newPage();
  await openApp(again, page.url());
  await expect(again.getByTestId('milestone-work-month-p50')).toHaveAttribute('data-value', p[1]);
  await openApp(again, './?mc=0');
  await expect(again.getByTestId('milestone-work-month-p50')).toHaveCount(0);
});

test('units, custom milestone, anchor and end date are honoured', async ({ page }) => {
  const problems = await openApp(page, './?units=calendar&goal=100&anchor=last&until=2040-12-31');
  for (const id of ['day', 'week', 'month', 'year', 'custom']) {
    await expect(page.getByTestId(`milestone-${id}`)).toHaveAttribute('data-value', /^\d{4}-\d{2}-\d{2}$/);
  }
  await expect(page.getByTestId('milestone-work-day')).toHaveCount(0);
  await expect(page.getByTestId('anchor-select')).toHaveValue('last');
  await expect(page.getByTestId('until-input')).toHaveValue('2040-12-31');
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('backtests: as-of date and rolling-origin scores', async ({ page }) => {
  await openApp(page, './?asof=2025-01-01');
  await expect.poll(() => num(page, 'fit-n')).toBeLessThan(17);
  // The backtest follows the first paint, once its panel is on screen.
  await showAnalyses(page);
  await expect(page.getByTestId('backtest-coverage-80')).toHaveAttribute('data-value', /\d/);
  for (const id of ['backtest-coverage-80', 'backtest-coverage-95', 'backtest-mean-abs-error']) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-value', /\d/);
    const v = await num(page, id);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
  }
  await expect.poll(async () => (await num(page, 'backtest-coverage-80')) <= (await num(page, 'backtest-coverage-95'))).toBe(true);
  await expect.poll(async () => (await canvasInk(page)).ink).toBeGreaterThan(5000);
});

test('points can be dropped from the fit by link, by click and by keyboard', async ({ page }) => {
  await openApp(page, './?drop=o3_inspect');
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', '16');
  await expect(page.getByTestId('dropped')).toContainText('o3_inspect');
  await expect(page.getByTestId('published-doubling')).toHaveCount(0);
  // Keyboard: first point (GPT-2), Enter drops it.
  await page.getByTestId('chart').focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', '15');
  await expect.poll(() => new URL(page.url()).searchParams.get('drop')).toBe('gpt2,o3_inspect');
  // Click: the same point again brings it back.
  const tip = page.getByTestId('point-tooltip');
  const pos = await tip.evaluate((el) => ({ x: parseFloat(el.style.left), y: parseFloat(el.style.top) }));
  await page.getByTestId('chart').click({ position: pos });
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', '16');
});

test('keys pressed faster than the app renders act on the point they moved to', async ({ page }) => {
  await openApp(page, './');
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', /^\d+$/);
  const n = await num(page, 'fit-n');
  // Both keydowns in one task: no render can run between them, so Enter cannot rely on the
  // highlight the chart last drew.
  await page.getByTestId('chart').evaluate((el) => {
    el.focus();
    for (const key of ['End', 'Home', 'Enter']) el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', String(n - 1));
  await expect.poll(() => new URL(page.url()).searchParams.get('drop')).toBe('gpt2');
});

test('extreme settings show messages, never crash', async ({ page }) => {
  for (const q of ['dt=1&until=2100-12-31&mc=20000', 'dt=18262&until=2100-12-31', 'model=superexp&accel=95&until=2100-12-31',
    'series=arc-agi-2&sat=1', `drop=${['gpt2', 'davinci_002'].join(',')}&from=2026-02-01`, 'asof=2019-06-01', 'cap=0.001']) {
    const problems = await openApp(page, `./?${q}`);
    expect(problems.pageErrors, q).toEqual([]);
    expect(problems.console, q).toEqual([]);
    await expect(page.getByTestId('chart')).toBeVisible();
  }
  await openApp(page, './?from=2026-02-01');
  await expect(page.locator('.note').first()).toContainText('No trend');
});
