// Screen readers and keyboard: sliders say their value in words, the chart has a text summary
// that follows the slider, every control is reached by Tab in reading order with a visible
// focus ring, and axe-core finds no serious or critical violation (single view and embed,
// light and dark).
import { test, expect } from './fixtures.mjs';
import AxeBuilder from '@axe-core/playwright';
import { openApp, readValue } from './helpers.mjs';

test('the doubling slider reads in words and the chart summary follows it', async ({ page }) => {
  const problems = await openApp(page);
  const slider = page.getByTestId('doubling-slider');
  const summary = page.getByTestId('chart-summary');
  await expect(slider).toHaveAttribute('aria-valuetext', /^doubling every [\d.]+ months \([\d,]+ days\)$/);
  const fitted = Number(await readValue(page, 'fit-doubling-days'));
  await expect(summary).toHaveAttribute('aria-live', 'polite');
  await expect(summary).toContainText(`Fitted trend: it doubles every ${fitted.toFixed(1)} days`);
  await expect(summary).toContainText(/1 work-month tasks reached \d{4}-\d{2}/);
  const before = await summary.textContent();
  const monthBefore = before.match(/1 work-month tasks reached (\d{4}-\d{2})/)[1];

  await slider.fill('300');
  await expect(slider).toHaveAttribute('aria-valuetext', 'doubling every 9.9 months (300 days)');
  await expect(summary).toContainText('your assumption: it doubles every 300.0 days (9.9 months)');
  const after = await summary.textContent();
  const monthAfter = after.match(/1 work-month tasks reached (\d{4}-\d{2})/)[1];
  expect(monthAfter > monthBefore).toBe(true); // slower doubling, later milestone

  // Keyboard: one step right is one day longer.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', 'doubling every 9.9 months (301 days)');
  await expect(summary).toContainText('your assumption: it doubles every 301.0 days');
  expect(problems.console).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

test('a score series says what doubles: the odds', async ({ page }) => {
  await openApp(page, './?series=swebench-verified');
  await expect(page.getByTestId('doubling-slider')).toHaveAttribute('aria-valuetext', /^odds doubling every /);
  await expect(page.getByTestId('chart-summary')).toContainText(/Fitted trend: its odds double every .*; 90% reached \d{4}-\d{2}/);
});

test('every other slider has its value in words', async ({ page }) => {
  await openApp(page, './?model=superexp');
  await expect(page.getByTestId('accel-slider')).toHaveAttribute('aria-valuetext', /^each doubling [\d.]+% (shorter|longer) than the one before$|^every doubling as long/);
  await expect(page.getByTestId('rel-slider')).toHaveAttribute('aria-valuetext', 'tasks the models succeed at 50% of the time');
  await page.getByTestId('rel-slider').fill('80');
  await expect(page.getByTestId('rel-slider')).toHaveAttribute('aria-valuetext', 'tasks the models succeed at 80% of the time');
  await openApp(page, './?series=swebench-verified&sat=95');
  await expect(page.getByTestId('sat-slider')).toHaveAttribute('aria-valuetext', 'levels off at a score of 95%');
  // No range input anywhere without words.
  const bare = await page.locator('input[type=range]:not([aria-valuetext])').count();
  expect(bare).toBe(0);
});

test('Tab reaches the controls in reading order, each with a visible focus ring', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('model-panel')).toBeVisible();
  // Nothing jumps the queue.
  expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count()).toBe(0);
  const seen = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // A visually hidden file input shows its ring on its label.
      const shown = el.matches('input[type=file]') ? el.closest('label') : el;
      const cs = getComputedStyle(shown);
      const r = shown.getBoundingClientRect();
      return {
        id: el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`,
        ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
        style: `${cs.outlineStyle} ${cs.outlineWidth} ${el.matches(':focus')} ${r.width}x${r.height}`,
        visible: r.width > 0 && r.height > 0,
      };
    });
    if (!info) break;
    seen.push(info);
  }
  const ids = seen.map((s) => s.id);
  const without = seen.filter((s) => !s.ring || !s.visible).map((s) => `${s.id} (${s.style})`);
  expect(without, `focused without a visible ring: ${without.join(', ')}`).toEqual([]);
  const order = ['series-picker', 'chart', 'scale-log', 'scale-linear', 'copy-link', 'fit-from', 'fit-to', 'fit-selection', 'doubling-slider', 'doubling-input', 'model-family'];
  const at = order.map((id) => ids.indexOf(id));
  expect(at.every((i) => i >= 0), `order seen: ${ids.join(' → ')}`).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
});

const SCENARIOS = 'sa=1~auto~fit~fit~0~default~100~fit~Trend%20continues&sb=1~auto~365.25~fit~0~default~100~fit~Slows&sc=1~superexp~fit~15~0~default~100~fit~Fast';
for (const scheme of ['light', 'dark']) {
  for (const [name, url] of [['single view', './'], ['embed', './?embed=1'], ['score series', './?series=swebench-verified'],
    ['three scenarios, linear axis', `./?scale=linear&${SCENARIOS}`], ['embed with three scenarios', `./?embed=1&${SCENARIOS}`]]) {
    test(`axe: no serious or critical violations, ${name}, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openApp(page, url);
      if (!url.includes('embed')) await expect(page.getByTestId('model-panel')).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
      const report = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(report).toEqual([]);
    });
  }
}

for (const scheme of ['light', 'dark']) {
  test(`axe: no serious or critical violations, mosaic, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./?view=mosaic');
    await expect(page.getByTestId('mosaic-row-metr-th1.1-p50')).toHaveAttribute('data-doubling-days', /\d/, { timeout: 20_000 });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    const report = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(report).toEqual([]);
  });
}
