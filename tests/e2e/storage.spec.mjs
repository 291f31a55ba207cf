// Storage faults: local storage blocked, full, or holding garbage. The page works, an imported
// series is never silently lost (a message says it could not be kept), nothing panics.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import { openApp } from './helpers.mjs';

const good = ['date,value,name', '2023-01-01,1,a', '2023-06-01,2.1,b', '2024-01-01,4.4,c', '2024-06-01,7.9,d', '2025-01-01,17,e'].join('\n');

async function importGood(page, info) {
  await page.getByTestId('import-open').click();
  const file = info.outputPath('Kept or not.csv');
  fs.writeFileSync(file, good);
  await page.getByTestId('import-unit').selectOption('hours');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('series-title')).toHaveText('Kept or not');
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', '5');
}

function noPanic(problems) {
  const all = [...problems.console, ...problems.pageErrors].join('\n');
  expect(all).not.toMatch(/panicked at|RuntimeError|unreachable/);
  expect(problems.pageErrors).toEqual([]);
}

test('local storage blocked: the page works, the import lasts for the visit and says so', async ({ page }, info) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  const problems = await openApp(page, './?dt=150');
  await expect(page.getByTestId('doubling-slider')).toHaveValue('150');
  await page.getByTestId('theme-select').selectOption('dark').catch(() => {});
  await importGood(page, info);
  await expect(page.getByTestId('notice')).toContainText('for this visit only');
  await expect(page.getByTestId('notice')).toContainText('blocked or unavailable');
  // Still usable: the slider redraws the imported series.
  await page.getByTestId('doubling-slider').fill('60');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '60');
  noPanic(problems);
});

test('local storage full: the import is not lost silently and nothing is half-written', async ({ page }, info) => {
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (String(k).startsWith('trendline-user-series')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  const problems = await openApp(page, './');
  await importGood(page, info);
  await expect(page.getByTestId('notice')).toContainText('could not be kept');
  await expect(page.getByTestId('notice')).toContainText('storage for the page is full');
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('trendline-user-series')))).toEqual([]);
  noPanic(problems);
});

test('only the list fits: the series entry is removed again, and the reader is told', async ({ page }, info) => {
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k === 'trendline-user-series') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  const problems = await openApp(page, './');
  await importGood(page, info);
  await expect(page.getByTestId('notice')).toContainText('could not be kept');
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('trendline-user-series')))).toEqual([]);
  noPanic(problems);
});

test('garbage in local storage: skipped with a message, the page and the rest still work', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('trendline-theme', '{"not": json');
    localStorage.setItem('trendline-user-series', 'user-a\nuser-b\nuser-c\n\u0000\uffff');
    localStorage.setItem('trendline-user-series:user-a', '{"corrupt": [1, 2');
    localStorage.setItem('trendline-user-series:user-b', 'minutes\nB title\ndate,value\n2024-13-45,abc\n');
    localStorage.setItem('trendline-user-series:user-c', 'hours\nGood one\ndate,value\n2024-01-01,1\n2024-06-01,2\n2025-01-01,4\n');
  });
  const problems = await openApp(page, './');
  const notices = page.getByTestId('notice');
  await expect(notices).toContainText('user-a could not be read back');
  await expect(notices).toContainText('"B title" no longer validates');
  // The valid one is still there, and the page's own view is the default one.
  await expect(page.getByTestId('series-picker').locator('option', { hasText: 'Good one' })).toHaveCount(1);
  await expect(page.getByTestId('series-title')).toHaveText(/METR Time Horizon 1\.1/);
  await page.getByTestId('series-picker').selectOption({ label: 'Good one' });
  await expect(page.getByTestId('series-title')).toHaveText('Good one');
  noPanic(problems);
});
