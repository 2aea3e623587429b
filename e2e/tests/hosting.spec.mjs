// How the app is hosted: offline use, captive portals, updates, installability,
// sub-paths, another city's config, and talking to no one. Each test serves its
// own copy of dist/ on loopback (sites.mjs), so that it can switch to a second build,
// change the config or serve under a sub-path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, box, button, editable, saved, download, started } from './fixtures.mjs';
import { dist, installUpdate, serveCopies, visit } from './sites.mjs';

/** The URLs of every cached response whose body is `body`, in any cache. */
async function cachedWithBody(page, body) {
  return page.evaluate(async (body) => {
    const found = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if ((await (await cache.match(request)).text()) === body) found.push(`${name} ${request.url}`);
      }
    }
    return found;
  }, body);
}

for (const base of ['/', '/torikumi/']) {
  test.describe(`served under ${base}`, () => {
    test('after one visit the app opens, edits, autosaves, exports and prints with the network off', async ({ page, context }, testInfo) => {
      const server = await serveCopies(testInfo, [base]);
      try {
        await visit(page, server.url(), expect);
        await context.setOffline(true);
        await page.reload();
        await button(page, '新しい報告を作成').click();
        await editable(page);
        await box(page, '今年度の主な取組み').click();
        await page.keyboard.insertText('オフラインで書いた。');
        await saved(page);
        await page.reload();
        await editable(page);
        await expect(box(page, '今年度の主な取組み')).toHaveValue('オフラインで書いた。');
        expect(JSON.parse((await download(page, 'JSONを書き出す')).text).report.sections.main_work).toBe('オフラインで書いた。');
        await button(page, '印刷用表示').click();
        await expect(page.locator('.p-report')).toContainText('オフラインで書いた。');
        expect((await page.pdf({ format: 'A4' })).length).toBeGreaterThan(1000);
      } finally {
        server.close();
      }
    });

    test('behind a captive portal that answers everything with its own page, the app opens from its cache', async ({ page, context }, testInfo) => {
      const server = await serveCopies(testInfo, [base]);
      try {
        await visit(page, server.url(), expect);
        await button(page, '見本を開く').click();
        await editable(page);
        await saved(page);
        const draftUrl = page.url();
        await context.route('**/*', (route) =>
          route.fulfill({ status: 200, contentType: 'text/html', body: '<html><body><h1>Free Wi-Fi: please log in</h1></body></html>' }),
        );
        await page.goto(server.url());
        await started(page);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
        await page.goto(draftUrl);
        await editable(page);
        await expect(box(page, '全体協議会 区での呼称')).toHaveValue('若林区障害者地域支援会議');
      } finally {
        server.close();
      }
    });

    test('a new version announces itself, never switches by itself, and keeps the draft when reloaded into', async ({ page }, testInfo) => {
      const server = await serveCopies(testInfo, [base]);
      try {
        await visit(page, server.url(), expect);
        const before = await page.locator('.app-version').textContent();
        await button(page, '新しい報告を作成').click();
        await editable(page);
        await box(page, '現状における課題').click();
        await page.keyboard.insertText('更新の前に書いた課題');
        const version = server.secondBuild();
        await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
        await expect(page.locator('.update-banner')).toContainText('新しいバージョンがあります。');
        // Announced to screen readers through the app's live region.
        await expect(page.locator('#announcer[role="status"]')).toContainText('新しいバージョンがあります。');
        // Nothing switched: the old version still runs, and typing goes on.
        await expect(page.locator('.app-version')).toHaveText(before);
        await page.keyboard.insertText('。続き');
        await button(page, '再読み込みして更新').click();
        await expect(page.locator('.app-version')).toHaveText(`　バージョン ${version}`);
        await editable(page);
        await expect(box(page, '現状における課題')).toHaveValue('更新の前に書いた課題。続き');
        await expect(page.locator('.update-banner')).toHaveCount(0);
      } finally {
        server.close();
      }
    });

    test('an update downloaded behind a captive portal is not installed; the version in use stays and opens offline', async ({ page, context }, testInfo) => {
      const server = await serveCopies(testInfo, [base]);
      const portal = '<html><body><h1>Free Wi-Fi: please log in</h1></body></html>';
      try {
        await visit(page, server.url(), expect);
        const before = await page.locator('.app-version').textContent();
        const version = server.secondBuild();
        // The new version is published, but while it downloads the Wi-Fi's portal
        // answers for the app's code with its login page, status 200.
        const restore = server.answer((name) => name.endsWith('.wasm'), portal);
        // The worker takes a file from the browser's cache when the bytes there are the new
        // version's; this second build's wasm is the same bytes. A cache without them (a
        // real update's new wasm, or a cleared cache) sends the worker to the portal.
        await (await page.context().newCDPSession(page)).send('Network.clearBrowserCache');
        expect(await installUpdate(page)).toBe('redundant');
        await expect(page.locator('.update-banner')).toHaveCount(0);
        expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting === null)).toBe(true);
        expect(await cachedWithBody(page, portal)).toEqual([]);
        // Caches are named 'torikumi <scope> <version>' (static/sw.js).
        expect((await page.evaluate(() => caches.keys())).filter((name) => name.endsWith(` ${version}`))).toEqual([]);
        expect((await page.evaluate(() => caches.keys())).filter((name) => name.startsWith(`torikumi ${server.url()}`))).toHaveLength(1);
        // The version in use still opens and works with the network off.
        await context.setOffline(true);
        await page.reload();
        await started(page);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
        await expect(page.locator('.app-version')).toHaveText(before);
        await button(page, '新しい報告を作成').click();
        await editable(page);
        // Past the portal, the same update downloads intact and installs.
        await context.setOffline(false);
        restore();
        expect(await installUpdate(page)).toBe('installed');
        await expect(page.locator('.update-banner')).toContainText('新しいバージョンがあります。');
        await button(page, '再読み込みして更新').click();
        await expect(page.locator('.app-version')).toHaveText(`　バージョン ${version}`);
      } finally {
        server.close();
      }
    });
  });
}

