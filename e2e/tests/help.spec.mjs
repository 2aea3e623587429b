// Issue 26's 使い方 (#/help): linked from the footer of every page and reached by keyboard,
// every section by its contents and by its address, offline after one visit and in the
// offline file; each message with a section links to it (「詳しく」, a new tab, the message
// staying where it was); no accessibility violation; the first visit's pointer.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, box, button, editable, newDraft, fillStorage, started, typedWhileStoredElsewhere } from './fixtures.mjs';
import { wardReport } from '../ward-reports.mjs';

/** The sections, in the page's order: their addresses and headings. */
const SECTIONS = [
  ['drafts', '下書きはこのブラウザーの中だけ'],
  ['writing', '入力と自動保存'],
  ['finish', '「完成にする」と注意'],
  ['export', '書き出し・メール・PDF'],
  ['offline', 'オフラインで使う'],
  ['next-year', '前年度から作成'],
  ['bundle', '取りまとめ（市の担当者）'],
  ['review', '市からの指摘と回答'],
  ['not-saved', '「保存できていません」と出たとき'],
  ['other-tab', '「別のタブで編集中」と出たとき'],
  ['refused-file', 'ファイルを読み込めないとき'],
];
const title = (id) => SECTIONS.find(([i]) => i === id)[1];
const helpHeading = (page) => page.getByRole('heading', { name: '使い方', level: 1 });
const sectionHeading = (page, id) => page.getByRole('heading', { name: title(id), level: 2, exact: true });
const footerLink = (page) => page.getByRole('contentinfo').getByRole('link', { name: '使い方', exact: true });
const POINTER_KEY = 'torikumi:settings:help-pointer-closed';

const dist = process.env.TORIKUMI_E2E_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const fileUrl = pathToFileURL(join(dist, 'torikumi.html')).href;

/** The focused element's accessible name (its aria-label or its text). */
const focusedName = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el && el !== document.body ? (el.getAttribute('aria-label') ?? el.textContent.trim()) : null;
});

/** Presses `key` until the element named `name` has the focus. */
async function pressTo(page, key, name, max = 40) {
  for (let i = 0; i < max; i += 1) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press(key);
  }
  throw new Error(`「${name}」 not reached by ${key}; the focus is on 「${await focusedName(page)}」`);
}

