// The one-file build (dist/torikumi.html) in Firefox ESR from file:// with no
// server: write, reload, finish, export, print to A4, import, the city's bundle;
// no request at all; a renamed copy elsewhere finds the drafts.
//   node --test e2e/engines/   (after `trunk build --release`)
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readPdf } from '../pdf.mjs';
import { chooseFiles, click, keepDownloads, lastDownload, launch, saved, shows, typeInto, until, watchedPage } from './driver.mjs';

const single = fileURLToPath(new URL('../../dist/torikumi.html', import.meta.url));
const copyDir = mkdtempSync(join(tmpdir(), 'torikumi-fx-copy-'));
const copy = join(copyDir, '取組状況_オフライン版.html');
copyFileSync(single, copy);
const urls = [pathToFileURL(single).href, pathToFileURL(copy).href];
const own = (url) => urls.some((u) => url.startsWith(u)) || url.startsWith('data:') || url.startsWith('blob:');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('Firefox, file://: write, reload, finish, export, print to A4, import, the bundle, no request', async () => {
  const page = await watchedPage(browser, own);
  await page.goto(urls[0]);
  await shows(page, '取組状況の作成');
  assert.equal(await page.$('.boot-message'), null, 'the file:// message of the hosted app does not show');

  await click(page, '見本を開く');
  await page.waitForSelector('.editor.editable');
  await typeInto(page, 'f-issues', 'Firefoxで書いた課題');
  await saved(page);
  await page.reload();
  await page.waitForSelector('.editor.editable');
  assert.equal(await page.$eval('#f-issues', (el) => el.value), 'Firefoxで書いた課題');

  await click(page, '完成にする');
  await shows(page, 'この報告は完成しています');
  await saved(page);
  await keepDownloads(page);
  await click(page, 'JSONを書き出す');
  const exported = await lastDownload(page);
  assert.equal(exported.name, 'R5_wakabayashi_torikumi.json');
  const json = JSON.parse(exported.text);
  assert.equal(json.status, 'finished');
  assert.equal(json.report.sections.issues, 'Firefoxで書いた課題');

  await click(page, '印刷用表示');
  await page.waitForSelector('.p-report');
  const printed = readPdf(await page.pdf({ format: 'A4' }));
  assert.match(printed.info, /Page size:\s+59\d(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
  assert.match(printed.pages.join(''), /Firefoxで書いた課題/);

  await page.goto(`${urls[0]}#/`);
  await shows(page, '取組状況の作成');
  await chooseFiles(page, '.import', [{ name: exported.name, text: exported.text }]);
  await shows(page, '下書きがすでにあります');
  await click(page, '両方残す');
  await shows(page, 'この報告は完成しています');
  await page.goto(`${urls[0]}#/`);
  await until(page, () => [...document.querySelectorAll('.drafts tbody tr')].filter((r) => r.textContent.includes('若林区')).length === 2, undefined, 'two 若林区 drafts');

  await click(page, '取りまとめ');
  await shows(page, '各区の報告を追加');
  await chooseFiles(page, '.import', [{ name: exported.name, text: exported.text }]);
  await until(page, () => document.querySelector('.b-summary')?.textContent.includes('若林区'), undefined, 'the summary');
  await click(page, 'まとめて印刷用表示');
  await page.waitForSelector('.b-cover');

  assert.deepEqual(page.outside, []);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Firefox, file://: a renamed copy in another folder finds the drafts', async () => {
  const page = await watchedPage(browser, own);
  await page.goto(urls[0]);
  await shows(page, '取組状況の作成');
  const before = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('torikumi:draft:')).length);
  assert.ok(before > 0, 'the first test left drafts');
  await page.goto(urls[1]);
  await shows(page, '取組状況の作成');
  await until(page, (n) => document.querySelectorAll('.drafts tbody tr').length === n, before, `${before} drafts listed`);
  assert.deepEqual(page.errors, []);
  await page.close();
});
