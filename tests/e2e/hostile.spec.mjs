// Hostile input in the browser: hundreds of malformed links and dozens of hostile CSV files.
// Each must leave the page working: no panic (a wasm panic is a RuntimeError: unreachable or a
// "panicked at" line), the chart drawn, valid sibling keys kept, a message where a value was
// refused; big files refused with a size message while the page stays responsive.
import { test, expect } from './fixtures.mjs';
import { openApp } from './helpers.mjs';

test.describe.configure({ mode: 'parallel' });

const NUMERIC = ['dt', 'accel', 'floor', 'cap', 'sat', 'rel', 'goal', 'mc'];
const DATES = ['from', 'to', 'asof', 'until', 'by'];
const ENUMS = ['fit', 'model', 'anchor', 'units', 'view', 'scale', 'band'];
const OTHER = ['series', 'drop', 'data', 'embed', 'v', 'sa', 'sb', 'sc'];
const KEYS = [...NUMERIC, ...DATES, ...ENUMS, ...OTHER];

// Values no key accepts as given: each of these must produce a notice naming the key.
const refused = {
  numeric: ['NaN', 'abc', '1e999', '-1e999', 'Infinity', '12abc', '0x1F', '１２', '--5'],
  dates: ['2024-13-01', '2024-02-30', 'x', '99999-01-01', '2024/01/01', '0000-00-00'],
  enums: ['bogus', 'ñ', 'FRONTIER', '🙂'],
  scenario: ['9~exp', 'x', '2~auto~fit', '1~cubic~-5~fit~x~zz~500~up~Bad'],
};
// Values that may be accepted, clamped or ignored silently: they must never break the page.
const wild = ['', '-1', '-0', '0', '1e308', '-1e308', '5e-324', '%', '%zz', '%E2%82', '%00', '%FF%FE', '\u202e', 'é'.repeat(50),
  'x'.repeat(8000), '1,2,3', ' 42 ', '+7', '1_000', '[]', '{"a":1}', '<script>alert(1)</script>', "' OR 1=1", '%3Cimg%20src%3Dx%3E', '..%2F..%2F'];

function urls() {
  const out = [];
  const enc = (v) => (/%/.test(v) ? v : encodeURIComponent(v));
  for (const k of KEYS) {
    const group = NUMERIC.includes(k) ? refused.numeric : DATES.includes(k) ? refused.dates : ENUMS.includes(k) ? refused.enums : ['sa', 'sb', 'sc'].includes(k) ? refused.scenario : [];
    for (const v of group) out.push({ q: `${k}=${enc(v)}`, key: k, notice: true });
    for (const v of wild) out.push({ q: `${k}=${enc(v)}`, key: k, notice: false });
  }
  // Repeated keys, combinations, and a whole query of garbage.
  for (const k of KEYS) out.push({ q: `${k}=abc&${k}=&${k}=%&${k}=1e999`, key: k, notice: false });
  out.push({ q: KEYS.map((k) => `${k}=%zz`).join('&'), key: '*', notice: false });
  out.push({ q: KEYS.map((k) => `${k}=${'9'.repeat(400)}`).join('&'), key: '*', notice: false });
  out.push({ q: '&&&==&=&%&%%&?&#', key: '*', notice: false });
  out.push({ q: 'series=metr-th1.1-p50&series=nope&model=superexp&accel=95&floor=0&until=2100-12-31&mc=20000&dt=1', key: '*', notice: false });
  return out;
}

const ALL = urls();
const CHUNKS = 4;
/** Links loaded in one tab before the next tab takes over (see the malformed-links test). */
const PAGE_LOADS = 25;

function watch(page) {
  const seen = [];
  page.on('console', (m) => { if (m.type() === 'error') seen.push(m.text()); });
  page.on('pageerror', (e) => seen.push(`pageerror: ${e}`));
  return seen;
}

