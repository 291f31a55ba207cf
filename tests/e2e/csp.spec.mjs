// The strict Content-Security-Policy: in force on the built site (as a <meta>, and as a header
// with frame-ancestors from the test server), and nothing the app does violates it. Every spec
// fails on a violation (fixtures.mjs); this one goes through the features on purpose.
import { test, expect } from './fixtures.mjs';
import { test as plain } from '@playwright/test';
import { openApp } from './helpers.mjs';
import { CSP } from '../../scripts/postbuild.mjs';

test('the policy is in the page and the header, and every feature runs under it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/'), openApp(page, './')]);
  expect(response.headers()['content-security-policy']).toBe(`${CSP}; frame-ancestors *`);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(CSP);
  expect(CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(CSP).toContain("style-src 'self'");
  // No inline script is left for the policy to refuse.
  expect(await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length)).toBe(0);

  // Hover a point (the tooltip is placed through the CSSOM), move the slider, switch the axis.
  const box = await page.getByTestId('chart').boundingBox();
  await page.getByTestId('chart').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('point-tooltip')).toBeVisible();
  const left = await page.getByTestId('point-tooltip').evaluate((e) => e.style.left);
  expect(left).toMatch(/^\d+px$/);
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.getByTestId('doubling-slider').fill('250');
  await page.getByTestId('scale-linear').click();
  await page.getByTestId('scenario-examples').click();
  await expect(page.getByTestId('scenario-table')).toBeVisible();
  // Copy link (clipboard), then each export (canvas → PNG data: URL, blob: downloads).
  await page.getByTestId('copy-link').click();
  for (const id of ['export-png', 'export-svg', 'export-csv', 'export-scenario']) {
    await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
  }
  // Import panel, theme, mosaic.
  await page.getByTestId('import-open').click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./?view=mosaic');
  await expect(page.getByTestId('mosaic-row-metr-th1.1-p50')).toHaveAttribute('data-doubling-days', /\d/, { timeout: 20_000 });
  // The embed, in a frame on another origin.
  await page.goto('./?embed=1');
  await expect(page.getByTestId('embed')).toBeVisible();
  // (The fixture fails this test on any violation seen in all of the above.)
});

plain('the policy is enforced: an inline style attribute and a foreign image are refused', async ({ page }) => {
  await openApp(page, './');
  const seen = await page.evaluate(async () => {
    const got = [];
    document.addEventListener('securitypolicyviolation', (e) => got.push(e.effectiveDirective));
    const d = document.createElement('div');
    d.setAttribute('style', 'color: red');
    document.body.append(d);
    const img = new Image();
    img.src = 'https://example.invalid/x.png';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    return { got, color: getComputedStyle(d).color };
  });
  expect(seen.got).toContain('style-src-attr');
  expect(seen.got).toContain('img-src');
  expect(seen.color).not.toBe('rgb(255, 0, 0)');
});

plain('the single file carries no policy (everything in it is inline; README says why)', async ({ page }) => {
  await page.goto('./trendline.html');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
});
