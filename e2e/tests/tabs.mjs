// What the tab specs share: the field they type in, the viewing tab's notice, page
// scripts that break Web Locks the way browser policies do, and two tabs on one draft.
import { expect, box, draftId, newDraft } from './fixtures.mjs';

export const MAIN = '今年度の主な取組み';
export const VIEWING = 'この下書きは別のタブで編集中です。';

/** Page scripts that break Web Locks the way browser policies do. */
export const locks = {
  absent: () => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }),
  // (about:blank, where a new page starts, has no LockManager.)
  refused: () => {
    if (!self.LockManager) return;
    LockManager.prototype.request = function () {
      return Promise.reject(new DOMException('The request was denied.', 'SecurityError'));
    };
  },
  silent: () => {
    if (!self.LockManager) return;
    LockManager.prototype.request = function () {
      return new Promise(() => {});
    };
  },
};

/** Types at the end of a field without waiting for anything afterwards. */
export async function typeAtEnd(page, name, text) {
  await box(page, name).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

/** A new draft edited in one tab and viewed in a second. */
export async function twoTabs(context) {
  const first = await context.newPage();
  await newDraft(first);
  const id = draftId(first);
  const second = await context.newPage();
  await second.goto(`./#/draft/${id}`);
  await expect(second.getByText(VIEWING)).toBeVisible();
  return { first, second, id };
}
