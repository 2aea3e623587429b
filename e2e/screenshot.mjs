// Makes docs/print-view.png (the sample report's print view),
// docs/word-first-page.png (the first page of the same report's 「Wordで書き出す」
// file as LibreOffice renders it, headless, through poppler's pdftoppm) and
// docs/bundle-cover.png (the bound print's cover for five made-up ward reports)
// in headless Chromium, at an office PC's 1366×768 with 125% scaling; and 使い方
// (#/help) as it first shows at that size (docs/help-1366.png) and on a 390 px wide
// phone (docs/help-390.png).
//   node e2e/screenshot.mjs        (after `trunk build --release`)
//   node e2e/screenshot.mjs help   (使い方's two only)
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { served } from './bench/served.mjs';
import { WARDS, wardReport } from './ward-reports.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.TORIKUMI_E2E_PORT ?? 4192);
const onlyHelp = process.argv[2] === 'help';
const { url: origin, browser, stop } = await served(port);
try {
  // 1366×768 at 125% is a 1093×614 CSS-pixel window; the phone at its own 1:1, to keep the file small.
  for (const [name, viewport, deviceScaleFactor] of [['help-1366', { width: 1093, height: 614 }, 1.25], ['help-390', { width: 390, height: 844 }, 1]]) {
    const help = await browser.newPage({ viewport, deviceScaleFactor, locale: 'ja-JP' });
    await help.goto(`${origin}#/help`);
    await help.getByRole('heading', { name: '使い方', level: 1 }).waitFor();
    await help.evaluate(() => document.activeElement?.blur());
    await help.screenshot({ path: `${here}/../docs/${name}.png` });
    await help.close();
    console.log(`wrote docs/${name}.png`);
  }
  if (!onlyHelp) {
    const page = await browser.newPage({ viewport: { width: 1093, height: 900 }, deviceScaleFactor: 1.25, locale: 'ja-JP' });
    await page.goto(origin);
    await page.getByRole('button', { name: '見本を開く', exact: true }).click();
    await page.locator('.editor.editable').waitFor();
    await page.getByRole('button', { name: '印刷用表示', exact: true }).click();
    await page.locator('.p-report').waitFor();
    await page.screenshot({ path: `${here}/../docs/print-view.png` });
    console.log('wrote docs/print-view.png');

    await page.goBack();
    await page.locator('.editor.editable').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Wordで書き出す', exact: true }).click()]);
    const dir = mkdtempSync(join(tmpdir(), 'torikumi-shot-'));
    const docx = join(dir, download.suggestedFilename());
    await download.saveAs(docx);
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe' });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', docx.replace(/\.docx$/, '.pdf'), `${here}/../docs/word-first-page`]);
    console.log('wrote docs/word-first-page.png');

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
  }
} finally {
  await stop();
}
