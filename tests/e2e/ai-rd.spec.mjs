// The AI R&D mosaic: the manifest's groups (headings, collapse, one group alone on the
// one-scale chart), names readers know on every point (the raw id in the tooltip and the data
// table), and the new series opening in the single view with their own titles, fits, sources
// and caveats.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, openApp, openDetails, readDataCsv } from './helpers.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/manifest.json'), 'utf8'));
const meta = (id) => manifest.series.find((s) => s.id === id);
/** A raw model-version key: a reasoning-setting suffix after "_" or a date stamp. */
const RAW = /_(low|medium|high|xhigh|max|none|minimal|unknown|thinking|\d+K)$|-\d{8}/i;

async function openMosaic(page, url = './?view=mosaic') {
  await page.goto(url);
  await expect(page.getByTestId('mosaic-table')).toBeVisible();
}

test('the mosaic is grouped the essay\'s way: a heading per manifest group, each collapsible', async ({ page }) => {
  await openMosaic(page);
  expect(manifest.groups.length).toBeGreaterThanOrEqual(5);
  let fitted = 0;
  for (const g of manifest.groups) {
    const head = page.getByTestId(`mosaic-group-${g.id}`);
    await expect(head).toContainText(g.title);
    const body = page.getByTestId(`mosaic-group-body-${g.id}`);
    const rows = body.locator('[data-testid^=mosaic-row-]');
    await expect(rows).toHaveCount(g.series.length);
    for (const id of g.series) await expect(body.getByTestId(`mosaic-row-${id}`)).toHaveCount(1);
    fitted += await body.locator('[data-fitted=true]').count();
  }
  expect(fitted).toBeGreaterThanOrEqual(24);
  // At least 5 groups hold a fitted series.
  const withFits = await Promise.all(manifest.groups.map((g) => page.getByTestId(`mosaic-group-body-${g.id}`).locator('[data-fitted=true]').count()));
  expect(withFits.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
  // Collapse and expand one group; the others stay as they are.
  const toggle = page.getByTestId('mosaic-group-toggle-kernels');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('mosaic-group-body-kernels').locator('[data-testid^=mosaic-row-]')).toHaveCount(0);
  await expect(page.getByTestId('mosaic-group-body-code').locator('[data-testid^=mosaic-row-]')).toHaveCount(3);
  await toggle.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('mosaic-group-body-kernels').locator('[data-testid^=mosaic-row-]')).toHaveCount(4);
});

test('one group can be shown alone on the one-scale chart, and the chart says which series it cannot place', async ({ page }) => {
  await openMosaic(page);
  const paths = page.locator('[data-testid=mosaic-compare] path.cmp-line');
  const all = manifest.series.filter((s) => s.unit !== 'index').length;
  await expect(paths).toHaveCount(all);
  const g = manifest.groups.find((x) => x.id === 'kernels');
  const alone = page.getByTestId('mosaic-group-alone-kernels');
  await alone.click();
  await expect(alone).toHaveAttribute('aria-pressed', 'true');
  const placed = g.series.filter((id) => meta(id).unit !== 'index');
  await expect(paths).toHaveCount(placed.length);
  expect((await paths.evaluateAll((ps) => ps.map((p) => p.dataset.series))).sort()).toEqual([...placed].sort());
  await expect(page.getByTestId('mosaic-compare-group')).toContainText(g.title);
  // ALE-Bench's rating is an index: named as not placed, not drawn on a wrong scale.
  await expect(page.getByTestId('mosaic-compare-unplaced')).toContainText(meta('ale-bench').short_title);
  await expect(page.getByTestId('mosaic-compare-unplaced')).not.toContainText(meta('eci').short_title);
  // The general reasoning group: ECI is named as not placed.
  await page.getByTestId('mosaic-group-alone-reasoning').click();
  await expect(page.getByTestId('mosaic-compare-unplaced')).toContainText(meta('eci').short_title);
  await page.getByTestId('mosaic-group-alone-reasoning').click();
  await expect(paths).toHaveCount(all);
  await expect(page.getByTestId('mosaic-compare-group')).toHaveCount(0);
});

