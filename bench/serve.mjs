// Static server for the baseline pages (bench/*.html): serves, from a root that has the repo's
// layout (default: the repo), only bench/, the three charting libraries in node_modules and
// data/series/, on 127.0.0.1. No dependencies; no CDN is involved anywhere.
// With --gzip it compresses responses for clients that accept gzip, as static hosts do.
//   node bench/serve.mjs [port] [root] [--gzip]     then open http://127.0.0.1:4191/bench/chartjs.html
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { gzipped } from './gzip.mjs';

const gzip = process.argv.includes('--gzip');
const args = process.argv.slice(2).filter((a) => a !== '--gzip');
const port = Number(args[0] ?? 4191);
const root = path.resolve(args[1] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
const allowed = ['bench/', 'node_modules/chart.js/dist/', 'node_modules/uplot/dist/', 'node_modules/plotly.js-dist-min/', 'data/series/'];
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.csv': 'text/csv; charset=utf-8' };

http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname).replace(/^\/+/, '');
  const file = path.join(root, rel);
  if (!allowed.some((a) => rel.startsWith(a)) || !file.startsWith(root + path.sep) || rel.includes('..')) {
    res.writeHead(404).end('not served');
    return;
  }
  fs.readFile(file, (err, body) => {
    if (err) { res.writeHead(404).end('not found'); return; }
    const headers = { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
    const out = gzip ? gzipped(req, headers, body) : body;
    res.writeHead(200, headers);
    res.end(out);
  });
}).listen(port, '127.0.0.1', () => console.log(`baselines at http://127.0.0.1:${port}/bench/ (root ${root})`));
