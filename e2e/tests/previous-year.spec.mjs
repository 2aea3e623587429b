// 前年度との比較 (issue 26): a draft made with 前年度から作成 keeps last year's report;
// 「前年度を表示」 shows last year's text under each field and last year's count beside
// each count, and 「前年度の内容を使う」 fills a field in one undoable step.
import { test, expect, box, button, editable, stored, saved, openSample, download } from './fixtures.mjs';

/** Every text field of the editor: its accessible name and value, in page order. */
const fieldValues = (page) =>
  page.locator('.editor .form-field').evaluateAll((fields) =>
    fields.flatMap((f) => {
      const input = f.querySelector('input[type=text], input:not([type]), textarea');
      if (!input) return [];
      return [{ name: input.getAttribute('aria-label') ?? f.querySelector('label')?.textContent ?? '', id: input.id, value: input.value, count: f.querySelector('.field-count') !== null }];
    }));

/** Last year's text shown under the field with this DOM id. */
const shownUnder = (page, id) => page.locator(`[id="${id}-previous"] .previous-text`);

async function nextYearFromSample(page) {
  await openSample(page);
  const lastYear = await fieldValues(page);
  await page.goto('./');
  await button(page, '前年度から作成').click();
  await button(page, '次の年度の下書きを作成').click();
  await editable(page);
  return lastYear;
}

test('前年度を表示 on a draft made from the sample: every field shows last year\'s text and every count last year\'s count', async ({ page }) => {
  const lastYear = await nextYearFromSample(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('令和６年度　若林区障害者自立支援協議会　取組状況');
  // Last year's report is kept with the draft, not in what it exports.
  await saved(page);
  expect((await stored(page)).previous.sections.main_work).toBe(lastYear.find((f) => f.name === '今年度の主な取組み').value);
  expect(JSON.parse((await download(page, 'JSONを書き出す')).text).previous).toBeUndefined();

  const toggle = button(page, '前年度を表示');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.previous-year')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const thisYear = await fieldValues(page);
  expect(thisYear.map((f) => f.id)).toEqual(lastYear.map((f) => f.id));
  expect(lastYear.length).toBeGreaterThan(30);
  for (const field of lastYear) {
    const expected = field.value === '' ? '（記入なし）' : field.count ? `${field.value}回` : field.value;
    await expect(shownUnder(page, field.id), field.id).toHaveText(expected);
  }
  // Read-only: last year's text is no field of its own.
  await expect(page.locator('.previous-year textarea, .previous-year input')).toHaveCount(0);
  await toggle.click();
  await expect(page.locator('.previous-year')).toHaveCount(0);
});

test('filling a field from last year is one undo step, and it is stored', async ({ page }) => {
  const lastYear = await nextYearFromSample(page);
  const issues = lastYear.find((f) => f.name === '現状における課題');
  const plenary = lastYear.find((f) => f.name === '全体協議会 年間実施予定回数');
  await button(page, '前年度を表示').click();
  await expect(box(page, '現状における課題')).toHaveValue('');
  await button(page, '現状における課題に前年度の内容を使う').click();
  await expect(box(page, '現状における課題')).toHaveValue(issues.value);
  await expect(box(page, '現状における課題')).toBeFocused();
  await expect(button(page, '現状における課題に前年度の内容を使う')).toHaveCount(0);
  await button(page, '全体協議会 年間実施予定回数に前年度の内容を使う').click();
  await expect(box(page, '全体協議会 年間実施予定回数')).toHaveValue(plenary.value);
  await saved(page);
  expect((await stored(page)).document.report.sections.issues).toBe(issues.value);

  await button(page, '元に戻す').click();
  await expect(box(page, '全体協議会 年間実施予定回数')).toHaveValue('');
  await expect(box(page, '現状における課題')).toHaveValue(issues.value);
  await button(page, '元に戻す').click();
  await expect(box(page, '現状における課題')).toHaveValue('');
  await expect(button(page, '元に戻す')).toBeDisabled();
  await button(page, 'やり直す').click();
  await expect(box(page, '現状における課題')).toHaveValue(issues.value);
  await saved(page);
  expect((await stored(page)).document.report.sections.issues).toBe(issues.value);

  // After a reload last year's report is still there.
  await page.reload();
  await editable(page);
  await button(page, '前年度を表示').click();
  await expect(shownUnder(page, issues.id)).toHaveText(issues.value);
});

test('a draft not made from last year offers no 前年度を表示', async ({ page }) => {
  await openSample(page);
  await expect(button(page, '前年度を表示')).toHaveCount(0);
});
