// Firefox ESR with the service worker in control (issue 22): 「オフライン版をダウンロード」
// saved index.html (1.9 KB) instead of the offline file, and every navigation got
// the cached index.html. Now every file the app offers (the offline file) and
// every published schema is saved with its own bytes, online and offline; offline,
// a file never fetched gets a clear answer, never index.html in its place. Two
// copies of the app on one origin keep each other's offline caches.
//   node --test e2e/engines/   (after `trunk build --release`)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { click, launch, shows, until, watchedPage } from './driver.mjs';
import { installUpdate, serveCopies } from '../tests/sites.mjs';
import { keptModuleFiles } from '../page-scripts.mjs';

const e2e = fileURLToPath(new URL('..', import.meta.url));
const dist = join(e2e, '..', 'dist');
// (Not the .gz/.br copies beside them: those are for hosts that serve precompressed files.)
const schemas = readdirSync(join(dist, 'schema')).filter((name) => name.endsWith('.json')).map((name) => `schema/${name}`);
const port = Number(process.env.TORIKUMI_E2E_PORT ?? 4173) + 15;
const url = `http://127.0.0.1:${port}/`;
const downloads = mkdtempSync(join(tmpdir(), 'torikumi-fx-downloads-'));

let server;
async function startServer() {
  server = spawn('node', ['serve.mjs', '--dir', dist, '--port', String(port)], { cwd: e2e, stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await fetch(url).then((r) => r.ok, () => false)); i += 1) await new Promise((r) => setTimeout(r, 50));
}
async function stopServer() {
  const exited = new Promise((r) => server.once('exit', r));
  server.kill();
  await exited;
}

let browser;
before(async () => {
  await startServer();
  browser = await launch({
    'browser.download.dir': downloads,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
  });
});
after(async () => {
  await browser?.close();
  if (server.exitCode === null && server.signalCode === null) server.kill();
});

/** The next file Firefox finishes saving into the download folder: its name and bytes. Firefox
 * makes an empty file of the final name first and writes into NAME.part beside it. */
async function nextDownload(seen) {
  const start = Date.now();
  let last = null;
  for (;;) {
    const names = readdirSync(downloads);
    const name = names.find((n) => !seen.has(n) && !n.endsWith('.part'));
    if (name && !names.includes(`${name}.part`)) {
      const bytes = readFileSync(join(downloads, name));
      if (bytes.length > 0 && last?.name === name && last.length === bytes.length) {
        seen.add(name);
        return { name, bytes };
      }
      last = { name, length: bytes.length };
    }
    if (Date.now() - start > 10_000) throw new Error(`no download finished (folder: ${names.join(', ') || 'empty'})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const file = (path) => readFileSync(join(dist, path));
const seen = new Set();

/** Opens `path` in the tab as a link would: the status and the bytes Firefox received. */
async function opened(page, path) {
  const response = await page.goto(url + path);
  return { status: response.status(), bytes: await response.buffer(), type: await page.evaluate(() => document.contentType) };
}

async function controlledPage(at = url) {
  const origin = new URL(at).origin;
  const page = await watchedPage(browser, (u) => u.startsWith(origin) || u.startsWith('blob:') || u.startsWith('data:'));
  await page.goto(at);
  await shows(page, '取組状況の作成');
  await until(page, () => navigator.serviceWorker.ready.then((r) => r.active?.state === 'activated'), undefined, 'the service worker');
  await page.reload();
  await until(page, () => navigator.serviceWorker.controller !== null, undefined, 'the page controlled');
  await shows(page, '取組状況の作成');
  await versionShown(page, '#app');
  return page;
}

/**
 * The app in `host` (#app, or the on-demand module's #on-demand) has its version.json: no
 * request of its own is still under way when the test leaves or reloads the page. (Firefox
 * logs a request the service worker was answering as an error when the page leaves it mid-way.)
 */
const versionShown = (page, host) => until(page, (h) => document.querySelector(`${h} .app-version`) !== null, host, `the version in ${host}`);

test('Firefox, service worker in control, offline: a file never fetched is answered as unavailable, not with index.html; the offline file is not saved and the page says why', async () => {
  const page = await controlledPage();
  await stopServer();
  try {
    for (const path of schemas) {
      const tab = await opened(page, path);
      assert.equal(tab.status, 503, path);
      await shows(page, `オフラインのため、「${path.split('/').pop()}」を開けません`);
      assert.equal(await page.evaluate(() => document.title.includes('取組状況')), false, `${path} is not the app's page`);
    }
    await page.goto(url);
    await shows(page, '取組状況の作成');
    const before = readdirSync(downloads);
    await click(page, 'オフライン版をダウンロード');
    await shows(page, 'オフライン版（torikumi.html）をダウンロードできませんでした。ネットワークにつながっていないようです。');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(readdirSync(downloads), before, 'nothing saved');
    assert.deepEqual(page.errors, []);
  } finally {
    await startServer();
    await page.close();
  }
});

