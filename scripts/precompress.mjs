// The last step of the build (started by post-build.mjs): beside every text and wasm
// file of dist/, `NAME.gz` (Zopfli) and `NAME.br` (brotli 11), for hosts that serve
// precompressed files (nginx `gzip_static` / `brotli_static`, IIS with its static
// compression cache, Caddy `precompressed`). A host that compresses on the fly needs none.
// Every copy is read back and compared with its file before the build goes on.
//   node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';

// The .gz copies are Zopfli's (@gfx/zopfli, from e2e/'s npm packages, installed with the
// build's wasm-opt): gzip that every browser reads, 4.9% smaller than gzip -9 for the
// page's wasm (298.4 -> 283.7 KB), which a gzip_static host sends on every first visit.
// Five iterations above 64 KB: fifteen gained 20 bytes there and took 40% longer (10 s
// for dist/ in all, against brotli's 7).
const { gzipAsync } = createRequire(new URL('../e2e/package.json', import.meta.url))('@gfx/zopfli');
const ITERATIONS = (bytes) => (bytes.length > 64 * 1024 ? 5 : 15);

export const COMPRESSIBLE = /\.(html|js|css|json|wasm|svg|webmanifest)$/;
export const COPIES = /\.(gz|br)$/;

function files(root) {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export async function precompress(dir) {
  // A folder finished before (post-build.mjs run again by hand): its old copies go first.
  for (const path of files(dir).filter((p) => COPIES.test(p))) unlinkSync(path);
  let count = 0;
  for (const path of files(dir).filter((p) => COMPRESSIBLE.test(p))) {
    const bytes = readFileSync(path);
    const gz = Buffer.from(await gzipAsync(bytes, { numiterations: ITERATIONS(bytes) }));
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    if (!gunzipSync(gz).equals(bytes) || !brotliDecompressSync(br).equals(bytes)) throw new Error(`precompress: ${path} does not read back`);
    writeFileSync(`${path}.gz`, gz);
    writeFileSync(`${path}.br`, br);
    count += 1;
  }
  return count;
}

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR');
console.log(`precompress: ${await precompress(dir)} files, each with .gz and .br beside it`);
