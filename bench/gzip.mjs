// Response compression as static hosts do it (GitHub Pages, Netlify, nginx's gzip_static): text,
// JavaScript, JSON, SVG and wasm are sent gzip-compressed to clients that accept gzip, with
// Content-Encoding and Vary headers; images and anything else go as they are. Used by
// bench/serve.mjs and tests/e2e/serve.mjs under --gzip. No dependencies.
import zlib from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|manifest\+json)|image\/svg\+xml)/;

/**
 * The body to send for `req`: gzip (level 6, the usual server default) when the client accepts
 * it and the type compresses, with `headers` updated; otherwise `body` unchanged.
 */
export function gzipped(req, headers, body) {
  headers.Vary = 'Accept-Encoding';
  const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (!accepts || !COMPRESSIBLE.test(headers['Content-Type'] ?? '') || body.length < 256) return body;
  headers['Content-Encoding'] = 'gzip';
  return zlib.gzipSync(body, { level: 6 });
}
