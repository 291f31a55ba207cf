// CI size guard for the first view of the release bundle: serves dist/ (or --dist DIR) on
// 127.0.0.1, loads it cold in headless Chromium until the first chart (the
// `trendline:first-chart` mark) and the network is idle, gzips (-9) every response body the
// page received, prints the per-file table and the total, and exits 1 if the total exceeds the
// limit. A size check, not a timing test. Exit 2 on a real error (no chart, server down).
//   node scripts/check-size.mjs [--dist dist] [--limit-kb 160]
// The limit is in KB of 1000 bytes, from --limit-kb, else $TRENDLINE_SIZE_LIMIT_KB, else 160
// (issue 9's goal). `make check-size` passes an interim limit until the first view is split.
import fs from 'node:fs';
import path from 'node:path';
import { coldLoad, freePort, launch, responseTable, startServer, totals } from './first-view.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const dist = path.resolve(arg('--dist') ?? process.env.TRENDLINE_DIST ?? path.join(root, 'dist'));
const limitKb = Number(arg('--limit-kb') ?? process.env.TRENDLINE_SIZE_LIMIT_KB ?? 160);

let server;
let browser;
try {
  if (!(limitKb > 0)) throw new Error(`bad limit ${limitKb} KB`);
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}/index.html missing (run make dist)`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  server = await startServer(path.join(root, 'tests/e2e/serve.mjs'), [dist, String(port), '/'], base);
  browser = await launch();
  const { context, responses } = await coldLoad(browser, base);
  await context.close();
  const bad = responses.filter((r) => r.status !== 200 || r.unreadable);
  if (bad.length) throw new Error(`responses not 200 or unreadable: ${bad.map((r) => `${r.url} ${r.status}`).join(', ')}`);
  console.log(`First view of ${path.relative(process.cwd(), dist) || '.'} as loaded by Chromium (gzip -9 of each response body):`);
  for (const [file, , bytes, gz] of responseTable(responses, base)) {
    console.log(`  ${String(file).padEnd(44)} ${String(bytes).padStart(9)} B  ${String(gz).padStart(8)} B gzip`);
  }
  const total = totals(responses).gzip;
  const ok = total <= limitKb * 1000;
  console.log(`${ok ? 'ok' : 'TOO BIG'}: first view ${(total / 1000).toFixed(1)} KB gzip, limit ${limitKb} KB`);
  process.exitCode = ok ? 0 : 1;
} catch (e) {
  console.error(`check-size: ${e.message}`);
  process.exitCode = 2;
} finally {
  await browser?.close();
  server?.kill();
}
