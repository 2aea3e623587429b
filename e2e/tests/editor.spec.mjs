// The editor, driven the way a person (or a screen reader) finds fields: by
// their accessible names from REPORT-FORM.md.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, box, button, newDraft } from './fixtures.mjs';
import { report } from '../report-fixture.mjs';

test.beforeEach(async ({ page }) => newDraft(page));

/** Types into a field as a person does, then leaves it with Tab. */
async function type(page, name, text) {
  const field = box(page, name);
  await field.click();
  await field.fill('');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Tab');
}

test('a complete report is filled in through accessible names and reads back exactly', async ({ page }) => {
  await page.getByRole('combobox', { name: '年度', exact: true }).selectOption({ label: report.basics.年度 });
  await page.getByRole('combobox', { name: '区', exact: true }).selectOption({ label: report.basics.区 });
  const basis = page.getByRole('group', { name: '集計の区分', exact: true });
  await basis.getByRole('radio', { name: '見込み', exact: true }).check();
  await page.getByRole('combobox', { name: '見込み時点', exact: true }).selectOption({ label: report.basics.projection });

  for (const [body, fields] of Object.entries(report.bodies)) {
    for (const [cell, text] of Object.entries(fields)) if (text) await type(page, `${body} ${cell}`, text);
  }
  for (const [i, part] of report.parts.entries()) {
    await button(page, '実務者ネットワーク会議 内訳を追加').click();
    // Focus moves to the new part's first field.
    await expect(box(page, `実務者ネットワーク会議 内訳${i + 1} 名称`)).toBeFocused();
    for (const [cell, text] of Object.entries(part)) await type(page, `実務者ネットワーク会議 内訳${i + 1} ${cell}`, text);
  }
  for (const [list, rows, add] of [
    ['プロジェクトチーム', report.teams, 'プロジェクトチームを追加'],
    ['その他の活動', report.activities, 'その他の活動を追加'],
  ]) {
    for (const [i, row] of rows.entries()) {
      await button(page, add).click();
      await expect(box(page, `${list}${i + 1} 名称`)).toBeFocused();
      for (const [cell, text] of Object.entries(row)) await type(page, `${list}${i + 1} ${cell}`, text);
    }
  }
  for (const [name, text] of Object.entries(report.sections)) await type(page, name, text);

  // Read back every value.
  await expect(page.getByRole('combobox', { name: '年度', exact: true })).toHaveValue('2023');
  await expect(page.getByRole('combobox', { name: '区', exact: true })).toHaveValue('wakabayashi');
  await expect(basis.getByRole('radio', { name: '見込み', exact: true })).toBeChecked();
  await expect(page.getByRole('combobox', { name: '見込み時点', exact: true })).toHaveValue('2024-3');
  for (const [body, fields] of Object.entries(report.bodies)) {
    for (const [cell, text] of Object.entries(fields)) await expect(box(page, `${body} ${cell}`)).toHaveValue(text);
  }
  for (const [i, part] of report.parts.entries()) {
    for (const [cell, text] of Object.entries(part)) await expect(box(page, `実務者ネットワーク会議 内訳${i + 1} ${cell}`)).toHaveValue(text);
  }
  for (const [i, row] of report.teams.entries()) {
    for (const [cell, text] of Object.entries(row)) await expect(box(page, `プロジェクトチーム${i + 1} ${cell}`)).toHaveValue(text);
  }
  for (const [cell, text] of Object.entries(report.activities[0])) await expect(box(page, `その他の活動1 ${cell}`)).toHaveValue(text);
  for (const [name, text] of Object.entries(report.sections)) await expect(box(page, name)).toHaveValue(text);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('令和５年度　若林区障害者自立支援協議会　取組状況');
  await expect(page.getByRole('heading', { name: '○実施状況（R6.3 見込み）' })).toBeVisible();
  // No error left: 完成にする finishes the report.
  await button(page, '完成にする').click();
  await expect(page.getByText(/この報告は完成しています/)).toBeVisible();
});

test('a count typed as 「１２回」 becomes 12 when the field is left, not while typing', async ({ page }) => {
  const count = box(page, '全体協議会 年間実施予定回数');
  await count.click();
  await page.keyboard.insertText('１２回');
  await expect(count).toHaveValue('１２回');
  await page.keyboard.press('Tab');
  await expect(count).toHaveValue('12');
  // What does not parse is kept as typed, and said to be wrong.
  await count.fill('十二');
  await page.keyboard.press('Tab');
  await expect(count).toHaveValue('十二');
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  const described = await count.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${described.split(' ').pop()}"]`)).toContainText('「十二」は回数として読めません');
});

/** Composes text with the IME as Chromium does for a Japanese input method. */
async function compose(page, steps, commit) {
  const cdp = await page.context().newCDPSession(page);
  for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: commit });
  await cdp.detach();
}

const caret = (locator) => locator.evaluate((el) => [el.selectionStart, el.selectionEnd]);

