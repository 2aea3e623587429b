// The app's transfer size: every file a first visit loads (the page, its
// scripts, wasm, style sheets, configuration, manifest, icon, the service
// worker and everything it precaches), each gzip -9 and brotli (quality 11), and the
// build's .gz copy beside it (Zopfli, scripts/precompress.mjs), which a host serving
// precompressed files sends; then, apart, the on-demand module (src/on_demand/) fetched the first time
// 取りまとめ or a Word file is opened, with a ceiling of its own.
//   node scripts/size.mjs [DIR]            prints the table; fails above the ceiling
//   node scripts/size.mjs [DIR] --budget   also fails above issue 23's budget
// The ceiling is today's size plus a little: no change may grow the app quietly.
// Lower it whenever the app shrinks; raising it needs a reason in the commit.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const CEILING_GZIP_KB = 299.8;
const MODULE_CEILING_GZIP_KB = 242.0;
// Issue 23's budget for a ward clerk's first visit (it replaced issue 11's 150 KB, out of reach with Yew).
const BUDGET_GZIP_KB = 270;

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'dist';
const budget = args.includes('--budget');

// What the page asks for itself, and what the service worker precaches.
const precached = [...readFileSync(join(dir, 'sw.js'), 'utf8').matchAll(/"\.\/([^"]+)": "sha256-/g)].map((m) => m[1]);
const loaded = [...new Set(['index.html', 'sw.js', 'config.json', ...precached])].filter((f) => statSync(join(dir, f), { throwIfNoEntry: false }));

const sized = (file) => {
  const bytes = readFileSync(join(dir, file));
  const copy = join(dir, `${file}.gz`);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    // No copy (an image, or a build without copies): the file as it is.
    copy: existsSync(copy) ? statSync(copy).size : bytes.length,
  };
};
const sum = (rows) => rows.reduce(
  (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli, copy: t.copy + r.copy }),
  { raw: 0, gzip: 0, brotli: 0, copy: 0 },
);
const kb = (n) => (n / 1024).toFixed(1);
const rows = loaded.map(sized).sort((a, b) => b.gzip - a.gzip);
const total = sum(rows);

// The module: what sw.js keeps on first use (scripts/post-build.mjs).
const firstUse = readFileSync(join(dir, 'sw.js'), 'utf8').match(/const ON_FIRST_USE = (\{[^}]*\});/);
const moduleFiles = firstUse ? Object.keys(JSON.parse(firstUse[1])) : [];
const moduleRows = moduleFiles.map(sized);
const moduleTotal = sum(moduleRows);

const line = (name, r) => `${name} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${kb(r.copy)}`;
const short = (file) => file.replace(/-[0-9a-f]{8,16}(?=[._])/, '-…');
console.log('file | raw KB | gzip -9 KB | brotli KB | precompressed .gz KB');
for (const r of rows) console.log(line(short(r.file), r));
console.log(line(`first visit: all ${rows.length} files`, total));
for (const r of moduleRows) console.log(line(short(r.file), r));
console.log(line(`on-demand module (取りまとめ, Word): ${moduleRows.length} files`, moduleTotal));
const unlisted = readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f) && !loaded.includes(f) && !moduleFiles.includes(f));
if (unlisted.length) console.log(`(not loaded by the app: ${unlisted.join(', ')})`);

let failed = false;
const verdict = (name, limit) => {
  const ok = total.gzip <= limit * 1024;
  failed ||= !ok;
  // Held to gzip -9 (a host compressing on the fly); the precompressed copies are smaller.
  console.log(`${name}: ${kb(total.gzip)} KB gzip (precompressed .gz ${kb(total.copy)} KB), limit ${limit} KB: ${ok ? 'ok' : 'OVER'}`);
};
verdict('ceiling (no growth)', CEILING_GZIP_KB);
if (moduleRows.length === 0) {
  failed = true;
  console.log('on-demand module: not found in sw.js (ON_FIRST_USE)');
} else {
  const ok = moduleTotal.gzip <= MODULE_CEILING_GZIP_KB * 1024;
  failed ||= !ok;
  console.log(`on-demand module ceiling (no growth): ${kb(moduleTotal.gzip)} KB gzip, limit ${MODULE_CEILING_GZIP_KB} KB: ${ok ? 'ok' : 'OVER'}`);
}
if (budget) verdict('budget (issue 23)', BUDGET_GZIP_KB);
process.exit(failed ? 1 : 0);
