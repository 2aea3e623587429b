// Office faults in Firefox ESR (issue 22): Web Locks refused by a policy, and
// storage full (Firefox names it NS_ERROR_DOM_QUOTA_REACHED), said in the sticky bar
// too. Each proves what storage holds.
//   node --test e2e/engines/   (after `trunk build --release`)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { click, launch, saved, serveDist, shows, until, valueOf, watchedPage } from './driver.mjs';

const MAIN = '[aria-label="今年度の主な取組み"]';
let browser;
let server;
before(async () => {
  server = await serveDist(4186);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const own = (url) => url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:');

/** The draft's record as storage holds it now. */
const storedText = (page, id) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key)).document.report.sections.main_work, `torikumi:draft:${id}`);

async function typeAtEnd(page, text) {
  await page.focus(MAIN);
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    el.setSelectionRange(el.value.length, el.value.length);
  }, MAIN);
  await page.type(MAIN, text);
}

test('Firefox: Web Locks refused by a policy, the lease stands in; the other tab takes over and nothing is lost', async () => {
  const refuse = () => {
    if (!self.LockManager) return;
    LockManager.prototype.request = () => Promise.reject(new DOMException('The request was denied.', 'SecurityError'));
  };
  const first = await watchedPage(browser, own);
  await first.evaluateOnNewDocument(refuse);
  await first.goto(server.url);
  await click(first, '新しい報告を作成');
  await first.waitForSelector('.editor.editable');
  const id = (await first.url()).split('/draft/')[1];
  await typeAtEnd(first, '一つ目のタブ。');
  await saved(first);

  const second = await watchedPage(browser, own);
  await second.evaluateOnNewDocument(refuse);
  await second.goto(await first.url());
  await shows(second, 'この下書きは別のタブで編集中です。');
  await click(second, 'このタブで編集する');
  await second.waitForSelector('.editor.editable');
  await typeAtEnd(second, '二つ目のタブ。');
  await saved(second);
  await shows(first, 'この下書きは別のタブで編集中です。');
  assert.equal(await storedText(second, id), '一つ目のタブ。二つ目のタブ。');
  await until(first, (sel) => document.querySelector(sel)?.value === '一つ目のタブ。二つ目のタブ。', MAIN, 'the first tab follows');
  assert.deepEqual([...first.errors, ...second.errors], []);
  await first.close();
  await second.close();
});

test('Firefox: storage full is said at once, the text stays on the page, and is stored once there is room', async () => {
  const page = await watchedPage(browser, own);
  await page.goto(server.url);
  await click(page, '新しい報告を作成');
  await page.waitForSelector('.editor.editable');
  const id = (await page.url()).split('/draft/')[1];
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0; i++) {
      try {
        localStorage.setItem(`filler-${i}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
  });
  await typeAtEnd(page, '容量がいっぱいの間に書いた');
  await shows(page, '保存領域がいっぱい');
  await until(page, () => document.querySelector('.save-status')?.textContent === '保存できていません', undefined, 'the status says not saved');
  // Said where the clerk types too (the sticky bar), and 対処を見る goes to the notice.
  await until(page, () => document.querySelector('.sticky-bar .bar-problem')?.textContent.startsWith('保存できていません'), undefined, 'the sticky bar says not saved');
  await click(page, '対処を見る');
  await until(page, () => document.activeElement?.id === 'save-problem', undefined, '対処を見る focuses the notice');
  assert.equal(await valueOf(page, '今年度の主な取組み'), '容量がいっぱいの間に書いた');
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await typeAtEnd(page, '。');
  await saved(page);
  assert.equal(await storedText(page, id), '容量がいっぱいの間に書いた。');
  assert.deepEqual(page.errors, []);
  await page.close();
});