test('Firefox, service worker in control: 「オフライン版をダウンロード」 saves torikumi.html and every schema is saved with its own bytes, online and offline', async () => {
  const page = await controlledPage();
  const check = async (when) => {
    await page.goto(url);
    // The app has its version.json (from the cache, offline) before the tab goes on to the schemas.
    await versionShown(page, '#app');
    await click(page, 'オフライン版をダウンロード');
    const offline = await nextDownload(seen);
    assert.match(offline.name, /^torikumi.*\.html$/);
    assert.ok(!offline.bytes.equals(file('index.html')), `${when}: the offline file is not index.html (${offline.bytes.length} bytes)`);
    assert.ok(offline.bytes.equals(file('torikumi.html')), `${when}: the offline file has its own bytes (got ${offline.name}, ${offline.bytes.length} bytes: ${offline.bytes.subarray(0, 300)})`);
    for (const path of schemas) {
      const tab = await opened(page, path);
      assert.equal(tab.status, 200, `${when}: ${path}`);
      assert.equal(tab.type, 'application/json', `${when}: ${path} is shown as JSON`);
      assert.ok(tab.bytes.equals(file(path)), `${when}: ${path} has its own bytes (got ${tab.bytes.length} bytes)`);
    }
  };
  await check('online');
  await stopServer();
  try {
    await check('offline');
    assert.deepEqual(page.errors, []);
  } finally {
    await startServer();
    await page.close();
  }
});

test('Firefox, service worker in control: 取りまとめ\'s on-demand module, once used, opens with the server gone; never used, it is said in Japanese', async () => {
  // Never used: offline, the page says the module has not come, and the start page stays usable.
  const fresh = await controlledPage();
  await stopServer();
  try {
    await fresh.goto(`${url}#/bundle`);
    await shows(fresh, '取りまとめとWordファイルの読み書きに使うプログラムを読み込めませんでした');
    await fresh.goto(`${url}#/`);
    await shows(fresh, '取組状況の作成');
    // Firefox logs the network error the worker answers a module never kept with; nothing else.
    assert.deepEqual(fresh.errors.filter((e) => !/^Failed to load ‘[^’]*torikumi-on-demand-[0-9a-f]{16}\.js’\. A ServiceWorker passed an Error Response/.test(e)), []);
  } finally {
    await startServer();
    await fresh.close();
  }
  const page = await controlledPage();
  await page.goto(`${url}#/bundle`);
  await shows(page, 'ファイルを追加');
  await versionShown(page, '#on-demand');
  // (The shared page function, as source: `until` runs what it is given inside the page.)
  await until(page, `(${keptModuleFiles})().then((urls) => urls.length === 2)`, undefined, 'the module kept');
  await stopServer();
  try {
    await page.goto(`${url}#/`);
    await page.reload();
    await shows(page, '取組状況の作成');
    await click(page, '取りまとめ');
    await shows(page, 'ファイルを追加');
    assert.deepEqual(page.errors, []);
  } finally {
    await startServer();
    await page.close();
  }
});

test('Firefox, two copies of the app on one origin: each still opens offline after the other activated an update', async () => {
  const site = await serveCopies(port + 1, ['/a/', '/b/']);
  const version = (page) => page.$eval('.app-version', (el) => el.textContent);
  const update = async (page, base) => {
    const next = `　バージョン ${site.secondBuild(base)}`;
    assert.equal(await installUpdate(page), 'installed');
    await click(page, '再読み込みして更新');
    await until(page, (v) => document.querySelector('.app-version')?.textContent === v, next, `${base} at ${next}`);
    return next;
  };
  /** With the server gone, the copy opens from its cache, with this version, and edits. */
  const opensOffline = async (page, base, expected) => {
    await page.goto(site.url(base));
    await shows(page, '取組状況の作成');
    await until(page, (v) => document.querySelector('.app-version')?.textContent === v, expected, `${base} offline at ${expected}`);
    await click(page, '新しい報告を作成');
    await page.waitForSelector('.editor.editable');
  };
  const pages = [];
  try {
    const a = await controlledPage(site.url('/a/'));
    const b = await controlledPage(site.url('/b/'));
    pages.push(a, b);
    const a1 = await version(a);
    const b2 = await update(b, '/b/');
    await site.stop();
    await opensOffline(a, '/a/', a1);
    await opensOffline(b, '/b/', b2);
    await site.start();
    const a2 = await update(a, '/a/');
    await site.stop();
    await opensOffline(b, '/b/', b2);
    await opensOffline(a, '/a/', a2);
    assert.deepEqual([...a.errors, ...b.errors], []);
  } finally {
    await Promise.all(pages.map((p) => p.close()));
    site.close();
  }
});
