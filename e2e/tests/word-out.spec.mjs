// Issue 24's 「Wordで書き出す」: the open draft as a .docx in the template's layout,
// written by the on-demand module, read back by a real Word-format reader
// (LibreOffice, headless: to PDF and to text, each page through poppler; to HTML
// for the table's cells in order), and by the app's own 読み込む: the same report.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, box, button, editable, openSample, stored } from './fixtures.mjs';
import { readPdf } from '../pdf.mjs';
import { convert, withoutIds as sameReport } from '../libreoffice.mjs';

async function exportWord(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Wordで書き出す').click()]);
  expect(await download.failure()).toBeNull();
  const path = join(mkdtempSync(join(tmpdir(), 'torikumi-docx-')), download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path };
}

test('Wordで書き出す: LibreOffice reads every text of the report, A4, as many pages as the print view, 下書き on every page of a draft, the table\'s cells in order; 読み込む gives the same report', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await openSample(page);
  const report = (await stored(page)).document.report;
  const { name, path } = await exportWord(page);
  expect(name).toMatch(/^R\d+_[a-z-]+_torikumi\.docx$/);
  expect(readFileSync(path).subarray(0, 4).toString('binary')).toBe('PK\x03\x04');

  const { info, pages } = readPdf(convert(path, 'pdf'));
  expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)/);
  // As many pages as the print view printed to A4 (the same form, the same margins).
  await button(page, '印刷用表示').click();
  await expect(page.locator('.p-report')).toBeVisible();
  const printed = readPdf(await page.pdf({ format: 'A4', preferCSSPageSize: true })).pages.length;
  console.log(`word out | pages: Word file ${pages.length}, print view ${printed}`);
  expect(pages.length).toBe(printed);
  await page.goBack();
  await editable(page);
  const all = pages.join('\n').replace(/\s+/g, '');
  const squash = (t) => t.replace(/\s+/g, '');
  expect(all).toContain(squash(`${report.ward.name}障害者自立支援協議会`));
  for (const heading of ['全体協議会', '実務者ネットワーク会議', '運営会議', '今年度の主な取組み', '現状における課題', '次年度以降の取組予定']) {
    expect(all).toContain(heading);
  }
  for (const row of [...report.teams, ...report.activities, ...Object.values(report.bodies).flatMap((b) => b.parts)]) {
    expect(all).toContain(squash(row.name));
    for (const line of row.content.split('\n').filter((l) => l.trim())) expect(all).toContain(squash(line));
  }
  for (const section of Object.values(report.sections)) {
    for (const line of section.split('\n').filter((l) => l.trim())) expect(all).toContain(squash(line));
  }
  for (const [i, text] of pages.entries()) expect(text, `page ${i + 1} is marked`).toContain('下書き');

  // The table's cells, in order, as LibreOffice's own HTML writes them.
  const html = convert(path, 'html').toString('utf8');
  const cells = [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').replace(/&[a-z]+;|\s+/g, '')).filter(Boolean);
  const order = ['会議', '年間実施予定回数', '全体協議会', '実務者ネットワーク会議', '内訳', 'プロジェクトチーム', '運営会議', 'その他の活動'];
  let at = -1;
  for (const text of order) {
    const found = cells.findIndex((c, i) => i > at && c.includes(text));
    expect(found, `${text} after cell ${at}: ${cells.slice(0, 30).join(' | ')}`).toBeGreaterThan(at);
    at = found;
  }

  // Back in through 読み込む: the same report, every field, the parts included.
  await page.goto('./#/');
  const chooser = page.waitForEvent('filechooser');
  await button(page, '読み込む').click();
  await (await chooser).setFiles(path);
  const review = page.getByRole('region', { name: 'Wordファイルから読み取った内容' });
  await expect(review).toContainText('ありません。');
  await button(page, 'この内容で作成').click();
  await editable(page);
  await expect.poll(async () => sameReport((await stored(page)).document.report)).toEqual(sameReport(report));
});

