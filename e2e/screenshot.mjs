// Makes docs/print-view.png (the sample report's print view) and
// docs/bundle-cover.png (the bound print's cover for five made-up ward reports)
// in headless Chromium, at an office PC's 1366×768 with 125% scaling.
//   node e2e/screenshot.mjs   (after `trunk build --release`)
import { fileURLToPath } from 'node:url';
import { served } from './bench/served.mjs';
import { WARDS, wardReport } from './ward-reports.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = 4192;
const { url: origin, browser, stop } = await served(port);
try {
  const page = await browser.newPage({ viewport: { width: 1093, height: 900 }, deviceScaleFactor: 1.25, locale: 'ja-JP' });
  await page.goto(origin);
  await page.getByRole('button', { name: '見本を開く', exact: true }).click();
  await page.locator('.editor.editable').waitFor();
  await page.getByRole('button', { name: '印刷用表示', exact: true }).click();
  await page.locator('.p-report').waitFor();
  await page.screenshot({ path: `${here}/../docs/print-view.png` });
  console.log('wrote docs/print-view.png');

  await page.goto(`${origin}#/bundle`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'ファイルを追加', exact: true }).click();
  await (await chooser).setFiles(WARDS.map(([, slug], i) => ({
    name: `R4_${slug}_torikumi.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(wardReport(slug, { counts: [2 + (i % 3), 4 + i, 10 - i, 12], teams: 1 + (i % 3), activities: i % 2 }))),
  })));
  await page.getByRole('button', { name: 'まとめて印刷用表示', exact: true }).click();
  await page.locator('.b-cover').waitFor();
  await page.locator('.b-cover').screenshot({ path: `${here}/../docs/bundle-cover.png` });
  console.log('wrote docs/bundle-cover.png');
} finally {
  await stop();
}
