// Makes docs/print-view.png (the sample report's print view),
// docs/word-first-page.png (the first page of the same report's 「Wordで書き出す」
// file as LibreOffice renders it, headless, through poppler's pdftoppm) and
// docs/bundle-cover.png (the bound print's cover for five made-up ward reports)
// in headless Chromium, at an office PC's 1366×768 with 125% scaling; and 使い方
// (#/help) as it first shows at that size (docs/help-1366.png) and on a 390 px wide
// phone (docs/help-390.png); and 前年度を表示 on a draft made from the sample with
// 前年度から作成, at both sizes (docs/previous-year-1366.png, docs/previous-year-390.png);
// and the city's review: 「確認する」 with the city's comments (docs/review-city.png), and
// the ward's editor with them beside the fields, one answered (docs/review-ward.png).
//   node e2e/screenshot.mjs                 (after `trunk build --release`)
//   node e2e/screenshot.mjs help            (使い方's two only)
//   node e2e/screenshot.mjs previous-year   (前年度を表示's two only)
//   node e2e/screenshot.mjs review          (the review's two only)
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { served } from './bench/served.mjs';
import { WARDS, wardReport } from './ward-reports.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.TORIKUMI_E2E_PORT ?? 4192);
const only = process.argv[2];
const makes = (part) => only === undefined || only === part;
// 1366×768 at 125% is a 1093×614 CSS-pixel window; the phone at its own 1:1, to keep the file small.
const SIZES = [['1366', { width: 1093, height: 614 }, 1.25], ['390', { width: 390, height: 844 }, 1]];
const { url: origin, browser, stop } = await served(port);
try {
  for (const [size, viewport, deviceScaleFactor] of makes('help') ? SIZES : []) {
    const name = `help-${size}`;
    const help = await browser.newPage({ viewport, deviceScaleFactor, locale: 'ja-JP' });
    await help.goto(`${origin}#/help`);
    await help.getByRole('heading', { name: '使い方', level: 1 }).waitFor();
    await help.evaluate(() => document.activeElement?.blur());
    await help.screenshot({ path: `${here}/../docs/${name}.png` });
    await help.close();
    console.log(`wrote docs/${name}.png`);
  }
  for (const [size, viewport, deviceScaleFactor] of makes('previous-year') ? SIZES : []) {
    const name = `previous-year-${size}`;
    const page = await browser.newPage({ viewport, deviceScaleFactor, locale: 'ja-JP' });
    await page.goto(origin);
    await page.getByRole('button', { name: '見本を開く', exact: true }).click();
    await page.locator('.editor.editable').waitFor();
    await page.goto(origin);
    await page.getByRole('button', { name: '前年度から作成', exact: true }).click();
    await page.getByRole('button', { name: '次の年度の下書きを作成', exact: true }).click();
    await page.locator('.editor.editable').waitFor();
    await page.getByRole('button', { name: '前年度を表示', exact: true }).click();
    await page.getByRole('button', { name: '全体協議会 年間実施予定回数に前年度の内容を使う', exact: true }).click();
    // The first body's card from its heading: this year's fields, last year's under them.
    await page.locator('.editor h3').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: `${here}/../docs/${name}.png` });
    await page.close();
    console.log(`wrote docs/${name}.png`);
  }
  if (makes('review')) {
    const [, viewport, deviceScaleFactor] = SIZES[0];
    const page = await browser.newPage({ viewport, deviceScaleFactor, locale: 'ja-JP', acceptDownloads: true });
    const saved = async (name) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
      const path = join(mkdtempSync(join(tmpdir(), 'torikumi-shot-')), download.suggestedFilename());
      await download.saveAs(path);
      return path;
    };
    const choose = async (button, path) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: button, exact: true }).click();
      await (await chooser).setFiles(path);
    };
    await page.goto(origin);
    await page.getByRole('button', { name: '見本を開く', exact: true }).click();
    await page.locator('.editor.editable').waitFor();
    const report = await saved('JSONを書き出す');
    await page.goto(`${origin}#/bundle`);
    await choose('ファイルを追加', report);
    await page.getByRole('button', { name: '若林区を確認する', exact: true }).click();
    for (const [where, text] of [
      ['プロジェクトチーム2', '職場見学会の回数と参加した事業所の数を書いてください。'],
      ['プロジェクトチーム2 主な内容・議題等', '「懇談会」は何回開きましたか。'],
      ['報告全体', '全体に、成果を数字で入れてください。'],
    ]) {
      await page.getByRole('button', { name: `${where}に指摘を追加`, exact: true }).click();
      await page.locator('#comment-text').fill(text);
      await page.getByRole('button', { name: '指摘を保存', exact: true }).click();
    }
    const review = await saved('指摘を書き出す');
    await page.getByRole('region', { name: 'プロジェクトチーム2', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: `${here}/../docs/review-city.png` });
    console.log('wrote docs/review-city.png');

    await page.goto(origin);
    await choose('読み込む', review);
    await page.getByRole('button', { name: '読み込んで開く', exact: true }).click();
    await page.locator('.editor.editable').waitFor();
    await page.getByRole('textbox', { name: '指摘1への回答', exact: true }).fill('2回、延べ14事業所です。内容に書き足しました。');
    await page.getByRole('button', { name: '指摘1を対応済みにする', exact: true }).click();
    await page.locator('.row-card', { has: page.getByRole('heading', { name: 'プロジェクトチーム2', exact: true }) }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: `${here}/../docs/review-ward.png` });
    console.log('wrote docs/review-ward.png');
    await page.close();
  }
  if (only === undefined) {
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
    // This year's five reports, and last year's (令和３年度) beside them: 前年度 and 増減 in the summary.
    await (await chooser).setFiles([2022, 2021].flatMap((year) => WARDS.map(([, slug], i) => ({
      name: `R${year - 2018}_${slug}_torikumi.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(wardReport(slug, {
        year, counts: [2 + (i % 3), 4 + i, 10 - i, 12].map((n) => (year === 2022 ? n : Math.max(0, n - (i % 2)))), teams: 1 + (i % 3), activities: i % 2,
      }))),
    }))));
    await page.getByRole('button', { name: 'まとめて印刷用表示', exact: true }).click();
    await page.locator('.b-cover').waitFor();
    await page.locator('.b-cover').screenshot({ path: `${here}/../docs/bundle-cover.png` });
    console.log('wrote docs/bundle-cover.png');
  }
} finally {
  await stop();
}
