// Dark mode: the page and the canvas follow the system's prefers-color-scheme, and a theme
// control (system / light / dark) overrides it; the choice is kept in this browser, not in the
// link.
import { test, expect } from './fixtures.mjs';
import { openApp } from './helpers.mjs';

/** The chart's background: the base canvas' pixel near its top-left corner. */
async function canvasCorner(page) {
  return page.getByTestId('chart').evaluate((c) => [...c.getContext('2d').getImageData(3, 3, 1, 1).data].slice(0, 3));
}

const bodyBackground = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

async function drawnAfter(page, before) {
  await expect.poll(async () => Number(await page.getByTestId('chart').getAttribute('data-drawn'))).toBeGreaterThan(before);
}

test('the page and the canvas follow the system colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page);
  await expect.poll(async () => luminance(await canvasCorner(page))).toBeGreaterThan(240);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(255, 255, 255)');

  // The system switches to dark while the page is open: everything follows without a reload.
  const drawn = Number(await page.getByTestId('chart').getAttribute('data-drawn'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await drawnAfter(page, drawn);
  await expect.poll(() => canvasCorner(page)).toEqual([17, 24, 39]);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(17, 24, 39)');
  // Panels follow too: the controls' panel is dark and its text light.
  await expect.poll(() => page.locator('section.controls').evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]))
    .toEqual(['rgb(31, 41, 55)', 'rgb(229, 231, 235)']);
  await expect(page.getByTestId('theme-select')).toHaveValue('auto');
});

test('the theme control overrides the system, survives a reload and stays out of the link', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page);
  const drawn = Number(await page.getByTestId('chart').getAttribute('data-drawn'));
  await page.getByTestId('theme-select').selectOption('dark');
  await drawnAfter(page, drawn);
  await expect.poll(() => canvasCorner(page)).toEqual([17, 24, 39]);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(17, 24, 39)');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('trendline-theme'))).toBe('dark');

  await page.waitForTimeout(600); // the address bar follows the page after a short debounce
  expect(new URL(page.url()).search).not.toMatch(/theme|dark/);

  await page.reload();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('theme-select')).toHaveValue('dark');
  await expect.poll(() => canvasCorner(page)).toEqual([17, 24, 39]);

  // Light wins over a dark system; "system" follows it again.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('theme-select').selectOption('light');
  await expect.poll(() => canvasCorner(page)).toEqual([255, 255, 255]);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(255, 255, 255)');
  await page.getByTestId('theme-select').selectOption('auto');
  await expect.poll(() => canvasCorner(page)).toEqual([17, 24, 39]);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('trendline-theme'))).toBe(null);
});

test('the embed follows the system colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, './?embed=1');
  await expect.poll(() => canvasCorner(page)).toEqual([17, 24, 39]);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(17, 24, 39)');
});
