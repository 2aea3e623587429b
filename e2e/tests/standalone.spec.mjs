// The one-file build (dist/torikumi.html) opened from file:// with no server:
// every journey of the hosted app but the service worker, and no request at all.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test, expect, box, button, editable, saved, download, started } from './fixtures.mjs';
import { readPdf } from '../pdf.mjs';

const dist = process.env.TORIKUMI_E2E_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const single = join(dist, 'torikumi.html');
const fileUrl = pathToFileURL(single).href;

/** Every request the page makes that is not the file itself (or a blob/data URL it made). */
function outsideRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!(url === fileUrl || url.startsWith('blob:') || url.startsWith('data:'))) seen.push(url);
  });
  return seen;
}

test('the one file is self-contained, its CSP allows nothing outside it, and its gzip is within 1.4× of the hosted app with its on-demand module', () => {
  const html = readFileSync(single, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("connect-src 'none'");
  expect(csp).toMatch(/script-src 'wasm-unsafe-eval' 'sha256-[^']+' 'sha256-[^']+' 'sha256-[^']+'/);
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+rel="(stylesheet|manifest)"|type="module"/);
  expect(html).not.toMatch(/\b(src|href)="(?!data:|torikumi\.html")[^"#]/);
  // The one file carries the on-demand module too (取りまとめ, Word), which the hosted app fetches when first used.
  const hostedFiles = readFileSync(join(dist, 'index.html'), 'utf8').match(/(torikumi-(on-demand-)?[0-9a-f]+(_bg\.wasm|\.js)|(styles|print)-[0-9a-f]+\.css)/g);
  const module = hostedFiles.find((f) => f.startsWith('torikumi-on-demand-'));
  expect(module, 'index.html names the on-demand module').toBeTruthy();
  hostedFiles.push(module.replace(/\.js$/, '_bg.wasm'));
  const hosted = [...new Set(hostedFiles), 'index.html', 'boot.js', 'config.json', 'manifest.webmanifest', 'sw.js']
    .reduce((n, f) => n + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  const one = gzipSync(readFileSync(single), { level: 9 }).length;
  console.log(`one file: ${(one / 1024).toFixed(0)} KB gzip; hosted app: ${(hosted / 1024).toFixed(0)} KB gzip; ratio ${(one / hosted).toFixed(2)}`);
  expect(one / hosted).toBeLessThanOrEqual(1.4);
});

test('from file:// with no server: write, reload, finish, export, mail, print to A4, import, and the city\'s bundle, with no request', async ({ page }) => {
  const requests = outsideRequests(page);
  await page.goto(fileUrl);
  await started(page);
  await expect(page.getByText('オフライン版をダウンロード')).toHaveCount(0);
  await expect(page.locator('.boot-message')).toHaveCount(0);

  await button(page, '見本を開く').click();
  await editable(page);
  await box(page, '現状における課題').fill('ファイル版で書いた課題');
  await saved(page);
  await page.reload();
  await editable(page);
  await expect(box(page, '現状における課題')).toHaveValue('ファイル版で書いた課題');

  await button(page, '完成にする').click();
  await expect(page.getByText(/この報告は完成しています/)).toBeVisible();
  await saved(page);
  const exported = await download(page, 'JSONを書き出す');
  const json = JSON.parse(exported.text);
  expect(json.status).toBe('finished');
  expect(json.report.sections.issues).toBe('ファイル版で書いた課題');

  // メールで送る: both files downloaded, and a mail to write (no share sheet in a local file here).
  const mailed = [];
  page.on('download', (d) => mailed.push(d.suggestedFilename()));
  await button(page, 'メールで送る').click();
  await expect(page.getByRole('link', { name: 'メールを作成する' })).toHaveAttribute('href', /^mailto:/);
  await expect.poll(() => mailed.sort()).toEqual(['R5_wakabayashi_torikumi.html', 'R5_wakabayashi_torikumi.json']);

  await button(page, '印刷用表示').click();
  await expect(page.locator('.p-report')).toBeVisible();
  const printed = readPdf(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  expect(printed.info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(printed.pages.join('')).toContain('ファイル版で書いた課題');

  await page.goto(`${fileUrl}#/`);
  const chooser = page.waitForEvent('filechooser');
  await button(page, '読み込む').click();
  await (await chooser).setFiles(exported.path);
  await expect(page.getByRole('alert')).toContainText('下書きがすでにあります');
  await button(page, '両方残す').click();
  // The imported report is finished: it opens read-only.
  await expect(page.getByText(/この報告は完成しています/)).toBeVisible();
  await page.goto(`${fileUrl}#/`);
  await expect(page.getByRole('row').filter({ hasText: '若林区' })).toHaveCount(2);

  await button(page, '取りまとめ').click();
  const bundleChooser = page.waitForEvent('filechooser');
  await button(page, 'ファイルを追加').click();
  await (await bundleChooser).setFiles(exported.path);
  await expect(page.getByRole('table', { name: '実施回数の一覧' })).toContainText('若林区');
  await button(page, 'まとめて印刷用表示').click();
  await expect(page.locator('.b-cover')).toBeVisible();

  expect(requests).toEqual([]);
});

test('the hosted start page offers the file: オフライン版をダウンロード', async ({ page }) => {
  await page.goto('./');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'オフライン版をダウンロード' }).click()]);
  expect(file.suggestedFilename()).toBe('torikumi.html');
  expect(readFileSync(await file.path()).equals(readFileSync(single))).toBe(true);
});

test('a renamed copy in another folder finds the drafts made with the file (Chromium keeps one storage for local files)', async ({ page }) => {
  await page.goto(fileUrl);
  await button(page, '新しい報告を作成').click();
  await editable(page);
  await box(page, '今年度の主な取組み').fill('USBメモリのファイルで書いた');
  await saved(page);
  const other = mkdtempSync(join(tmpdir(), 'torikumi-copy-'));
  const copy = join(other, '取組状況_オフライン版.html');
  copyFileSync(single, copy);
  await page.goto(pathToFileURL(copy).href);
  await expect(page.getByRole('region', { name: '下書き' }).getByRole('row')).toHaveCount(2);
});