test('a first visit that installs the service worker sends each file once: the worker keeps what the page has just downloaded', async ({ page }, testInfo) => {
  const server = await serveCopies(testInfo, ['/'], { log: true });
  try {
    await visit(page, server.url(), expect);
    const precached = [...readFileSync(join(dist, 'sw.js'), 'utf8').matchAll(/"\.\/([^"]+)": "sha256-/g)].map((m) => `/${m[1]}`);
    const times = (path) => server.sent.filter((s) => s.path === path).length;
    // The app's code and style: the page's own requests, and none of the worker's.
    const code = precached.filter((p) => /\.(wasm|js|css)$/.test(p));
    expect(code.length).toBeGreaterThanOrEqual(5);
    for (const path of code) expect(times(path), path).toBe(1);
    // Nothing else twice either, but '/' (also the server's readiness probe here) and
    // config.json (network first: the page's request and the worker's).
    const twice = [...new Set(server.sent.map((s) => s.path))].filter((p) => times(p) > (p === '/' || p === '/config.json' ? 2 : 1));
    expect(twice).toEqual([]);
  } finally {
    server.close();
  }
});

test('a whole session sends no request to another origin and meets its Content-Security-Policy', async ({ page, context }, testInfo) => {
  const server = await serveCopies(testInfo);
  const origin = new URL(server.url()).origin;
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const violations = [];
  page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  try {
    await visit(page, server.url(), expect);
    await button(page, '見本を開く').click();
    await editable(page);
    await button(page, 'プロジェクトチームを追加').click();
    await page.keyboard.insertText('新しいチーム');
    await box(page, '全体協議会 主な内容・議題等').click();
    await page.keyboard.insertText('\n・追記');
    await button(page, '完成にする').click();
    await download(page, 'JSONを書き出す');
    await download(page, 'HTMLを書き出す');
    await button(page, '以前の版').click();
    await button(page, '印刷用表示').click();
    await expect(page.locator('.p-report')).toBeVisible();
    await page.goto(server.url());
    await started(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    expect(violations).toEqual([]);
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  } finally {
    server.close();
  }
});

test('the app can be installed: a manifest with Japanese names and icons', async ({ page }, testInfo) => {
  const server = await serveCopies(testInfo, ['/torikumi/']);
  try {
    await visit(page, server.url(), expect);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await fetch(new URL(href, server.url()))).json();
    expect(manifest.name).toBe('取組状況 ― 区障害者自立支援協議会');
    expect(manifest.short_name).toBe('取組状況');
    expect(manifest.start_url).toBe('./');
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, new URL(href, server.url())));
      expect(response.headers.get('content-type')).toBe('image/png');
    }
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  } finally {
    server.close();
  }
});

test('another city configures its wards and brief length in config.json, without a rebuild', async ({ page }, testInfo) => {
  const server = await serveCopies(testInfo);
  try {
    server.setConfig(JSON.stringify({ wards: [{ name: '中央区', slug: 'chuo' }, { name: '北区', slug: 'kita' }], brief_length: 100 }));
    await visit(page, server.url(), expect);
    await button(page, '新しい報告を作成').click();
    await editable(page);
    const ward = page.getByRole('combobox', { name: '区', exact: true });
    await expect(ward.getByRole('option')).toHaveText(['選んでください', '中央区', '北区']);
    await ward.selectOption({ label: '北区' });
    await page.getByRole('combobox', { name: '年度', exact: true }).selectOption('2025');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('令和７年度　北区障害者自立支援協議会　取組状況');
    await expect(page.locator('#f-plenary-content-chars')).toHaveText('0／100文字');
    const exported = await download(page, 'JSONを書き出す');
    expect(exported.name).toBe('R7_kita_torikumi.json');
    // Changed on the server after the service worker cached the app: the change
    // reaches the page. A config file that is there but wrong is reported, and
    // the defaults apply.
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    server.setConfig('{"wards": []}');
    await page.goto(server.url());
    await expect(page.getByText('設定ファイル config.json を使えませんでした：区が一つも設定されていません。')).toBeVisible();
    await button(page, '新しい報告を作成').click();
    await editable(page);
    await expect(page.getByRole('combobox', { name: '区', exact: true }).getByRole('option')).toHaveCount(6);
  } finally {
    server.close();
  }
});

test('opened from file://, the page says in Japanese how to open it instead of staying blank', async ({ page }) => {
  await page.goto(`file://${dist}/index.html`);
  await expect(page.getByRole('alert')).toContainText('このページはファイルとして開かれているため、動きません。');
  await expect(page.getByRole('alert')).toContainText('https://');
});

test.describe('served over plain http from another host', () => {
  // playwright.config.mjs maps torikumi.test to 127.0.0.1: an insecure origin on loopback.
  test('the app works online and says once, calmly, that offline use needs https', async ({ page }, testInfo) => {
    const server = await serveCopies(testInfo);
    try {
      const url = server.url().replace('127.0.0.1', 'torikumi.test');
      await page.goto(url);
      await started(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
      await expect(page.getByText(/オフラインで使うには、https:\/\/ で始まるアドレスで開いてください/)).toBeVisible();
      await button(page, '新しい報告を作成').click();
      await editable(page);
      await page.goto(url);
      await page.reload();
      await started(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
      await expect(page.getByText(/オフラインで使うには/)).toHaveCount(0);
    } finally {
      server.close();
    }
  });
});
