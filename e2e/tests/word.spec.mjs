// 前年度から作成 and 読み込む take last year's Word file (.docx): read in the
// browser (DecompressionStream) and the core, reviewed before anything is saved.
import { fileURLToPath } from 'node:url';
import { test, expect, box, button, editable, stored } from './fixtures.mjs';

const fixture = (name) => fileURLToPath(new URL(`../../core/tests/fixtures/docx/${name}`, import.meta.url));

async function importFile(page, path) {
  await page.goto('./#/');
  const chooser = page.waitForEvent('filechooser');
  await button(page, '読み込む').click();
  await (await chooser).setFiles(path);
}

const drafts = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('torikumi:draft:')).length);

for (const file of ['aoba_deflated.docx', 'aoba.docx']) {
  test(`読み込む reads a Word file of the template through a review screen (${file})`, async ({ page }) => {
    await importFile(page, fixture(file));
    const review = page.getByRole('region', { name: 'Wordファイルから読み取った内容' });
    await expect(review).toContainText(`「${file}」から次の内容を読み取りました。`);
    const filled = review.getByRole('table', { name: '読み取った項目' });
    await expect(filled.getByRole('row', { name: /^年度 / })).toContainText('令和４年度');
    await expect(filled.getByRole('row', { name: /^区 / })).toContainText('青葉区');
    await expect(filled.getByRole('row', { name: /^集計の区分 / })).toContainText('見込み');
    await expect(filled.getByRole('row', { name: /^見込み時点 / })).toContainText('R5.3');
    await expect(filled.getByRole('row', { name: /^プロジェクトチーム1 名称/ })).toContainText('地域移行PT');
    await expect(review).toContainText('ありません。');
    expect(await drafts(page)).toBe(0);

    await button(page, 'この内容で作成').click();
    await editable(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('令和４年度　青葉区障害者自立支援協議会　取組状況');
    await expect(box(page, 'プロジェクトチーム1 年間実施予定回数')).toHaveValue('12');
    await expect(box(page, '実務者ネットワーク会議 区での呼称')).toHaveValue('サポネットあおばのつどい');
    await expect.poll(async () => (await stored(page))?.document.report.sections.issues).toBe('・相談支援専門員の不足\n\n・地域移行の受け皿が少ない');
    const report = (await stored(page)).document.report;
    expect(report.basis).toEqual({ kind: 'projected', year: 2023, month: 3 });
    expect(report.bodies.liaison.count).toBeNull();
    expect(report.teams.map((t) => t.name)).toEqual(['地域移行PT', 'こども支援PT']);
  });
}

test('前年度から作成 with a Word file moves the year on and clears the counts and text', async ({ page }) => {
  await page.goto('./');
  await button(page, '前年度から作成').click();
  await page.getByRole('combobox', { name: 'もとにする報告' }).selectOption('file');
  await page.getByLabel('ファイル', { exact: true }).setInputFiles(fixture('aoba_deflated.docx'));
  await button(page, '次の年度の下書きを作成').click();
  const review = page.getByRole('region', { name: 'Wordファイルから読み取った内容' });
  await expect(review).toContainText('次の年度（令和５年度）の下書きとして作ります。回数と内容は空にします。');
  await button(page, 'この内容で作成').click();
  await editable(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('令和５年度　青葉区障害者自立支援協議会　取組状況');
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('地域移行PT');
  await expect(box(page, 'プロジェクトチーム1 年間実施予定回数')).toHaveValue('');
  await expect(box(page, '今年度の主な取組み')).toHaveValue('');
  // Last year's Word file stays beside this year's draft (前年度を表示).
  await button(page, '前年度を表示').click();
  await expect(page.locator('.form-field', { has: box(page, '今年度の主な取組み') }).locator('.previous-text')).toContainText('・地域課題を共有し、各部会の取組を報告した。');
  await expect(page.locator('.form-field', { has: box(page, 'プロジェクトチーム1 名称') }).locator('.previous-text')).toHaveText('地域移行PT');
});

test('やめる saves nothing; an old .doc, a password and a file of another template each get a Japanese message', async ({ page }) => {
  await importFile(page, fixture('aoba.docx'));
  await button(page, 'やめる').click();
  await expect(page.getByRole('region', { name: 'Wordファイルから読み取った内容' })).toHaveCount(0);
  expect(await drafts(page)).toBe(0);
  const cases = [
    ['old_word.doc', '「old_word.doc」'],
    ['password.docx', '「password.docx」'],
  ];
  for (const [name, says] of cases) {
    await importFile(page, fixture(name));
    await expect(page.getByRole('alert')).toContainText(says);
  }
  await importFile(page, fixture('old_word.doc'));
  await expect(page.getByRole('alert')).toContainText('Word文書（*.docx）');
  await importFile(page, fixture('password.docx'));
  await expect(page.getByRole('alert')).toContainText('パスワード');
  await importFile(page, fixture('not_template.docx'));
  await expect(page.getByRole('alert')).toContainText('「not_template.docx」は取組状況の様式');
  expect(await drafts(page)).toBe(0);
});
