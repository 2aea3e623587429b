// Issue 25's loop: the city comments on a ward's export in 取りまとめ (「確認する」),
// writes the review file; the ward reads it with 読み込む, answers, fixes, finishes and
// exports; the city adds the new export and sees what is answered. Each step is read
// back from storage or from the file written, never only from the screen.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, box, button, editable, openSample, stored, openBundle, addFiles, download, fillStorage } from './fixtures.mjs';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TEAM_COMMENT = '就労支援の職場見学会は何回でしたか';
const REPORT_COMMENT = '全体に、成果の数字を入れてください';
const COUNT_COMMENT = '連絡会議の回数は12回ではありませんか';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe finds no violation in the page, or in the parts matching `only`. */
async function noViolation(page, only) {
  const axe = new AxeBuilder({ page }).withTags(WCAG);
  const results = await (only ? axe.include(only) : axe).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** A downloaded file saved under its own name (読み込む and 取りまとめ read the name). */
function keep(file) {
  const path = join(mkdtempSync(join(tmpdir(), 'torikumi-review-')), file.name);
  writeFileSync(path, file.text);
  return path;
}

async function comment(city, where, text) {
  await button(city, `${where}に指摘を追加`).click();
  await city.locator('#comment-text').fill(text);
  await button(city, '指摘を保存').click();
  await expect(city.locator('.comment-text', { hasText: text })).toBeVisible();
  // Focus is back on the button that opened the box (a keyboard user goes on from there).
  await expect(button(city, `${where}に指摘を追加`)).toBeFocused();
}

async function readWith読み込む(ward, path) {
  await ward.goto('./#/');
  const chooser = ward.waitForEvent('filechooser');
  await button(ward, '読み込む').click();
  await (await chooser).setFiles(path);
}

test('the city comments on a ward\'s export, the ward answers two and fixes a count, and the city sees 「指摘3件（対応済み2件）」 with the replies; the bound print shows no comment', async ({ page: ward, browser }) => {
  test.setTimeout(120_000);
  // The ward: the sample report (若林区, 令和５年度), exported.
  await openSample(ward);
  const first = keep(await download(ward, 'JSONを書き出す'));

  // The city, in a browser of its own.
  const cityContext = await browser.newContext();
  const city = await cityContext.newPage();
  await openBundle(city);
  await addFiles(city, [first]);
  await button(city, '若林区を確認する').click();
  await expect(city.getByRole('heading', { name: /若林区障害者自立支援協議会.*の確認/ })).toBeVisible();
  await button(city, 'プロジェクトチーム2に指摘を追加').click();
  await expect(city.locator('#comment-text')).toBeFocused();
  await button(city, 'やめる').click();
  await expect(button(city, 'プロジェクトチーム2に指摘を追加')).toBeFocused();
  await comment(city, 'プロジェクトチーム2', TEAM_COMMENT);
  await comment(city, '報告全体', REPORT_COMMENT);
  await comment(city, '障害者相談支援事業所等連絡会議 年間実施予定回数', COUNT_COMMENT);
  await noViolation(city);
  const reviewFile = await download(city, '指摘を書き出す');
  expect(reviewFile.name).toBe('R5_wakabayashi_review.json');
  const review = JSON.parse(reviewFile.text);
  expect(review.schema).toBe('torikumi/review/v1');
  expect(review.comments.map((c) => [c.anchor, c.text])).toEqual([
    ['team-5', TEAM_COMMENT], ['report', REPORT_COMMENT], ['liaison-count', COUNT_COMMENT],
  ]);
  await button(city, '← 読み込んだ報告に戻る').click();
  await expect(city.getByRole('row', { name: /若林区/ }).first()).toContainText('指摘3件（対応済み0件）');

  // The ward reads the review file: into its draft, each comment beside what it points at.
  const reviewPath = keep(reviewFile);
  await readWith読み込む(ward, reviewPath);
  await expect(ward.getByRole('alert')).toContainText('市からの指摘3件を読み込みます');
  await expect(ward.getByRole('alert')).not.toContainText('違う内容');
  await button(ward, '読み込んで開く').click();
  await editable(ward);
  expect((await stored(ward)).document.report.comments.map((c) => c.text)).toEqual([TEAM_COMMENT, REPORT_COMMENT, COUNT_COMMENT]);
  const teamCard = ward.locator('.row-card', { has: ward.getByRole('heading', { name: 'プロジェクトチーム2', exact: true }) });
  await expect(teamCard.locator('.comment-text')).toHaveText(TEAM_COMMENT);
  await expect(ward.locator('.comments-panel .comment-text')).toHaveText(REPORT_COMMENT);
  await expect(ward.locator('.comments-panel').getByRole('link', { name: /詳しく/ })).toHaveAttribute('href', '#/help/review');
  // The comments themselves (the sample's long editor has target-size findings of its own,
  // from rows off screen that content-visibility leaves unrendered: not this change's).
  await noViolation(ward, '.comment');

  // The ward moves the commented team up: the comment goes with the row, not its number.
  await button(ward, 'プロジェクトチーム2を上へ').click();
  const movedCard = ward.locator('.row-card', { has: ward.getByRole('heading', { name: 'プロジェクトチーム1', exact: true }) });
  await expect(movedCard.locator('.comment-text')).toHaveText(TEAM_COMMENT);
  await expect(movedCard.getByRole('textbox', { name: 'プロジェクトチーム1 名称' })).toHaveValue('就労支援プロジェクトチーム');

  // Answers two, fixes the count, leaves the report-wide one open.
  await box(ward, '指摘1への回答').fill('職場見学会は2回です。内容に書き足しました。');
  await button(ward, '指摘1を対応済みにする').click();
  await box(ward, '障害者相談支援事業所等連絡会議 年間実施予定回数').fill('12');
  await box(ward, '指摘3への回答').fill('12回に直しました。');
  await button(ward, '指摘3を対応済みにする').click();
  await expect(button(ward, '指摘3を対応済みにする')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await stored(ward)).document.report.comments.map((c) => [c.resolved, c.reply])).toEqual([
    [true, '職場見学会は2回です。内容に書き足しました。'], [false, ''], [true, '12回に直しました。'],
  ]);

  // 完成にする: the open comment is a warning to confirm, not a block.
  await button(ward, '完成にする').click();
  await expect(ward.locator('#finish-question')).toBeVisible();
  await expect(ward.locator('.summary')).toContainText(`市からの指摘（報告全体）「${REPORT_COMMENT}」が対応済みになっていません`);
  await button(ward, 'このまま完成にする').click();
  await expect.poll(async () => (await stored(ward)).document.status).toBe('finished');
  const second = await download(ward, 'JSONを書き出す');
  const answered = JSON.parse(second.text);
  expect(answered.schema).toBe('torikumi/report/v2');
  expect(answered.report.bodies.liaison.count).toBe(12);
  expect(answered.report.comments.filter((c) => c.resolved)).toHaveLength(2);

  // Read twice: nothing added twice, nothing written (the finished report stays finished);
  // the ward has changed the report since the city wrote the file, and is told so.
  const before = await stored(ward);
  await readWith読み込む(ward, reviewPath);
  await expect(ward.getByRole('alert')).toContainText('この下書きとは違う内容の報告');
  await button(ward, '読み込んで開く').click();
  await expect(ward.locator('#announcer')).toContainText('すでにすべて読み込まれています');
  await expect(ward.locator('.editor')).toBeVisible();
  expect((await stored(ward)).document).toEqual(before.document);

  // The city adds the new export: the list says what is answered, 「確認する」 shows the replies.
  await addFiles(city, [keep(second)]);
  await expect(city.getByRole('row', { name: /^若林区 / }).first()).toContainText('指摘3件（対応済み2件）');
  await button(city, '若林区を確認する').click();
  await expect(city.locator('.comment-reply', { hasText: '12回に直しました。' })).toBeVisible();
  await expect(city.locator('.comment-reply', { hasText: '職場見学会は2回です。' })).toBeVisible();
  await button(city, '← 読み込んだ報告に戻る').click();

  // The bound print shows no comment and no reply.
  await button(city, 'まとめて印刷用表示').click();
  await expect(city.locator('.p-report').first()).toBeVisible();
  const bound = await city.locator('body').innerText();
  for (const text of [TEAM_COMMENT, REPORT_COMMENT, COUNT_COMMENT, '12回に直しました。', '指摘']) expect(bound).not.toContain(text);
  await cityContext.close();
});

