// The app's transfer size: every file a first visit loads (the page, its
// scripts, wasm, style sheets, configuration, manifest, icon, the service
// worker and everything it precaches), each gzip -9 and brotli (quality 11).
//   node scripts/size.mjs [DIR]            prints the table; fails above the ceiling
//   node scripts/size.mjs [DIR] --budget   also fails above issue 11's budget
// The ceiling is today's size plus a little: no change may grow the app quietly.
// Lower it whenever the app shrinks; raising it needs a reason in the commit.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const CEILING_GZIP_KB = 362;
const BUDGET_GZIP_KB = 150;

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'dist';
const budget = args.includes('--budget');

// What the page asks for itself, and what the service worker precaches.
const precached = [...readFileSync(join(dir, 'sw.js'), 'utf8').matchAll(/"\.\/([^"]+)": "sha256-/g)].map((m) => m[1]);
const loaded = [...new Set(['index.html', 'sw.js', 'config.json', ...precached])].filter((f) => statSync(join(dir, f), { throwIfNoEntry: false }));

const rows = loaded.map((file) => {
  const bytes = readFileSync(join(dir, file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}).sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kb = (n) => (n / 1024).toFixed(1);

console.log('file | raw KB | gzip -9 KB | brotli KB');
for (const r of rows) console.log(`${r.file.replace(/-[0-9a-f]{16}/, '-…')} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)}`);
console.log(`all ${rows.length} files | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)}`);
const unlisted = readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f) && !loaded.includes(f));
if (unlisted.length) console.log(`(not loaded by the app: ${unlisted.join(', ')})`);

let failed = false;
const verdict = (name, limit) => {
  const ok = total.gzip <= limit * 1024;
  failed ||= !ok;
  console.log(`${name}: ${kb(total.gzip)} KB gzip, limit ${limit} KB: ${ok ? 'ok' : 'OVER'}`);
};
verdict('ceiling (no growth)', CEILING_GZIP_KB);
if (budget) verdict("budget (issue 11)", BUDGET_GZIP_KB);
process.exit(failed ? 1 : 0);
