// Drafts that are never lost: reload, closing, full storage, damage, two tabs,
// the trash, earlier versions, clearing the device, next year's draft.
import AxeBuilder from '@axe-core/playwright';
import { countDraftWrites } from '../page-scripts.mjs';
import { test, expect, box, button, editable, saved, newDraft, openSample, download, withoutSavePicker, fillStorage, keptAll, stored, OFFICE_PC_WINDOW } from './fixtures.mjs';

test('a reload finds everything as it was, in the same view', async ({ page }) => {
  await newDraft(page);
  await page.getByRole('combobox', { name: '年度', exact: true }).selectOption('2024');
  await button(page, 'プロジェクトチームを追加').click();
  await page.keyboard.insertText('防災PT');
  await box(page, '今年度の主な取組み').click();
  await page.keyboard.insertText('一行目\n二行目　全角スペース');
  await saved(page);
  const url = page.url();
  await page.reload();
  await editable(page);
  expect(page.url()).toBe(url);
  await expect(page.getByRole('combobox', { name: '年度', exact: true })).toHaveValue('2024');
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('防災PT');
  await expect(box(page, '今年度の主な取組み')).toHaveValue('一行目\n二行目　全角スペース');
  keptAll('a reload', '防災PT一行目\n二行目　全角スペース', (await stored(page)).document.report.teams[0].name + (await stored(page)).document.report.sections.main_work);
});

test('closing the page 50 ms after typing loses nothing', async ({ context }) => {
  const page = await context.newPage();
  await newDraft(page);
  const url = page.url();
  await box(page, '現状における課題').click();
  await page.keyboard.insertText('閉じる直前に書いた課題');
  await page.waitForTimeout(50);
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto(url);
  await editable(again);
  await expect(box(again, '現状における課題')).toHaveValue('閉じる直前に書いた課題');
  keptAll('closing the tab 50 ms after typing', '閉じる直前に書いた課題', (await stored(again)).document.report.sections.issues);
});

/** In one task of the page: types `text` at the end of the field `name` as the browser does (value, then
 * an input event), then runs `then`, so nothing else can run in between; the app sends typed text to
 * its store only after the next frame. */
async function typeThen(page, name, text, then) {
  await page.evaluate(([name, text, then]) => {
    const field = document.querySelector(`[aria-label="${name}"]`);
    field.focus();
    field.value += text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    if (then === 'reload') location.reload();
    else location.hash = '#/';
  }, [name, text, then]);
}

test('a keystroke in the same moment as a reload is kept', async ({ page }) => {
  await newDraft(page);
  await saved(page);
  await typeThen(page, '現状における課題', '再読み込みと同時に書いた', 'reload');
  await editable(page);
  await expect(box(page, '現状における課題')).toHaveValue('再読み込みと同時に書いた');
  keptAll('a keystroke in the same task as a reload', '再読み込みと同時に書いた', (await stored(page)).document.report.sections.issues);
});

test('a keystroke in the same moment as leaving the editor is kept', async ({ page }) => {
  await newDraft(page);
  await saved(page);
  const url = page.url();
  await typeThen(page, '現状における課題', '一覧へ戻ると同時に書いた', 'leave');
  await expect(page.locator('.start')).toBeVisible();
  await page.goto(url);
  await editable(page);
  await expect(box(page, '現状における課題')).toHaveValue('一覧へ戻ると同時に書いた');
  keptAll('a keystroke in the same task as leaving the editor', '一覧へ戻ると同時に書いた', (await stored(page)).document.report.sections.issues);
});

test('100 typed characters cause far fewer storage writes than keystrokes, and all are stored', async ({ page }) => {
  await page.addInitScript(countDraftWrites);
  await newDraft(page);
  await box(page, '今年度の主な取組み').click();
  const before = await page.evaluate(() => window.__writes);
  const started = Date.now();
  await page.keyboard.type('あ'.repeat(100), { delay: 20 });
  const typing = Date.now() - started;
  await saved(page);
  const writes = (await page.evaluate(() => window.__writes)) - before;
  console.log(`storage writes for 100 characters typed in ${typing} ms: ${writes}`);
  // At most one write per half second of typing, plus the last one.
  expect(writes).toBeGreaterThan(0);
  expect(writes).toBeLessThanOrEqual(Math.ceil(typing / 500) + 1);
  expect(writes).toBeLessThan(100);
  await page.reload();
  await editable(page);
  await expect(box(page, '今年度の主な取組み')).toHaveValue('あ'.repeat(100));
  keptAll('100 characters typed one by one, then a reload', 'あ'.repeat(100), (await stored(page)).document.report.sections.main_work);
});

