// A step of the build (started by post-build.mjs, before it writes the service worker): writes dist/torikumi.html, the
// whole app in one file that opens from file:// (a USB stick, a mail
// attachment) with no server:
//  - the wasm-bindgen glue turned into a classic script (its one `export` line
//    and its `import.meta.url` default are the only module syntax it has);
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

// The glue as a classic script: exactly the module syntax we know it has, or stop.
const exportLine = 'export { initSync, __wbg_init as default };';
const defaultPath = "new URL('torikumi_bg.wasm', import.meta.url)";
if (!glue.includes(exportLine) || !glue.includes(defaultPath)) {
  throw new Error('single-file: the wasm-bindgen glue changed shape; update scripts/single-file.mjs');
}
const classic = glue.replace(exportLine, '').replace(defaultPath, 'undefined');
if (/^\s*(import|export)\b|import\.meta/m.test(classic)) throw new Error('single-file: module syntax left in the glue');

// The module's glue as a classic script: its exports become an object's properties.
const onDemandDefault = onDemandGlue.match(/new URL\('torikumi-on-demand-[0-9a-f]{16}_bg\.wasm', import\.meta\.url\)/)?.[0];
if (!onDemandGlue.includes(exportLine) || !onDemandDefault) {
  throw new Error("single-file: the on-demand module's glue changed shape; update scripts/single-file.mjs");
}
const exported = [...onDemandGlue.matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]);
const onDemandClassic = onDemandGlue
  .replace(exportLine, '')
  .replace(onDemandDefault, 'undefined')
  .replace(/^export (class|function) /gm, '$1 ');
if (/^\s*(import|export)\b|import\.meta/m.test(onDemandClassic)) throw new Error('single-file: module syntax left in the on-demand glue');
const onDemandLoader = `(function () {
'use strict';
var started = null;
// boot.js's loader fetches the module's files; here they are in this file.
window.torikumiOnDemand = function () {
  if (!started) started = new Promise(function (resolve) {
${onDemandClassic}
    var data = document.getElementById('torikumi-on-demand-wasm').textContent;
    var binary = atob(data.replace(/\\s+/g, ''));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    resolve(__wbg_init({ module_or_path: bytes }).then(function () {
      return { ${exported.map((n) => `${n}: ${n}`).join(', ')} };
    }));
  });
  return started;
};
})();`;

const loader = `(function () {
'use strict';
${classic}
var data = document.getElementById('torikumi-wasm').textContent;
var binary = atob(data.replace(/\\s+/g, ''));
var bytes = new Uint8Array(binary.length);
for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
// boot.js hears of the start (and stops its loading note), and of a failure, which
// it turns into a message that says what to do.
__wbg_init({ module_or_path: bytes }).then(function () {
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