test('a review file for a report this browser has no draft of is refused with what to do; a hostile one with a reason', async ({ page }) => {
  await page.goto('./');
  const dir = mkdtempSync(join(tmpdir(), 'torikumi-review-'));
  const review = {
    schema: 'torikumi/review/v1', ward: { name: '青葉区', slug: 'aoba' }, fiscal_year: 2023,
    made: '2024-01-10T10:00:00+09:00', report_changed: '2024-01-09T10:00:00+09:00', report_hash: '0',
    comments: [{ id: 1, anchor: 'report', text: '確認してください', made: '2024-01-10T10:00:00+09:00', reply: '', resolved: false }],
  };
  const none = join(dir, 'R5_aoba_review.json');
  writeFileSync(none, JSON.stringify(review));
  await readWith読み込む(page, none);
  await expect(page.getByRole('alert')).toContainText('この端末にその下書きがありません');
  const hostile = join(dir, 'hostile_review.json');
  writeFileSync(hostile, JSON.stringify({ ...review, comments: [{ ...review.comments[0], anchor: 'team-1<script>' }] }));
  await readWith読み込む(page, hostile);
  await expect(page.getByRole('alert')).toContainText('「hostile_review.json」を読み込めませんでした');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('torikumi:draft:')).length)).toBe(0);
});

