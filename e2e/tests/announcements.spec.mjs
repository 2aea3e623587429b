// Status changes reach screen readers through live regions, read here as a
// screen reader would get them: the text of the app's live region (#announcer)
// or of the alert. Typing itself announces nothing.
import { test, expect, box, button, newDraft, saved, fillStorage } from './fixtures.mjs';
import { WARDS, wardReport } from '../ward-reports.mjs';

const announcer = (page) => page.locator('#announcer[role="status"][aria-live="polite"]');

/** Counts changes to the live region from now on. */
const countAnnouncements = (page) => page.evaluate(() => {
  window.__announced = 0;
  new MutationObserver(() => { window.__announced += 1; }).observe(document.getElementById('announcer'), { childList: true, characterData: true, subtree: true });
});

test('typing and saving announce nothing; a failed save is an alert, and saving again is announced', async ({ page }) => {
  await newDraft(page);
  await expect(page.locator('.save-status')).not.toHaveAttribute('role');
  await expect(page.locator('.save-status')).not.toHaveAttribute('aria-live');
  await countAnnouncements(page);
  await box(page, '今年度の主な取組み').click();
  for (const c of '一文字ずつ入力しても読み上げは増えません。') await page.keyboard.insertText(c);
  await saved(page);
  expect(await page.evaluate(() => window.__announced)).toBe(0);

  await fillStorage(page);
  await box(page, '今年度の主な取組み').click();
  await page.keyboard.press('End');
  // Longer than the few characters fillStorage may leave free (its last key's name).
  await page.keyboard.insertText('保存領域がいっぱいのときに書き足した文章です。');
  await expect(page.getByRole('alert').filter({ hasText: '保存領域がいっぱい' })).toBeVisible();
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await page.keyboard.insertText('。空いた');
  await saved(page);
  await expect(announcer(page)).toHaveText('保存できるようになりました。入力した内容はすべてこの端末に保存されています。');
});

test('完成にする with errors announces how many, and focus goes to the summary', async ({ page }) => {
  await newDraft(page);
  await button(page, '完成にする').click();
  await expect(page.getByRole('region', { name: '入力内容を確認してください' })).toBeFocused();
  await expect(announcer(page)).toHaveText(/^エラーが\d+件、注意が\d+件あります。エラーを直すと完成にできます。$/);
  // Pressed again, it is said again: the region's text changes (a no-break space is toggled).
  const raw = () => announcer(page).evaluate((el) => el.textContent);
  const first = await raw();
  await button(page, '完成にする').click();
  await expect.poll(raw).toBe(`${first}\u00a0`);
});

test('the bundle announces what was added, and its warnings are a live region', async ({ page }) => {
  await page.goto('./#/bundle');
  const chooser = page.waitForEvent('filechooser');
  await button(page, 'ファイルを追加').click();
  await (await chooser).setFiles([
    { name: 'R4_aoba_torikumi.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wardReport('aoba', { counts: [1, 2, 3, 4] }))) },
    { name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('メモ') },
  ]);
  await expect(announcer(page)).toHaveText('1件の報告を追加しました。読み込めなかったファイルが1件あります。');
  const warnings = page.locator('.bundle-warnings[role="status"]');
  await expect(warnings).toContainText(`${WARDS.slice(1).map(([n]) => n).join('、')}の報告がまだありません。`);
  await expect(warnings).toContainText('「memo.txt」は読み込めなかったため');
});
