// Faults in what the app writes and reads (issue 22), in Firefox ESR where they
// concern it: its own clock (a dead clock battery) and its own DecompressionStream
// (a zip bomb). The Chromium tests are e2e/tests/faults-data.spec.mjs.
//   node --test e2e/engines/   (after `trunk build --release`)
import { deflateRawSync, constants } from 'node:zlib';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { click, launch, saved, serveDist, shows, until, watchedPage } from './driver.mjs';

// Beside the journeys' ports (Firefox 4184-4185, WebKit 4186-4187).
const PORT = Number(process.env.TORIKUMI_FAULTS_PORT ?? 4188);
let server;
let browser;
before(async () => {
  server = await serveDist(PORT);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});
const own = (url) => url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:');

/** A zip holding one deflated `word/document.xml` whose directory says it inflates to `declared` bytes. */
function docx(deflated, declared) {
  const name = Buffer.from('word/document.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + deflated.length, 16);
  return Buffer.concat([local, name, deflated, central, name, end]);
}

test('Firefox: a PC clock before 2000 makes a draft that opens after a reload, its time held at 2000', async () => {
  const page = await watchedPage(browser, own);
  await page.evaluateOnNewDocument(() => {
    const Real = Date;
    const shift = Real.parse('1999-12-31T23:00:00+09:00') - Real.now();
    class Shifted extends Real {
      constructor(...args) {
        if (args.length === 0) super(Real.now() + shift);
        else super(...args);
      }
      static now() { return Real.now() + shift; }
    }
    window.Date = Shifted;
  });
  await page.goto(server.url);
  await click(page, '新しい報告を作成');
  await page.waitForSelector('.editor.editable');
  await page.type('[aria-label="今年度の主な取組み"]', '時計が狂っていても');
  await saved(page);
  await page.reload();
  await page.waitForSelector('.editor.editable');
  const record = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('torikumi:draft:'));
    return JSON.parse(localStorage.getItem(key));
  });
  assert.equal(record.document.created, '2000-01-01T00:00:00+09:00');
  assert.equal(record.document.report.sections.main_work, '時計が狂っていても');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Firefox: a zip bomb .docx (1 GB, its directory saying 1 KB) is refused at 10 MB with a reason; nothing stored changes', async () => {
  const page = await watchedPage(browser, own);
  await page.goto(server.url);
  await shows(page, '取組状況の作成');
  const block = deflateRawSync(Buffer.alloc(1 << 20, 0x20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const bomb = docx(Buffer.concat([...Array(1024).fill(block), Buffer.from([0x03, 0x00])]), 1024);
  const before = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  const started = Date.now();
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const input = document.querySelector('.import input[type=file]');
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'bomb.docx'));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, bomb.toString('base64'));
  await until(page, () => document.querySelector('[role=alert]')?.textContent.includes('本文を展開すると大きすぎる（10MBを超える）ため、途中で読むのをやめました。'), undefined, 'the reason');
  console.log(`Firefox: bomb.docx refused after ${Date.now() - started} ms`);
  assert.equal(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort())), before);
  await click(page, '新しい報告を作成');
  await page.waitForSelector('.editor.editable');
  assert.deepEqual(page.errors, []);
  await page.close();
});
