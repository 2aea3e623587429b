// A plain static file server for the built dist/, on loopback only: what any
// static host does, so the tests see the app as a city intranet would serve it.
//   node serve.mjs --dir ../dist --port 4173 [--base /torikumi/] [--gzip] [--precompressed] [--log]
// --gzip: text and wasm are sent gzip-compressed (level 9) to a browser that accepts
// it, as a host with compression on does (the benchmarks measure the wire that way).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const dir = resolve(args.dir ?? '../dist');
const port = Number(args.port ?? 4173);
const base = args.base ?? '/';
const gzip = process.argv.includes('--gzip');
// --precompressed: the build's own NAME.br / NAME.gz are sent where the browser accepts
// them, as nginx's brotli_static / gzip_static do (scripts/precompress.mjs writes them).
const precompressed = process.argv.includes('--precompressed');
// --log: a line on stdout for every file sent, `sent <bytes> <path>` (what a test counts).
const log = process.argv.includes('--log');
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.webmanifest']);

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (!path.startsWith(base)) {
    res.writeHead(404).end('not found');
    return;
  }
  let file = normalize(join(dir, path.slice(base.length)));
  if (!file.startsWith(dir)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    let body = await readFile(file);
    const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    const accepts = req.headers['accept-encoding'] ?? '';
    const copy = precompressed && [['br', '.br'], ['gzip', '.gz']].find(([name]) => new RegExp(`\\b${name}\\b`).test(accepts));
    const copied = copy && (await readFile(file + copy[1]).catch(() => null));
    if (copied) {
      body = copied;
      Object.assign(headers, { 'content-encoding': copy[0], vary: 'accept-encoding' });
    } else if (gzip && compressible.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body, { level: 9 });
      Object.assign(headers, { 'content-encoding': 'gzip', vary: 'accept-encoding' });
    }
    res.writeHead(200, headers);
    res.end(body);
    if (log) console.log(`sent ${body.length} ${path}`);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${dir} at http://127.0.0.1:${port}${base}`));
