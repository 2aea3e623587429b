// The last step of the build (started by post-build.mjs): beside every text and wasm
// file of dist/, `NAME.gz` (gzip -9) and `NAME.br` (brotli 11), for hosts that serve
// precompressed files (nginx `gzip_static` / `brotli_static`, IIS with its static
// compression cache, Caddy `precompressed`). A host that compresses on the fly needs none.
// Every copy is read back and compared with its file before the build goes on.
//   node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

export const COMPRESSIBLE = /\.(html|js|css|json|wasm|svg|webmanifest)$/;
export const COPIES = /\.(gz|br)$/;

function files(root) {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function precompress(dir) {
  // A folder finished before (post-build.mjs run again by hand): its old copies go first.
  for (const path of files(dir).filter((p) => COPIES.test(p))) unlinkSync(path);
  let count = 0;
  for (const path of files(dir).filter((p) => COMPRESSIBLE.test(p))) {
    const bytes = readFileSync(path);
    const gz = gzipSync(bytes, { level: 9 });
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
console.log(`precompress: ${precompress(dir)} files, each with .gz and .br beside it`);