test('points are labelled and listed by the names readers know; the raw id stays in the tooltip and the table', async ({ page }) => {
  const problems = await openApp(page, './?series=gpqa-diamond');
  const rows = readDataCsv('series/gpqa-diamond.csv');
  await openDetails(page, 'data-table');
  const table = page.getByTestId('data-table');
  await expect(table.locator('tbody tr')).toHaveCount(rows.length);
  const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.pointId, tr.querySelector('th').textContent, tr.querySelector('td.raw-id').textContent]));
  for (const [id, name, raw] of shown) {
    expect(name, id).not.toMatch(RAW);
    expect(raw).toBe(id);
  }
  // A model readers know by name, with its key beside it.
  const gpt5 = shown.find(([id]) => id === 'gpt-5-2025-08-07_high');
  expect(gpt5[1]).toBe('GPT-5 (high)');
  // The chart's labels are public names too.
  await expect.poll(async () => ((await page.getByTestId('chart').getAttribute('data-point-labels')) || '').split(' | ').filter(Boolean).length).toBeGreaterThan(2);
  for (const n of (await page.getByTestId('chart').getAttribute('data-point-labels')).split(' | ')) expect(n).not.toMatch(RAW);
  // The tooltip names the model and shows the raw id.
  await page.getByTestId('chart').focus();
  await page.keyboard.press('End');
  const tip = page.getByTestId('point-tooltip');
  await expect(tip.getByTestId('point-tooltip-id')).toHaveText(/^id: \S+$/);
  const id = (await tip.getByTestId('point-tooltip-id').textContent()).slice(4);
  const row = rows.find((r) => r.id.trim() === id);
  expect(row, id).toBeTruthy();
  await expect(tip.locator('strong')).toHaveText(row.model.trim());
  expect(problems.pageErrors).toEqual([]);
});

for (const id of ['eci', 'anthropic-kernels', 'gso', 'openai-prs']) {
  test(`${id} opens in the single view with its own title, fit, source and caveats`, async ({ page }) => {
    const m = meta(id);
    const problems = await openApp(page, `./?series=${id}`);
    const esc = m.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect(page.getByTestId('chart')).toHaveAttribute('aria-label', new RegExp(`^${esc}:`));
    const t = Number(await page.getByTestId('fit-doubling-days').getAttribute('data-value'));
    expect(Number.isFinite(t) && t > 0, `${id}: ${t}`).toBe(true);
    await expect(page.getByTestId('source-line')).toContainText(m.attribution);
    await openDetails(page, 'about-data');
    for (const c of m.caveats) await expect(page.getByTestId('about-data')).toContainText(c);
    const rows = readDataCsv(m.file);
    await openDetails(page, 'data-table');
    await expect(page.getByTestId('data-table').locator('tbody tr')).toHaveCount(rows.length);
    // Every point names its source in the table.
    const sources = await page.getByTestId('data-table').locator('tbody td.src').allTextContents();
    for (const s of sources) expect(s).toContain(' -- ');
    if (id === 'eci') {
      await expect(page.getByTestId('fit-doubling-days')).toContainText('points/year');
      await expect(page.getByTestId('chart')).toHaveAttribute('data-line-labels', /170\.0 points/);
      // The backtest states its errors in the index's own points, not in doublings.
      await openDetails(page, 'backtest');
      await expect(page.getByTestId('backtest')).toContainText('(index points)');
      await expect(page.getByTestId('backtest')).not.toContainText('log₂');
      await expect(page.getByTestId('model-family-fixed')).toHaveText('linear (index points per year)');
      // ECI lists one model's one score under each reasoning setting: each measurement is
      // fitted once, the page says how many copies there are and the table names, for each
      // copy, the fitted point it repeats.
      const note = page.locator('p.note', { hasText: "repeat an earlier point's date and value" });
      await expect(note).toHaveCount(1);
      const copies = Number((await note.textContent()).match(/^(\d+) points? repeat/)[1]);
      const fitted = page.getByTestId('data-table').locator('tbody td:nth-child(9)');
      await expect(fitted.filter({ hasText: /^once, as / })).toHaveCount(copies);
      expect(copies).toBeGreaterThan(0);
    }
    if (id === 'anthropic-kernels') {
      const lines = await page.getByTestId('chart').getAttribute('data-line-labels');
      for (const r of m.reference_lines) expect(lines).toContain(r.label);
      for (const s of sources) expect(s).toMatch(/system card .*p\. \d+/);
      await expect(page.getByTestId('model-family-fixed')).toHaveText('exponential (doubling time)');
    }
    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreign).toEqual([]);
  });
}

test('the LLM-training series marks its method break on the chart', async ({ page }) => {
  await openApp(page, './?series=anthropic-llm-training');
  const m = meta('anthropic-llm-training');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-vline-labels', new RegExp(m.breaks[0].label.replace(/[()]/g, '\\$&')));
});

test('a short series is shown without a fitted line and says why', async ({ page }) => {
  await openApp(page, './?series=gdm-re-bench');
  await expect(page.getByTestId('fit-doubling-days')).toHaveAttribute('data-value', '');
  await expect(page.getByTestId('chart')).toHaveAttribute('aria-label', /Google DeepMind/);
});

test('a link made with the dataset before the 2026-08-17 Epoch snapshot says the data has changed', async ({ page }) => {
  await openApp(page, './?data=2026-11-27&series=gpqa-diamond');
  await expect(page.getByTestId('notice')).toContainText('made with the dataset of 2026-11-27');
  await expect(page.getByTestId('notice')).toContainText(`now ${manifest.vintage}`);
  await openDetails(page, 'about-data');
  await expect(page.getByTestId('about-data')).toContainText('2026-08-17');
});
