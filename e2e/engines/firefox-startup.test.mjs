// Start-up faults in Firefox ESR (issue 22): a wasm cut short or answered with a
// portal's page on a first visit, a browser without WebAssembly, the offline file
// cut short. A Japanese message says what to do, never a blank page.
//   node --test e2e/engines/   (after `trunk build --release`)
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { click, launch, shows, until } from './driver.mjs';

const e2e = fileURLToPath(new URL('..', import.meta.url));
const dist = join(e2e, '..', 'dist');
const port = Number(process.env.TORIKUMI_E2E_PORT ?? 4173) + 16;
const root = mkdtempSync(join(tmpdir(), 'torikumi-fx-startup-'));

/** A copy of dist/ whose file matching `which` is replaced by `damage(bytes)`, served under /name/. */
function damagedCopy(name, which, damage) {
  const dir = join(root, name);
  cpSync(dist, dir, { recursive: true });
  const file = join(dir, readdirSync(dir).find((f) => which.test(f)));
  writeFileSync(file, damage(readFileSync(file)));
  return `http://127.0.0.1:${port}/${name}/`;
}
const half = (bytes) => bytes.subarray(0, bytes.length >> 1);

let server;
let browser;
const copies = {
  'the wasm cut short': damagedCopy('cut', /\.wasm$/, half),
  "the wasm answered with a portal's page": damagedCopy('portal', /\.wasm$/, () => Buffer.from('<html><body><h1>Free Wi-Fi: please log in</h1></body></html>')),
  "the app's JavaScript cut short": damagedCopy('glue', /^torikumi-[0-9a-f]+\.js$/, half),
};
before(async () => {
  cpSync(dist, join(root, 'intact'), { recursive: true });
  server = spawn('node', ['serve.mjs', '--dir', root, '--port', String(port)], { cwd: e2e, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/intact/`;
  for (let i = 0; i < 100 && !(await fetch(url).then((r) => r.ok, () => false)); i += 1) await new Promise((r) => setTimeout(r, 50));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.kill();
  rmSync(root, { recursive: true, force: true });
});

const alertText = (page) => until(page, () => document.querySelector('[role="alert"]')?.innerText, undefined, 'an alert');

for (const [fault, url] of Object.entries(copies)) {
  test(`Firefox, first visit, ${fault}: a Japanese message says to reload, use the offline file or another browser`, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(url);
      const text = await alertText(page);
      assert.match(text, /アプリを読み込めませんでした/);
      assert.match(text, /「再読み込み」を押してください。/);
      assert.match(text, /「オフライン版」（torikumi\.html）/);
      assert.match(text, /別のブラウザー/);
      assert.equal(await page.evaluate(() => document.body.innerText.includes('取組状況の作成')), false);
    } finally {
      await page.close();
    }
  });
}

test('Firefox, a browser without WebAssembly: told in Japanese to use another browser, hosted and from the offline file', async () => {
  for (const url of [`http://127.0.0.1:${port}/intact/`, pathToFileURL(join(dist, 'torikumi.html')).href]) {
    const page = await browser.newPage();
    try {
      await page.evaluateOnNewDocument(() => delete window.WebAssembly);
      await page.goto(url);
      const text = await alertText(page);
      assert.match(text, /このブラウザーでは、このアプリを使えません/, url);
      assert.match(text, /WebAssembly/);
      assert.equal(await page.evaluate(() => document.querySelectorAll('[role="alert"]').length), 1, `${url}: one message`);
    } finally {
      await page.close();
    }
  }
});

test('Firefox, the offline file cut short: a Japanese message says to get it again', async () => {
  const html = readFileSync(join(dist, 'torikumi.html'), 'utf8');
  const cut = join(root, 'torikumi.html');
  writeFileSync(cut, html.slice(0, Math.floor(html.length * 0.6)));
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(cut).href);
    const text = await alertText(page);
    assert.match(text, /アプリを読み込めませんでした/);
    assert.match(text, /配布した担当者から「オフライン版」をもう一度受け取る/);
  } finally {
    await page.close();
  }
});

test('Firefox, intact: the app starts with no message, and reload from a failed start opens it', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(`http://127.0.0.1:${port}/intact/`);
    await shows(page, '取組状況の作成');
    assert.equal(await page.$('[role="alert"]'), null);
    await page.goto(copies['the wasm cut short']);
    await alertText(page);
    // The copy is mended (the server has the whole file again): 再読み込み opens the app.
    cpSync(join(dist, readdirSync(dist).find((f) => f.endsWith('.wasm'))), join(root, 'cut', readdirSync(dist).find((f) => f.endsWith('.wasm'))));
    await click(page, '再読み込み');
    await shows(page, '取組状況の作成');
    assert.equal(await page.$('[role="alert"]'), null);
  } finally {
    await page.close();
  }
});