for (const [name, before, steps, commit, after] of [
  ['全体協議会 年間実施予定回数', '', ['１', '１２'], '１２', '１２'],
  ['全体協議会 主な内容・議題等', '・報告', ['ぎ', 'ぎだ', 'ぎだい'], '議題', '・報告議題'],
  ['今年度の主な取組み', '一行目\n', ['けんしゅう'], '研修', '一行目\n研修'],
]) {
  test(`typing through an IME composition into 「${name}」 loses, moves and doubles nothing`, async ({ page }) => {
    const field = box(page, name);
    await field.click();
    if (before) await page.keyboard.insertText(before);
    await compose(page, steps, commit);
    await expect(field).toHaveValue(after);
    expect(await caret(field)).toEqual([after.length, after.length]);
    // Compose again in the middle of the text: the caret stays where the text went.
    await field.evaluate((el) => el.setSelectionRange(1, 1));
    await compose(page, ['か'], '火');
    const expected = after.slice(0, 1) + '火' + after.slice(1);
    await expect(field).toHaveValue(expected);
    expect(await caret(field)).toEqual([2, 2]);
    // The store has the text: it survives the field being left and re-rendered.
    await page.keyboard.press('Tab');
    await expect(field).toHaveValue(expected);
  });
}

test('Enter that confirms a conversion in a one-line field does nothing else', async ({ page }) => {
  const name = box(page, '全体協議会 区での呼称');
  await name.click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'あおば', selectionStart: 3, selectionEnd: 3 });
  // Enter while composing: the IME's key (keyCode 229), then the committed text.
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 });
  await cdp.send('Input.insertText', { text: '青葉' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  await expect(name).toHaveValue('青葉');
  await expect(name).toBeFocused();
});

test('a removed team comes back with 元に戻す and with Ctrl+Z, and goes again with やり直す', async ({ page }) => {
  for (const name of ['防災PT', '就労PT']) {
    await button(page, 'プロジェクトチームを追加').click();
    await page.keyboard.insertText(name);
  }
  await button(page, 'プロジェクトチーム1を削除').click();
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('就労PT');
  await expect(box(page, 'プロジェクトチーム2 名称')).toHaveCount(0);
  // Focus moved to the row that took the removed one's place.
  await expect(box(page, 'プロジェクトチーム1 名称')).toBeFocused();

  await button(page, '元に戻す').click();
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('防災PT');
  await expect(box(page, 'プロジェクトチーム2 名称')).toHaveValue('就労PT');
  await button(page, 'やり直す').click();
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('就労PT');

  // Ctrl+Z inside a text field is the browser's own undo, not ours.
  await box(page, '現状における課題').click();
  await page.keyboard.press('Control+z');
  await expect(box(page, 'プロジェクトチーム2 名称')).toHaveCount(0);
  // Outside a text field, Ctrl+Z undoes the removal.
  await button(page, '完成にする').focus();
  await page.keyboard.press('Control+z');
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('防災PT');
  await page.keyboard.press('Control+y');
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('就労PT');
});

test('teams and parts move up and down and renumber', async ({ page }) => {
  for (const name of ['A', 'B', 'C']) {
    await button(page, 'プロジェクトチームを追加').click();
    await page.keyboard.insertText(name);
  }
  await button(page, 'プロジェクトチーム3を上へ').click();
  await expect(box(page, 'プロジェクトチーム2 名称')).toHaveValue('C');
  // Focus follows the moved row's button.
  await expect(button(page, 'プロジェクトチーム2を上へ')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(box(page, 'プロジェクトチーム1 名称')).toHaveValue('C');
  await button(page, 'プロジェクトチーム1を下へ').click();
  await expect(box(page, 'プロジェクトチーム2 名称')).toHaveValue('C');

  await button(page, '運営会議 内訳を追加').click();
  await page.keyboard.insertText('第1回');
  await button(page, '運営会議 内訳を追加').click();
  await page.keyboard.insertText('第2回');
  await button(page, '運営会議 内訳2を上へ').click();
  await expect(box(page, '運営会議 内訳1 名称')).toHaveValue('第2回');
  await button(page, '運営会議 内訳1を削除').click();
  await expect(box(page, '運営会議 内訳1 名称')).toHaveValue('第1回');
});

test('a summary link moves focus to its field', async ({ page }) => {
  await button(page, '完成にする').click();
  const summary = page.getByRole('region', { name: '入力内容を確認してください' });
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: /^全体協議会 年間実施予定回数が未入力です。/ }).click();
  await expect(box(page, '全体協議会 年間実施予定回数')).toBeFocused();
  await expect(box(page, '全体協議会 年間実施予定回数')).toHaveAttribute('aria-invalid', 'true');
  // The summary lists findings shown so far; a fixed field leaves it.
  await page.keyboard.insertText('3');
  await page.keyboard.press('Tab');
  await expect(summary.getByRole('link', { name: /^全体協議会 年間実施予定回数/ })).toHaveCount(0);
});

test('findings show once a field is left, before 完成にする', async ({ page }) => {
  const count = box(page, '運営会議 年間実施予定回数');
  await count.click();
  await expect(page.getByText('運営会議 年間実施予定回数が未入力です。', { exact: false })).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(count).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('region', { name: '入力内容を確認してください' })).toContainText('運営会議 年間実施予定回数が未入力です。');
  // A warning is shown as a warning, and does not mark the field invalid.
  await count.fill('60');
  await page.keyboard.press('Tab');
  await expect(count).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('運営会議 年間実施予定回数が60回です', { exact: false }).first()).toBeVisible();
});

test('the editor with findings showing has no accessibility violations (axe, WCAG 2.2 AA)', async ({ page }) => {
  await button(page, 'プロジェクトチームを追加').click();
  await button(page, '実務者ネットワーク会議 内訳を追加').click();
  await page.getByRole('group', { name: '集計の区分' }).getByRole('radio', { name: '見込み' }).check();
  await button(page, '完成にする').click();
  await expect(page.getByRole('region', { name: '入力内容を確認してください' })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});
