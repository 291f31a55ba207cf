// Exports (PNG, SVG, CSV, scenario files) and bringing your own data.
import { test, expect } from './fixtures.mjs';
import fs from 'node:fs';
import { openApp, readValue, canvasInk } from './helpers.mjs';

async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: d.suggestedFilename(), body: fs.readFileSync(await d.path()) };
}

const today = () => new Date().toISOString().slice(0, 10);

test('CSV export: header of sources and assumptions, every point, the projection and the milestones', async ({ page }) => {
  await openApp(page, './?dt=120&units=calendar');
  const { name, body } = await download(page, 'export-csv');
  expect(name).toBe(`metr-th1.1-p50_dt120d_${today()}.csv`);
  const text = body.toString('utf8');
  for (const s of ['METR', 'Licence', 'vintage', '2026-12-06', 'metr.org']) expect(text).toContain(s);
  expect(text).not.toMatch(/\bNaN\b|\binf\b/);
  const lines = text.split(/\r?\n/);
  const section = (n) => {
    const i = lines.indexOf(`# section: ${n}`);
    expect(i, n).toBeGreaterThan(0);
    const rows = [];
    for (let j = i + 2; j < lines.length && lines[j] && !lines[j].startsWith('#'); j++) rows.push(lines[j]);
    return { header: lines[i + 1], rows };
  };
  expect(section('points').rows.length).toBe(26);
  const ms = section('milestones');
  for (const id of ['day', 'week', 'month', 'year']) {
    const row = ms.rows.find((r) => r.startsWith(`${id},`));
    expect(row, id).toContain(await readValue(page, `milestone-${id}`));
  }
  expect(section('projection').rows.length).toBeGreaterThan(12);
  // The published forecasts, scored as on the page: same verdict per forecast.
  const fcs = section('published forecasts');
  expect(fcs.header.split(',')).toContain('verdict');
  const shown = await page.locator('[data-testid$="-verdict"][data-testid^="forecast-"]').evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-testid').slice('forecast-'.length, -'-verdict'.length), e.getAttribute('data-value')]));
  expect(shown.length).toBeGreaterThan(0);
  expect(fcs.rows.length).toBe(shown.length);
  const col = fcs.header.split(',').indexOf('verdict');
  expect(col).toBeGreaterThan(0);
  for (const [id, verdict] of shown) {
    const row = fcs.rows.map(cells).find((r) => r[0] === id);
    expect(row, id).toBeTruthy();
    expect(row.length).toBe(fcs.header.split(',').length);
    expect(row[col], id).toBe(verdict);
  }
});

/** The cells of one CSV line (RFC 4180 quoting: quoted cells may hold commas and "" quotes). */
function cells(line) {
  const out = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) { out.push(cell); cell = ''; }
    else cell += c;
  }
  out.push(cell);
  return out;
}

test('the CSV export of a series fetched on demand carries its source links, licence and caveats', async ({ page }) => {
  const m = JSON.parse(fs.readFileSync(new URL('../../data/manifest.json', import.meta.url), 'utf8')).series.find((s) => s.id === 'eci');
  await openApp(page, './?series=eci');
  await expect(page.getByTestId('series-title')).toHaveText(m.title);
  const lines = (await download(page, 'export-csv')).body.toString('utf8').split(/\r?\n/);
  const flat = (t) => t.replace(/[\r\n]/g, ' ');
  expect(lines.filter((l) => l.startsWith('# Caveat: '))).toEqual(m.caveats.map((c) => `# Caveat: ${flat(c)}`));
  expect(lines.filter((l) => l.startsWith('# Source URL: '))).toEqual(m.source_urls.map((u) => `# Source URL: ${u}`));
  expect(lines).toContain(`# Licence: ${flat(m.licence)}`);
  expect(lines).toContain(`# Attribution: ${flat(m.attribution)}`);
});

test('SVG and PNG exports draw the chart with title, assumptions and source', async ({ page }, info) => {
  await openApp(page, './?dt=150');
  const svg = await download(page, 'export-svg');
  expect(svg.name).toMatch(/^metr-th1\.1-p50_dt150d_\d{4}-\d{2}-\d{2}\.svg$/);
  const s = svg.body.toString('utf8');
  expect(s.startsWith('<svg')).toBe(true);
  expect(s).toContain('METR Time Horizon 1.1: 50% task-completion time horizon');
  expect(s).toContain('Licence');
  expect(s).toContain('150');
  expect((s.match(/<circle/g) ?? []).length).toBeGreaterThanOrEqual(26);
  const png = await download(page, 'export-png');
  expect(png.name).toMatch(/\.png$/);
  expect(png.body.subarray(1, 4).toString()).toBe('PNG');
  const width = png.body.readUInt32BE(16);
  const cssWidth = await page.getByTestId('chart').evaluate((c) => c.clientWidth);
  expect(width).toBe(2 * Math.max(640, cssWidth));
  fs.writeFileSync(info.outputPath('export.png'), png.body);
});

