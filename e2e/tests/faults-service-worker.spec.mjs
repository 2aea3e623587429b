// Service-worker faults (issue 22), in Chromium (Firefox: e2e/engines/firefox-service-worker.test.mjs):
//  - with the service worker in control, every link the app offers (the offline
//    file) and every published schema gives its own bytes, online and offline,
//    never the cached index.html in its place; offline, a file never fetched gets
//    a clear answer;
//  - two copies of the app on one origin keep each other's offline caches.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, button, editable, started } from './fixtures.mjs';
import { dist, installUpdate, serveCopies, visit } from './sites.mjs';

// (Not the .gz/.br copies beside them: those are for hosts that serve precompressed files.)
const schemas = readdirSync(join(dist, 'schema')).filter((name) => name.endsWith('.json')).map((name) => `schema/${name}`);

/** The files the start page links to (not its own views): `{ path, download }`. */
function offeredLinks(page) {
  return page.locator('a[href]').evaluateAll((links) => links
    .filter((a) => !a.getAttribute('href').startsWith('#') && new URL(a.href).origin === location.origin)
    .map((a) => ({ path: a.getAttribute('href'), download: a.hasAttribute('download') })));
}

/** The bytes the page saves when its link to `path` is clicked. */
async function downloaded(page, path) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`a[href="${path}"]`).click()]);
  expect(await file.failure()).toBeNull();
  return readFileSync(await file.path());
}

/** The status and bytes of `path` opened in a tab of its own. */
async function opened(context, url) {
  const tab = await context.newPage();
  try {
    const response = await tab.goto(url);
    return { status: response.status(), body: await response.body(), fromServiceWorker: response.fromServiceWorker() };
  } finally {
    await tab.close();
  }
}

for (const base of ['/', '/torikumi/']) {
  test(`under ${base}, with the service worker in control, the offline file and every schema give their own bytes, online and then offline`, async ({ page, context }, testInfo) => {
    const site = await serveCopies(testInfo, [base]);
    try {
      await visit(page, site.url(), expect);
      const links = await offeredLinks(page);
      expect(links).toContainEqual({ path: 'torikumi.html', download: true });
      const index = site.file(base, 'index.html');
      const check = async (when) => {
        for (const { path, download } of links) {
          const bytes = download ? await downloaded(page, path) : (await opened(context, site.url() + path)).body;
          expect(bytes.equals(site.file(base, path)), `${when}: ${path} has its own bytes`).toBe(true);
          expect(bytes.equals(index), `${when}: ${path} is not index.html`).toBe(false);
        }
        for (const path of schemas) {
          const tab = await opened(context, site.url() + path);
          expect(tab.fromServiceWorker).toBe(true);
          expect(tab.status).toBe(200);
          expect(tab.body.equals(site.file(base, path)), `${when}: ${path} has its own bytes`).toBe(true);
        }
      };
      await check('online');
      // The server gone: the app, and the files it gave once, come from the cache.
      await site.stop();
      await page.reload();
      await started(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
      await check('offline');
    } finally {
      site.close();
    }
  });
}

test('offline, a file never fetched is answered as unavailable, not with index.html; the offline file is not saved and the page says why', async ({ page, context }, testInfo) => {
  const site = await serveCopies(testInfo);
  try {
    await visit(page, site.url(), expect);
    await site.stop();
    for (const path of schemas) {
      const tab = await opened(context, site.url() + path);
      expect(tab.status).toBe(503);
      expect(tab.body.toString()).toContain(`オフラインのため、「${path.split('/').pop()}」を開けません`);
    }
    const saved = [];
    page.on('download', (d) => saved.push(d.suggestedFilename()));
    await page.locator('a[href="torikumi.html"]').click();
    await expect(page.getByRole('alert')).toContainText('オフライン版（torikumi.html）をダウンロードできませんでした。ネットワークにつながっていないようです。');
    expect(saved).toEqual([]);
    // The app's page itself still opens.
    await page.reload();
    await button(page, '新しい報告を作成').click();
    await editable(page);
  } finally {
    site.close();
  }
});

test('behind a captive portal, 「オフライン版をダウンロード」 saves no login page as the offline file, and says to log in first', async ({ page, context }, testInfo) => {
  const site = await serveCopies(testInfo);
  try {
    await visit(page, site.url(), expect);
    await context.route('**/torikumi.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html><body><h1>Free Wi-Fi: please log in</h1></body></html>' }));
    const saved = [];
    page.on('download', (d) => saved.push(d.suggestedFilename()));
    await page.locator('a[href="torikumi.html"]').click();
    await expect(page.getByRole('alert')).toContainText('ネットワークにログインしてから、もう一度押してください。');
    expect(saved).toEqual([]);
    // Past the portal, the same button saves the file.
    await context.unroute('**/torikumi.html');
    expect((await downloaded(page, 'torikumi.html')).equals(site.file('/', 'torikumi.html'))).toBe(true);
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    site.close();
  }
});

