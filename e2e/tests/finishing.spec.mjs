// Finishing shows what is still worth fixing, and 表記ゆれ is caught and unified.
import { test, expect, box, button, editable, saved, stored, openSample } from './fixtures.mjs';

test('a report answered with 上記の通り: after a reload, 完成にする lists both warnings and asks; the finished banner keeps them', async ({ page }) => {
  await openSample(page);
  await box(page, '今年度の主な取組み').fill('・上記の通り。');
  await box(page, '現状における課題').fill('上記のとおり');
  await saved(page);
  // The next day: no field counts as left any more.
  await page.reload();
  await editable(page);
  await expect(page.locator('#summary')).toHaveCount(0);

  await button(page, '完成にする').click();
  const summary = page.locator('#summary');
  await expect(summary.getByRole('listitem')).toHaveCount(2);
  await expect(summary).toContainText('今年度の主な取組みが「上記の通り」のような参照だけになっています');
  await expect(summary).toContainText('現状における課題が「上記の通り」のような参照だけになっています');
  const question = page.getByRole('alert').filter({ hasText: '注意が2件あります。このまま完成にしますか？' });
  await expect(question).toBeFocused();
  await button(page, '戻って直す').click();
  await expect(question).toHaveCount(0);
  await expect(summary.getByRole('listitem')).toHaveCount(2);
  expect((await stored(page)).document.status).toBe('draft');

  await button(page, '完成にする').click();
  await button(page, 'このまま完成にする').click();
  const banner = page.locator('#finished-notice');
  await expect(banner).toContainText('この報告には注意が2件あります。');
  await saved(page);
  expect((await stored(page)).document.status).toBe('finished');

  await page.reload();
  await expect(banner).toContainText('この報告には注意が2件あります。');
  await button(page, '注意を見る').click();
  await expect(summary.getByRole('listitem')).toHaveCount(2);
  await button(page, '印刷用表示').click();
  await expect(page.locator('.p-report')).toBeVisible();
  await expect(page.locator('.print-view')).not.toContainText('上記の通り」のような参照');
});

test('統一 replaces every spelling of a word, and 元に戻す brings them back', async ({ page }) => {
  await openSample(page);
  await box(page, '全体協議会 主な内容・議題等').fill('鶴ヶ谷地区の会議、鶴ケ谷で開催');
  await box(page, '現状における課題').fill('鶴ケ谷周辺の課題');
  await saved(page);
  await button(page, '完成にする').click();
  const summary = page.locator('#summary');
  await expect(summary).toContainText('『鶴ヶ谷』（1か所）と『鶴ケ谷』（2か所）');
  await summary.getByRole('button', { name: '『鶴ヶ谷』に統一' }).click();
  await expect(box(page, '全体協議会 主な内容・議題等')).toHaveValue('鶴ヶ谷地区の会議、鶴ヶ谷で開催');
  await expect(box(page, '現状における課題')).toHaveValue('鶴ヶ谷周辺の課題');
  await expect(summary).not.toContainText('表記ゆれ');
  await saved(page);
  let report = (await stored(page)).document.report;
  expect([report.bodies.plenary.content, report.sections.issues]).toEqual(['鶴ヶ谷地区の会議、鶴ヶ谷で開催', '鶴ヶ谷周辺の課題']);

  await button(page, '元に戻す').click();
  await expect(box(page, '全体協議会 主な内容・議題等')).toHaveValue('鶴ヶ谷地区の会議、鶴ケ谷で開催');
  await expect(box(page, '現状における課題')).toHaveValue('鶴ケ谷周辺の課題');
  await saved(page);
  report = (await stored(page)).document.report;
  expect([report.bodies.plenary.content, report.sections.issues]).toEqual(['鶴ヶ谷地区の会議、鶴ケ谷で開催', '鶴ケ谷周辺の課題']);
});

test('the template note and 「○○○○」 left in a text are warnings', async ({ page }) => {
  await openSample(page);
  await box(page, '今年度の主な取組み').fill('〇〇〇〇について協議した。\n※行が足りない場合は、ページ内で適宜追加してください。');
  await button(page, '完成にする').click();
  const summary = page.locator('#summary');
  await expect(summary).toContainText('今年度の主な取組みに様式の注意書き「※行が足りない場合は、ページ内で適宜追加してください。」が残っています。');
  await expect(summary).toContainText('今年度の主な取組みに様式の見本の「○○○○」が残っています。');
  await expect(page.getByRole('alert').filter({ hasText: '注意が2件あります。このまま完成にしますか？' })).toBeVisible();
});

// Typed text reaches the store after the frame that shows it (pending_text.rs). A click that
// comes first (a background window gets no blur; a driver's click moves no focus) must not
// finish the report before it: a finished report takes no text, and the words would be lost.
test('text typed just before 完成にする is in the finished report', async ({ page }) => {
  await openSample(page);
  await saved(page);
  await page.evaluate(() => {
    const field = document.querySelector('[aria-label="今年度の主な取組み"]');
    field.value += '完成の直前に書いた一文。';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    // In the same task: before any frame, with the focus still in the field.
    [...document.querySelectorAll('button')].find((b) => b.textContent === '完成にする').click();
  });
  const question = page.getByRole('alert').filter({ hasText: 'このまま完成にしますか？' });
  if (await question.isVisible()) await button(page, 'このまま完成にする').click();
  await expect(page.locator('#finished-notice')).toBeVisible();
  await saved(page);
  const { document } = await stored(page);
  expect(document.status).toBe('finished');
  expect(document.report.sections.main_work).toContain('完成の直前に書いた一文。');
});