test('Wordで書き出す with hostile text: 「<」「&」, quotes, line breaks and tabs arrive as typed in LibreOffice, and the file imports back the same', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await openSample(page);
  const hostile = '<script>alert("x")</script> & ＆\n二行目\tタブの後\n]]><![CDATA[';
  await box(page, '現状における課題').fill(hostile);
  await expect.poll(async () => (await stored(page)).document.report.sections.issues).toBe(hostile);
  const report = (await stored(page)).document.report;
  const { path } = await exportWord(page);
  const text = convert(path, 'txt:Text').toString('utf8');
  expect(text).toContain('<script>alert("x")</script> & ＆');
  expect(text).toContain(']]><![CDATA[');

  await page.goto('./#/');
  const chooser = page.waitForEvent('filechooser');
  await button(page, '読み込む').click();
  await (await chooser).setFiles(path);
  await button(page, 'この内容で作成').click();
  await editable(page);
  await expect.poll(async () => sameReport((await stored(page)).document.report)).toEqual(sameReport(report));
});

test('Wordで書き出す when the module cannot come says so in Japanese, saves nothing, and works once it can', async ({ page, context }) => {
  await page.goto('./');
  await openSample(page);
  let blocked = true;
  await context.route((url) => new URL(url).pathname.split('/').pop().startsWith('torikumi-on-demand-'),
    (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  const saved = [];
  page.on('download', (d) => saved.push(d.suggestedFilename()));
  await button(page, 'Wordで書き出す').click();
  await expect(page.getByRole('alert')).toContainText('取りまとめとWordファイルの読み書きに使うプログラムを読み込めませんでした');
  expect(saved).toEqual([]);
  blocked = false;
  const { name } = await exportWord(page);
  expect(name).toMatch(/\.docx$/);
  await expect(page.locator('.word-export-error')).toHaveCount(0);
});


test('まとめてWordで書き出す: the cover, then each ward from the top of a new page in the configured order, 「− N −」 at the foot of every page, 下書き on the draft ward\'s pages only', async ({ page }) => {
  test.setTimeout(120_000);
  const { WARDS, wardReport } = await import('../ward-reports.mjs');
  await page.goto('./');
  await button(page, '取りまとめ').click();
  const files = WARDS.map(([, slug], i) => {
    const status = slug === 'izumi' ? 'draft' : 'finished';
    const json = wardReport(slug, { counts: [i + 1, 2, 3, 4], teams: i % 3, activities: 1, status });
    return { name: `R4_${slug}_torikumi.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) };
  }).reverse();
  const chooser = page.waitForEvent('filechooser');
  await button(page, 'ファイルを追加').click();
  await (await chooser).setFiles(files);
  await expect(page.getByRole('table', { name: '読み込んだ報告' }).getByRole('row')).toHaveCount(WARDS.length + 1);
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'まとめてWordで書き出す').click()]);
  expect(download.suggestedFilename()).toBe('R4_torikumi_bundle.docx');
  const path = join(mkdtempSync(join(tmpdir(), 'torikumi-docx-')), download.suggestedFilename());
  await download.saveAs(path);

  const pages = readPdf(convert(path, 'pdf')).pages.map((p) => p.replace(/\s+/g, ''));
  expect(pages[0]).toContain('実施回数の一覧');
  expect(pages[0]).toContain('泉区下書き');
  let previous = 0;
  const starts = WARDS.map(([name]) => {
    const title = `令和４年度${name}障害者自立支援協議会取組状況`;
    const at = pages.findIndex((p) => p.includes(title));
    expect(at, `${name} after the previous ward`).toBeGreaterThan(previous);
    // The ward starts its page: nothing of another ward's report before its title (下書き is the header).
    expect(pages[at].replace(/^下書き/, '').startsWith(title), `${name} starts page ${at + 1}: ${pages[at].slice(0, 40)}`).toBe(true);
    previous = at;
    return at;
  });
  pages.forEach((text, i) => expect(text, `page ${i + 1} is numbered`).toContain(`−${i + 1}−`));
  const izumi = starts[WARDS.findIndex(([, slug]) => slug === 'izumi')];
  pages.forEach((text, i) => {
    if (i >= izumi) expect(text, `page ${i + 1}, 泉区's`).toMatch(/^下書き/);
    else expect(text, `page ${i + 1}`).not.toMatch(/^下書き/);
  });
});
