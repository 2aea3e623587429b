// Waits on the browser that never end (issue 22): every wait has a
// deadline and a fallback: a stalled host, a file that is never written.
import { test, expect, button, editable, saved, stored, started } from './fixtures.mjs';

test('a config.json that never arrives: after 8 seconds the built-in wards, said so, and drafts are written', async ({ page }) => {
  // The request is held forever, as a stalled host or venue Wi-Fi does.
  await page.route('**/config.json', () => {});
  // The page's clock is Playwright's: the 8 seconds are skipped a second at a time
  // (the wait starts once the wasm runs), rather than waited out.
  await page.clock.install();
  await page.goto('./');
  const said = page.getByRole('status').filter({ hasText: 'config.json' });
  for (const end = Date.now() + 15_000; Date.now() < end && !(await said.isVisible()); ) {
    await page.clock.fastForward(1_000);
  }
  await started(page);
  await expect(said).toContainText('8秒待っても届きませんでした');
  await button(page, '新しい報告を作成').click();
  await editable(page);
  await page.getByRole('combobox', { name: '区', exact: true }).selectOption({ label: '泉区' });
  await saved(page);
  expect((await stored(page)).document.report.ward.slug).toBe('izumi');
});

test('a save dialog whose file is never written (a network drive that stopped answering): after 30 seconds nothing is deleted, and it says so', async ({ page }) => {
  // The page's clock is Playwright's: it runs as usual, and the 30 seconds are skipped
  // once the write is waiting, rather than waited out.
  await page.clock.install();
  await page.addInitScript(() => {
    window.showSaveFilePicker = async () => ({
      async createWritable() {
        return {
          write: () => {
            window.torikumiWriteAsked = true;
            return new Promise(() => {});
          },
          close: async () => {},
        };
      },
    });
  });
  await page.goto('./');
  await button(page, '新しい報告を作成').click();
  await editable(page);
  await saved(page);
  const before = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('torikumi:draft:')));
  await page.goto('./#/');
  await button(page, 'この端末のデータを消去').click();
  await button(page, 'すべて書き出してから消去').click();
  await page.waitForFunction(() => window.torikumiWriteAsked === true);
  const failed = page.getByText('を保存できなかったため、何も消去していません。');
  // Just short of the deadline the app still waits: nothing said, nothing deleted.
  await page.clock.fastForward(29_000);
  await expect(failed).toBeHidden();
  await page.clock.fastForward(2_000);
  await expect(failed).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('torikumi:draft:')))).toEqual(before);
});