test('a full storage is reported at once, typing goes on, and export still works', async ({ page }) => {
  await newDraft(page);
  await fillStorage(page);
  const section = box(page, '今年度の主な取組み');
  await section.click();
  await page.keyboard.insertText('容量がいっぱいでも書ける');
  await expect(page.getByRole('alert').filter({ hasText: '保存領域がいっぱい' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('JSONを書き出す');
  await page.keyboard.insertText('。続きも');
  await expect(section).toHaveValue('容量がいっぱいでも書ける。続きも');
  const exported = await download(page, 'JSONを書き出す');
  expect(exported.name).toBe('torikumi.json');
  const file = JSON.parse(exported.text);
  expect(file.report.sections.main_work).toBe('容量がいっぱいでも書ける。続きも');
  keptAll('storage full: the exported JSON', '容量がいっぱいでも書ける。続きも', file.report.sections.main_work);
  // Leaving with unsaved changes asks first.
  let asked = false;
  page.on('dialog', async (d) => {
    asked = d.type() === 'beforeunload';
    await d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe(true);
});

test('a full storage is shown where the clerk types, far down the form, and 対処を見る goes to what to do', async ({ page }) => {
  // The form is far longer than the window.
  await page.setViewportSize(OFFICE_PC_WINDOW);
  await openSample(page);
  await fillStorage(page);
  const plans = box(page, '課題に対する次年度以降の取組予定');
  await plans.click();
  await page.keyboard.insertText('下の方で書き足す');
  const notice = page.getByRole('alert').filter({ hasText: '保存領域がいっぱい' });
  await expect(notice).toBeVisible();
  // The notice is at the top of the page, out of view; the sticky bar says it where the clerk is.
  await expect(notice).not.toBeInViewport();
  await expect(plans).toBeInViewport();
  const bar = page.locator('.sticky-bar');
  await expect(bar).toContainText('保存できていません');
  await expect(bar).toBeInViewport();
  // (The bar only: controls scrolled under a sticky bar are partly covered, as under any.)
  const axe = await new AxeBuilder({ page }).include('.sticky-bar').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  await button(page, '対処を見る').click();
  await expect(notice).toBeInViewport();
  await expect(notice).toBeFocused();
  await expect(notice).toContainText('JSONを書き出す');
  await expect(plans).toHaveValue(/下の方で書き足す/);
});

test('without local storage the app says so, and a new draft is written in memory and exported', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The user denied storage', 'SecurityError');
      },
    });
  });
  await page.goto('./');
  await expect(page.getByRole('alert').first()).toContainText('このブラウザーでは下書きを保存できません');
  await button(page, '新しい報告を作成').click();
  await editable(page);
  await box(page, '今年度の主な取組み').click();
  await page.keyboard.insertText('メモリーの中で書く');
  await expect(page.getByRole('alert').filter({ hasText: '保存機能が無効' })).toBeVisible();
  await expect(page.locator('.save-status')).toHaveText('保存できていません');
  const exported = await download(page, 'JSONを書き出す');
  expect(JSON.parse(exported.text).report.sections.main_work).toBe('メモリーの中で書く');
});

test('damaged stored data is set aside, reported, downloadable, and the app still starts', async ({ page }) => {
  await openSample(page);
  await saved(page);
  const id = page.url().split('/draft/')[1];
  await page.evaluate((key) => localStorage.setItem(key, '{"id": "broken", "docu'), `torikumi:draft:${id}`);
  await page.evaluate(() => localStorage.setItem('torikumi:draft:newer', JSON.stringify({ id: 'newer', exported: null, trashed: null, document: { schema: 'torikumi/report/v7' } })));
  await page.goto('./#/');
  const damaged = page.getByRole('region', { name: '読み込めなかったデータ' });
  await expect(damaged).toContainText(`torikumi:draft:${id}：内容が壊れています`);
  await expect(damaged).toContainText('torikumi:draft:newer：新しい版のアプリ（形式 v7）で保存されています');
  const raw = await download(page, `torikumi_draft_${id}.jsonをそのままダウンロード`);
  expect(raw.text).toBe('{"id": "broken", "docu');
  // Still there after a reload: set aside, never deleted.
  await page.reload();
  await expect(damaged).toContainText(`torikumi:draft:${id}`);
  await button(page, '新しい報告を作成').click();
  await editable(page);
});

