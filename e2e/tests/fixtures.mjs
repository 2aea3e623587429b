// What every spec uses: pages that fail the test on any uncaught page error
// (every page the test opens, not only the first), and the ways a person finds
// things on them (accessible names).
import { readFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { typedTextSent } from '../page-scripts.mjs';

export const test = base.extend({
  // A test that provokes errors on purpose names the ones it expects.
  allowedPageErrors: [[], { option: true }],
  context: async ({ context, allowedPageErrors }, use) => {
    const errors = [];
    const watch = (page) => page.on('pageerror', (e) => {
      if (!allowedPageErrors.some((allowed) => allowed.test(e.message))) errors.push(e.message);
    });
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(context);
    expect(errors, 'uncaught errors in the pages').toEqual([]);
  },
});

export { expect };

/** An office PC's window: 1366×768 at 125% scaling, less the browser's own bars. */
export const OFFICE_PC_WINDOW = { width: 1093, height: 540 };

export const box = (page, name) => page.getByRole('textbox', { name, exact: true });
export const button = (page, name) => page.getByRole('button', { name, exact: true });
/**
 * The app has started and shows its start page: index.html's static first paint, which
 * looks the same before the app runs (first-paint.spec.mjs), has given way to it.
 */
export async function started(page, options) {
  await expect(page.locator('#boot-frame')).toHaveCount(0, options);
  await expect(page.getByRole('heading', { name: '取組状況の作成', exact: true })).toBeVisible(options);
}

/** The editor has the draft and may edit it (this tab holds it). */
export const editable = (page) => expect(page.locator('.editor.editable')).toBeVisible();

/** The open draft's id, from the URL. */
export const draftId = (page) => page.url().split('/draft/')[1].split('/')[0];

/** The open draft's record as local storage holds it now (null when there is none). */
export async function stored(page, id = draftId(page)) {
  const raw = await page.evaluate((key) => localStorage.getItem(key), `torikumi:draft:${id}`);
  return raw === null ? null : JSON.parse(raw);
}

/**
 * Everything typed is stored: nothing waits to be written (a change is unsaved
 * from the moment it reaches the app's store), and storage holds the revision the
 * page last wrote. Typed text reaches the store in a task after the frame that
 * shows it (text_field.rs), so the status is read after that.
 */
export async function saved(page) {
  await page.evaluate(typedTextSent);
  const status = page.locator('.save-status[data-state="saved"][data-unsaved="false"]');
  await expect(status).toBeVisible();
  const revision = Number(await status.getAttribute('data-revision'));
  await expect.poll(async () => (await stored(page))?.revision).toBe(revision);
}

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

/**
 * In one task: `typed` appended to the section field named `name` (key `section` in the
 * report), and another writer (an old copy of the app, say) storing `stored` in that
 * section of the open draft's record before this page's next save. `left`: the field is
 * left too, so the text reaches the store (before Yew renders it). `heard`: the page
 * hears the write as a `storage` event, as it hears another tab's.
 */
export function typedWhileStoredElsewhere(page, { name, section, typed, stored: elsewhere, left = false, heard = false }) {
  return page.evaluate(({ key, name, section, typed, elsewhere, left, heard }) => {
    const field = document.querySelector(`textarea[aria-label="${name}"]`);
    if (left) field.focus();
    field.value += typed;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: typed }));
    if (left) field.blur();
    const record = JSON.parse(localStorage.getItem(key));
    record.revision += 1;
    record.document.report.sections[section] = elsewhere;
    const value = JSON.stringify(record);
    localStorage.setItem(key, value);
    if (heard) window.dispatchEvent(new StorageEvent('storage', { key, newValue: value, storageArea: localStorage }));
  }, { key: `torikumi:draft:${draftId(page)}`, name, section, typed, elsewhere, left, heard });
}

/** Opens 取りまとめ from the start page (the on-demand module mounts it). */
export async function openBundle(page) {
  await page.goto('./#/');
  await button(page, '取りまとめ').click();
  await expect(page.getByRole('heading', { name: '取りまとめ', level: 1 })).toBeVisible();
}

/**
 * Adds files with 取りまとめ's 「ファイルを追加」 and returns once they have been read and
 * joined to the set: when this addition's progress bar has come and gone (looking only for
 * no progress bar could pass before the files are even read).
 */
export async function addFiles(page, files) {
  // The view is there (after a reload the module mounts it a moment later).
  const add = button(page, 'ファイルを追加');
  await expect(add).toBeVisible();
  await page.evaluate(() => {
    window.__torikumiFilesAdded = new Promise((resolve) => {
      new MutationObserver((records, observer) => {
        if (records.some((r) => [...r.removedNodes].some((n) => n.nodeName === 'PROGRESS'))) {
          observer.disconnect();
          resolve();
        }
      }).observe(document.querySelector('.bundle-progress'), { childList: true, subtree: true });
    });
  });
  const chooser = page.waitForEvent('filechooser');
  await add.click();
  await (await chooser).setFiles(files);
  await page.evaluate(() => window.__torikumiFilesAdded);
}

/** Clicks a button that downloads a file; the file's name, path and text. */
export async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, name).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

/** Browsers without showSaveFilePicker (Firefox, Safari). */
export function withoutSavePicker() {
  delete window.showSaveFilePicker;
  if ('showSaveFilePicker' in window) Object.defineProperty(window, 'showSaveFilePicker', { value: undefined });
}


/**
 * Fills this origin's local storage to its quota, to the last character: a new key's own
 * length would leave room for a few characters, so the last ones lengthen a filler already there.
 */
export function fillStorage(page) {
  return page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0; i++) {
      try {
        localStorage.setItem(`filler-${i}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
    for (let last = localStorage.getItem('filler-0'); ; last += 'x') {
      try {
        localStorage.setItem('filler-0', `${last}x`);
      } catch {
        break;
      }
    }
  });
}

/**
 * The no-loss figures: what was typed, and how much of it storage (or a file)
 * holds afterwards. Prints a line for the closing table, and fails unless all of it is there.
 */
export function keptAll(scenario, typed, found) {
  const chars = (s) => [...s].length;
  const kept = found.includes(typed) ? chars(typed) : 0;
  console.log(`no-loss | ${scenario} | typed ${chars(typed)} | found ${kept}`);
  expect(found).toContain(typed);
}
