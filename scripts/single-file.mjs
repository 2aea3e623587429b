// A step of the build (started by post-build.mjs, before it writes the service worker): writes dist/torikumi.html, the
// whole app in one file that opens from file:// (a USB stick, a mail
// attachment) with no server:
//  - the wasm-bindgen glue turned into a classic script (its exports and its
//    `import.meta.url` default are the only module syntax it has; post-build.mjs
//    has minified it, so its names are terser's);
//  - the wasm as base64 in a data block, instantiated from those bytes;
//  - the on-demand module (src/on_demand/) the same way, its glue a classic script
//    too, started from its bytes the first time the app asks (window.torikumiOnDemand);
//  - both style sheets, boot.js and config.json inline; the icon as a data URI;
//  - index.html's first paint (the static start page), before the wasm's bytes;
//  - a Content-Security-Policy that allows nothing outside the file: hashes of
//    its inline scripts and styles, and what WebAssembly needs.
// No service worker: a local file does not need one. The app knows it runs
// from the file by <html data-standalone> (src/platform/served_files.rs).
//   node scripts/single-file.mjs DIR   (or run by Trunk with TRUNK_STAGING_DIR)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!dir) throw new Error('usage: node scripts/single-file.mjs DIR');

const names = readdirSync(dir);
const one = (re) => {
  const found = names.filter((n) => re.test(n));
  if (found.length !== 1) throw new Error(`single-file: expected one file matching ${re} in ${dir}, found ${found.join(', ') || 'none'}`);
  return readFileSync(join(dir, found[0]));
};
const text = (name) => readFileSync(join(dir, name), 'utf8');

const glue = one(/^torikumi-[0-9a-f]+\.js$/).toString('utf8');
const wasm = one(/^torikumi-[0-9a-f]+_bg\.wasm$/);
const onDemandGlue = one(/^torikumi-on-demand-[0-9a-f]{16}\.js$/).toString('utf8');
const onDemandWasm = one(/^torikumi-on-demand-[0-9a-f]{16}_bg\.wasm$/);
const styles = one(/^styles-[0-9a-f]+\.css$/).toString('utf8');
const print = one(/^print-[0-9a-f]+\.css$/).toString('utf8');
const boot = text('boot.js');
const config = JSON.parse(text('config.json'));
const { version } = JSON.parse(text('version.json'));
// The first paint (index.html's static frame and the app's element, static/boot.js): the page
// is readable while the browser decodes and compiles the wasm below it.
const firstPaint = text('index.html').match(/<div id="boot-frame">[\s\S]*?<div id="app" hidden><\/div>/)?.[0];
if (!firstPaint) throw new Error("single-file: index.html's first paint (#boot-frame, #app) not found; update scripts/single-file.mjs");
const icon = readFileSync(join(dir, 'icons', 'icon-192.png')).toString('base64');

