// Makes docs/print-view.png: the sample report's print view in headless Chromium,
// at an office PC's 1366×768 with 125% scaling.
//   node e2e/screenshot.mjs   (after `trunk build --release`)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = 4191;
const server = spawn('node', ['serve.mjs', '--dir', '../dist', '--port', String(port)], { cwd: here, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 300));
const browser = await chromium.launch({
  executablePath: ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p)),
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1093, height: 900 }, deviceScaleFactor: 1.25, locale: 'ja-JP' });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('button', { name: '見本を開く', exact: true }).click();
  await page.locator('.editor.editable').waitFor();
  await page.getByRole('button', { name: '印刷用表示', exact: true }).click();
  await page.locator('.p-report').waitFor();
  await page.screenshot({ path: `${here}/../docs/print-view.png` });
  console.log('wrote docs/print-view.png');
} finally {
  await browser.close();
  server.kill();
}
