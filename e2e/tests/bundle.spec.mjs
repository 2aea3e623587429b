// 取りまとめ: the city imports the wards' exports, reviews them, and binds them.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, button, download, openBundle, addFiles } from './fixtures.mjs';
import { WARDS, wardReport } from '../ward-reports.mjs';
import { readPdf } from '../pdf.mjs';

const ROWS = ['全体協議会', '実務者ネットワーク会議', '障害者相談支援事業所等連絡会議', '運営会議', 'プロジェクトチーム数', 'その他の活動数'];

const FIVE = {
  aoba: { counts: [2, 6, 11, 12], teams: 2, activities: 1 },
  miyagino: { counts: [3, 4, 10, 11], teams: 1, activities: 0 },
  wakabayashi: { counts: [1, 12, 12, 6], teams: 0, activities: 2 },
  taihaku: { counts: [2, 0, 9, 12], teams: 3, activities: 1, basis: { kind: 'projected', year: 2023, month: 2 } },
  izumi: { counts: [4, 5, 8, null], teams: 2, activities: 2 },
};

const file = (name, json) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json, null, 2)) });
const exportOf = (slug, options = FIVE[slug]) => file(`R4_${slug}_torikumi.json`, wardReport(slug, options));



/** The summary table as text cells: the header row, then one row per kind. */
async function summaryCells(page) {
  const table = page.getByRole('table', { name: '実施回数の一覧' });
  await expect(table).toBeVisible();
  return table.locator('tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
}

/** What the five files say, as the summary should show it. */
function expectedSummary() {
  const slugs = WARDS.map(([, s]) => s);
  const value = (slug, row) => {
    const r = FIVE[slug];
    return row < 4 ? r.counts[row] : row === 4 ? r.teams : r.activities;
  };
  return ROWS.map((label, row) => {
    const cells = slugs.map((s) => value(s, row));
    const sum = cells.reduce((a, v) => a + (v ?? 0), 0);
    return [label, ...cells.map((v) => (v === null ? '' : String(v))), String(sum)];
  });
}

/** The PDF's info, and each page's text (pdftotext -f N -l N) with whitespace removed. */
function pdfPages(pdf) {
  const { info, pages } = readPdf(pdf);
  return { info, pages: pages.map((p) => p.replace(/\s+/g, '')) };
}

test('five wards imported at once in shuffled order: the summary equals the inputs, the bound PDF has the cover, each ward on its own page in order, and page numbers', async ({ page }) => {
  await openBundle(page);
  await addFiles(page, ['izumi', 'wakabayashi', 'aoba', 'taihaku', 'miyagino'].map((s) => exportOf(s)));

  const list = page.getByRole('table', { name: '読み込んだ報告' });
  await expect(list.getByRole('row')).toHaveCount(6);
  // Configured order, whatever the order of import.
  await expect(list.locator('tbody th')).toHaveText(WARDS.map(([n]) => n));
  await expect(list.getByRole('row', { name: /青葉区/ })).toContainText('令和４年度');
  await expect(list.getByRole('row', { name: /青葉区/ })).toContainText('完成');
  await expect(button(page, '若林区を外す')).toBeVisible();

  const cells = await summaryCells(page);
  expect(cells[0]).toEqual(['会議', ...WARDS.map(([n, s]) => (s === 'taihaku' ? `${n}（見込み）` : n)), '合計']);
  expect(cells.slice(1)).toEqual(expectedSummary());
  const notes = page.locator('.bundle-summary .b-note');
  await expect(notes.first()).toHaveText('※太白区はR5.2時点の見込みです。');
  await expect(notes.nth(1)).toContainText('空欄は');
  // The chart says its numbers in words.
  await expect(page.getByRole('img', { name: '会議の実施回数（区別）' })).toHaveAccessibleDescription(/全体協議会：青葉区2回、宮城野区3回、若林区1回、太白区2回、泉区4回。/);
  // Only the 泉区 report lacks a count (運営会議): an error by the rules, announced with the warnings.
  await expect(page.locator('.bundle-warnings[role="status"]')).toContainText('泉区（1件）の報告に、記入の誤り（エラー）があります。');

  await button(page, 'まとめて印刷用表示').click();
  await expect(page.locator('.b-cover')).toBeVisible();
  const { info, pages } = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
  expect(pages[0]).toContain('令和４年度区障害者自立支援協議会取組状況');
  expect(pages[0]).toContain('令和４年度実施回数の一覧');
  for (const [name] of WARDS) expect(pages[0]).toContain(`${name}完成`);
  // A page's text is its number (the foot's margin box comes first in the PDF), then its content.
  const body = (text) => text.replace(/^−\d+−/, '');
  const starts = WARDS.map(([name]) => pages.findIndex((p) => body(p).startsWith(`令和４年度${name}障害者自立支援協議会`)));
  expect(starts.every((n) => n > 0), `each ward starts a page: ${starts}`).toBe(true);
  expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  pages.forEach((text, n) => expect(text, `page ${n + 1}`).toContain(`−${n + 1}−`));
  expect(pages.join('')).not.toContain('下書き');
});

test('warnings: a missing ward, two files for one ward (choose the other), mixed 年度, a draft, and an unreadable file with its reason', async ({ page }) => {
  await openBundle(page);
  await addFiles(page, [
    exportOf('aoba'),
    file('R4_aoba_torikumi_old.json', wardReport('aoba', { counts: [1, 1, 1, 1], changed: '2023-04-01T01:00:00Z' })),
    file('R5_miyagino_torikumi.json', wardReport('miyagino', { ...FIVE.miyagino, year: 2023 })),
    file('R4_wakabayashi_torikumi.json', wardReport('wakabayashi', { ...FIVE.wakabayashi, status: 'draft' })),
    { name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('会議のメモです') },
  ]);
  const warnings = page.locator('.bundle-warnings');
  await expect(warnings).toContainText('太白区、泉区の報告がまだありません。');
  await expect(warnings).toContainText('青葉区の報告が2件あります。最後に更新された「R4_aoba_torikumi.json」を使います（ほかに「R4_aoba_torikumi_old.json」）。');
  await expect(warnings).toContainText('年度の違う報告が混ざっています（令和４年度、令和５年度）。');
  await expect(warnings).toContainText('若林区の報告は下書きのままです。');
  await expect(warnings).toContainText('「memo.txt」は読み込めなかったため、取りまとめに入りません。');
  await expect(page.getByRole('listitem').filter({ hasText: '「memo.txt」を読み込めませんでした。JSONファイルとして読めません' })).toBeVisible();
  expect((await summaryCells(page))[1][1]).toBe('2');

  // The other file for 青葉区 can be chosen instead; the choice survives a reload.
  await button(page, '青葉区の「R4_aoba_torikumi_old.json」を使う').click();
  await expect(warnings).toContainText('選んだ「R4_aoba_torikumi_old.json」を使います');
  expect((await summaryCells(page))[1][1]).toBe('1');
  await page.reload();
  expect((await summaryCells(page))[1][1]).toBe('1');
  await expect(page.getByRole('table', { name: '読み込んだ報告' }).getByRole('row')).toHaveCount(5);

  // Removing a ward's report and an unreadable file.
  await button(page, '若林区を外す').click();
  await expect(warnings).not.toContainText('下書きのまま');
  await expect(warnings).toContainText('若林区');
  await button(page, '「memo.txt」を一覧から外す').click();
  await expect(warnings).not.toContainText('memo.txt');
});

test('a draft is marked 下書き on its pages and on the cover', async ({ page }) => {
  await openBundle(page);
  await addFiles(page, [exportOf('aoba'), file('R4_izumi_torikumi.json', wardReport('izumi', { ...FIVE.izumi, status: 'draft' }))]);
  await button(page, 'まとめて印刷用表示').click();
  await expect(page.locator('.b-cover')).toBeVisible();
  const { pages } = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  expect(pages[0]).toContain('泉区下書き');
  expect(pages[0]).toContain('太白区未提出');
  const izumi = pages.findIndex((p) => p.includes('令和４年度泉区障害者自立支援協議会'));
  const aoba = pages.findIndex((p) => p.includes('令和４年度青葉区障害者自立支援協議会'));
  expect(aoba).toBeGreaterThan(0);
  expect(izumi).toBeGreaterThan(aoba);
  pages.slice(izumi).forEach((text, n) => expect(text, `泉区 page ${n + 1}`).toContain('下書き'));
  pages.slice(aoba, izumi).forEach((text) => expect(text).not.toContain('下書き'));
});

test('the CSV parses back to the summary table, and formula-like ward names are escaped', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ wards: [...WARDS.map(([name, slug]) => ({ name, slug })), { name: '=1+2', slug: 'formula' }], brief_length: 300 }),
  }));
  await openBundle(page);
  await addFiles(page, [...WARDS.map(([, s]) => exportOf(s)), file('R4_formula_torikumi.json', wardReport('formula', { counts: [1, 2, 3, 4] }))]);
  await expect(page.getByRole('table', { name: '読み込んだ報告' }).getByRole('row')).toHaveCount(7);
  const csv = await download(page, 'CSVを書き出す');
  expect(csv.name).toBe('R4_torikumi_summary.csv');
  const bytes = (await import('node:fs')).readFileSync(csv.path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.text.replace(/^\uFEFF/, '');
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  const records = parseCsv(text);
  const table = await summaryCells(page);
  expect(records[0]).toEqual(['令和４年度　実施回数の一覧']);
  // The header: the formula-like name is defused with a leading apostrophe.
  expect(records[1]).toEqual(table[0].map((c) => (c === '=1+2' ? "'=1+2" : c)));
  expect(records.slice(2, 8)).toEqual(table.slice(1));
});

