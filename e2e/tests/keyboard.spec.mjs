// A whole report by keyboard alone: Tab, Shift+Tab, Enter, Space and the arrow
// keys (text itself is typed). Focus is always visible and in the form's order,
// goes to a new row when one is added and to a sensible place when one goes.
import { test, expect, saved } from './fixtures.mjs';

/** The focused element's accessible name (aria-label, its label, or its text). */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.getAttribute('aria-label') ?? (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent.trim());
  if (label) return label;
  const copy = el.cloneNode(true);
  copy.querySelectorAll('[aria-hidden="true"]').forEach((h) => h.remove());
  return copy.textContent.trim();
});

/** Whether the focused element shows the focus ring (an outline or a box shadow). */
const ringShown = (page) => page.evaluate(() => {
  const s = getComputedStyle(document.activeElement);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
});

/** Presses Tab (or Shift+Tab) until the element named `name` has focus; checks the ring on the way. */
async function tabTo(page, name, { back = false, max = 200 } = {}) {
  for (let i = 0; i < max; i += 1) {
    if ((await focused(page)) === name) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate(() => document.activeElement !== document.body)) {
      expect(await ringShown(page), `focus ring on 「${await focused(page)}」`).toBe(true);
    }
  }
  throw new Error(`「${name}」 not reached by ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Tabs to a field and types into it. */
async function typeIn(page, name, text) {
  await tabTo(page, name);
  await page.keyboard.insertText(text);
}

test('a whole report by keyboard alone: every field, a team and a part added, a row moved and removed, undo and redo, finish, export, print view', async ({ page }) => {
  await page.goto('./');
  await tabTo(page, '新しい報告を作成');
  await page.keyboard.press('Enter');
  await expect(page.locator('.editor.editable')).toBeVisible();

  // One pass over the whole editor: every field in the form's order, each with its ring.
  await page.locator('body').focus();
  const order = [];
  for (let i = 0; i < 120; i += 1) {
    await page.keyboard.press('Tab');
    const name = await focused(page);
    if (!name || order.includes(name)) break;
    expect(await ringShown(page), `focus ring on 「${name}」`).toBe(true);
    order.push(name);
  }
  // The paper form's order: （４）プロジェクトチーム comes before （５）運営会議.
  const form = ['完成にする', '年度', '区', '実績', '全体協議会 区での呼称', '全体協議会 年間実施予定回数', '全体協議会 主な内容・議題等', '全体協議会 内訳を追加',
    '実務者ネットワーク会議 区での呼称', '障害者相談支援事業所等連絡会議 主な内容・議題等', 'プロジェクトチームを追加', '運営会議 主な内容・議題等', 'その他の活動を追加',
    '今年度の主な取組み', '現状における課題', '課題に対する次年度以降の取組予定'];
  const at = form.map((n) => order.indexOf(n));
  expect(at.every((n) => n >= 0), `every field is reached by Tab: ${order.join(' → ')}`).toBe(true);
  expect([...at].sort((a, b) => a - b), `in the form's order: ${order.join(' → ')}`).toEqual(at);

  // Selects by arrow keys, the basis by arrow keys (a radio group).
  await tabTo(page, '年度', { back: true });
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowDown');
  await expect(page.locator('#f-fiscal-year')).toHaveValue('2023');
  await tabTo(page, '区');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#f-ward')).toHaveValue('miyagino');
  await tabTo(page, '実績');
  await page.keyboard.press('Space');
  await expect(page.locator('#f-basis')).toBeChecked();

  for (const body of ['全体協議会', '実務者ネットワーク会議', '障害者相談支援事業所等連絡会議', '運営会議']) {
    await typeIn(page, `${body} 年間実施予定回数`, '4');
    await typeIn(page, `${body} 主な内容・議題等`, `${body}の内容`);
  }
  // A part, added with Enter: focus goes to its first field.
  await tabTo(page, '実務者ネットワーク会議 内訳を追加', { back: true });
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('実務者ネットワーク会議 内訳1 名称');
  await page.keyboard.insertText('全体会');
  await typeIn(page, '実務者ネットワーク会議 内訳1 回数', '2');
  await typeIn(page, '実務者ネットワーク会議 内訳1 内容', '事例検討');

  // Two teams with Space on the add button; the second moved up with Enter; the first removed.
  for (const [i, name] of ['防災チーム', '就労チーム'].entries()) {
    await tabTo(page, 'プロジェクトチームを追加');
    await page.keyboard.press('Space');
    await expect.poll(() => focused(page)).toBe(`プロジェクトチーム${i + 1} 名称`);
    await page.keyboard.insertText(name);
    await typeIn(page, `プロジェクトチーム${i + 1} 年間実施予定回数`, '3');
    await typeIn(page, `プロジェクトチーム${i + 1} 主な内容・議題等`, `${name}の内容`);
  }
  await tabTo(page, 'プロジェクトチーム2を上へ', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'プロジェクトチーム1 名称', exact: true })).toHaveValue('就労チーム');
  await expect.poll(() => focused(page)).toBe('プロジェクトチーム1を上へ');
  await tabTo(page, 'プロジェクトチーム2を削除');
  await page.keyboard.press('Enter');
  // The removed row's place: the row above (there is none below).
  await expect.poll(() => focused(page)).toBe('プロジェクトチーム1 名称');
  await expect(page.getByRole('textbox', { name: 'プロジェクトチーム2 名称', exact: true })).toHaveCount(0);

  // Undo brings the team back, redo removes it again; focus stays on the button
  // pressed while it can still act, so Enter again undoes the next step.
  await tabTo(page, '元に戻す', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'プロジェクトチーム2 名称', exact: true })).toHaveValue('防災チーム');
  expect(await focused(page)).toBe('元に戻す');
  await tabTo(page, 'やり直す');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'プロジェクトチーム2 名称', exact: true })).toHaveCount(0);
  // Nothing is left to redo: the disabled button cannot keep focus, which goes where the row was.
  await expect(page.getByRole('button', { name: 'やり直す', exact: true })).toBeDisabled();
  await expect.poll(() => focused(page)).toBe('プロジェクトチーム1 名称');

  await typeIn(page, '今年度の主な取組み', 'キーボードだけで書いた。');
  await typeIn(page, '現状における課題', '課題です。');
  await typeIn(page, '課題に対する次年度以降の取組予定', '予定です。');
  await tabTo(page, '完成にする', { back: true });
  await page.keyboard.press('Enter');
  // The part's 2 of the body's 4 meetings is a warning: the question is answered by keyboard too.
  await expect(page.getByRole('alert').filter({ hasText: '注意が1件あります。このまま完成にしますか？' })).toBeVisible();
  await tabTo(page, 'このまま完成にする');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/この報告は完成しています/)).toBeVisible();
  await saved(page);

  await tabTo(page, 'JSONを書き出す', { back: true });
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(file.suggestedFilename()).toBe('R5_miyagino_torikumi.json');
  await tabTo(page, '印刷用表示');
  await page.keyboard.press('Enter');
  await expect(page.locator('.p-report')).toContainText('キーボードだけで書いた。');
  await tabTo(page, '印刷');
});
