// Start-up faults (issue 22): a first visit whose wasm download is cut short,
// dropped or corrupt, a browser that cannot run the app, a start that is only
// slow; in the hosted app and in the offline file (torikumi.html from file://).
// A failure shows a Japanese message that says what to do, never a blank page;
// a slow start never shows the error.
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect, box, button, newDraft, saved, started } from './fixtures.mjs';

const dist = process.env.TORIKUMI_E2E_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const single = join(dist, 'torikumi.html');

// A first visit: no service worker has cached the app yet (as on a host served over
// plain http, where there never is one), so every start downloads the app's code.
test.use({ serviceWorkers: 'block' });
// The errors a failed start throws in the page, which the message answers.
const startErrors = [/WebAssembly|CompileError|Failed to fetch|NetworkError|SyntaxError|Unexpected end|magic word|expected/i];

const alert = (page) => page.getByRole('alert');

/** The hosted app's start-up failure: the message and its three steps. */
async function toldToReload(page) {
  await expect(alert(page)).toContainText('アプリを読み込めませんでした');
  await expect(alert(page)).toContainText('「再読み込み」を押してください。');
  await expect(alert(page)).toContainText('「オフライン版」（torikumi.html）');
  await expect(alert(page)).toContainText('別のブラウザー（Microsoft Edge、Google Chrome、Firefox の新しい版）');
  await expect(button(page, '再読み込み')).toBeFocused();
}

const portal = '<html><body><h1>Free Wi-Fi: please log in</h1></body></html>';
// How the app's code can arrive on venue Wi-Fi: each answers every request for the file.
const faults = {
  'the wasm cut short': ['**/*.wasm', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: body.subarray(0, body.length >> 1) });
  }],
  'the wasm download dropped': ['**/*.wasm', (route) => route.abort('connectionreset')],
  "the wasm answered with a portal's page": ['**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: portal })],
  'the wasm with damaged bytes': ['**/*.wasm', async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body.fill(0xff, body.length >> 2, (body.length >> 2) + 4096);
    await route.fulfill({ response, body });
  }],
  "the app's JavaScript cut short": [/torikumi-[0-9a-f]+\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: body.subarray(0, body.length >> 1) });
  }],
};

test.describe('a start that fails', () => {
  test.use({ allowedPageErrors: startErrors });

  for (const [fault, [pattern, handler]] of Object.entries(faults)) {
    test(`first visit, ${fault}: a Japanese message says to reload, use the offline file or another browser; reloading opens the app`, async ({ page }) => {
      await page.route(pattern, handler);
      await page.goto('./', { waitUntil: 'commit' });
      await toldToReload(page);
      // Nothing else is on the page: no app half started behind the message.
      await expect(page.getByRole('heading', { name: '取組状況の作成' })).toHaveCount(0);
      await page.unroute(pattern);
      await button(page, '再読み込み').click();
      await started(page);
      await expect(alert(page)).toHaveCount(0);
    });
  }

  test('a failed start with drafts stored offers them as a file, and the file holds every draft as stored', async ({ page }) => {
    await newDraft(page);
    await box(page, '今年度の主な取組み').click();
    await page.keyboard.insertText('読み込めない日の前に書いた。');
    await saved(page);
    const records = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('torikumi:')).map((k) => [k, localStorage.getItem(k)])));
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: portal }));
    await page.goto('./', { waitUntil: 'commit' });
    await toldToReload(page);
    await expect(alert(page)).toContainText('入力済みの下書きは、このブラウザーに残っています。');
    const [file] = await Promise.all([page.waitForEvent('download'), button(page, 'すべての下書きをダウンロード').click()]);
    const backup = JSON.parse(readFileSync(await file.path(), 'utf8'));
    expect(backup.schema).toBe('torikumi/backup/v1');
    const draftKeys = Object.keys(records).filter((k) => /^torikumi:(draft|history):/.test(k));
    expect(draftKeys.length).toBeGreaterThan(0);
    for (const key of draftKeys) expect(backup.records[key]).toBe(records[key]);
    expect(Object.values(backup.records).join('')).toContain('読み込めない日の前に書いた。');
    await expect(page.getByRole('status')).toContainText('をダウンロードしました');
  });

  test('a first visit with nothing stored speaks of no drafts and offers none', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.abort('connectionreset'));
    await page.goto('./', { waitUntil: 'commit' });
    await toldToReload(page);
    await expect(button(page, 'すべての下書きをダウンロード')).toHaveCount(0);
    await expect(alert(page)).not.toContainText('下書き');
  });

  test('a browser without WebAssembly is told in Japanese to use another browser, not shown a blank page', async ({ page }) => {
    await page.addInitScript(() => delete window.WebAssembly);
    await page.goto('./');
    await expect(alert(page)).toContainText('このブラウザーでは、このアプリを使えません');
    await expect(alert(page)).toContainText('WebAssembly');
    await expect(alert(page)).toContainText('Microsoft Edge、Google Chrome、Firefox の新しい版で開いてください。');
    // One message: the loader's own failure that follows adds no second one.
    await expect(alert(page)).toHaveCount(1);
  });
});

