// Issue 23's on-demand module (src/on_demand/): the city's 取りまとめ and the Word
// reader come in a second wasm, fetched the first time they are needed, never on
// a ward clerk's first visit; the service worker keeps it from then on (offline,
// and across an update); a module that cannot come is said in Japanese and
// loses nothing.
import { fileURLToPath } from 'node:url';
import { test, expect, box, button, editable, newDraft, stored, openBundle } from './fixtures.mjs';
import { installUpdate, serveCopies, visit } from './sites.mjs';
import { keptModuleFiles } from '../page-scripts.mjs';

const docx = fileURLToPath(new URL('../../core/tests/fixtures/docx/aoba.docx', import.meta.url));
const isModule = (url) => new URL(url).pathname.split('/').pop().startsWith('torikumi-on-demand-');

/** Every URL the context asks the network (or its service worker) for, from now on. */
function requests(context) {
  const seen = [];
  context.on('request', (r) => seen.push(r.url()));
  return seen;
}


async function readWord(page) {
  const chooser = page.waitForEvent('filechooser');
  await button(page, '読み込む').click();
  await (await chooser).setFiles(docx);
}

test('a ward clerk\'s first visit, writing, printing and exporting fetch no part of the on-demand module', async ({ page, context }) => {
  const seen = requests(context);
  await page.goto('./');
  await newDraft(page);
  await box(page, '今年度の主な取組み').fill('成果の文');
  await expect.poll(async () => (await stored(page))?.document.report.sections.main_work).toBe('成果の文');
  await button(page, '印刷用表示').click();
  await expect(page.locator('.p-report')).toBeVisible();
  await page.goBack();
  await editable(page);
  expect(seen.filter(isModule)).toEqual([]);
  expect(seen.length).toBeGreaterThan(3);
});

test('取りまとめ fetches the module once; opened again it is not fetched again, and the start page works throughout', async ({ page, context }) => {
  const seen = requests(context);
  await openBundle(page);
  await expect(button(page, 'ファイルを追加')).toBeVisible();
  // (A request the service worker passes on is seen twice: the page's, and the worker's.)
  const fetched = [...new Set(seen.filter(isModule))];
  expect(fetched.map((u) => new URL(u).pathname.split('/').pop()).sort()).toEqual([
    expect.stringMatching(/^torikumi-on-demand-[0-9a-f]{16}\.js$/),
    expect.stringMatching(/^torikumi-on-demand-[0-9a-f]{16}_bg\.wasm$/),
  ]);
  await page.getByRole('link', { name: '← 最初のページ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
  // The page's own view is back, and the module's page is gone from the document.
  await expect(page.locator('#on-demand')).toBeEmpty();
  await button(page, '取りまとめ').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('取りまとめ');
  expect(new Set(seen.filter(isModule)).size).toBe(2);
  // The start page's own buttons still answer after the module's app came and went.
  await page.getByRole('link', { name: '← 最初のページ' }).click();
  await newDraft(page);
});

// context.route: the service worker's own fetches are routed too (page.route sees only the page's).
test('a module that cannot be fetched is said in Japanese, a draft open in another view loses nothing, and もう一度読み込む loads it once the network is back', async ({ page, context }) => {
  await page.goto('./');
  await newDraft(page);
  await box(page, '今年度の主な取組み').fill('残るべき文');
  await expect.poll(async () => (await stored(page))?.document.report.sections.main_work).toBe('残るべき文');
  const id = page.url().split('#')[1];
  let blocked = true;
  await context.route((url) => isModule(url.href), (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('./#/bundle');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('取りまとめとWordファイルの読み書きに使うプログラムを読み込めませんでした');
  await expect(alert).toContainText('入力した内容は失われていません。');
  blocked = false;
  await button(page, 'もう一度読み込む').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('取りまとめ');
  await page.goto(`./#${id}`);
  await expect(box(page, '今年度の主な取組み')).toHaveValue('残るべき文');
});

test('a Word file read while the module cannot come is said in Japanese, and the start page stays as it was', async ({ page, context }) => {
  await page.goto('./');
  await context.route((url) => isModule(url.href), (route) => route.abort('internetdisconnected'));
  await readWord(page);
  await expect(page.getByRole('alert')).toContainText('取りまとめとWordファイルの読み書きに使うプログラムを読み込めませんでした');
  await expect(page.getByText('この端末には下書きがありません。')).toBeVisible();
  await context.unrouteAll();
  // The next attempt asks again (a failed import is not kept for the page's life).
  await readWord(page);
  await expect(page.getByRole('region', { name: 'Wordファイルから読み取った内容' })).toBeVisible();
});

test('a module that is not our module (a portal\'s page, a cut-off file) is refused with a reason, never run', async ({ page, context }) => {
  await context.route((url) => isModule(url.href) && url.pathname.endsWith('_bg.wasm'), (route) => route.fulfill({
    status: 200, contentType: 'application/wasm', body: Buffer.from('<html>ログインしてください</html>'),
  }));
  await page.goto('./#/bundle');
  await expect(page.getByRole('alert')).toContainText('途中で切れているか、別のバージョンのもの');
  await expect(button(page, 'もう一度読み込む')).toBeVisible();
});

test('once used, the module works offline: 取りまとめ and a Word file, after a reload and after an update of the app', async ({ browser }, testInfo) => {
  const site = await serveCopies(testInfo);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await visit(page, site.url(), expect);
    // A first visit keeps nothing of the module.
    expect(await page.evaluate(keptModuleFiles)).toEqual([]);
    await page.goto(`${site.url()}#/bundle`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('取りまとめ');
    await expect.poll(async () => (await page.evaluate(keptModuleFiles)).length).toBe(2);

    await site.stop();
    await page.goto(`${site.url()}#/`);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
    await button(page, '取りまとめ').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('取りまとめ');
    await page.goto(`${site.url()}#/`);
    await readWord(page);
    await expect(page.getByRole('region', { name: 'Wordファイルから読み取った内容' })).toBeVisible();

    // An update while the module was in use: the new version's module is kept with it.
    await site.start();
    const version = site.secondBuild();
    expect(await installUpdate(page)).toBe('installed');
    await button(page, '再読み込みして更新').click();
    await expect(page.locator('.app-version')).toContainText(version);
    await site.stop();
    await page.reload();
    await button(page, '取りまとめ').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('取りまとめ');
  } finally {
    await context.close();
    site.close();
  }
});
