// Faults of an office PC's browser around the one-editing-tab rule (issue 22): a
// take-over while text waits to be written, or while the old tab is slow; a tab that
// loses the role while storage refuses its text; storage that throws. Web Locks and
// the lease are faults-locks.spec.mjs. Each test proves what storage holds.
import { test, expect, box, button, editable, saved, stored, draftId, newDraft, fillStorage, keptAll, OFFICE_PC_WINDOW } from './fixtures.mjs';
import { slowUnpaintedPage } from '../page-scripts.mjs';
import { MAIN, VIEWING, locks, typeAtEnd, twoTabs } from './tabs.mjs';

const removeFillers = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));

for (const mode of ['with Web Locks', 'without Web Locks']) {
  test(`a take-over ${mode} within the autosave delay keeps what the old tab had just typed`, async ({ context }) => {
    if (mode === 'without Web Locks') await context.addInitScript(locks.absent);
    const { first, second, id } = await twoTabs(context);

    // Typed in the editing tab, and at once (before the first save, even before the text
    // reached the app's store) the other tab takes over.
    await typeAtEnd(first, MAIN, '引き継ぐ直前に書いた。');
    await button(second, 'このタブで編集する').click();
    await editable(second);
    await expect(box(second, MAIN)).toHaveValue('引き継ぐ直前に書いた。');
    await expect(first.getByText(VIEWING)).toBeVisible();
    await expect(box(first, MAIN)).not.toBeEditable();
    await typeAtEnd(second, MAIN, '引き継いだ後。');
    await saved(second);
    const text = (await stored(second, id)).document.report.sections.main_work;
    expect(text).toBe('引き継ぐ直前に書いた。引き継いだ後。');
    keptAll(`a take-over ${mode} within the autosave delay`, '引き継ぐ直前に書いた。', text);
  });
}

// Yew runs an update's effects in a later task when the update took over 16 ms: the old
// tab's last write must not wait for them (editor_store.rs, Newest).
test('a take-over while the old tab is slow to update its page keeps what it had just typed', async ({ context }) => {
  const first = await context.newPage();
  await first.addInitScript(slowUnpaintedPage);
  await newDraft(first);
  const id = draftId(first);
  const second = await context.newPage();
  await second.goto(`./#/draft/${id}`);
  await expect(second.getByText(VIEWING)).toBeVisible();

  await typeAtEnd(first, MAIN, '遅い端末で引き継ぐ直前に書いた。');
  await button(second, 'このタブで編集する').click();
  await editable(second);
  await expect(box(second, MAIN)).toHaveValue('遅い端末で引き継ぐ直前に書いた。');
  expect((await stored(second, id)).document.report.sections.main_work).toBe('遅い端末で引き継ぐ直前に書いた。');
});

test('a tab that loses the editor role while storage is full keeps its text, asks before closing, and is not overwritten', async ({ context }) => {
  await context.addInitScript(locks.absent);
  const { first, second, id } = await twoTabs(context);

  await fillStorage(first);
  await typeAtEnd(first, MAIN, '保存できなかった一文。');
  await expect(first.locator('.save-status')).toHaveText('保存できていません');
  await button(second, 'このタブで編集する').click();
  await editable(second);
  await expect(first.getByText(VIEWING)).toBeVisible();
  await expect(box(first, MAIN)).toHaveValue('保存できなかった一文。');

  // Room again: the new editor writes; the old tab keeps its own text and offers a choice.
  await removeFillers(second);
  await typeAtEnd(second, MAIN, '新しい編集タブの一文。');
  await saved(second);
  await expect(first.getByRole('alert').filter({ hasText: '別のタブで更新されています' })).toBeVisible();
  await expect(box(first, MAIN)).toHaveValue('保存できなかった一文。');

  // Closing asks (the browser's own question)...
  const asked = new Promise((resolve) => first.once('dialog', async (d) => {
    resolve(d.type());
    await d.dismiss();
  }));
  await first.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  // ...and keeping it as a draft of its own stores it.
  await button(first, 'この画面の内容を別の下書きとして残す').click();
  await expect(first.locator('.save-status[data-state="saved"]')).toBeVisible();
  const copy = await stored(first);
  expect(draftId(first)).not.toBe(id);
  expect(copy.document.report.sections.main_work).toBe('保存できなかった一文。');
  expect((await stored(second, id)).document.report.sections.main_work).toBe('新しい編集タブの一文。');
  keptAll('losing the editor role with text storage refused (kept as a copy)', '保存できなかった一文。', copy.document.report.sections.main_work);
});

