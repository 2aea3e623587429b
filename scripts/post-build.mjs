// Trunk post-build hook: finishes dist/ from the actual hashed file names.
//  1. index.html gets a Content-Security-Policy allowing only this origin, with
//     what WebAssembly needs and a hash of Trunk's inline loader (which now tells
//     boot.js when the wasm fails), without Trunk's preloads (they slowed the first paint);
//  2. version.json names this build (a hash of every file);
//  3. torikumi.html, the one-file build (scripts/single-file.mjs);
//  4. sw.js, the service worker (static/sw.js), precaches exactly these files, each
//     with the SHA-256 of its bytes, and stores an update only if every file matches;
//     the offline file and the schemas it serves from the network, and keeps a copy
//     for offline use when their bytes match;
//  5. .gz and .br copies beside every text and wasm file (scripts/precompress.mjs).
// Before all that, the scripts are minified, both wasm files and their glue get short
// import names (scripts/wasm-imports.mjs), and the on-demand module (src/on_demand/),
// which Trunk writes unhashed, gets names from its bytes, and index.html names its
// script for boot.js.
// Run by Trunk with TRUNK_STAGING_DIR set; or by hand on a built folder:
//   node scripts/post-build.mjs DIR [--salt TEXT] [--without-copies]   (the salt makes a different version)
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { shortImports } from './wasm-imports.mjs';

const args = process.argv.slice(2);
const dir = process.env.TRUNK_STAGING_DIR ?? args.find((a) => !a.startsWith('--'));
const salt = args.includes('--salt') ? args[args.indexOf('--salt') + 1] : '';
if (!dir) throw new Error('usage: node scripts/post-build.mjs DIR [--salt TEXT] [--without-copies]');

// torikumi.html (scripts/single-file.mjs) is a download, not part of the hosted app's shell.
const GENERATED = new Set(['sw.js', 'version.json', 'torikumi.html']);

function files(root) {
  const out = [];
  for (const name of readdirSync(root)) {
    // Dot files, and the .gz/.br copies of a folder finished before (scripts/precompress.mjs).
    if (name.startsWith('.') || /\.(gz|br)$/.test(name)) continue;
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out;
}

// 0. Every script a visitor downloads is sent minified (terser, from e2e/'s npm packages,
// installed with the build's wasm-opt): boot.js, the service worker's code, and the
// wasm-bindgen glue of the page and of the on-demand module. Their comments and names
// are for the source (static/, wasm-bindgen's output): 2.8 KB of a first visit's gzip.
const { minify } = createRequire(new URL('../e2e/package.json', import.meta.url))('terser');
/** `code` minified; `module`: an ES module (the glue), else a classic script. */
async function minified(code, module) {
  const out = await minify(code, { module, compress: true, mangle: true, format: { comments: false } });
  if (typeof out.code !== 'string' || out.code.length === 0) throw new Error('post-build: terser returned no code');
  return out.code;
}
writeFileSync(join(dir, 'boot.js'), await minified(readFileSync(join(dir, 'boot.js'), 'utf8'), false));
// Trunk's hash in the glue's name drops leading zeros (15 digits one build in 16): any length.
for (const name of readdirSync(dir).filter((n) => /^torikumi-[0-9a-f]+\.js$/.test(n))) {
  writeFileSync(join(dir, name), await minified(readFileSync(join(dir, name), 'utf8'), true));
}
// The page's wasm and glue with short import names (scripts/wasm-imports.mjs): 7.5 KB gzip.
// Named again from their final bytes, as Trunk named them from its own: otherwise a change
// of the renaming alone would send new bytes under old names, and a browser's cache could
// pair one build's glue with another's wasm. index.html's loader names both.
{
  const only = (pattern) => {
    const found = readdirSync(dir).filter((n) => pattern.test(n));
    if (found.length !== 1) throw new Error(`post-build: ${found.length} files match ${pattern}; expected one`);
    return found[0];
  };
  const [wasmName, glueName] = [only(/^torikumi-[0-9a-f]+_bg\.wasm$/), only(/^torikumi-[0-9a-f]+\.js$/)];
  const { wasm, glue } = shortImports(readFileSync(join(dir, wasmName)), readFileSync(join(dir, glueName), 'utf8'));
  const stem = `torikumi-${createHash('sha256').update(wasm).update(glue).digest('hex').slice(0, 16)}`;
  const indexFile = join(dir, 'index.html');
  let html = readFileSync(indexFile, 'utf8');
  for (const [from, to] of [[wasmName, `${stem}_bg.wasm`], [glueName, `${stem}.js`]]) {
    if (html.split(`./${from}'`).length !== 2) throw new Error(`post-build: index.html's loader does not name ./${from} once; update scripts/post-build.mjs`);
    html = html.replace(`./${from}'`, `./${to}'`);
    rmSync(join(dir, from));
  }
  writeFileSync(join(dir, `${stem}_bg.wasm`), wasm);
  writeFileSync(join(dir, `${stem}.js`), glue);
  writeFileSync(indexFile, html);
}
// The style sheets likewise, without their comments and indentation (about 1.3 KB of a
// first visit's gzip); index.html's integrity attribute then names the bytes sent.
const cssWithoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s+/gm, '');
const styleSheets = readdirSync(dir).filter((n) => /^[\w-]+\.css$/.test(n));
for (const name of styleSheets) writeFileSync(join(dir, name), cssWithoutComments(readFileSync(join(dir, name), 'utf8')));