test('scenario files: save every setting, open it later, bad files change nothing', async ({ page }, info) => {
  await openApp(page, './?model=superexp&accel=12&floor=20&dt=100&goal=300&drop=o3_inspect');
  const saved = await download(page, 'export-scenario');
  expect(saved.name).toMatch(/\.trendline\.json$/);
  const json = JSON.parse(saved.body.toString('utf8'));
  expect(json.format).toBe('trendline-scenario');
  expect(json.settings.accel).toBe('12');
  const file = info.outputPath('scenario.json');
  fs.writeFileSync(file, saved.body);
  const ids = ['assumed-doubling-days', 'milestone-custom', 'fit-n'];
  await expect(page.getByTestId('milestone-custom')).toHaveAttribute('data-value', /^\d{4}-/);
  const before = await Promise.all(ids.map((id) => readValue(page, id)));
  await openApp(page, './');
  await expect(page.getByTestId('assumed-doubling-days')).not.toHaveAttribute('data-value', '100');
  await page.getByTestId('import-scenario').setInputFiles(file);
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '100');
  await expect.poll(() => Promise.all(ids.map((id) => readValue(page, id)))).toEqual(before);
  await expect(page.getByTestId('notice')).toContainText('Opened the scenario file');
  // A broken file: clear message, view untouched.
  fs.writeFileSync(info.outputPath('bad.json'), '{"format": "trendline-scenario", "version": 1, "settings": ');
  await page.getByTestId('import-scenario').setInputFiles(info.outputPath('bad.json'));
  await expect(page.getByTestId('notice')).toContainText('could not be opened');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '100');
});

const good = ['date,value,name', '2023-01-01,1,a', '2023-06-01,2.1,b', '2024-01-01,4.4,c', '2024-06-01,7.9,d', '2025-01-01,17,e'].join('\n');

test('import your own CSV: it becomes a series, survives a reload and can be removed', async ({ page }, info) => {
  await openApp(page, './');
  await page.getByTestId('import-open').click();
  const file = info.outputPath('My horizons.csv');
  fs.writeFileSync(file, good);
  await page.getByTestId('import-unit').selectOption('hours');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('series-title')).toHaveText('My horizons');
  await expect(page.getByTestId('fit-n')).toHaveAttribute('data-value', '5');
  await expect.poll(async () => (await canvasInk(page)).ink).toBeGreaterThan(3000);
  await expect.poll(() => new URL(page.url()).searchParams.get('series')).toBe('user-my-horizons');
  await page.getByTestId('doubling-slider').fill('60');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '60');
  await expect.poll(() => new URL(page.url()).searchParams.get('dt')).toBe('60');
  // Survives a reload (local storage), link included.
  await page.reload();
  await expect(page.getByTestId('series-title')).toHaveText('My horizons');
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '60');
  await page.getByTestId('remove-user-series').click();
  await expect(page.getByTestId('series-title')).toHaveText(/METR Time Horizon 1\.1/);
  await page.reload();
  await expect(page.getByTestId('series-picker').locator('option', { hasText: 'My horizons' })).toHaveCount(0);
});

test('a broken CSV names each line and its problem and leaves the view untouched', async ({ page }, info) => {
  await openApp(page, './?dt=90');
  await page.getByTestId('import-open').click();
  const bad = ['date,value', '2023-01-01,1', '2023-02-01,2', '2023-03-01,abc', '2023-04-01,3', '2023-05-01,4', '2025-13-01,5'].join('\n');
  // Drag and drop.
  await page.getByTestId('import-drop').evaluate((el, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'broken.csv', { type: 'text/csv' }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bad);
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('line 4: value "abc" is not a number');
  await expect(errors).toContainText('line 7: date "2025-13-01" is not a valid date');
  await expect(page.getByTestId('series-title')).toHaveText(/METR Time Horizon 1\.1/);
  await expect(page.getByTestId('assumed-doubling-days')).toHaveAttribute('data-value', '90');
});