test('a take-over while the clerk types far down the form is said where the clerk is, and 対処を見る leads back to editing', async ({ context }) => {
  const first = await context.newPage();
  await first.setViewportSize(OFFICE_PC_WINDOW);
  await newDraft(first);
  const id = draftId(first);
  const second = await context.newPage();
  await second.goto(`./#/draft/${id}`);
  await expect(second.getByText(VIEWING)).toBeVisible();

  const plans = box(first, '課題に対する次年度以降の取組予定');
  await typeAtEnd(first, '課題に対する次年度以降の取組予定', '下の方で書いていた。');
  await button(second, 'このタブで編集する').click();
  await editable(second);
  const notice = first.getByText(VIEWING);
  await expect(notice).toBeVisible();
  await expect(notice).not.toBeInViewport();
  const bar = first.locator('.sticky-bar');
  await expect(bar).toContainText('別のタブで編集中（このタブは閲覧のみ）');
  await expect(bar).toBeInViewport();
  await expect(plans).toBeInViewport();
  await button(first, '対処を見る').click();
  await expect(button(first, 'このタブで編集する')).toBeInViewport();
  await expect(plans).toHaveValue('下の方で書いていた。');
  expect((await stored(second, id)).document.report.sections.plans).toBe('下の方で書いていた。');
});

test('text held by a read-only tab survives leaving for the start page and coming back', async ({ context }) => {
  await context.addInitScript(locks.absent);
  const { first, second, id } = await twoTabs(context);
  await fillStorage(first);
  await typeAtEnd(first, MAIN, '持ち続ける一文。');
  await expect(first.locator('.save-status')).toHaveText('保存できていません');
  await button(second, 'このタブで編集する').click();
  await editable(second);
  await expect(first.getByText(VIEWING)).toBeVisible();

  // Leaving asks; going anyway keeps the text in this page, and it is what reopens.
  const asked = new Promise((resolve) => first.once('dialog', async (d) => {
    resolve(d.message());
    await d.accept();
  }));
  await first.getByRole('link', { name: '← 下書きの一覧' }).click();
  expect(await asked).toContain('まだ保存できていない内容があります');
  await first.goto(`./#/draft/${id}`);
  await expect(first.getByText(VIEWING)).toBeVisible();
  await expect(box(first, MAIN)).toHaveValue('持ち続ける一文。');

  await removeFillers(second);
  await typeAtEnd(second, MAIN, '編集タブの一文。');
  await saved(second);
  await expect(first.getByRole('alert').filter({ hasText: '別のタブで更新されています' })).toBeVisible();
  await expect(box(first, MAIN)).toHaveValue('持ち続ける一文。');
  await button(first, '新しい方を開く').click();
  await expect(box(first, MAIN)).toHaveValue('編集タブの一文。');
  const history = await first.evaluate((key) => JSON.parse(localStorage.getItem(key)), `torikumi:history:${id}`);
  keptAll('held text after leaving and reopening, then 新しい方を開く (kept as an earlier version)', '持ち続ける一文。',
    history.map((v) => v.document.report.sections.main_work).join('\n'));
});

test.describe('storage that throws', () => {
  test('on every write: said at once, typing goes on, and the text is exported', async ({ page }) => {
    await page.addInitScript(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (window.__refuseWrites && key.startsWith('torikumi:')) throw new DOMException('The operation is insecure.', 'SecurityError');
        return set.call(this, key, value);
      };
    });
    await newDraft(page);
    await page.evaluate(() => (window.__refuseWrites = true));
    await typeAtEnd(page, MAIN, '書き込めない間の一文');
    await expect(page.locator('.save-status')).toHaveText('保存できていません');
    await expect(page.getByRole('alert').first()).toBeVisible();
    const [file] = await Promise.all([page.waitForEvent('download'), button(page, 'JSONを書き出す').click()]);
    const { readFileSync } = await import('node:fs');
    const text = JSON.parse(readFileSync(await file.path(), 'utf8')).report.sections.main_work;
    keptAll('storage throwing on every write: the export', '書き込めない間の一文', text);
  });

  test('on every read: the start page says so, and a new draft can still be written and exported', async ({ page }) => {
    await newDraft(page);
    await typeAtEnd(page, MAIN, '読めなくなる前の一文');
    await saved(page);
    await page.addInitScript(() => {
      Storage.prototype.getItem = function () {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    });
    await page.goto('./#/');
    await page.reload();
    await expect(page.getByRole('alert').first()).toContainText('下書きを保存できません');
    await button(page, '新しい報告を作成').click();
    await expect(page.locator('.editor')).toBeVisible();
    await typeAtEnd(page, MAIN, '読めない間の一文');
    await expect(page.locator('.save-status')).toHaveText('保存できていません');
    const [file] = await Promise.all([page.waitForEvent('download'), button(page, 'JSONを書き出す').click()]);
    const { readFileSync } = await import('node:fs');
    keptAll('storage throwing on every read: the export', '読めない間の一文', JSON.parse(readFileSync(await file.path(), 'utf8')).report.sections.main_work);
  });
});
