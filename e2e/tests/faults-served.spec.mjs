// Files served beside the app on a stalled network (issue 22): every wait has a
// deadline and a fallback, so the app never stays at 読み込んでいます… for good.
import { test, expect, button, editable, saved, stored } from './fixtures.mjs';

test('a config.json that never arrives: after 8 seconds the built-in wards, said so, and drafts are written', async ({ page }) => {
  // The request is held forever, as a stalled host or venue Wi-Fi does.
  await page.route('**/config.json', () => {});
  await page.goto('./');
  await expect(page.getByRole('heading', { name: '取組状況の作成' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'config.json' })).toContainText('8秒待っても届きませんでした');
  await button(page, '新しい報告を作成').click();
  await editable(page);
  await page.getByRole('combobox', { name: '区', exact: true }).selectOption({ label: '泉区' });
  await saved(page);
  expect((await stored(page)).document.report.ward.slug).toBe('izumi');
});