test('a download of the offline file that stalls is given up after 90 s with a message, and the button works again', async ({ page, context }, testInfo) => {
  const site = await serveCopies(testInfo);
  let release;
  const stalled = new Promise((r) => { release = r; });
  try {
    await page.clock.install();
    await visit(page, site.url(), expect);
    // Never answered while routed (context.unroute lets the request go on to the server).
    await context.route('**/torikumi.html', () => stalled);
    const saved = [];
    page.on('download', (d) => saved.push(d.suggestedFilename()));
    await page.locator('a[href="torikumi.html"]').click();
    await page.clock.fastForward(60_000);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.clock.fastForward(31_000);
    await expect(page.getByRole('alert')).toContainText('ダウンロードに時間がかかりすぎたため、止めました。');
    await context.unroute('**/torikumi.html');
    expect((await downloaded(page, 'torikumi.html')).equals(site.file('/', 'torikumi.html'))).toBe(true);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(saved).toEqual(['torikumi.html']);
  } finally {
    release();
    site.close();
  }
});

/** Two copies of the app served on one origin under /a/ and /b/, each visited in a tab of its own. */
async function twoCopies(context, testInfo) {
  // Two visits and two updates: four service-worker installs, each precaching a whole
  // build, take 20-25 s on CI's two busy cores, too near the 30 s every test is given.
  testInfo.setTimeout(60_000);
  const site = await serveCopies(testInfo, ['/a/', '/b/']);
  const a = await context.newPage();
  const b = await context.newPage();
  await visit(a, site.url('/a/'), expect);
  await visit(b, site.url('/b/'), expect);
  /** Serves a rebuild of the copy at `base`, installs it and reloads the copy's tab into it; its version line. */
  const update = async (page, base) => {
    const next = site.secondBuild(base);
    expect(await installUpdate(page)).toBe('installed');
    await button(page, '再読み込みして更新').click();
    await expect(page.locator('.app-version')).toHaveText(`　バージョン ${next}`);
    return `　バージョン ${next}`;
  };
  return { site, a, b, update };
}

const version = (page) => page.locator('.app-version').textContent();
const cacheNames = (page) => page.evaluate(() => caches.keys());

test('two copies of the app on one origin: each still opens offline after the other activated an update', async ({ context }, testInfo) => {
  const { site, a, b, update } = await twoCopies(context, testInfo);
  /** With the server gone, the copy opens from its cache, with this version, and edits. */
  const opensOffline = async (page, base, expected) => {
    await page.goto(site.url(base));
    await expect(page.locator('.app-version')).toHaveText(expected);
    await button(page, '新しい報告を作成').click();
    await editable(page);
  };
  try {
    const [a1, b1] = [await version(a), await version(b)];
    const b2 = await update(b, '/b/');
    expect(b2).not.toBe(b1);
    await site.stop();
    await opensOffline(a, '/a/', a1);
    await opensOffline(b, '/b/', b2);

    await site.start();
    const a2 = await update(a, '/a/');
    await site.stop();
    await opensOffline(b, '/b/', b2);
    await opensOffline(a, '/a/', a2);
  } finally {
    site.close();
  }
});

