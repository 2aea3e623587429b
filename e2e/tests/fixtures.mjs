// What every spec uses: a page that fails the test on any uncaught page error,
// and the ways a person finds things on it (accessible names).
import { readFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

export const box = (page, name) => page.getByRole('textbox', { name, exact: true });
export const button = (page, name) => page.getByRole('button', { name, exact: true });
/** The editor has the draft and may edit it (this tab holds it). */
export const editable = (page) => expect(page.locator('.editor.editable')).toBeVisible();
/** The status line says everything is stored. */
export const saved = (page) => expect(page.locator('.save-status')).toContainText('この端末に保存済み');

export async function newDraft(page) {
  await page.goto('./');
  await button(page, '新しい報告を作成').click();
  await editable(page);
}

export async function openSample(page) {
  await page.goto('./');
  await button(page, '見本を開く').click();
  await editable(page);
}

/** Clicks a button that downloads a file; the file's name, path and text. */
export async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, name).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}