test('one draft in two tabs: one edits, the other follows, takes over, and nothing is lost', async ({ context }) => {
  const first = await context.newPage();
  await newDraft(first);
  const url = first.url();
  const second = await context.newPage();
  await second.goto(url);
  await expect(second.getByText('この下書きは別のタブで編集中です。')).toBeVisible();
  await expect(box(second, '今年度の主な取組み')).not.toBeEditable();

  await box(first, '今年度の主な取組み').click();
  await first.keyboard.insertText('一つ目のタブで書いた。');
  await expect(box(second, '今年度の主な取組み')).toHaveValue('一つ目のタブで書いた。');

  await button(second, 'このタブで編集する').click();
  await editable(second);
  await expect(first.getByText('この下書きは別のタブで編集中です。')).toBeVisible();
  await expect(box(first, '今年度の主な取組み')).not.toBeEditable();
  await box(second, '今年度の主な取組み').click();
  await second.keyboard.press('End');
  await second.keyboard.insertText('二つ目のタブで続けた。');
  await expect(box(first, '今年度の主な取組み')).toHaveValue('一つ目のタブで書いた。二つ目のタブで続けた。');

  await button(first, 'このタブで編集する').click();
  await editable(first);
  await box(first, '現状における課題').click();
  await first.keyboard.insertText('また一つ目で。');
  await saved(first);
  await second.reload();
  await expect(box(second, '今年度の主な取組み')).toHaveValue('一つ目のタブで書いた。二つ目のタブで続けた。');
  await expect(box(second, '現状における課題')).toHaveValue('また一つ目で。');
});

test('a deleted draft goes to the trash and can be restored', async ({ page }) => {
  await openSample(page);
  await saved(page);
  await page.goto('./#/');
  const drafts = page.getByRole('region', { name: '下書き' });
  await expect(drafts).toContainText('若林区');
  await button(page, '令和５年度 若林区を削除').click();
  await expect(drafts).toContainText('この端末には下書きがありません。');
  const trash = page.getByRole('region', { name: 'ごみ箱' });
  await expect(trash).toContainText('令和５年度　若林区障害者自立支援協議会　取組状況');
  await button(page, '令和５年度　若林区障害者自立支援協議会　取組状況を元に戻す').click();
  await expect(drafts).toContainText('若林区');
  await expect(page.getByRole('region', { name: 'ごみ箱' })).toHaveCount(0);
  await page.getByRole('link', { name: '令和５年度 若林区を開く' }).click();
  await editable(page);
  await expect(box(page, '全体協議会 区での呼称')).toHaveValue('若林区障害者地域支援会議');
});

test('an earlier version can be restored, and the current one is kept', async ({ page }) => {
  await newDraft(page);
  const section = box(page, '課題に対する次年度以降の取組予定');
  await section.click();
  await page.keyboard.insertText('最初の版');
  await saved(page);
  await page.keyboard.insertText('に書き足した版');
  await saved(page);
  await button(page, '以前の版').click();
  const versions = page.getByRole('region', { name: '以前の版' });
  await expect(versions.getByRole('listitem')).toHaveCount(1);
  // Look at it first: the version as it prints.
  await versions.getByText('この版を見る').click();
  await expect(versions.locator('.p-report')).toContainText('最初の版');
  await expect(versions.locator('.p-report')).not.toContainText('書き足した');
  await versions.getByRole('button', { name: /の版に戻す$/ }).click();
  await expect(section).toHaveValue('最初の版');
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await saved(page);
  await page.reload();
  await editable(page);
  await expect(section).toHaveValue('最初の版');
});