for (let c = 0; c < CHUNKS; c++) {
  test(`malformed links, part ${c + 1} of ${CHUNKS}`, async ({ context }) => {
    test.setTimeout(300_000);
    const part = ALL.filter((_, i) => i % CHUNKS === c);
    let page = null;
    let seen = [];
    const panicsSoFar = [];
    for (const [i, { q, key, notice }] of part.entries()) {
      // A fresh tab (so a fresh renderer process) every PAGE_LOADS links. Each load makes a new
      // wasm instance, and the old ones' memory reservations are freed only when V8 collects
      // them: one tab loading all ~130 links ran out of address space once
      // ("WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance").
      if (i % PAGE_LOADS === 0) {
        if (page) {
          panicsSoFar.push(...seen.filter((t) => /panicked at|RuntimeError|unreachable/.test(t)));
          await page.close();
        }
        page = await context.newPage();
        seen = watch(page);
      }
      // A valid sibling that must survive, checked in the link the page writes back.
      const [sk, sv] = key === 'units' ? ['dt', '123'] : ['units', 'calendar'];
      const url = `./?${q}&${sk}=${sv}`;
      await page.goto(url);
      const where = `${url.slice(0, 160)}`;
      // 30 s: a cold start (wasm compiled, first render) took over 15 s here with the machine's
      // load average above 20.
      try {
        await expect(page.getByTestId('chart'), where).toHaveAttribute('data-drawn', /\d+/, { timeout: 30_000 });
      } catch (e) {
        // Say what the page showed instead: its console errors, whether the app mounted, and
        // the start of its text (a chart that never appears is otherwise unexplained).
        const body = await page.locator('body').innerText({ timeout: 2_000 }).catch(() => '(no body)');
        const mounted = await page.evaluate(() => !!document.querySelector('main.app')).catch(() => false);
        throw new Error(`${where}: no chart drawn in 30 s; app mounted: ${mounted}; console errors: ${seen.join(' | ') || 'none'}; page text: ${body.slice(0, 300)}`, { cause: e });
      }
      const panics = seen.filter((t) => /panicked at|RuntimeError|unreachable/.test(t));
      expect(panics, where).toEqual([]);
      if (key !== '*' && key !== 'embed') {
        await expect.poll(() => new URL(page.url()).searchParams.get(sk), where).toBe(sv);
      }
      if (notice) await expect(page.getByTestId('notice').first(), where).toContainText(key);
    }
    expect([...panicsSoFar, ...seen.filter((t) => /panicked at|RuntimeError|unreachable/.test(t))]).toEqual([]);
    test.info().annotations.push({ type: 'urls', description: String(part.length) });
  });
}

test('the link generator covers every key with at least 300 links', () => {
  expect(ALL.length).toBeGreaterThanOrEqual(300);
  for (const k of KEYS) expect(ALL.some((u) => u.key === k), k).toBe(true);
});

