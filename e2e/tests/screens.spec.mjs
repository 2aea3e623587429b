// An office PC at 1366×768 with 125% zoom, and a 390 px wide phone: no
// horizontal scrolling, and every control within the screen's width (前年度を表示 on, too).
// Screenshots are kept in the test output (test-results/).
import { test, expect, button, started } from './fixtures.mjs';
import { WARDS, wardReport } from '../ward-reports.mjs';

const SCREENS = [
  // 125% zoom: the page lays out in 1366 / 1.25 CSS pixels, drawn at 1.25 device pixels each.
  { name: 'office PC 1366×768 at 125%', viewport: { width: 1093, height: 614 }, deviceScaleFactor: 1.25 },
  { name: 'phone 390 px', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
];

/** Controls sticking out of the page's width, and whether the page scrolls sideways. */
const overflow = (page) => page.evaluate(() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('button, a, input, select, textarea, [tabindex="0"]')]
    .filter((el) => el.getClientRects().length > 0 && !el.closest('.visually-hidden') && getComputedStyle(el).visibility !== 'hidden')
    .filter((el) => {
      const r = el.getBoundingClientRect();
      // A control inside a region that scrolls on its own (a wide table) is reachable by scrolling it.
      const scroller = el.closest('.table-scroll');
      return !scroller && (r.left < -1 || r.right > width + 1);
    })
    .map((el) => el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 30) ?? el.id);
  return { sideways: document.documentElement.scrollWidth > width + 1, out };
});

for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor, isMobile: screen.isMobile ?? false, hasTouch: screen.hasTouch ?? false });

    test(`no horizontal scrolling and every control reachable: start page, editor, print view, 前年度を表示, 取りまとめ (${screen.name})`, async ({ page }, testInfo) => {
      const check = async (view) => {
        expect(await overflow(page), view).toEqual({ sideways: false, out: [] });
        await page.screenshot({ path: testInfo.outputPath(`${view}.png`), fullPage: true });
      };
      await page.goto('./');
      await started(page);
      await check('start');

      await button(page, '見本を開く').click();
      await expect(page.locator('.editor.editable')).toBeVisible();
      await button(page, '完成にする').click();
      await expect(page.getByRole('alert').filter({ hasText: 'このまま完成にしますか？' }).or(page.getByText(/この報告は完成しています/))).toBeVisible();
      await check('editor');

      await button(page, '印刷用表示').click();
      await expect(page.locator('.p-report')).toBeVisible();
      await check('print-view');

      // Next year's draft from the sample, last year's text under each field.
      await page.goto('./');
      await button(page, '前年度から作成').click();
      await button(page, '次の年度の下書きを作成').click();
      await expect(page.locator('.editor.editable')).toBeVisible();
      await button(page, '前年度を表示').click();
      await expect(page.locator('.previous-year').first()).toBeVisible();
      await check('previous-year');

      await page.goto('./#/bundle');
      const chooser = page.waitForEvent('filechooser');
      await button(page, 'ファイルを追加').click();
      await (await chooser).setFiles(WARDS.map(([, slug], i) => ({
        name: `R4_${slug}_torikumi.json`,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(wardReport(slug, { counts: [i + 1, 4, 10, 12] }))),
      })));
      await expect(page.getByRole('table', { name: '実施回数の一覧' })).toBeVisible();
      // As cards (narrow screens) the list has no column headers: each number says what it counts.
      const label = await page.evaluate(() => getComputedStyle(document.querySelector('.bundle-list td[data-label="エラー"]'), '::before').content);
      expect(label).toBe(screen.isMobile ? '"エラー："' : 'none');
      await check('bundle');
    });
  });
}
