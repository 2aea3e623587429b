// A host that serves the build's own precompressed copies (nginx gzip_static /
// brotli_static): the app loads from them, and every copy holds its file's bytes.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { test, expect, box, button, editable, saved, stored } from './fixtures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '..', process.env.TORIKUMI_E2E_DIST ?? '../dist');
const files = (root) => readdirSync(root).flatMap((n) => (statSync(join(root, n)).isDirectory() ? files(join(root, n)) : [join(root, n)]));

test('every text and wasm file of the build has a .gz and a .br copy that reads back to its bytes', () => {
  const originals = files(dist).filter((p) => /\.(html|js|css|json|wasm|svg|webmanifest)$/.test(p));
  expect(originals.length).toBeGreaterThan(8);
  for (const path of originals) {
    const bytes = readFileSync(path);
    expect(gunzipSync(readFileSync(`${path}.gz`)).equals(bytes), `${path}.gz`).toBe(true);
    expect(brotliDecompressSync(readFileSync(`${path}.br`)).equals(bytes), `${path}.br`).toBe(true);
  }
});

test('served from the precompressed copies, the app starts, and a draft is written', async ({ page }) => {
  const port = Number(process.env.TORIKUMI_E2E_PORT ?? 4173) + 40;
  const server = spawn('node', ['serve.mjs', '--dir', dist, '--port', String(port), '--precompressed'], { cwd: resolve(here, '..'), stdio: 'ignore' });
  try {
    const origin = `http://127.0.0.1:${port}/`;
    await expect.poll(() => fetch(origin).then((r) => r.ok, () => false)).toBe(true);
    const encodings = {};
    page.on('response', (r) => {
      if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) encodings[new URL(r.url()).pathname] = r.headers()['content-encoding'];
    });
    await page.goto(origin);
    await button(page, '新しい報告を作成').click();
    await editable(page);
    await box(page, '今年度の主な取組み').click();
    await page.keyboard.insertText('圧縮済みの版から');
    await saved(page);
    expect((await stored(page)).document.report.sections.main_work).toBe('圧縮済みの版から');
    const wasm = Object.entries(encodings).find(([p]) => p.endsWith('.wasm'));
    expect(wasm, 'the wasm was fetched').toBeTruthy();
    expect(['br', 'gzip']).toContain(wasm[1]);
  } finally {
    server.kill();
  }
});
