// Finish, export, import and the printed report.
import AxeBuilder from '@axe-core/playwright';
import { readPdf } from '../pdf.mjs';
import { test, expect, box, button, editable, saved, openSample, download } from './fixtures.mjs';

/** Imports a file on the start page, through the picker. */
async function importFile(page, file) {
  await page.goto('./#/');
  const chooser = page.waitForEvent('filechooser');
  await button(page, '読み込む').click();
  await (await chooser).setFiles(file);
}

/** The printed pages that hold text. */
function pdfText(pdf) {
  const { info, pages } = readPdf(pdf);
  return { info, pages: pages.filter((p) => p.trim() !== '') };
}

const compact = (s) => s.replace(/\s+/g, '');

test('the printed sample is A4 and holds every piece of the report in the form\'s order, 下書き on each page', async ({ page }) => {
  await openSample(page);
  await button(page, '印刷用表示').click();
  await expect(page.locator('.p-report')).toBeVisible();
  // 「印刷」 opens the browser's print dialog (stubbed here: headless has none).
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await button(page, '印刷').click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);
  const { info, pages } = pdfText(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  // A4 is 210 × 297 mm = 595.3 × 841.9 pt.
  const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  expect(Math.abs(w - 595.3)).toBeLessThan(1);
  expect(Math.abs(h - 841.9)).toBeLessThan(1);
  // The PDF's default file name comes from the title: ASCII, as mail gateways need.
  expect(info).toMatch(/Title:\s+R5_wakabayashi_torikumi\n/);
  expect(pages.length).toBeGreaterThanOrEqual(1);
  for (const p of pages) expect(p).toContain('下書き');
  const all = compact(pages.join('\n'));
  const order = [
    '令和５年度若林区障害者自立支援協議会取組状況',
    '○実施状況（R6.3見込み）',
    '会議', '年間実施', '主な内容・議題等',
    '（１）全体協議会', '若林区障害者地域支援会議（※', '2回', '今年度の活動計画と各会議の報告',
    '（２）実務者ネットワーク', '6回', '全体会（1回）', '事例検討「地域で暮らし続けるための支援」', '六郷・七郷エリア（3回）', '荒井・沖野エリア（2回）',
    '（３）障害者相談支援事業', '11回', '①委託相談支援事業所の活動報告',
    '防災プロジェクト', '4回', '福祉避難所の開設訓練への参加', '就労支援プロジェクト', '3回',
    '（５）運営会議', '12回',
    '特別支援学校との情', '1回', '卒業後の進路と地域の相談窓口について意見交換',
    '１今年度の主な取組み', '【全体協議会】', '災害時の要配慮者支援を取り上げ',
    '２現状における課題（地域ニーズや課題、協議会運営上の課題など）', '個別避難計画づくりが十分に進んでいない',
    '３課題に対する次年度以降の取組予定', '（１）防災の取組み', '⇒区民まつりでの展示も検討する。',
  ];
  let from = 0;
  for (const piece of order) {
    const at = all.indexOf(compact(piece), from);
    expect(at, `「${piece}」 in order in the PDF`).toBeGreaterThanOrEqual(0);
    from = at + compact(piece).length;
  }
});

test('a finished report prints without 下書き; finishing needs no errors and 編集を再開 makes it a draft again', async ({ page }) => {
  await page.goto('./');
  await button(page, '新しい報告を作成').click();
  await editable(page);
  await button(page, '完成にする').click();
  await expect(page.getByRole('region', { name: '入力内容を確認してください' })).toBeFocused();

  await openSample(page);
  await button(page, '完成にする').click();
  await expect(page.getByText(/この報告は完成しています/)).toBeVisible();
  await expect(box(page, '今年度の主な取組み')).not.toBeEditable();
  await expect(button(page, 'プロジェクトチームを追加')).toBeDisabled();
  await saved(page);
  const json = JSON.parse((await download(page, 'JSONを書き出す')).text);
  expect(json.status).toBe('finished');
  expect(json.finished).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+09:00$/);
  await button(page, '印刷用表示').click();
  await expect(page.locator('.p-report')).toBeVisible();
  const { pages } = pdfText(await page.pdf({ format: 'A4' }));
  expect(pages.join('')).toContain('令和５年度');
  for (const p of pages) expect(p).not.toContain('下書き');
  await page.goBack();
  await button(page, '編集を再開').click();
  await expect(box(page, '今年度の主な取組み')).toBeEditable();
  await saved(page);
  expect(JSON.parse((await download(page, 'JSONを書き出す')).text).status).toBe('draft');
});

for (const kind of ['JSON', 'HTML']) {
  test(`export → import through the UI gives back an equal report (${kind})`, async ({ page }) => {
    await openSample(page);
    await box(page, '現状における課題').fill('改行を含む\n全角　スペースと「括弧」');
    await saved(page);
    const original = JSON.parse((await download(page, 'JSONを書き出す')).text);
    const exported = await download(page, `${kind}を書き出す`);
    expect(exported.name).toBe(`R5_wakabayashi_torikumi.${kind.toLowerCase()}`);
    await importFile(page, exported.path);
    // Same ward and 年度 as the draft here: asked, never overwritten silently.
    await expect(page.getByRole('alert')).toContainText('下書きがすでにあります');
    await button(page, '両方残す').click();
    await editable(page);
    const back = JSON.parse((await download(page, 'JSONを書き出す')).text);
    expect(back.report).toEqual(original.report);
    expect(back.status).toBe(original.status);
    expect(back.created).toBe(original.created);
    await page.goto('./#/');
    await expect(page.getByRole('row').filter({ hasText: '若林区' })).toHaveCount(2);
  });
}

