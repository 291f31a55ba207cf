// Phone layout, 360–414 px wide: no horizontal scroll of the page (single view and embed),
// and the doubling slider in the first screen, right under the chart.
import { test, expect } from './fixtures.mjs';
import { openApp } from './helpers.mjs';

for (const width of [360, 390, 414]) {
  for (const [name, url] of [['single view', './'], ['embed', './?embed=1'], ['score series', './?series=swebench-verified']]) {
    test(`${name} at ${width} px: the page does not scroll sideways`, async ({ page }) => {
      await page.setViewportSize({ width, height: 844 });
      await openApp(page, url);
      if (!url.includes('embed')) await expect(page.getByTestId('model-panel')).toBeVisible();
      // The panels below the chart follow its first paint: measure once they are there.
      const table = page.getByTestId('milestones');
      await expect(table).toBeVisible();
      const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
      expect(scroll).toBe(inner);
      // The milestone table fits or scrolls inside its own box.
      const box = await table.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
    });
  }
}

test('at 390×844 the doubling slider is in the first screen, under the chart', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const slider = await page.getByTestId('doubling-slider').boundingBox();
  const chart = await page.getByTestId('chart').boundingBox();
  expect(slider.y).toBeGreaterThan(chart.y + chart.height - 1);
  expect(slider.y + slider.height).toBeLessThanOrEqual(844);
  expect(slider.x).toBeGreaterThanOrEqual(0);
  expect(slider.x + slider.width).toBeLessThanOrEqual(390);
  // Moving it redraws the chart without scrolling.
  const drawn = Number(await page.getByTestId('chart').getAttribute('data-drawn'));
  await page.getByTestId('doubling-slider').fill('200');
  await expect.poll(async () => Number(await page.getByTestId('chart').getAttribute('data-drawn'))).toBeGreaterThan(drawn);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});