// The glues as classic scripts: exactly the module syntax we know they have, or stop.
// A glue's exports: `export{a as initSync,b as default}` (terser's form of wasm-bindgen's
// list) and, in the on-demand module's, `export class X` / `export function f` declarations.
// Returns the code without them, and each exported name's local name.
function classicScript(code, what) {
  const lists = [...code.matchAll(/\bexport\s*\{([^}]*)\};?/g)];
  if (lists.length !== 1) throw new Error(`single-file: ${what} changed shape (its export list); update scripts/single-file.mjs`);
  const locals = {};
  for (const item of lists[0][1].split(',').map((i) => i.trim()).filter(Boolean)) {
    const [local, exported = local] = item.split(/\s+as\s+/);
    locals[exported] = local;
  }
  let classic = code.replace(lists[0][0], '');
  classic = classic.replace(/\bexport\s+((?:async\s+)?function\*?\s*|class\s+)(\w+)/g, (_, kind, name) => {
    locals[name] = name;
    return `${kind}${name}`;
  });
  // Its default wasm path: the bytes are passed in instead.
  const path = /new URL\((["'])[\w-]+_bg\.wasm\1,\s*import\.meta\.url\)/g;
  if ([...classic.matchAll(path)].length !== 1 || !locals.default || !locals.initSync) {
    throw new Error(`single-file: ${what} changed shape (its wasm path or init); update scripts/single-file.mjs`);
  }
  classic = classic.replace(path, 'undefined');
  if (/\bimport\.meta\b|\bexport\s*[{*]|\bexport\s+(?:default|const|let|var|class|function|async)\b|^\s*import\b|[;}]\s*import\s*[{*\w]/m.test(classic)) {
    throw new Error(`single-file: module syntax left in ${what}`);
  }
  return { classic, locals };
}
const page = classicScript(glue, 'the wasm-bindgen glue');
const classic = page.classic;
const onDemand = classicScript(onDemandGlue, "the on-demand module's glue");
const onDemandClassic = onDemand.classic;
const exported = Object.keys(onDemand.locals).filter((n) => n !== 'default' && n !== 'initSync');
const onDemandLoader = `(function () {
'use strict';
var started = null;
// boot.js's loader fetches the module's files; here they are in this file.
window.torikumiOnDemand = function () {
  if (!started) started = new Promise(function (__tk_resolve) {
${onDemandClassic}
    // Names of its own (\`__tk_\`): the minified glue above declares short ones in this scope.
    var __tk_data = document.getElementById('torikumi-on-demand-wasm').textContent;
    var __tk_binary = atob(__tk_data.replace(/\\s+/g, ''));
    var __tk_bytes = new Uint8Array(__tk_binary.length);
    for (var __tk_i = 0; __tk_i < __tk_binary.length; __tk_i++) __tk_bytes[__tk_i] = __tk_binary.charCodeAt(__tk_i);
    __tk_resolve(${onDemand.locals.default}({ module_or_path: __tk_bytes }).then(function () {
      return { ${exported.map((n) => `${n}: ${onDemand.locals[n]}`).join(', ')} };
    }));
  });
  return started;
};
})();`;

const loader = `(function () {
'use strict';
${classic}
var __tk_data = document.getElementById('torikumi-wasm').textContent;
var __tk_binary = atob(__tk_data.replace(/\\s+/g, ''));
var __tk_bytes = new Uint8Array(__tk_binary.length);
for (var __tk_i = 0; __tk_i < __tk_binary.length; __tk_i++) __tk_bytes[__tk_i] = __tk_binary.charCodeAt(__tk_i);
// boot.js hears of the start (and stops its loading note), and of a failure, which
// it turns into a message that says what to do.
${page.locals.default}({ module_or_path: __tk_bytes }).then(function () {
  window.dispatchEvent(new Event('torikumi-started'));
}, function (error) {
  window.dispatchEvent(new CustomEvent('torikumi-start-failed', { detail: error }));
  throw error;
});
})();`;

// JSON inside a data block: no "</script" can end it early.
const configBlock = JSON.stringify(config).replace(/</g, '\\u003c');
const css = `${styles}\n${print}`;
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha(boot)} ${sha(loader)} ${sha(onDemandLoader)}`,
  `style-src ${sha(css)}`,
  'img-src data: blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!DOCTYPE html>
<html lang="ja" data-standalone="" data-version="${version}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>取組状況 ― 区障害者自立支援協議会</title>
<link rel="icon" href="data:image/png;base64,${icon}" type="image/png">
<style>${css}</style>
<script>${boot}</script>
<script type="application/json" id="torikumi-config">${configBlock}</script>
</head>
<body>
<noscript>このページを使うには、ブラウザーの JavaScript を有効にしてください。</noscript>
${firstPaint}
<script type="application/octet-stream" id="torikumi-wasm">${wasm.toString('base64')}</script>
<script type="application/octet-stream" id="torikumi-on-demand-wasm">${onDemandWasm.toString('base64')}</script>
<script id="torikumi-on-demand-loader">${onDemandLoader}</script>
<script id="torikumi-loader">${loader}</script>
</body>
</html>
`;
writeFileSync(join(dir, 'torikumi.html'), html);
console.log(`single-file: torikumi.html, ${(html.length / 1024).toFixed(0)} KB`);
