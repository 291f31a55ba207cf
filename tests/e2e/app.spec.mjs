// The walking skeleton end to end: load, chart, fit, slider, URL keys, no errors, no foreign requests.
import { test, expect } from './fixtures.mjs';
import { openApp, readValue, canvasInk, metrPublished } from './helpers.mjs';
import { SUBPATH_PORT } from './playwright.config.mjs';

const published = metrPublished();

test('loads, draws the chart and reproduces METR\'s all-time doubling time', async ({ page }) => {
  const problems = await openApp(page);
  const ink = await canvasInk(page);
  expect(ink.width).toBeGreaterThan(1000);
  expect(ink.ink).toBeGreaterThan(5000);
  await expect.poll(async () => Math.abs(Number(await readValue(page, 'fit-doubling-days')) - published.allTime)).toBeLessThan(5e-4);
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', '17');
  await expect(page.getByTestId('source-line')).toContainText('METR');
  await expect(page.getByTestId('source-line')).toContainText('Licence');
  for (const id of ['work-day', 'work-week', 'work-month', 'work-year']) {
    await expect(page.getByTestId(`milestone-${id}`)).toHaveAttribute('data-value', /^\d{4}-\d{2}-\d{2}$/);
    await expect.poll(async () => (await readValue(page, `milestone-${id}-fit`)) === (await readValue(page, `milestone-${id}`))).toBe(true);
  }
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('from=2023-01-01 gives METR\'s from_2023_on doubling time with n = 14', async ({ page }) => {
  await openApp(page, './?series=metr-th1.1-p50&from=2023-01-01');
  await expect.poll(async () => Math.abs(Number(await readValue(page, 'fit-doubling-days')) - published.from2023)).toBeLessThan(5e-4);
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', '14');
});

test('the slider redraws the chart and moves the milestone dates on every input event', async ({ page }) => {
  await openApp(page);
  const before = await canvasInk(page);
  // The milestone table follows the chart one frame later: wait for it before reading it.
  await expect(page.getByTestId('milestone-work-month')).toHaveAttribute('data-value', /^\d{4}-/);
  await expect(page.getByTestId('milestone-work-year-fit')).toHaveAttribute('data-value', /^\d{4}-/);
  const monthBefore = await readValue(page, 'milestone-work-month');
  const yearFit = await readValue(page, 'milestone-work-year-fit');
  const slider = page.getByTestId('doubling-slider');
  await slider.fill('90');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '90');
  // The milestone table follows the redrawn chart one frame later.
  await expect.poll(async () => (await readValue(page, 'milestone-work-month')) < monthBefore).toBe(true);
  await expect(page.getByTestId('milestone-work-year-fit')).toHaveAttribute('data-value', yearFit);
  await expect.poll(async () => (await canvasInk(page)).sum).not.toBe(before.sum);
  // Keyboard: arrow keys step the slider by one day.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '91');
  // The URL follows (debounced) and reproduces the view.
  await expect.poll(() => new URL(page.url()).searchParams.get('dt')).toBe('91');
  const url = page.url();
  const again = await page.context().newPage();
  await openApp(again, url);
  await expect(again.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '91');
  await expect.poll(async () => (await readValue(again, 'milestone-work-month')) === (await readValue(page, 'milestone-work-month'))).toBe(true);
});

test('URL keys are honoured and a bad value falls back without losing the others', async ({ page }) => {
  await openApp(page, './?series=metr-th1.1-p50&from=2024-01-01&to=2025-12-31&fit=all&dt=100&unknown=1');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '100');
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', /\d+/);
  const nAll = Number(await readValue(page, 'fit-n'));
  await openApp(page, './?from=2024-01-01&to=2025-12-31&fit=frontier');
  await expect.poll(async () => Number(await readValue(page, 'fit-n'))).toBeLessThan(nAll);

  await openApp(page, './?from=2023-01-01&dt=banana&fit=sideways');
  await expect.poll(async () => Math.abs(Number(await readValue(page, 'fit-doubling-days')) - published.from2023)).toBeLessThan(5e-4);
  await expect.poll(async () => (await readValue(page, 'assumed-doubling-days')) === (await readValue(page, 'fit-doubling-days'))).toBe(true);
  await expect(page.getByTestId('notice')).toContainText('dt=banana');
  await expect(page.getByTestId('notice')).toContainText('fit=sideways');
});

test('extreme and malformed values never crash the page', async ({ page }) => {
  for (const q of ['dt=0.000001', 'dt=1e308', 'dt=-1', 'from=2030-01-01', 'from=2026-01-01&to=2019-01-01', 'series=nope&dt=%ZZ', 'to=2019-03-01']) {
    const problems = await openApp(page, `./?${q}`).catch(async (e) => { throw new Error(`${q}: ${e}`); });
    await expect(page.getByTestId('chart')).toBeVisible();
    expect(problems.pageErrors, q).toEqual([]);
    expect(problems.console, q).toEqual([]);
  }
});

test('the release bundle works from a sub-path', async ({ page }) => {
  const problems = await openApp(page, `http://127.0.0.1:${SUBPATH_PORT}/deep/sub/path/?dt=120`);
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '120');
  await expect.poll(async () => (await canvasInk(page)).ink).toBeGreaterThan(5000);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('the chart follows its box: a narrower window redraws it sharp at the new size', async ({ page }) => {
  await openApp(page);
  const backing = () => page.getByTestId('chart').evaluate((c) => ({
    css: Math.round(c.getBoundingClientRect().width), w: c.width, h: c.height,
    drawn: Number(c.getAttribute('data-drawn')), dpr: devicePixelRatio,
  }));
  const wide = await backing();
  expect(wide.w).toBe(Math.round(wide.css * wide.dpr));
  await page.setViewportSize({ width: 700, height: 800 });
  await expect.poll(async () => (await backing()).css).toBeLessThan(wide.css);
  await expect.poll(async () => { const b = await backing(); return b.w === Math.round(b.css * b.dpr); }).toBe(true);
  await expect.poll(async () => (await backing()).drawn).toBeGreaterThan(wide.drawn);
  const narrow = await backing();
  // Slider redraws after the resize keep the new size (no stale measurement).
  await page.getByTestId('doubling-slider').fill('120');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '120');
  await expect.poll(async () => (await backing()).drawn).toBeGreaterThan(narrow.drawn);
  expect((await backing()).w).toBe(narrow.w);
});