test('each copy\'s caches are named after its scope; an update deletes only its own old caches, and of the older shared naming only its own entries', async ({ context }, testInfo) => {
  const { site, a, b, update } = await twoCopies(context, testInfo);
  const scopeOf = (name) => ['/a/', '/b/'].find((base) => name.startsWith(`torikumi ${site.origin}${base} `));
  /** The URLs a cache holds, relative to the origin. */
  const entries = (name) => a.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname).sort(), name);
  try {
    expect((await cacheNames(a)).map(scopeOf).sort()).toEqual(['/a/', '/b/']);
    // The older naming ('torikumi-' + version) was one cache for every copy of a version
    // on the origin: one shared by both copies, one each; each copy's version.json marks its entries.
    await a.evaluate(async (origin) => {
      const put = async (name, paths) => {
        const cache = await caches.open(name);
        for (const path of paths) await cache.put(`${origin}${path}`, new Response('{}'));
      };
      await put('torikumi-cccccccccccc', ['/a/version.json', '/a/index.html', '/a/icons/icon-192.png', '/b/version.json', '/b/index.html']);
      await put('torikumi-aaaaaaaaaaaa', ['/a/version.json', '/a/index.html']);
      await put('torikumi-bbbbbbbbbbbb', ['/b/version.json', '/b/index.html']);
    }, site.origin);
    const aCache = (await cacheNames(a)).find((n) => scopeOf(n) === '/a/');

    const b2 = await update(b, '/b/');
    let names = await cacheNames(a);
    expect(names).toContain(aCache);
    expect(names).toContain('torikumi-aaaaaaaaaaaa');
    expect(names).not.toContain('torikumi-bbbbbbbbbbbb');
    expect(await entries('torikumi-cccccccccccc')).toEqual(['/a/icons/icon-192.png', '/a/index.html', '/a/version.json']);
    expect(names.filter((n) => scopeOf(n) === '/b/')).toEqual([`torikumi ${site.origin}/b/ ${b2.replace('　バージョン ', '')}`]);

    await update(a, '/a/');
    names = await cacheNames(a);
    expect(names).not.toContain(aCache);
    expect(names).not.toContain('torikumi-aaaaaaaaaaaa');
    expect(names).not.toContain('torikumi-cccccccccccc');
    expect(names.map(scopeOf).sort()).toEqual(['/a/', '/b/']);
  } finally {
    site.close();
  }
});

test('再読み込みして更新 when the new version never takes control: the page stays, keeps the text, and says to close the app\'s tabs', async ({ page }, testInfo) => {
  const site = await serveCopies(testInfo, ['/']);
  // The page's clock is Playwright's: it runs as usual, and the app's 10 seconds of
  // waiting for the switch are skipped once the request is made, rather than waited out.
  await page.clock.install();
  try {
    await visit(page, site.url('/'), expect);
    await button(page, '新しい報告を作成').click();
    await editable(page);
    await page.getByRole('textbox', { name: '今年度の主な取組み', exact: true }).fill('更新の前に書いた');
    site.secondBuild('/');
    expect(await installUpdate(page)).toBe('installed');
    // The waiting version never hears the request (as when it was replaced meanwhile).
    await page.evaluate(() => {
      ServiceWorker.prototype.postMessage = function () { window.torikumiSwitchAsked = true; };
    });
    const url = page.url();
    await button(page, '再読み込みして更新').click();
    await page.waitForFunction(() => window.torikumiSwitchAsked === true);
    const stuck = page.locator('.update-stuck');
    // Just short of the 10 seconds the page still waits for the switch: nothing said.
    await page.clock.fastForward(9_000);
    await expect(stuck).toBeHidden();
    await page.clock.fastForward(2_000);
    await expect(stuck).toHaveText('新しいバージョンに切り替えられませんでした。このアプリを開いているタブをすべて閉じてから、開き直してください（入力した内容はそのまま残ります）。');
    expect(page.url()).toBe(url);
    await expect(page.getByRole('textbox', { name: '今年度の主な取組み', exact: true })).toHaveValue('更新の前に書いた');
  } finally {
    site.close();
  }
});