/** 使い方 shows at `id` (or its top): the address names it, its heading has the focus and is in view. */
async function showsSection(page, id) {
  await expect(helpHeading(page)).toBeVisible();
  await expect(page).toHaveURL(id ? new RegExp(`#/help/${id}$`) : /#\/help$/);
  const heading = id ? sectionHeading(page, id) : helpHeading(page);
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
}

/** From the end of the page, Shift+Tab to the footer's 使い方 and Enter: 使い方 opens at its top. */
async function openFromFooterByKeyboard(page) {
  await page.evaluate(() => document.activeElement?.blur());
  await pressTo(page, 'Shift+Tab', '使い方', 5);
  await expect(footerLink(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await showsSection(page, null);
}

/** 読み込む on the start page with a JSON file that is no report: the message refusing it. */
async function memoRefused(page) {
  const chooser = page.waitForEvent('filechooser');
  await button(page, '読み込む').click();
  await (await chooser).setFiles({ name: 'memo.json', mimeType: 'application/json', buffer: Buffer.from('{"memo": 1}') });
  const refused = page.getByRole('alert').filter({ hasText: '「memo.json」を読み込めませんでした。取組状況の報告ファイルではありません。' });
  await expect(refused).toBeVisible();
  return refused;
}

/** Clicks 「詳しく」 in `message`: its section opens in a new tab, and the message stays. */
async function detailsOpen(page, message, id) {
  const link = message.getByRole('link', { name: /^詳しく\s*（新しいタブ）$/ });
  const [help] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await showsSection(help, id);
  await expect(message).toBeVisible();
  await help.close();
}

test.describe('from every page', () => {
  const pages = [
    ['the start page', async (page) => { await page.goto('./'); await started(page); }, '← 最初のページ', (page) => started(page)],
    ['the editor', (page) => newDraft(page), '← 下書きに戻る', (page) => editable(page)],
    ['the print view', async (page) => {
      await newDraft(page);
      await button(page, '印刷用表示').click();
      await expect(page.locator('.p-report')).toBeVisible();
    }, '← 印刷用表示に戻る', (page) => expect(button(page, '印刷')).toBeVisible()],
    ['取りまとめ', async (page) => {
      await page.goto('./');
      await button(page, '取りまとめ').click();
      await expect(page.getByRole('heading', { name: '取りまとめ', level: 1 })).toBeVisible();
    }, '← 取りまとめに戻る', (page) => expect(page.getByRole('heading', { name: '取りまとめ', level: 1 })).toBeVisible()],
  ];
  for (const [name, open, back, isBack] of pages) {
    test(`${name}: the footer's 使い方 is reached and opened by keyboard, and its way back (「${back}」) returns`, async ({ page }) => {
      await open(page);
      await openFromFooterByKeyboard(page);
      // The way back is the control before the heading.
      await page.keyboard.press('Shift+Tab');
      expect(await focusedName(page)).toBe(back);
      await page.keyboard.press('Enter');
      await isBack(page);
    });
  }
});

test('every section is reached from the contents by keyboard, and its address opens it again on a reload', async ({ page }) => {
  await page.goto('./#/help');
  await showsSection(page, null);
  const contents = page.getByRole('navigation', { name: '目次' }).getByRole('link');
  expect(await contents.evaluateAll((links) => links.map((a) => [a.getAttribute('href').replace('#/help/', ''), a.textContent]))).toEqual(SECTIONS);
  for (const [id, name] of SECTIONS) {
    await page.goto('./#/help');
    await showsSection(page, null);
    await pressTo(page, 'Tab', name, 15);
    await page.keyboard.press('Enter');
    await showsSection(page, id);
    await expect(page.locator(`#help-${id}`).locator('xpath=..').locator('p').first()).toBeVisible();
    await page.reload();
    await showsSection(page, id);
  }
  // The open section's own link (no change of address) brings it back into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('navigation', { name: '目次' }).getByRole('link', { name: title('refused-file') }).click();
  await showsSection(page, 'refused-file');
});

test('使い方 has no accessibility violations (axe, WCAG 2.2 AA), its pictures included', async ({ page }) => {
  await page.goto('./#/help');
  await showsSection(page, null);
  await expect(page.locator('.help-figure svg')).not.toHaveCount(0);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});

test('after one visit, with the service worker in control and the network off, 使い方 opens from the footer and at a section\'s address', async ({ page, context }) => {
  await page.goto('./');
  await started(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await started(page);
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await footerLink(page).click();
  await showsSection(page, null);
  await page.goto('./#/help/offline');
  await page.reload();
  await showsSection(page, 'offline');
  await expect(page.getByText('torikumi.html').first()).toBeVisible();
});

test('from the offline file (file://): 使い方 from the footer and at an address, and a refused file\'s 「詳しく」 in a new tab of the file', async ({ page }) => {
  const outside = [];
  page.on('request', (r) => {
    if (!(r.url().startsWith(fileUrl.split('#')[0]) || r.url().startsWith('blob:') || r.url().startsWith('data:'))) outside.push(r.url());
  });
  await page.goto(fileUrl);
  await started(page);
  await footerLink(page).click();
  await showsSection(page, null);
  await page.goto(`${fileUrl}#/help/other-tab`);
  await page.reload();
  await showsSection(page, 'other-tab');

  await page.goto(fileUrl);
  await started(page);
  await detailsOpen(page, await memoRefused(page), 'refused-file');
  expect(outside).toEqual([]);
});

test.describe('each message with a section links to it', () => {
  test('storage full in the editor: 「保存できていません」\'s message opens 「保存できていません」と出たとき', async ({ page }) => {
    await newDraft(page);
    await fillStorage(page);
    await box(page, '今年度の主な取組み').click();
    await page.keyboard.insertText('容量がいっぱい');
    await expect(page.locator('.save-status')).toHaveText('保存できていません');
    await detailsOpen(page, page.getByRole('alert').filter({ hasText: '保存領域がいっぱい' }), 'not-saved');
    await expect(box(page, '今年度の主な取組み')).toHaveValue('容量がいっぱい');
  });

  test('storage refused on the start page: its message opens 「保存できていません」と出たとき', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The user denied storage', 'SecurityError'); } });
    });
    await page.goto('./');
    await detailsOpen(page, page.getByRole('alert').filter({ hasText: 'このブラウザーでは下書きを保存できません' }), 'not-saved');
  });

  test('another tab edits the draft: 「別のタブで編集中」\'s message opens its section', async ({ context }) => {
    const first = await context.newPage();
    await newDraft(first);
    const second = await context.newPage();
    await second.goto(first.url());
    await expect(second.locator('.save-status')).toHaveText('別のタブで編集中（このタブは閲覧のみ）');
    await detailsOpen(second, second.getByRole('status').filter({ hasText: 'この下書きは別のタブで編集中です。' }), 'other-tab');
  });

  test('newer text stored by another tab: 「別のタブで更新されています」\'s message opens 「別のタブで編集中」と出たとき', async ({ page }) => {
    await newDraft(page);
    await typedWhileStoredElsewhere(page, { name: '現状における課題', section: 'issues', typed: 'この画面の文', stored: 'ほかで保存された文' });
    await expect(page.locator('.save-status')).toHaveText('保存できていません（別のタブで更新されています）');
    await detailsOpen(page, page.getByRole('alert').filter({ hasText: '別のタブで更新されています' }), 'other-tab');
  });

  test('a refused file on the start page opens ファイルを読み込めないとき', async ({ page }) => {
    await page.goto('./');
    await detailsOpen(page, await memoRefused(page), 'refused-file');
  });

  test('the question before finishing with warnings opens 「完成にする」と注意', async ({ page }) => {
    await page.goto('./');
    await button(page, '見本を開く').click();
    await editable(page);
    await box(page, '今年度の主な取組み').fill('上記の通り');
    await button(page, '完成にする').click();
    await detailsOpen(page, page.getByRole('alert').filter({ hasText: 'このまま完成にしますか？' }), 'finish');
  });

  test('前年度から作成 without a file chosen opens 前年度から作成', async ({ page }) => {
    await page.goto('./');
    await button(page, '前年度から作成').click();
    await page.getByRole('combobox', { name: 'もとにする報告' }).selectOption('file');
    await button(page, '次の年度の下書きを作成').click();
    await detailsOpen(page, page.getByRole('alert').filter({ hasText: 'ファイルを選んでください。' }), 'next-year');
  });

  test('the offline file behind a captive portal opens オフラインで使う', async ({ page, context }) => {
    await page.goto('./');
    await context.route('**/torikumi.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html><body>Free Wi-Fi: please log in</body></html>' }));
    await page.locator('a[href="torikumi.html"]').click();
    await detailsOpen(page, page.getByRole('alert').filter({ hasText: 'ネットワークにログインしてから' }), 'offline');
  });

  test('取りまとめ when its module cannot come opens オフラインで使う', async ({ page, context }) => {
    await context.route((url) => url.pathname.split('/').pop().startsWith('torikumi-on-demand-'), (route) => route.abort('internetdisconnected'));
    await page.goto('./');
    await button(page, '取りまとめ').click();
    await detailsOpen(page, page.getByRole('alert').filter({ hasText: 'プログラムを読み込めませんでした' }), 'offline');
  });

  test('a refused file in 取りまとめ opens ファイルを読み込めないとき', async ({ page }) => {
    await page.goto('./');
    await button(page, '取りまとめ').click();
    const chooser = page.waitForEvent('filechooser');
    await button(page, 'ファイルを追加').click();
    await (await chooser).setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    const item = page.getByRole('listitem').filter({ hasText: '「broken.json」を読み込めませんでした。' });
    await expect(item).toBeVisible();
    await detailsOpen(page, item, 'refused-file');
  });
});