/** A review of the sample report (若林区, 令和５年度) with one comment on 現状における課題. */
function sampleReview() {
  const path = join(mkdtempSync(join(tmpdir(), 'torikumi-review-')), 'R5_wakabayashi_review.json');
  writeFileSync(path, JSON.stringify({
    schema: 'torikumi/review/v1', ward: { name: '若林区', slug: 'wakabayashi' }, fiscal_year: 2023,
    made: '2024-01-10T10:00:00+09:00', report_changed: '2024-01-09T10:00:00+09:00', report_hash: '0',
    comments: [
      { id: 1, anchor: 'issues', text: '課題をもう少し具体的に', made: '2024-01-10T10:00:00+09:00', reply: '', resolved: false },
      { id: 2, anchor: 'team-5-name', text: '正式な名称にしてください', made: '2024-01-10T10:00:00+09:00', reply: '', resolved: false },
      { id: 3, anchor: 'team-5', text: 'このチームの成果は？', made: '2024-01-10T10:00:00+09:00', reply: '', resolved: false },
    ],
  }));
  return path;
}

test('a review read while another tab edits the draft: that tab follows and shows the comment, and its text and later typing are kept', async ({ page: editing, context }) => {
  await openSample(editing);
  await box(editing, '現状における課題').fill('課題の文。');
  await expect.poll(async () => (await stored(editing)).document.report.sections.issues).toBe('課題の文。');
  // The fields a comment will come beside, marked: a comment coming must not re-create them
  // (a re-created field loses its caret and an IME composition).
  const fields = ['現状における課題', 'プロジェクトチーム2 名称', 'プロジェクトチーム2 年間実施予定回数'];
  await editing.evaluate((names) => names.forEach((n) => { document.querySelector(`[aria-label="${n}"]`).__kept = true; }), fields);
  const start = await context.newPage();
  await readWith読み込む(start, sampleReview());
  await button(start, '読み込んで開く').click();
  // The editing tab follows storage: each comment shows under its field, no reload.
  await expect(editing.locator('.section-field .comment-text')).toHaveText('課題をもう少し具体的に');
  await expect(editing.locator('.row-card .comment-text')).toHaveText(['このチームの成果は？', '正式な名称にしてください']);
  expect(await editing.evaluate((names) => names.map((n) => document.querySelector(`[aria-label="${n}"]`).__kept === true), fields)).toEqual([true, true, true]);
  await expect(box(editing, '現状における課題')).toHaveValue('課題の文。');
  await box(editing, '指摘1への回答').fill('具体例を足しました。');
  await expect.poll(async () => {
    const report = (await stored(editing)).document.report;
    return [report.sections.issues, report.comments.map((c) => c.reply)];
  }).toEqual(['課題の文。', ['具体例を足しました。', '', '']]);
  // The ward removes the commented team: its comments move to the top, saying so, and stay stored.
  await button(editing, 'プロジェクトチーム2を削除').click();
  await expect(editing.locator('.comments-panel .comment-head').filter({ hasText: '削除された行への市からの指摘' })).toHaveCount(2);
  await expect(editing.locator('.row-card .comment')).toHaveCount(0);
  await expect.poll(async () => (await stored(editing)).document.report.comments.length).toBe(3);
});