test('importing over a draft of the same ward and 年度 can replace it', async ({ page }) => {
  await openSample(page);
  await saved(page);
  const exported = await download(page, 'JSONを書き出す');
  const changed = JSON.parse(exported.text);
  changed.report.sections.plans = '読み込んだ版の予定';
  await importFile(page, { name: 'changed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(changed)) });
  await button(page, '置き換える').click();
  await editable(page);
  await expect(box(page, '課題に対する次年度以降の取組予定')).toHaveValue('読み込んだ版の予定');
  await page.goto('./#/');
  await expect(page.getByRole('row').filter({ hasText: '若林区' })).toHaveCount(1);
});

test('a file dropped on the start page is imported', async ({ page }) => {
  await openSample(page);
  const exported = await download(page, 'HTMLを書き出す');
  await page.goto('./#/');
  await button(page, '令和５年度 若林区を削除').click();
  const data = await page.evaluateHandle((html) => {
    const dt = new DataTransfer();
    dt.items.add(new File([html], 'R5_wakabayashi_torikumi.html', { type: 'text/html' }));
    return dt;
  }, exported.text);
  await page.getByRole('region', { name: 'ファイルから読み込む' }).dispatchEvent('drop', { dataTransfer: data });
  await editable(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('令和５年度　若林区障害者自立支援協議会　取組状況');
});

test('each kind of bad file gets a Japanese message naming the file and the problem', async ({ page }) => {
  await openSample(page);
  const html = (await download(page, 'HTMLを書き出す')).text;
  const json = JSON.parse((await download(page, 'JSONを書き出す')).text);
  const cases = [
    ['memo.txt', 'text/plain', 'これはメモです', '「memo.txt」を読み込めませんでした。JSONファイルとして読めません'],
    ['other.json', 'application/json', '{"title": "別のファイル"}', '「other.json」を読み込めませんでした。取組状況の報告ファイルではありません。'],
    ['newer.json', 'application/json', JSON.stringify({ ...json, schema: 'torikumi/report/v3' }), '「newer.json」は新しい版のアプリで作られたファイル（形式 v3）のため読み込めません。'],
    ['broken.json', 'application/json', JSON.stringify({ ...json, report: { fiscal_year: 'R5' } }), '「broken.json」を読み込めませんでした。ファイルの内容が壊れているか、形式が違います'],
    ['damaged.html', 'text/html', html.slice(0, html.indexOf('"report"')), '「damaged.html」を読み込めませんでした。HTMLファイルの中に報告のデータが見つからないか、壊れています。'],
  ];
  for (const [name, mimeType, text, message] of cases) {
    await importFile(page, { name, mimeType, buffer: Buffer.from(text) });
    await expect(page.getByRole('alert')).toContainText(message);
  }
});

test('a report whose fields hold markup changes nothing: editor, print view and HTML export show it as text', async ({ page }) => {
  const payloads = ['<script>window.__pwned = 1</script>', '<img src=x onerror="window.__pwned = 2">', '</textarea><b id="bold">太字</b>'];
  await openSample(page);
  const json = JSON.parse((await download(page, 'JSONを書き出す')).text);
  json.report.bodies.plenary.content = payloads.join('\n');
  json.report.bodies.plenary.local_name = payloads[1];
  json.report.teams[0].name = payloads[2];
  json.report.sections.main_work = payloads.join('');
  json.report.ward.name = '<img src=x onerror="window.__pwned = 3">区';
  json.report.fiscal_year = 2025;
  page.on('dialog', () => { throw new Error('a dialog opened'); });
  await importFile(page, { name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await editable(page);
  await expect(box(page, '全体協議会 主な内容・議題等')).toHaveValue(payloads.join('\n'));
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue(payloads[2]);
  await expect(page.locator('#bold')).toHaveCount(0);
  await button(page, '印刷用表示').click();
  await expect(page.locator('.p-report')).toContainText(payloads[0]);
  await expect(page.locator('.p-report img, .p-report script, .p-report b')).toHaveCount(0);
  await page.goBack();
  await editable(page);
  const html = await download(page, 'HTMLを書き出す');
  const file = await page.context().newPage();
  await file.setContent(html.text);
  await expect(file.locator('.p-report')).toContainText(payloads[1]);
  await expect(file.locator('img, b')).toHaveCount(0);
  expect(await file.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('メールで送る downloads both files and offers a mail naming them, with how to attach a PDF', async ({ page }) => {
  await openSample(page);
  const downloads = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await button(page, 'メールで送る').click();
  await expect.poll(() => downloads.sort()).toEqual(['R5_wakabayashi_torikumi.html', 'R5_wakabayashi_torikumi.json']);
  const link = page.getByRole('link', { name: 'メールを作成する' });
  const href = await link.getAttribute('href');
  const url = new URL(href);
  expect(url.protocol).toBe('mailto:');
  expect(url.searchParams.get('subject')).toBe('令和５年度　若林区障害者自立支援協議会　取組状況');
  const body = url.searchParams.get('body');
  expect(body).toContain('R5_wakabayashi_torikumi.json');
  expect(body).toContain('R5_wakabayashi_torikumi.html');
  expect(body).toContain('PDFに保存');
});

test('the print view has no accessibility violations (axe, WCAG 2.2 AA)', async ({ page }) => {
  await openSample(page);
  await button(page, '印刷用表示').click();
  await expect(page.locator('.p-report')).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});
