// The last step of the build (started by post-build.mjs): beside every text and wasm
// file of dist/, `NAME.gz` (Zopfli) and `NAME.br` (brotli 11), for hosts that serve
// precompressed files (nginx `gzip_static` / `brotli_static`, IIS with its static
// compression cache, Caddy `precompressed`). A host that compresses on the fly needs none.
// Every copy is read back and compared with its file before the build goes on.
//   node scripts/precompress.mjs DIR   (or post-build.mjs: precompress, removeCopies)
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';

// The .gz copies are Zopfli's (@gfx/zopfli, from e2e/'s npm packages, installed with the
// build's wasm-opt): gzip that every browser reads, 4.9% smaller than gzip -9 for the
// page's wasm (298.4 -> 283.7 KB), which a gzip_static host sends on every first visit.
// Five iterations above 64 KB: fifteen gained 20 bytes there and took 40% longer. They
// are made in a worker thread while this one writes the brotli copies: 10 s for dist/
// on 2 cores, where one after the other took 17.
const ITERATIONS = (bytes) => (bytes.length > 64 * 1024 ? 5 : 15);

export const COMPRESSIBLE = /\.(html|js|css|json|wasm|svg|webmanifest)$/;
export const COPIES = /\.(gz|br)$/;

function files(root) {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Writes `NAME.gz` beside each of `paths` (in the worker thread). */
async function writeGzipCopies(paths) {
  const { gzipAsync } = createRequire(new URL('../e2e/package.json', import.meta.url))('@gfx/zopfli');
  for (const path of paths) {
    const bytes = readFileSync(path);
    writeFileSync(`${path}.gz`, Buffer.from(await gzipAsync(bytes, { numiterations: ITERATIONS(bytes) })));
  }
}

/** Removes every copy under `dir`: those of a folder finished before (post-build.mjs
 * run again by hand, or a test's rebuild of a copied build). */
export function removeCopies(dir) {
  for (const path of files(dir).filter((p) => COPIES.test(p))) unlinkSync(path);
}

/** Writes both copies beside every compressible file of `dir`; how many files. */
export async function precompress(dir) {
  removeCopies(dir);
  const paths = files(dir).filter((p) => COMPRESSIBLE.test(p));
  const gzipping = new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { paths } });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`precompress: the gzip worker stopped (${code})`))));
  });
  for (const path of paths) {
    const bytes = readFileSync(path);
    const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params }));
  }
  await gzipping;
  for (const path of paths) {
    const bytes = readFileSync(path);
    if (!gunzipSync(readFileSync(`${path}.gz`)).equals(bytes) || !brotliDecompressSync(readFileSync(`${path}.br`)).equals(bytes)) {
      throw new Error(`precompress: ${path} does not read back`);
    }
  }
  return paths.length;
}

if (!isMainThread) {
  await writeGzipCopies(workerData.paths);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR');
  console.log(`precompress: ${await precompress(dir)} files, each with .gz and .br beside it`);
}
