// A small static server for the end-to-end tests: serves a folder (default dist/) on 127.0.0.1,
// optionally under a sub-path, with the headers static hosts such as GitHub Pages send
// (correct MIME types, Access-Control-Allow-Origin: *). No dependencies.
// With --csp-header it also sends index.html's Content-Security-Policy as a header, with the
// frame-ancestors directive a <meta> cannot carry (what README's "Hosting" asks hosts to set).
// With --gzip it compresses text and wasm responses for clients that accept gzip, as static
// hosts do (scripts/lighthouse.mjs measures the pages that way).
// With --pause-after TEXT it sends index.html in two pieces: up to the end of the first tag
// holding TEXT, then, a second later, the rest (a page painted while it is still arriving).
//   node tests/e2e/serve.mjs [dir] [port] [prefix] [--csp-header] [--gzip] [--pause-after TEXT]
import http from 'node:http';
import { CSP } from '../../scripts/postbuild.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { gzipped } from '../../bench/gzip.mjs';

const dir = path.resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4173);
const prefix = (process.argv[4] ?? '/').replace(/\/?$/, '/');
const cspHeader = process.argv.includes('--csp-header');
const gzip = process.argv.includes('--gzip');
const pauseAt = process.argv.indexOf('--pause-after');
const pauseAfter = pauseAt > 0 ? process.argv[pauseAt + 1] : null;
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (!url.pathname.startsWith(prefix)) {
    res.writeHead(404).end('not under ' + prefix);
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(prefix.length));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = path.join(dir, rel);
  if (!file.startsWith(dir + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  fs.readFile(file, (err, body) => {
    if (err) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers = { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
    if (cspHeader && path.basename(file) === 'index.html') headers['Content-Security-Policy'] = `${CSP}; frame-ancestors *`;
    const at = pauseAfter && path.basename(file) === 'index.html' ? body.indexOf(pauseAfter) : -1;
    if (at >= 0) {
      const cut = body.indexOf('>', at) + 1;
      res.writeHead(200, headers);
      res.write(body.subarray(0, cut));
      setTimeout(() => res.end(body.subarray(cut)), 1000);
      return;
    }
    const out = gzip ? gzipped(req, headers, body) : body;
    res.writeHead(200, headers);
    res.end(out);
  });
}).listen(port, '127.0.0.1', () => console.log(`serving ${dir} at http://127.0.0.1:${port}${prefix}`));
