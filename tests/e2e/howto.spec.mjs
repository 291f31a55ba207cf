// "How to read this" (dismissible, stays dismissed) and the "why this default" notes beside
// the fit's assumptions, in the manifest's own words with links to the source.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, ROOT } from './helpers.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/manifest.json'), 'utf8'));

test('"How to read this" shows, is dismissed, and stays dismissed after a reload', async ({ page }) => {
  await openApp(page);
  const box = page.getByTestId('how-to-read');
  await expect(box).toBeVisible();
  await expect(box).toContainText('log scale');
  await page.getByTestId('how-to-read-dismiss').click();
  await expect(box).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('how-to-read')).toHaveCount(0);
  // Not in the embed.
  await page.evaluate(() => localStorage.clear());
  await openApp(page, './?embed=1');
  await expect(page.getByTestId('how-to-read')).toHaveCount(0);
});

test('each assumption says why it is the default, with the source', async ({ page }) => {
  await openApp(page);
  const meta = manifest.series.find((s) => s.id === 'metr-th1.1-p50');
  await expect(page.getByTestId('why-cap')).toContainText(`Why horizons above ${meta.fit_cap / 60} h are not fitted`);
  await expect(page.getByTestId('why-cap')).toContainText(meta.fit_cap_note);
  await expect(page.getByTestId('why-frontier')).toContainText(meta.frontier_rule);
  const later = meta.published_doubling.find((b) => b.from);
  await expect(page.getByTestId('why-from')).toContainText(`fit from ${later.from} on (${later.point} days)`);
  await expect(page.getByTestId('why-cap').locator('a')).toHaveAttribute('href', meta.source_urls[0]);
  // A series with no cap has no cap note.
  await openApp(page, './?series=swebench-verified');
  await expect(page.getByTestId('why-frontier')).toBeVisible();
  await expect(page.getByTestId('why-cap')).toHaveCount(0);
});