test('a review read with storage full says so at once and stores nothing; with room again it is read', async ({ page }) => {
  await openSample(page);
  const before = await stored(page);
  await fillStorage(page);
  const review = sampleReview();
  await readWith読み込む(page, review);
  await button(page, '読み込んで開く').click();
  await expect(page.getByRole('alert')).toContainText('保存');
  const id = before.id;
  expect((await stored(page, id)).document).toEqual(before.document);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await readWith読み込む(page, review);
  await button(page, '読み込んで開く').click();
  await editable(page);
  expect((await stored(page, id)).document.report.comments.map((c) => c.text)).toEqual(['課題をもう少し具体的に', '正式な名称にしてください', 'このチームの成果は？']);
});

test('the city edits and removes its own comments: each change is in the stored set at once, and focus stays where the keyboard was', async ({ page, browser }) => {
  await openSample(page);
  const exported = keep(await download(page, 'JSONを書き出す'));
  const city = await (await browser.newContext()).newPage();
  await openBundle(city);
  await addFiles(city, [exported]);
  await button(city, '若林区を確認する').click();
  const storedComments = () => city.evaluate(() => JSON.parse(localStorage.getItem('torikumi:bundle')).reports[0].report.comments ?? []);
  await comment(city, '現状における課題', '課題の根拠を一言');
  expect((await storedComments()).map((c) => [c.anchor, c.text])).toEqual([['issues', '課題の根拠を一言']]);
  await button(city, '指摘1を編集').click();
  await expect(city.locator('#comment-text')).toBeFocused();
  await city.locator('#comment-text').fill('課題の根拠を、数字で一言');
  await button(city, '指摘を保存').click();
  await expect(button(city, '指摘1を編集')).toBeFocused();
  await expect.poll(async () => (await storedComments()).map((c) => c.text)).toEqual(['課題の根拠を、数字で一言']);
  await button(city, '指摘1を削除').click();
  await expect(button(city, '現状における課題に指摘を追加')).toBeFocused();
  await expect.poll(storedComments).toEqual([]);
  await expect(city.locator('.comment')).toHaveCount(0);
});

