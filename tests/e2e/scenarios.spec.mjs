// Scenarios side by side (A/B/C on one chart, a milestone table with month differences, in the
// link, the embed and the exports) and the log/linear axis.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import { openApp, canvasInk } from './helpers.mjs';

const monthsBetween = (a, b) => (Date.parse(b) - Date.parse(a)) / 86400000 / 30.436875;

async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync(await d.path(), 'utf8');
}

test('three scenarios: drawn, compared in months, kept in a copied link, the embed and the exports', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const problems = await openApp(page, './');
  await expect(page.getByTestId('scenario-table')).toHaveCount(0);
  const before = await canvasInk(page);
  await page.getByTestId('scenario-examples').click();
  const table = page.getByTestId('scenario-table');
  await expect(table).toBeVisible();
  for (const [k, name] of [['A', 'Trend continues'], ['B', 'Slows to 12-month doubling'], ['C', 'Superexponential 15%']]) {
    await expect(page.getByTestId(`scenario-name-${k}`)).toHaveValue(name);
    await expect(page.getByTestId(`scenario-col-${k}`)).toContainText(name);
    await expect(page.getByTestId('legend').locator(`li[data-scenario="${'ABC'.indexOf(k)}"]`)).toContainText(name);
  }
  await expect(page.getByTestId('scenario-desc-B')).toContainText('12.0 months');
  await expect(page.getByTestId('scenario-desc-C')).toContainText('superexponential');
  // The chart changed: three more curves drawn.
  await expect.poll(async () => (await canvasInk(page)).sum).not.toBe(before.sum);

  // Month differences agree with the dates shown.
  const current = await page.getByTestId('cmp-current-work-month').getAttribute('data-value');
  expect(current).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('milestone-work-month')).toHaveAttribute('data-value', current);
  const cell = (k) => page.getByTestId(`cmp-${k}-work-month`);
  const a = await cell('A').getAttribute('data-value');
  const b = await cell('B').getAttribute('data-value');
  expect(a).toBe(current); // A is the fitted trend, as are the current settings
  expect(Number(await cell('A').getAttribute('data-months'))).toBeCloseTo(0, 6);
  expect(b > current).toBe(true); // doubling every 12 months is slower than the fitted rate
  const bm = Number(await cell('B').getAttribute('data-months'));
  expect(bm).toBeCloseTo(monthsBetween(current, b), 6);
  await expect(cell('B')).toContainText(`+${bm.toFixed(1)} mo`);

  // Moving the slider moves the current column and the differences, not the scenarios.
  const slider = page.getByTestId('doubling-slider');
  await slider.fill('400');
  await expect(page.getByTestId('cmp-current-work-month')).not.toHaveAttribute('data-value', current);
  await expect(cell('B')).toHaveAttribute('data-value', b);
  await expect.poll(async () => {
    const now = await page.getByTestId('cmp-current-work-month').getAttribute('data-value');
    return Math.abs(Number(await cell('B').getAttribute('data-months')) - monthsBetween(now, b));
  }).toBeLessThan(5e-7);
  const after = await page.getByTestId('cmp-current-work-month').getAttribute('data-value');

  // Rename one: the name goes everywhere.
  await page.getByTestId('scenario-name-C').fill('Fast & "curious" ~ 100%');
  await page.getByTestId('scenario-name-C').press('Enter');
  await expect(page.getByTestId('scenario-col-C')).toContainText('Fast & "curious" ~ 100%');

  // The copied link carries every scenario, one versioned key each, and reproduces them.
  await page.getByTestId('copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const q = new URL(link).searchParams;
  expect(q.get('sa')).toBe('1~auto~fit~fit~0~default~100~fit~Trend continues');
  expect(q.get('sb')).toBe('1~auto~365.25~fit~0~default~100~fit~Slows to 12-month doubling');
  expect(q.get('sc')).toBe('1~superexp~fit~15~0~default~100~fit~Fast & "curious" ~ 100%');
  const page2 = await context.newPage();
  await openApp(page2, link);
  for (const k of ['A', 'B', 'C']) {
    await expect(page2.getByTestId(`cmp-${k}-work-month`)).toHaveAttribute('data-value', await cell(k).getAttribute('data-value'));
    await expect(page2.getByTestId(`scenario-name-${k}`)).toHaveValue(await page.getByTestId(`scenario-name-${k}`).inputValue());
  }
  await expect(page2.getByTestId('cmp-current-work-month')).toHaveAttribute('data-value', after);

  // The embed shows them too: curves in the legend and the comparison table.
  const u = new URL(link);
  u.searchParams.set('embed', '1');
  await openApp(page2, u.toString());
  await expect(page2.getByTestId('embed')).toBeVisible();
  await expect(page2.getByTestId('scenario-table')).toBeVisible();
  await expect(page2.getByTestId('cmp-B-work-month')).toHaveAttribute('data-value', b);
  await expect(page2.getByTestId('legend').locator('li[data-scenario]')).toHaveCount(3);
  await page2.close();

  // Exports: the CSV's scenarios section, the SVG draws them in their colours, the scenario file keeps them.
  const csv = await download(page, 'export-csv');
  const lines = csv.split(/\r?\n/);
  const i = lines.indexOf('# section: scenarios');
  expect(i).toBeGreaterThan(0);
  expect(lines[i + 1]).toBe('scenario,name,assumptions,milestone_id,milestone_label,date,current_date,months_after_current');
  const rowB = lines.slice(i + 2).find((l) => l.startsWith('B,') && l.includes(',work-month,'));
  expect(rowB).toContain(`,${b},${after},`);
  const svg = await download(page, 'export-svg');
  expect(svg).toContain('Slows to 12-month doubling');
  expect(svg).toMatch(/Scenario C: Fast &amp; (&quot;|")curious/);
  const file = JSON.parse(await download(page, 'export-scenario'));
  expect(file.settings.sb).toBe(q.get('sb'));

  // Use B: its doubling becomes the current one. Remove it: it is gone from the table and link.
  await page.getByTestId('scenario-use-B').click();
  await expect(page.getByTestId('cmp-current-work-month')).toHaveAttribute('data-value', b);
  await page.getByTestId('scenario-remove-B').click();
  await expect(page.getByTestId('scenario-col-B')).toHaveCount(0);
  await expect(page.getByTestId('scenario-save-B')).toBeVisible();
  await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.has('sb'))).toBe(false);

  expect(problems.pageErrors).toEqual([]);
  expect(problems.console).toEqual([]);
  expect(problems.foreign).toEqual([]);
});