test('取りまとめ refused by a full storage: its message opens 「保存できていません」と出たとき', async ({ page }) => {
  await page.goto('./');
  await button(page, '取りまとめ').click();
  await expect(page.getByRole('heading', { name: '取りまとめ', level: 1 })).toBeVisible();
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'torikumi:bundle') throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  const chooser = page.waitForEvent('filechooser');
  await button(page, 'ファイルを追加').click();
  await (await chooser).setFiles({ name: 'R4_aoba_torikumi.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wardReport('aoba', { counts: [1, 1, 1, 1] }))) });
  await detailsOpen(page, page.getByRole('alert').filter({ hasText: 'この端末の保存領域がいっぱいで、取りまとめを保存できませんでした。' }), 'not-saved');
});

test.describe('the first visit\'s pointer', () => {
  const pointer = (page) => page.locator('.start-pointer');

  test('shows on a first visit, leads to 使い方, goes away when closed, and stays away after a reload', async ({ page }) => {
    await page.goto('./');
    await started(page);
    await expect(pointer(page)).toHaveText('はじめての方は、使い方と「見本を開く」（記入例）をご覧ください。閉じる');
    await pointer(page).getByRole('link', { name: '使い方' }).click();
    await showsSection(page, null);
    await page.goBack();
    await started(page);
    await expect(pointer(page)).toBeVisible();
    await pointer(page).getByRole('button', { name: '案内を閉じる' }).press('Enter');
    await expect(pointer(page)).toHaveCount(0);
    await expect(button(page, '新しい報告を作成')).toBeFocused();
    expect(await page.evaluate((key) => localStorage.getItem(key), POINTER_KEY)).toBe('1');
    await page.reload();
    await started(page);
    await expect(button(page, '見本を開く')).toBeVisible();
    await expect(pointer(page)).toHaveCount(0);
  });

  test('closed while storage refuses the write: it goes now, nothing breaks, and it shows again next time', async ({ page }) => {
    await page.addInitScript((key) => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k === key) throw new DOMException('refused', 'QuotaExceededError');
        return set.call(this, k, v);
      };
    }, POINTER_KEY);
    await page.goto('./');
    await started(page);
    await pointer(page).getByRole('button', { name: '案内を閉じる' }).click();
    await expect(pointer(page)).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.reload();
    await started(page);
    await expect(pointer(page)).toBeVisible();
  });
});