/** The city's tab with 若林区's comment box open and text in it, and another tab of the same browser. */
async function commentWhileAnotherTabAdds(page, browser) {
  await openSample(page);
  const wakabayashi = await download(page, 'JSONを書き出す');
  const aoba = JSON.parse(wakabayashi.text);
  aoba.report.ward = { name: '青葉区', slug: 'aoba' };
  const context = await browser.newContext();
  const city = await context.newPage();
  await openBundle(city);
  await addFiles(city, [keep(wakabayashi)]);
  await button(city, '若林区を確認する').click();
  await button(city, '現状における課題に指摘を追加').click();
  await city.locator('#comment-text').fill('根拠を一言');
  const other = await context.newPage();
  await openBundle(other);
  const addAoba = () => addFiles(other, [keep({ name: 'R5_aoba_torikumi.json', text: JSON.stringify(aoba) })]);
  return { context, city, other, addAoba };
}

const wardsAndComments = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('torikumi:bundle')).reports.map((r) => [r.report.ward.slug, (r.report.comments ?? []).map((c) => c.text)]));

test('another tab changes the set while the city writes a comment: an added report and the comment are both kept; a report taken out keeps the text on screen, said', async ({ page, browser }) => {
  const { context, city, other, addAoba } = await commentWhileAnotherTabAdds(page, browser);
  // Another tab adds a ward meanwhile: the comment goes into the set storage holds now.
  await addAoba();
  await button(city, '指摘を保存').click();
  await expect.poll(() => wardsAndComments(city)).toEqual([['wakabayashi', ['根拠を一言']], ['aoba', []]]);
  // The other tab takes 若林区 out while a second comment is being written: the text stays.
  await button(city, '現状における課題に指摘を追加').click();
  await city.locator('#comment-text').fill('二つ目の指摘');
  await button(other, '若林区を外す').click();
  await expect(city.getByRole('alert').filter({ hasText: '別のタブで取りまとめから外された' }).first()).toBeVisible();
  await expect(city.locator('#comment-text')).toHaveValue('二つ目の指摘');
  await button(city, '指摘を保存').click();
  await expect(city.locator('#comment-text')).toHaveValue('二つ目の指摘');
  expect(await city.evaluate(() => JSON.parse(localStorage.getItem('torikumi:bundle')).reports.map((r) => r.report.ward.slug))).toEqual(['aoba']);
  await context.close();
});

test('a comment saved on a read from before another tab added a ward (each process has its own copy of storage, which can lag): that tab joins its ward back, and both tabs show both', async ({ page, browser }) => {
  const { context, city, other, addAoba } = await commentWhileAnotherTabAdds(page, browser);
  const before = await city.evaluate(() => localStorage.getItem('torikumi:bundle'));
  await addAoba();
  await expect.poll(() => wardsAndComments(city)).toEqual([['wakabayashi', []], ['aoba', []]]);
  // Until the city's tab writes, its reads of the set give it as it was before, as a
  // copy the other tab's write had not reached yet would; what it writes is kept.
  await city.evaluate((text) => {
    const { getItem, setItem } = Storage.prototype;
    Storage.prototype.getItem = function (key) {
      return key === 'torikumi:bundle' ? text : getItem.call(this, key);
    };
    Storage.prototype.setItem = function (key, value) {
      if (key === 'torikumi:bundle') {
        Object.assign(Storage.prototype, { getItem, setItem });
        window.__cityWrote = value;
      }
      return setItem.call(this, key, value);
    };
  }, before);
  await button(city, '指摘を保存').click();
  const wrote = JSON.parse(await city.evaluate(() => window.__cityWrote));
  expect(wrote.reports.map((r) => r.report.ward.slug), 'the city wrote on its older read').toEqual(['wakabayashi']);
  // The other tab sees that write was not made on its set, and joins 青葉区 back.
  await expect.poll(() => wardsAndComments(other)).toEqual([['wakabayashi', ['根拠を一言']], ['aoba', []]]);
  await expect.poll(() => wardsAndComments(city)).toEqual([['wakabayashi', ['根拠を一言']], ['aoba', []]]);
  await button(city, '← 読み込んだ報告に戻る').click();
  await expect(city.getByText('R5_aoba_torikumi.json')).toBeVisible();
  await expect(other.getByText('R5_aoba_torikumi.json')).toBeVisible();
  await context.close();
});