test('a start that only takes long says it is loading, later how long is too long, never the error, and then opens', async ({ page }) => {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.clock.install();
  await page.goto('./', { waitUntil: 'commit' });
  await page.clock.fastForward(3500);
  const loading = page.getByRole('status').filter({ hasText: '読み込んでいます…' });
  await expect(loading).toBeVisible();
  await page.clock.fastForward(21_000);
  await expect(loading).toContainText('時間がかかっています。');
  await expect(alert(page)).toHaveCount(0);
  release();
  await started(page);
  await expect(loading).toHaveCount(0);
  await expect(alert(page)).toHaveCount(0);
});

test.describe('the offline file (torikumi.html from file://)', () => {
  /** A copy of the offline file changed by `edit`, in a folder of its own. */
  function copyOf(edit) {
    const path = join(mkdtempSync(join(tmpdir(), 'torikumi-broken-')), 'torikumi.html');
    writeFileSync(path, edit(readFileSync(single, 'utf8')));
    return pathToFileURL(path).href;
  }

  const damaged = {
    'its wasm bytes damaged': (html) => html.replace(/(id="torikumi-wasm">)([A-Za-z0-9+/]{4000})/, (_, open, bytes) => open + 'A'.repeat(bytes.length)),
    'the copy cut short': (html) => html.slice(0, Math.floor(html.length * 0.6)),
  };

  test.describe('that fails to start', () => {
    test.use({ allowedPageErrors: startErrors });

    for (const [fault, edit] of Object.entries(damaged)) {
      test(`with ${fault}, a Japanese message says to reload, get the file again or use another browser`, async ({ page }) => {
        await page.goto(copyOf(edit));
        await expect(alert(page)).toContainText('アプリを読み込めませんでした');
        await expect(alert(page)).toContainText('配布した担当者から「オフライン版」をもう一度受け取る');
        await expect(alert(page)).toContainText('別のブラウザー');
        await expect(page.getByRole('heading', { name: '取組状況の作成' })).toHaveCount(0);
      });
    }

    test('in a browser without WebAssembly, the same message as the hosted app', async ({ page }) => {
      await page.addInitScript(() => delete window.WebAssembly);
      await page.goto(pathToFileURL(single).href);
      await expect(alert(page)).toContainText('このブラウザーでは、このアプリを使えません');
      await expect(alert(page)).toHaveCount(1);
    });
  });

  test('intact, it starts with no message and no loading note left', async ({ page }) => {
    await page.goto(pathToFileURL(single).href);
    await started(page);
    await expect(alert(page)).toHaveCount(0);
    await expect(page.locator('.boot-loading')).toHaveCount(0);
  });
});