// Hostile files. `expect`: 'ok' (imports), 'error' (the file's problems listed), 'size' (refused
// unread for its size).
function files() {
  const rows = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
  const date = (i) => new Date(Date.UTC(2020, 0, 1) + i * 86400000).toISOString().slice(0, 10);
  const rnd = (n, seed) => { const b = Buffer.alloc(n); let x = seed; for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = x >>> 24; } return b; };
  const t = (s) => Buffer.from(s, 'utf8');
  const list = [
    ['valid.csv', t('date,value\n2023-01-01,1\n2024-01-01,2\n2025-01-01,4\n'), 'ok'],
    ['bom-crlf.csv', t('\ufeffdate,value,name\r\n2023-01-01,1,a\r\n2024-01-01,2,b\r\n2025-01-01,4,c\r\n'), 'ok'],
    ['quoted-newlines.csv', t('date,value,name\n2023-01-01,1,"two\nlines"\n2024-01-01,2,"a ""quote"""\n2025-01-01,4,"x,y"\n'), 'ok'],
    ['semicolon-decimal-comma.csv', t('Date;Value\n2023-01-01;1,5\n2024-01-01;3,25\n2025-01-01;6\n'), 'ok'],
    ['tabs.csv', t('date\tvalue\n2023-01-01\t1\n2024-01-01\t2\n2025-01-01\t4\n'), 'ok'],
    ['formula-names.csv', t('date,value,name\n2023-01-01,1,=1+2\n2024-01-01,2,@SUM(A1)\n2025-01-01,4,+cmd\n'), 'ok'],
    ['duplicated-dates.csv', t('date,value\n2024-01-01,1\n2024-01-01,2\n2024-01-01,3\n2025-01-01,4\n'), 'ok'],
    ['extra-columns.csv', t('x,date,y,value,z\n1,2023-01-01,2,1,3\n1,2024-01-01,2,2,3\n1,2025-01-01,2,4,3\n'), 'ok'],
    ['huge-values.csv', t('date,value\n2023-01-01,1e300\n2024-01-01,1.7e308\n2025-01-01,1e-300\n'), 'ok'],
    ['one-row.csv', t('date,value\n2024-01-01,5\n'), 'ok'],
    ['blank-lines.csv', t('\n\ndate,value\n\n2023-01-01,1\n\n2024-01-01,2\n\n'), 'ok'],
    ['only-header.csv', t('date,value\n'), 'error'],
    ['empty.csv', t(''), 'error'],
    ['whitespace.csv', t('   \n\t\n  '), 'error'],
    ['no-date-column.csv', t('when,value\n2024-01-01,1\n'), 'error'],
    ['no-value-column.csv', t('date,score\n2024-01-01,1\n'), 'error'],
    ['mixed-units.csv', t('date,value\n2023-01-01,1h\n2024-01-01,30 min\n2025-01-01,2 days\n'), 'error'],
    ['nan-strings.csv', t('date,value\n2023-01-01,NaN\n2024-01-01,inf\n2025-01-01,-inf\n'), 'error'],
    ['negative.csv', t('date,value\n2023-01-01,-1\n2024-01-01,-2\n'), 'error'],
    ['zeros.csv', t('date,value\n2023-01-01,0\n2024-01-01,0\n'), 'error'],
    ['bad-dates.csv', t('date,value\n2024-13-01,1\n2024-02-30,2\n01/02/2024,3\n1899-12-31,4\n2999-01-01,5\n'), 'error'],
    // RFC 4180: an unclosed quote runs to the end of the file, so this is one row whose name holds the rest.
    ['unclosed-quote.csv', t('date,value,name\n2023-01-01,1,"never closed\n2024-01-01,2,x\n'), 'ok'],
    ['ragged.csv', t('date,value\n2023-01-01\n2024-01-01,2,3,4\n'), 'error'],
    ['interval-backwards.csv', t('date,value,ci_low,ci_high\n2023-01-01,5,9,1\n'), 'error'],
    ['interval-half.csv', t('date,value,ci_low\n2023-01-01,5,1\n'), 'error'], // both bounds or neither
    ['null-bytes.csv', Buffer.concat([t('date,value\n2023-01-01,1\0\n'), Buffer.from([0, 0, 0])]), 'error'],
    ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date,value\n2024-01-01,1\n', 'utf16le')]), 'ok'], // read as UTF-16 by its byte-order mark
    ['latin1.csv', Buffer.from('date,value,name\n2024-01-01,1,caf\xe9\n2025-01-01,2,na\xefve\n', 'latin1'), 'ok'],
    ['html.csv', t('<html><body><script>alert(1)</script></body></html>'), 'error'],
    ['json.csv', t('{"date": "2024-01-01", "value": 1}'), 'error'],
    ['percent-over.csv', t('date,value\n2024-01-01,150\n'), 'ok'], // minutes: fine
    ['long-cell.csv', t(`date,value,name\n2024-01-01,1,${'x'.repeat(500_000)}\n2025-01-01,2,y\n`), 'ok'],
    ['many-columns.csv', t(`${['date', 'value', ...Array.from({ length: 2000 }, (_, i) => `c${i}`)].join(',')}\n2024-01-01,1\n`), 'ok'],
    ['many-errors.csv', t(`date,value\n${rows(300, () => 'bad,bad')}\n`), 'error'],
    ['5001-rows.csv', t(`date,value\n${rows(5001, (i) => `${date(i % 2000)},${1 + i}`)}\n`), 'error'],
    ['5000-rows.csv', t(`date,value\n${rows(5000, (i) => `${date(i % 2000)},${1 + (i % 97)}`)}\n`), 'ok'],
    ['200000-rows.csv', t(`date,value\n${rows(200_000, (i) => `${date(i % 2000)},${1 + (i % 50)}`)}\n`), 'size'],
    ['20MB.csv', Buffer.concat([t('date,value\n'), Buffer.alloc(20_000_000, 'a')]), 'size'],
  ];
  for (let s = 1; s <= 12; s++) list.push([`binary-${s}.csv`, rnd(200 + s * 997, s), 'error']);
  for (let s = 1; s <= 4; s++) list.push([`binary-header-${s}.csv`, Buffer.concat([t('date,value\n'), rnd(3000, 100 + s)]), 'error']);
  return list;
}

test('hostile CSV files: listed problems or a size refusal, never a panic, the page responsive', async ({ page }) => {
  test.setTimeout(240_000);
  const seen = watch(page);
  await openApp(page, './?dt=123');
  const list = files();
  expect(list.length).toBeGreaterThanOrEqual(50);
  let imported = 0;
  for (const [name, buffer, want] of list) {
    if (!(await page.getByTestId('import-panel').isVisible())) await page.getByTestId('import-open').click();
    const before = await page.getByTestId('series-title').textContent();
    await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
    // Responsive: a round trip to the page answers quickly even while a big file is handled.
    const t0 = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - t0, `${name}: the page stayed responsive`).toBeLessThan(2000);
    if (want === 'ok') {
      await expect(page.getByTestId('series-title'), name).toHaveText(name.replace(/\.csv$/, ''), { timeout: 15_000 });
      imported++;
    } else {
      const errors = page.getByTestId('import-errors');
      await expect(errors, name).toBeVisible({ timeout: 15_000 });
      if (want === 'size') await expect(errors, name).toContainText('Trendline reads files of up to 2.0 MB');
      else await expect(errors, name).toContainText(/line \d+|no data rows|header|column|empty|not a/i);
      expect(await page.getByTestId('series-title').textContent(), `${name}: the view is unchanged`).toBe(before);
    }
    await expect(page.getByTestId('chart'), name).toHaveAttribute('data-drawn', /\d+/);
    expect(seen.filter((t) => /panicked at|RuntimeError|unreachable/.test(t)), name).toEqual([]);
  }
  expect(imported).toBeGreaterThan(10);
  test.info().annotations.push({ type: 'files', description: String(list.length) });
});
