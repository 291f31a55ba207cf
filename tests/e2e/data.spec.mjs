// The complete dataset in the app: every series selectable with all its points, sources and
// licences shown, the seed claims findable, point details on hover and keyboard focus.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, openApp, readValue, canvasInk, openDetails, readDataCsv } from './helpers.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'data/manifest.json'), 'utf8'));

test('every bundled series is selectable and shows all its points, its source and its licence', async ({ page }, info) => {
  test.setTimeout(120_000);
  const problems = await openApp(page);
  const options = await page.getByTestId('series-picker').locator('option').evaluateAll((os) => os.map((o) => o.value));
  expect(options).toEqual(manifest.series.map((s) => s.id));
  for (const meta of manifest.series) {
    await page.getByTestId('series-picker').selectOption(meta.id);
    await expect(page.getByTestId('series-title')).toHaveText(meta.title);
    // The canvas' text alternative names the series it was drawn for.
    await expect(page.getByTestId('chart')).toHaveAttribute('aria-label', new RegExp(`^${meta.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
    await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d/);
    expect((await canvasInk(page)).ink, meta.id).toBeGreaterThan(3000);
    await expect(page.getByTestId('source-line')).toContainText(meta.attribution);
    await openDetails(page, 'about-data');
    await expect(page.getByTestId('about-licence')).toHaveText(meta.licence);
    const rows = readDataCsv(meta.file);
    const table = page.getByTestId('data-table');
    await openDetails(page, 'data-table');
    await expect(table.locator('tbody tr')).toHaveCount(rows.length);
    // Same values as the file, point by point.
    const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.pointId, tr.querySelector('td[data-value]').dataset.value]));
    const byId = Object.fromEntries(rows.map((r) => [r.id, Number(r.value)]));
    for (const [id, v] of shown) expect(Number(v), `${meta.id} ${id}`).toBe(byId[id]);
    await page.screenshot({ path: info.outputPath(`${meta.id}.png`) });
    await expect.poll(() => new URL(page.url()).searchParams.get('series')).toBe(meta.id);
  }
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('a link to a non-embedded series loads it from the page\'s own origin', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const problems = await openApp(page, './?series=corebench-hard');
  await expect(page.getByTestId('series-title')).toHaveText(/CORE-Bench Hard/);
  expect(requests.some((u) => u.endsWith('/series/corebench-hard.csv'))).toBe(true);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

// The default series' manifest entry is compiled in whole; the others' long texts (caveats,
// upstream files, every source link, ...) are read from manifest.json next to the page, fetched
// with the first such series and never for the default page.
test('About this data gives the caveats, upstream files and sources of the default and of a fetched series', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const problems = await openApp(page);
  const about = page.getByTestId('about-data');
  const check = async (m) => {
    await openDetails(page, 'about-data');
    await expect(page.getByTestId('about-licence')).toHaveText(m.licence);
    await expect(page.getByTestId('about-caveats').locator('li')).toHaveText(m.caveats);
    for (const u of m.upstream) await expect(about).toContainText(`sha256 ${u.sha256}`);
    for (const u of m.source_urls) await expect(about.locator(`a[href="${u}"]`)).toHaveCount(1);
  };
  const byId = (id) => manifest.series.find((s) => s.id === id);
  await check(byId('metr-th1.1-p50'));
  expect(requests.filter((u) => u.endsWith('/manifest.json'))).toEqual([]);
  await page.getByTestId('series-picker').selectOption('eci');
  await expect(page.getByTestId('series-title')).toHaveText(byId('eci').title);
  await check(byId('eci'));
  expect(requests.filter((u) => u.endsWith('/manifest.json'))).toHaveLength(1);
  await page.getByTestId('series-picker').selectOption('gso');
  await expect(page.getByTestId('series-title')).toHaveText(byId('gso').title);
  await check(byId('gso'));
  // Fetched once for the page.
  expect(requests.filter((u) => u.endsWith('/manifest.json'))).toHaveLength(1);
  expect(problems).toEqual({ console: [], pageErrors: [], foreign: [] });
});

test('when manifest.json cannot be fetched, a fetched series says so and the page keeps working', async ({ page }) => {
  await page.route('**/manifest.json', (r) => r.fulfill({ status: 404, body: 'gone' }));
  const problems = { pageErrors: [] };
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  await page.goto('./?series=eci');
  await expect(page.getByTestId('load-error')).toContainText('manifest.json: HTTP 404');
  await page.getByTestId('series-picker').selectOption('metr-th1.1-p50');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-drawn', /\d+/);
  await openDetails(page, 'about-data');
  await expect(page.getByTestId('about-caveats').locator('li').first()).toBeVisible();
  expect(problems.pageErrors).toEqual([]);
});

test('the leaderboard series says it is non-commercial where it is shown', async ({ page }) => {
  await openApp(page, './?series=swebench-verified-leaderboard');
  await expect(page.getByTestId('source-line')).toContainText('NC');
});

// The claims this project started from, each findable in the app with the source's value.
const claims = [
  ['swebench-full', '20231010_rag_claude2', 1.96],
  ['swebench-verified', 'lab-reported-claude-mythos-preview', 93.9],
  ['metr-th1.1-p50', 'gpt_3_5_turbo_instruct', 0.599247],
  ['metr-th1.1-p50', 'gpt_4', 3.987428],
  ['metr-th1.1-p50', 'o1_inspect', 38.831588],
  ['metr-th1.1-p50', 'gpt_5_2', 352.249302],
  ['metr-th1.1-p50', 'claude_opus_4_6_inspect', 718.80683],
  ['corebench-hard', 'gpt-4o-2024-05-13-core-agent-core-bench-paper', 21.48],
  ['corebench-hard', 'claude-opus-4-5-claude-code-manual-validation', 95.5],
  ['mlebench', 'aide-o1-preview-original-aggregation', 16.9],
  ['mlebench', 'famou-agent-2-0-gemini-3-pro-preview', 64.44],
];

test('the seed claims are findable in the app with the source\'s values', async ({ page }) => {
  await openApp(page);
  for (const [series, id, value] of claims) {
    await page.getByTestId('series-picker').selectOption(series);
    const title = manifest.series.find((m) => m.id === series).title;
    await expect(page.getByTestId('chart')).toHaveAttribute('aria-label', new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
    await openDetails(page, 'data-table');
    const row = page.locator(`[data-testid=data-table] tr[data-point-id="${id}"]`);
    await expect(row, `${series} ${id}`).toHaveCount(1);
    expect(Number(await row.locator('td[data-value]').getAttribute('data-value'))).toBe(value);
  }
});

test('hovering or focusing a point shows its model, date, value, interval, kind and source', async ({ page }) => {
  await openApp(page);
  const chart = page.getByTestId('chart');
  await chart.focus();
  await page.keyboard.press('Home');
  const tip = page.getByTestId('point-tooltip');
  await expect(tip).toContainText('GPT-2');
  await expect(tip).toContainText('2019-02-14');
  await expect(tip).toContainText('95% confidence interval');
  await expect(tip).toContainText('measured');
  await expect(tip).toContainText('benchmark_results_1_1.yaml');
  await page.keyboard.press('ArrowRight');
  await expect(tip).toContainText('davinci-002');
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);
  // Pointer: hover where the first point is drawn.
  await page.keyboard.press('Home');
  const box = await tip.evaluate((el) => ({ x: parseFloat(el.style.left), y: parseFloat(el.style.top) }));
  await page.keyboard.press('Escape');
  await chart.hover({ position: { x: box.x, y: box.y } });
  await expect(tip).toContainText('GPT-2');
});