test('a bad scenario key is reported and its siblings kept', async ({ page }) => {
  const problems = await openApp(page, './?dt=90&sa=9~exp~1&sb=1~cubic~200~~~~~~My%20B&sc=1~exp~nope');
  await expect(page.getByTestId('scenario-col-A')).toHaveCount(0);
  await expect(page.getByTestId('scenario-name-B')).toHaveValue('My B');
  await expect(page.getByTestId('scenario-desc-B')).toContainText('200.0 days');
  await expect(page.getByTestId('scenario-desc-C')).toContainText('(fitted)');
  const notices = page.getByTestId('notice');
  await expect(notices).toContainText('sa');
  await expect(notices).toContainText('version');
  await expect(notices).toContainText('family');
  await expect(page.getByTestId('doubling-slider')).toHaveValue('90');
  expect(problems.pageErrors).toEqual([]);
});

test('log/linear axis: a toggle with a visible note, kept in the link; the chart is redrawn', async ({ page }) => {
  const problems = await openApp(page, './');
  const note = page.getByTestId('scale-note');
  await expect(note).toBeVisible();
  await expect(note).toHaveAttribute('data-scale', 'log');
  await expect(note).toContainText('Log scale');
  await expect(page.getByTestId('scale-log')).toHaveAttribute('aria-pressed', 'true');
  const log = await canvasInk(page);
  await page.getByTestId('scale-linear').click();
  await expect(note).toHaveAttribute('data-scale', 'linear');
  await expect(note).toContainText('Linear scale');
  await expect(page.getByTestId('scale-linear')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await canvasInk(page)).sum).not.toBe(log.sum);
  await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('scale'))).toBe('linear');
  await expect(page.getByTestId('chart')).toHaveAttribute('aria-label', /.+/);
  // Reload: the scale comes back from the link.
  await page.reload();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('scale-note')).toHaveAttribute('data-scale', 'linear');
  // Score series are always 0-100 %: no toggle.
  await page.goto('./?series=swebench-verified');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('scale-note')).toHaveCount(0);
  // A bad value falls back to log with a notice.
  await page.goto('./?scale=cubic&dt=100');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('scale-note')).toHaveAttribute('data-scale', 'log');
  await expect(page.getByTestId('notice')).toContainText('scale');
  await expect(page.getByTestId('doubling-slider')).toHaveValue('100');
  expect(problems.pageErrors).toEqual([]);
});

test('the Monte Carlo band fits on the chart up to the cap, and a note says where it runs past it', async ({ page }) => {
  await openApp(page, './?until=2045-12-31');
  await expect(page.getByTestId('scale-note')).toContainText('runs above the top of the chart');
  await page.goto('./?until=2027-06-30');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await expect(page.getByTestId('scale-note')).not.toContainText('runs above');
});