/** RFC 4180: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field); records.push(record); record = []; field = ''; i += 1;
    } else field += c;
  }
  return records;
}

test('the set survives a reload, its file round-trips through すべて外す, and axe finds no violation', async ({ page }) => {
  await openBundle(page);
  await addFiles(page, [exportOf('taihaku'), exportOf('aoba'), { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"schema":') }]);
  const before = await summaryCells(page);
  await page.reload();
  expect(await summaryCells(page)).toEqual(before);
  await expect(page.getByText('「broken.json」を読み込めませんでした。')).toBeVisible();

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

  const setFile = await download(page, 'まとめてJSONを書き出す');
  expect(setFile.name).toBe('R4_torikumi_bundle.json');
  expect(JSON.parse(setFile.text).schema).toBe('torikumi/bundle/v1');
  expect(JSON.parse(setFile.text).reports).toHaveLength(2);

  await button(page, 'すべて外す').click();
  await page.getByRole('alert').getByRole('button', { name: 'すべて外す' }).click();
  await expect(page.getByText('まだ報告を読み込んでいません。')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('torikumi:bundle'))).toBeNull();
  await page.reload();
  await expect(page.getByText('まだ報告を読み込んでいません。')).toBeVisible();

  await addFiles(page, setFile.path);
  expect(await summaryCells(page)).toEqual(before);
  await expect(page.getByText('「broken.json」を読み込めませんでした。')).toBeVisible();
});

test('a second tab\'s additions are kept, and a full storage keeps the set in the page and says so', async ({ page, context }) => {
  await openBundle(page);
  const other = await context.newPage();
  await openBundle(other);
  await addFiles(page, [exportOf('aoba')]);
  await addFiles(other, [exportOf('izumi')]);
  // The first tab follows the second through storage events; both reports are kept.
  await expect(page.getByRole('table', { name: '読み込んだ報告' }).locator('tbody th')).toHaveText(['青葉区', '泉区']);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('torikumi:bundle')));
  expect(stored.reports.map((r) => r.report.ward.slug).sort()).toEqual(['aoba', 'izumi']);
  await other.close();

  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'torikumi:bundle') throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  await addFiles(page, [exportOf('taihaku')]);
  await expect(page.getByRole('alert')).toContainText('この端末の保存領域がいっぱいで、取りまとめを保存できませんでした。');
  await expect(page.getByRole('table', { name: '読み込んだ報告' }).locator('tbody th')).toHaveText(['青葉区', '太白区', '泉区']);
  const setFile = await download(page, 'まとめてJSONを書き出す');
  expect(JSON.parse(setFile.text).reports).toHaveLength(3);

  // Leaving asks first (those changes live only in this page); staying keeps them.
  const asked = new Promise((resolve) => page.once('dialog', async (d) => {
    resolve(d.message());
    await d.dismiss();
  }));
  await page.getByRole('link', { name: '← 最初のページ' }).click();
  expect(await asked).toContain('取りまとめに、この端末に保存できていない変更があります。');
  await expect(page.getByRole('table', { name: '読み込んだ報告' }).locator('tbody th')).toHaveText(['青葉区', '太白区', '泉区']);
  expect(page.url()).toContain('#/bundle');
  // Closing the tab asks too (the browser's own question).
  const closing = new Promise((resolve) => page.once('dialog', async (d) => {
    await d.dismiss();
    resolve(d.type());
  }));
  await page.close({ runBeforeUnload: true });
  expect(await closing).toBe('beforeunload');
});

test('last year\'s reports added beside this year\'s: 前年度 and 増減 in the summary and the CSV, and they are listed, not bound', async ({ page }) => {
  await openBundle(page);
  // This year (令和５年度): every count one more than last year's FIVE, 泉区 sends no 運営会議 count.
  const thisYear = (slug) => {
    const r = FIVE[slug];
    return { ...r, year: 2023, changed: '2024-04-20T01:00:00Z', counts: r.counts.map((n) => (n === null ? null : n + 1)) };
  };
  await addFiles(page, WARDS.map(([, s]) => file(`R5_${s}_torikumi.json`, wardReport(s, thisYear(s)))));
  const withoutLastYear = await summaryCells(page);
  expect(withoutLastYear[0].at(-1)).toBe('合計');
  // Last year's files, in one go: 泉区's is missing.
  await addFiles(page, WARDS.filter(([, s]) => s !== 'izumi').map(([, s]) => exportOf(s)));
  const table = await summaryCells(page);
  expect(table[0].slice(-3)).toEqual(['合計', '前年度', '増減']);
  const last = expectedSummary();
  const izumiColumn = 5;
  table.slice(1).forEach((row, i) => {
    const lastYearSum = last[i].slice(1, 6).filter((_, w) => w !== izumiColumn - 1).reduce((a, v) => a + Number(v || 0), 0);
    const [total, previous, change] = row.slice(-3).map((c) => Number(c.replace('−', '-').replace('+', '')));
    expect(previous, `${row[0]} 前年度`).toBe(lastYearSum);
    expect(change, `${row[0]} 増減`).toBe(total - lastYearSum);
  });
  // 全体協議会: this year 3+4+2+3+5 = 17, last year without 泉区 2+3+1+2 = 8.
  expect(table[1].slice(-3)).toEqual(['17', '8', '+9']);
  await expect(page.locator('.b-note')).toContainText(['※前年度は令和４年度の報告の合計、増減は今年度の合計との差です。', '※泉区は、前年度の報告がありません（前年度の合計に入っていません）。']);
  // Listed under their ward as 前年度, never as a second report for it.
  const list = page.getByRole('table', { name: '読み込んだ報告' });
  await expect(list.locator('tbody th')).toHaveText(['青葉区', '青葉区（前年度）', '宮城野区', '宮城野区（前年度）', '若林区', '若林区（前年度）', '太白区', '太白区（前年度）', '泉区']);
  await expect(page.locator('.bundle-warnings')).not.toContainText('件あります');
  await expect(page.locator('.bundle-warnings')).not.toContainText('年度の違う報告');

  const csv = await download(page, 'CSVを書き出す');
  expect(csv.name).toBe('R5_torikumi_summary.csv');
  const records = parseCsv(csv.text.replace(/^\uFEFF/, ''));
  expect(records[1]).toEqual(table[0]);
  expect(records.slice(2, 8)).toEqual(table.slice(1).map((row) => [...row.slice(0, -1), row.at(-1).replace('−', '-').replace('+', '')]));

  // The bound document binds this year's reports only.
  await button(page, 'まとめて印刷用表示').click();
  await expect(page.locator('.b-ward')).toHaveCount(5);
  await expect(page.locator('.b-ward .p-title')).toHaveText(WARDS.map(([name]) => `令和５年度　${name}障害者自立支援協議会　取組状況`));
});