// 0b. The on-demand module: hashed names, so a browser's cache never pairs one build's
// page with another's module, and a <meta> naming it for boot.js's loader.
const ON_DEMAND_GLUE = 'torikumi-on-demand.js';
const ON_DEMAND_WASM = 'torikumi-on-demand_bg.wasm';
const onDemandMeta = () => {
  const glue = readdirSync(dir).find((n) => /^torikumi-on-demand-[0-9a-f]{16}\.js$/.test(n));
  if (!glue) throw new Error('post-build: Trunk wrote no on-demand module (index.html links it as a worker)');
  return `<meta name="torikumi-on-demand" content="${glue}">`;
};
if (existsSync(join(dir, ON_DEMAND_GLUE))) {
  // Short import names too, before the name is taken from the bytes.
  const { wasm: wasmBytes, glue } = shortImports(readFileSync(join(dir, ON_DEMAND_WASM)), readFileSync(join(dir, ON_DEMAND_GLUE), 'utf8'));
  const stem = `torikumi-on-demand-${createHash('sha256').update(wasmBytes).update(glue).digest('hex').slice(0, 16)}`;
  const defaultPath = `new URL('${ON_DEMAND_WASM}', import.meta.url)`;
  if (!glue.includes(defaultPath)) throw new Error("post-build: the on-demand module's glue changed shape; update scripts/post-build.mjs");
  writeFileSync(join(dir, `${stem}_bg.wasm`), wasmBytes);
  writeFileSync(join(dir, `${stem}.js`), await minified(glue.replace(defaultPath, `new URL('${stem}_bg.wasm', import.meta.url)`), true));
  rmSync(join(dir, ON_DEMAND_GLUE));
  rmSync(join(dir, ON_DEMAND_WASM));
}

