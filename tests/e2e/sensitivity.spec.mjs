// Sensitivity chart: a milestone's date against the assumed doubling time, with the slider's
// value as a marker that moves with the slider and agrees with the milestone table.
import { test, expect } from './fixtures.mjs';
import { openApp } from './helpers.mjs';

async function readout(page) {
  const s = page.getByTestId('sensitivity');
  const [x, t, date, id] = await Promise.all(['data-marker-x', 'data-marker-doubling', 'data-marker-date', 'data-milestone-id'].map((a) => s.getAttribute(a)));
  const fitted = Number(await page.getByTestId('sensitivity-fitted').getAttribute('x1'));
  return { x: Number(x), t: Number(t), date, id, fitted };
}

test('the marker moves with the slider, the fitted mark stays, and dates match the milestone table', async ({ page }) => {
  const problems = await openApp(page, './');
  await expect(page.getByTestId('sensitivity')).toBeVisible();
  const start = await readout(page);
  expect(start.id).toBe('work-week'); // the first milestone the data has not reached
  await expect(page.getByTestId(`milestone-${start.id}`)).toHaveAttribute('data-value', start.date);
  // At the fitted value the marker sits on the fitted mark.
  expect(Math.abs(start.x - start.fitted)).toBeLessThan(0.11);

  const slider = page.getByTestId('doubling-slider');
  await slider.fill('100');
  await expect(page.getByTestId('sensitivity')).toHaveAttribute('data-marker-doubling', '100');
  const fast = await readout(page);
  await slider.fill('300');
  await expect(page.getByTestId('sensitivity')).toHaveAttribute('data-marker-doubling', '300');
  const slow = await readout(page);
  expect(fast.x).toBeLessThan(start.x);
  expect(slow.x).toBeGreaterThan(start.x);
  expect(fast.fitted).toBe(start.fitted);
  expect(slow.fitted).toBe(start.fitted);
  // Slower doubling, later date; each equal to the table's date under that assumption.
  expect(fast.date < start.date && start.date < slow.date).toBe(true);
  await expect(page.getByTestId(`milestone-${slow.id}`)).toHaveAttribute('data-value', slow.date);
  // The dot is drawn on the curve at the marker's x.
  await expect.poll(async () => Math.abs(Number(await page.getByTestId('sensitivity-marker').getAttribute('cx')) - slow.x)).toBeLessThan(0.5);

  // Another milestone: its own date, from the table.
  await page.getByTestId('sensitivity-milestone').selectOption('work-month');
  await expect(page.getByTestId('sensitivity')).toHaveAttribute('data-milestone-id', 'work-month');
  const month = await readout(page);
  await expect(page.getByTestId('milestone-work-month')).toHaveAttribute('data-value', month.date);
  expect(month.date > slow.date).toBe(true);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('score series get an odds-doubling sensitivity chart', async ({ page }) => {
  await openApp(page, './?series=swebench-verified&dt=150');
  const s = page.getByTestId('sensitivity');
  await expect(s).toContainText('odds-doubling');
  await expect(s).toHaveAttribute('data-marker-doubling', '150');
  const r = await readout(page);
  await expect(page.getByTestId(`milestone-${r.id}`)).toHaveAttribute('data-value', r.date);
});

test('the shaded 95% interval is the selected band\'s, sits inside the axis when its ends are finite, and is stated in words', async ({ page }) => {
  // ECI's calibrated interval for the days per index step is finite at both ends.
  const problems = await openApp(page, './?series=eci');
  const s = page.getByTestId('sensitivity');
  await expect(s).toBeVisible();
  await expect(s.locator('.hint')).toContainText(/95% interval \(calibrated band: \d+ to \d+ days\)/);
  const inside = async () => s.evaluate((el) => {
    const r = el.querySelector('rect.ci-band');
    const axis = el.querySelector('g.grid > line:last-of-type');
    if (!r || !axis) return null;
    const x = Number(r.getAttribute('x'));
    const w = Number(r.getAttribute('width'));
    return { left: x - Number(axis.getAttribute('x1')), right: Number(axis.getAttribute('x2')) - (x + w), w };
  });
  await expect.poll(inside).toEqual(expect.objectContaining({ w: expect.any(Number) }));
  const g = await inside();
  expect(g.left).toBeGreaterThan(1);
  expect(g.right).toBeGreaterThan(1);
  expect(g.w).toBeGreaterThan(1);
  // METR's calibrated interval includes no growth at all: the hint says so.
  await openApp(page, './');
  await expect(page.getByTestId('sensitivity').locator('.hint')).toContainText('to no growth at all');
  // The fit-only band's interval is finite.
  await openApp(page, './?band=fit');
  await expect(page.getByTestId('sensitivity').locator('.hint')).toContainText(/95% interval \(fit-only band: \d+ to \d+ days\)/);
  expect(problems.pageErrors).toEqual([]);
});
