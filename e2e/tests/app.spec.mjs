import { test, expect, started } from './fixtures.mjs';

test('the built page loads and shows its Japanese title', async ({ page }) => {
  await page.goto('./');
  await expect(page).toHaveTitle('取組状況 ― 区障害者自立支援協議会');
  await started(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
});