// 1. The CSP, with hashes of the inline scripts Trunk wrote (its loader).
const indexPath = join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8').replace(/<meta name="torikumi-on-demand"[^>]*>\s*/g, '').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
// Its comments are for the source (index.html) too.
index = index.replace(/\s*<!--[\s\S]*?-->/g, '');
for (const name of styleSheets) {
  const integrity = `sha384-${createHash('sha384').update(readFileSync(join(dir, name))).digest('base64')}`;
  index = index.replace(new RegExp(`(href="\\./${name.replace('.', '\\.')}" integrity=")[^"]*"`), `$1${integrity}"`);
  // A stale integrity would make the browser refuse the sheet: stop rather than ship that.
  if (!index.includes(integrity)) throw new Error(`post-build: index.html links ${name} in a shape this script does not know; update scripts/post-build.mjs`);
}
// Trunk's loader awaits the wasm at the top level of a module. Some failures there reach
// no error event (Firefox reports a wasm cut short as "InternalError: out of memory" and
// nothing else), so the loader tells boot.js itself, which says what to do (issue 22).
const awaitInit = /const wasm = await init\((\{[^}]*\})\);/;
// A folder finished before (run by hand again, e.g. with a salt): its loader and preloads are done.
const finishedBefore = index.includes('torikumi-start-failed');
if (!finishedBefore) {
  if (!awaitInit.test(index)) throw new Error("post-build: Trunk's loader changed shape; update scripts/post-build.mjs");
  index = index.replace(awaitInit, (_, options) => [
    'let wasm;',
    'try {',
    `  wasm = await init(${options});`,
    '} catch (error) {',
    "  dispatchEvent(new CustomEvent('torikumi-start-failed', { detail: error }));",
    '  throw error;',
    '}',
  ].join('\n'));
}
const hashes = [...index.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`,
);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
// Trunk's preloads (the glue's and the wasm's) are dropped (issue 23): index.html paints the
// start page without the app, and preloads in <head> shared venue Wi-Fi with the style
// sheets and boot.js that the first paint waits for. Measured at 1.6 Mbps / 150 ms, 4× CPU,
// first visit, median of 10 (e2e/bench/first-paint.mjs): with both, FCP 888 ms; without the
// wasm's, 712 ms; without either, 1.13–1.16× a static page of the same markup (1.22–1.30×
// with the glue's), the app's start page ready as soon within the noise (2.7–2.9 s); and
// Lighthouse's LCP, which counts every request that ended before the paint, 2.9 → 1.2 s.
// The loader asks for the glue and then the wasm when the parser reaches it.
const preloads = index.match(/<link rel="(?:modulepreload|preload)"[^>]*>/g) ?? [];
for (const link of preloads) index = index.replace(link, '');
const wasmPreload = preloads.filter((link) => /^<link rel="preload"[^>]*\.wasm"/.test(link));
if (wasmPreload.length !== 1 && !finishedBefore) throw new Error("post-build: Trunk's preloads changed shape; update scripts/post-build.mjs");
index = index.replace(/(<meta charset="utf-8">)/i, `$1\n  <meta http-equiv="Content-Security-Policy" content="${csp}">\n  ${onDemandMeta()}`);
writeFileSync(indexPath, index);

// 2. The version: every file's path and bytes.
const shell = files(dir)
  .map((p) => relative(dir, p).split(sep).join('/'))
  .filter((p) => !GENERATED.has(p))
  .sort();
const hash = createHash('sha256').update(salt);
for (const p of shell) hash.update(p).update('\0').update(readFileSync(join(dir, p)));
const version = hash.digest('hex').slice(0, 12);
writeFileSync(join(dir, 'version.json'), JSON.stringify({ version }) + '\n');

// 3. The one-file build, from the files as finished above (Trunk runs a stage's hooks at once,
// so it is started from here rather than as a hook of its own). Before the service worker,
// which names its bytes.
await import('./single-file.mjs');

// 4. The service worker (static/sw.js), with the SHA-256 of every file it precaches, taken
// from the final bytes (index.html after its CSP, version.json after writing it).
// Not precached: './' (navigations to the app's page are answered with index.html);
// config.json, which is edited on the server without a rebuild, so it has no fixed hash;
// and the files for download or for other programs, the offline file and the published
// JSON Schemas: the app never asks for them, and every visitor would download them
// (issue 11's size budget). So is the 512 px icon, which only a browser installing the
// app asks for (the page itself shows the 192 px one): 3.9 KB less for every first visit.
// Those are ON_DEMAND: fetched when asked for, and kept for offline use when their bytes
// are this build's.
const sri = (p) => `sha256-${createHash('sha256').update(readFileSync(join(dir, p))).digest('base64')}`;
const onDemand = (p) => p === 'torikumi.html' || p.startsWith('schema/') || p === 'icons/icon-512.png';
// The on-demand module: kept from its first use on (and by an update, once it has been used).
const firstUse = (p) => p.startsWith('torikumi-on-demand-');
const precache = Object.fromEntries(
  [...shell.filter((p) => p !== 'config.json' && !onDemand(p) && !firstUse(p)), 'version.json'].map((p) => [`./${p}`, sri(p)]),
);
const downloads = Object.fromEntries([...shell.filter(onDemand), 'torikumi.html'].map((p) => [p, sri(p)]));
const module = Object.fromEntries(shell.filter(firstUse).map((p) => [p, sri(p)]));
const sw = `// Generated by scripts/post-build.mjs from static/sw.js: do not edit.
const VERSION = ${JSON.stringify(version)};
// Every file of this version and the SHA-256 of the bytes the build wrote.
const FILES = ${JSON.stringify(precache, null, 2)};
// Files beside the app, fetched when asked for (paths without './': scripts/size.mjs
// counts FILES only).
const ON_DEMAND = ${JSON.stringify(downloads, null, 2)};
// The on-demand module's files: cache first once used (paths without './', as above).
const ON_FIRST_USE = ${JSON.stringify(module, null, 2)};

${await minified(readFileSync(new URL('../static/sw.js', import.meta.url), 'utf8'), false)}`;
writeFileSync(join(dir, 'sw.js'), sw);
console.log(`post-build: version ${version}, ${Object.keys(precache).length + 1} files precached (all but config.json hash-checked), ${Object.keys(downloads).length} on demand, ${Object.keys(module).length} on first use, CSP with ${hashes.length} script hash(es)`);

// 5. Precompressed copies of every text and wasm file, sw.js included, for hosts that serve them.
// --without-copies: a test's rebuild (e2e/tests/sites.mjs), served without --precompressed,
// which never sends them; making them takes 12 s on 2 cores, and no copy is left from the
// build it was copied from.
const { precompress, removeCopies } = await import('./precompress.mjs');
if (args.includes('--without-copies')) {
  removeCopies(dir);
} else {
  console.log(`precompress: ${await precompress(dir)} files, each with .gz and .br beside it`);
}