test('clearing this device offers export first, exports, then removes every draft', async ({ page }) => {
  // As in Firefox: the export is a download, and the user confirms it was kept.
  await page.addInitScript(withoutSavePicker);
  await openSample(page);
  await saved(page);
  await page.goto('./#/');
  await button(page, 'この端末のデータを消去').click();
  await expect(page.getByRole('alert')).toContainText('書き出していない変更のある下書きが1件あります');
  const exported = await download(page, 'すべて書き出してから消去');
  expect(exported.name).toMatch(/^torikumi_backup_\d{8}-\d{4}\.json$/);
  const [record] = Object.entries(JSON.parse(exported.text).records).filter(([key]) => key.startsWith('torikumi:draft:'));
  expect(JSON.parse(record[1]).document.report.ward.slug).toBe('wakabayashi');
  await button(page, '保存できたので消去する').click();
  await expect(page.getByText('この端末の下書きをすべて消去しました。')).toBeVisible();
  await expect(page.getByRole('region', { name: '下書き' })).toContainText('この端末には下書きがありません。');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('torikumi:')))).toEqual([]);
});

test('the start page shows when each draft was last exported', async ({ page }) => {
  await openSample(page);
  await saved(page);
  await page.goto('./#/');
  const row = page.getByRole('row').filter({ hasText: '若林区' });
  await expect(row).toContainText('まだ');
  await download(page, '令和５年度 若林区をJSONで書き出す');
  await expect(row).not.toContainText('まだ');
});

for (const keep of [false, true]) {
  test(`a draft for next year from last year's report (${keep ? 'keeping' : 'clearing'} counts and text)`, async ({ page }) => {
    await openSample(page);
    await saved(page);
    await page.goto('./#/');
    await button(page, '前年度から作成').click();
    await page.getByRole('combobox', { name: 'もとにする報告' }).selectOption({ label: '令和５年度　若林区障害者自立支援協議会　取組状況' });
    await page.getByRole('group', { name: '回数と内容' }).getByRole('radio', { name: keep ? 'そのまま残す' : '空にする' }).check();
    await button(page, '次の年度の下書きを作成').click();
    await editable(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('令和６年度　若林区障害者自立支援協議会　取組状況');
    await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('防災プロジェクトチーム');
    await expect(box(page, '実務者ネットワーク会議 内訳2 名称')).toHaveValue('六郷・七郷エリア');
    await expect(box(page, 'プロジェクトチーム1 年間実施予定回数')).toHaveValue(keep ? '4' : '');
    await expect(box(page, '今年度の主な取組み')).toHaveValue(keep ? /全体協議会/ : '');
    await expect(page.getByRole('radio', { name: '見込み' })).not.toBeChecked();
  });
}

test('a draft for next year from an exported file', async ({ page }) => {
  await openSample(page);
  const exported = await download(page, 'JSONを書き出す');
  await page.goto('./#/');
  await button(page, '前年度から作成').click();
  await page.getByRole('combobox', { name: 'もとにする報告' }).selectOption('file');
  await page.getByLabel('ファイル', { exact: true }).setInputFiles(exported.path);
  await button(page, '次の年度の下書きを作成').click();
  await editable(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('令和６年度　若林区障害者自立支援協議会　取組状況');
  // A file that is not a report is refused with its name and the reason.
  await page.goto('./#/');
  await button(page, '前年度から作成').click();
  await page.getByRole('combobox', { name: 'もとにする報告' }).selectOption('file');
  await page.getByLabel('ファイル', { exact: true }).setInputFiles({ name: 'memo.json', mimeType: 'application/json', buffer: Buffer.from('{"a": 1}') });
  await button(page, '次の年度の下書きを作成').click();
  await expect(page.getByRole('alert')).toContainText('「memo.json」を読み込めませんでした。取組状況の報告ファイルではありません。');
});

test('the start page has no accessibility violations (axe, WCAG 2.2 AA)', async ({ page }) => {
  await openSample(page);
  await saved(page);
  await page.goto('./#/');
  await button(page, '令和５年度 若林区を削除').click();
  await openSample(page);
  await saved(page);
  await page.goto('./#/');
  await page.evaluate(() => localStorage.setItem('torikumi:draft:bad', 'x'));
  await page.reload();
  await button(page, '前年度から作成').click();
  await button(page, 'この端末のデータを消去').click();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});
