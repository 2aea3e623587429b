// The hosted app's journeys, one suite for every engine the W3C drivers reach:
// Firefox ESR (puppeteer-core over WebDriver BiDi) and WebKitGTK (plain W3C
// WebDriver). Every field, reload, IME composition events, two tabs,
// finishing, 前年度を表示, export and import, print, the city's bundle and its review loop, offline after one
// visit, and no request to another origin. An engine says what its driver
// cannot do (`engine.can`), and the test says so instead of passing silently.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readPdf } from '../pdf.mjs';
import { convert, saved as savedFile, withoutIds } from '../libreoffice.mjs';
import { report } from '../report-fixture.mjs';
import { reviewLoop } from './review-loop.mjs';
import {
  chooseFiles, click, focusedName, keepDownloads, lastDownload, lastDownloadBytes, sampleExported, saved, serveDist, shows, typeField, until, valueOf,
} from './driver.mjs';

/**
 * Registers the journeys for `engine`: { name, port, start(), stop(), open(allowed) → { newPage(), close() },
 * can: { pdf, serviceWorker, word } }. `allowed(url)` says which requests are the app's own.
 */
export function journeys(engine) {
  const { name } = engine;
  let server;
  before(async () => {
    server = await serveDist(engine.port);
    await engine.start();
  });
  after(async () => {
    await engine.stop();
    server?.stop();
  });
  const own = (url) => url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:');

  /** The driven browser itself is gone (its driver no longer knows the session). */
  const gone = (error) => /invalid session id|no answer from WebKitWebDriver/.test(String(error?.message));

  /**
   * A browser (session) for one journey, closed after it; its pages are tabs sharing storage.
   * If the browser itself goes away mid-way (WebKitGTK's MiniBrowser has, now and then, in
   * clean-clone runs), the journey runs once more in a new browser and says so; a journey
   * that fails in a browser still there, or fails twice, fails.
   */
  async function session(body, allowed = own) {
    for (let attempt = 1; ; attempt += 1) {
      const browser = await engine.open(allowed);
      try {
        await body(browser);
      } catch (error) {
        await browser.close().catch(() => {});
        if (attempt > 1 || !gone(error)) throw error;
        console.log(`${name}: the browser went away (${String(error.message).slice(0, 160)}); the journey runs again in a new browser`);
        continue;
      }
      await browser.close();
      return;
    }
  }

  async function newDraft(page) {
    await page.goto(server.url);
    await click(page, '新しい報告を作成');
    await page.waitForSelector('.editor.editable');
  }

  /** What every journey ends with: no request elsewhere, no uncaught error, no failure screen. */
  async function healthy(page, allowed = own) {
    const loaded = page.resources ? await page.resources() : [];
    assert.deepEqual([...page.outside, ...loaded.filter((u) => !allowed(u))], [], 'no request to another origin');
    assert.deepEqual(page.errors, [], 'no uncaught error');
    assert.equal(await page.evaluate(() => document.body.innerText.includes('問題が発生しました')), false, 'no failure screen');
  }

test(`${name}: every field of a report with parts, teams and activities, kept across a reload`, () => session(async (browser) => {
  const page = await browser.newPage();
  await newDraft(page);
  await page.select('#f-fiscal-year', '2023');
  await page.select('#f-ward', 'wakabayashi');
  await page.click('#f-basis-projected');
  await page.select('#f-projection', '2024-3');
  for (const [body, fields] of Object.entries(report.bodies)) {
    for (const [cell, text] of Object.entries(fields)) if (text) await typeField(page, `${body} ${cell}`, text);
  }
  for (const [i, part] of report.parts.entries()) {
    await click(page, '実務者ネットワーク会議 内訳を追加');
    await until(page, (n) => document.activeElement?.getAttribute('aria-label') === n, `実務者ネットワーク会議 内訳${i + 1} 名称`, 'focus on the new part');
    for (const [cell, text] of Object.entries(part)) await typeField(page, `実務者ネットワーク会議 内訳${i + 1} ${cell}`, text);
  }
  for (const [list, rows, add] of [['プロジェクトチーム', report.teams, 'プロジェクトチームを追加'], ['その他の活動', report.activities, 'その他の活動を追加']]) {
    for (const [i, row] of rows.entries()) {
      await click(page, add);
      await until(page, (n) => document.activeElement?.getAttribute('aria-label') === n, `${list}${i + 1} 名称`, `focus on ${list}${i + 1}`);
      for (const [cell, text] of Object.entries(row)) await typeField(page, `${list}${i + 1} ${cell}`, text);
    }
  }
  for (const [name, text] of Object.entries(report.sections)) await typeField(page, name, text);
  // A row moved up, focus following its button; then back.
  await click(page, 'プロジェクトチーム2を上へ');
  assert.equal(await valueOf(page, 'プロジェクトチーム1 名称'), report.teams[1].名称);
  assert.equal(await focusedName(page), 'プロジェクトチーム1を上へ');
  await click(page, 'プロジェクトチーム1を下へ');
  await saved(page);

  await page.reload();
  await page.waitForSelector('.editor.editable');
  assert.deepEqual(await page.$$eval('#f-fiscal-year, #f-ward, #f-projection', (els) => els.map((e) => e.value)), ['2023', 'wakabayashi', '2024-3']);
  assert.equal(await page.$eval('#f-basis-projected', (e) => e.checked), true);
  for (const [body, fields] of Object.entries(report.bodies)) {
    for (const [cell, text] of Object.entries(fields)) assert.equal(await valueOf(page, `${body} ${cell}`), text, `${body} ${cell}`);
  }
  for (const [i, part] of report.parts.entries()) {
    for (const [cell, text] of Object.entries(part)) assert.equal(await valueOf(page, `実務者ネットワーク会議 内訳${i + 1} ${cell}`), text);
  }
  for (const [list, rows] of [['プロジェクトチーム', report.teams], ['その他の活動', report.activities]]) {
    for (const [i, row] of rows.entries()) {
      for (const [cell, text] of Object.entries(row)) assert.equal(await valueOf(page, `${list}${i + 1} ${cell}`), text, `${list}${i + 1} ${cell}`);
    }
  }
  for (const [name, text] of Object.entries(report.sections)) assert.equal(await valueOf(page, name), text, name);
  await healthy(page);
}));

test(`${name}: an IME composition (composition events as an IME sends them) loses, moves and doubles nothing`, () => session(async (browser) => {
  // WebDriver BiDi has no IME: the driver cannot compose. The page gets the
  // events a Japanese IME sends (compositionstart, input while composing,
  // compositionend), the way Firefox orders them.
  const page = await browser.newPage();
  await newDraft(page);
  await typeField(page, '今年度の主な取組み', '一行目');
  await page.focus('[aria-label="今年度の主な取組み"]');
  const value = await page.evaluate(async () => {
    const el = document.querySelector('[aria-label="今年度の主な取組み"]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const base = el.value;
    el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
    for (const step of ['け', 'けん', 'けんしゅう']) {
      el.value = base + step;
      el.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, data: step }));
      el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: step }));
      await frame();
    }
    el.value = `${base}研修`;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: '研修' }));
    el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '研修' }));
    await frame();
    return [el.value, el.selectionStart];
  });
  assert.deepEqual(value, ['一行目研修', 5]);
  await saved(page);
  await page.reload();
  await page.waitForSelector('.editor.editable');
  assert.equal(await valueOf(page, '今年度の主な取組み'), '一行目研修');
  await healthy(page);
}));

test(`${name}: one draft in two tabs, the other follows and takes over`, () => session(async (browser) => {
  const first = await browser.newPage();
  await newDraft(first);
  const second = await browser.newPage();
  await second.goto(await first.url());
  await shows(second, 'この下書きは別のタブで編集中です。');
  await first.bringToFront();
  await typeField(first, '今年度の主な取組み', '一つ目のタブで書いた。');
  await saved(first);
  await until(second, () => document.querySelector('[aria-label="今年度の主な取組み"]')?.value === '一つ目のタブで書いた。', undefined, 'the second tab follows');
  await second.bringToFront();
  await click(second, 'このタブで編集する');
  await second.waitForSelector('.editor.editable');
  await typeField(second, '今年度の主な取組み', '二つ目で続けた。');
  await saved(second);
  await shows(first, 'この下書きは別のタブで編集中です。');
  await until(first, () => document.querySelector('[aria-label="今年度の主な取組み"]')?.value === '一つ目のタブで書いた。二つ目で続けた。', undefined, 'the first tab follows');
  await healthy(first);
  await healthy(second);
}));

test(`${name}: a take-over right after typing (before the first save) keeps that text`, () => session(async (browser) => {
  const first = await browser.newPage();
  await newDraft(first);
  const second = await browser.newPage();
  await second.goto(await first.url());
  await shows(second, 'この下書きは別のタブで編集中です。');
  await first.bringToFront();
  // Typed and not left: the text still waits to reach the app's store when the other tab takes over.
  await first.focus('[aria-label="今年度の主な取組み"]');
  await first.type('[aria-label="今年度の主な取組み"]', '引き継ぐ直前。');
  await second.bringToFront();
  await click(second, 'このタブで編集する');
  await second.waitForSelector('.editor.editable');
  assert.equal(await valueOf(second, '今年度の主な取組み'), '引き継ぐ直前。');
  await shows(first, 'この下書きは別のタブで編集中です。');
  const id = (await second.url()).split('/draft/')[1];
  const stored = await second.evaluate((key) => JSON.parse(localStorage.getItem(key)).document.report.sections.main_work, `torikumi:draft:${id}`);
  assert.equal(stored, '引き継ぐ直前。');
  await healthy(first);
  await healthy(second);
}));

test(`${name}: 前年度から作成 from the sample keeps last year's text beside each field; 前年度の内容を使う fills a field, 元に戻す takes it back`, () => session(async (browser) => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await click(page, '見本を開く');
  await page.waitForSelector('.editor.editable');
  const lastYear = await valueOf(page, '現状における課題');
  assert.ok(lastYear.length > 0);
  await page.goto(server.url);
  await click(page, '前年度から作成');
  await click(page, '次の年度の下書きを作成');
  await page.waitForSelector('.editor.editable');
  assert.equal(await valueOf(page, '現状における課題'), '');
  await click(page, '前年度を表示');
  await until(page, (t) => [...document.querySelectorAll('.previous-text')].some((e) => e.textContent === t), lastYear, 'last year\'s text shown');
  await click(page, '現状における課題に前年度の内容を使う');
  await until(page, (t) => document.querySelector('[aria-label="現状における課題"]')?.value === t, lastYear, 'the field filled');
  await saved(page);
  await click(page, '元に戻す');
  await until(page, () => document.querySelector('[aria-label="現状における課題"]')?.value === '', undefined, 'the fill undone');
  await saved(page);
  const id = (await page.url()).split('/draft/')[1];
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), `torikumi:draft:${id}`);
  assert.equal(stored.document.report.sections.issues, '');
  assert.equal(stored.previous.sections.issues, lastYear);
  await healthy(page);
}));

test(`${name}: finishing with errors, then with warnings only`, () => session(async (browser) => {
  const page = await browser.newPage();
  await newDraft(page);
  await click(page, '完成にする');
  await until(page, () => {
    const labelledBy = document.activeElement?.getAttribute('aria-labelledby');
    return labelledBy && document.getElementById(labelledBy)?.textContent.trim() === '入力内容を確認してください';
  }, undefined, 'focus on the region 入力内容を確認してください');
  await page.goto(server.url);
  await click(page, '見本を開く');
  await page.waitForSelector('.editor.editable');
  // A team content over the brief length is a warning, not an error.
  await typeField(page, 'プロジェクトチーム1 主な内容・議題等', 'あ'.repeat(400));
  await click(page, '完成にする');
  await shows(page, 'このまま完成にしますか？');
  await click(page, 'このまま完成にする');
  await shows(page, 'この報告は完成しています');
  await shows(page, 'この報告には注意が');
  await healthy(page);
}));

test(`${name}: JSON, HTML and Word exports import back equal (the Word file read by LibreOffice too); the print view is A4 (to a PDF where the driver can print); the bundle binds them`, () => session(async (browser) => {
  const page = await browser.newPage();
  const json = await sampleExported(page, server.url);
  await click(page, 'HTMLを書き出す');
  const html = await lastDownload(page);
  assert.equal(html.name, 'R5_wakabayashi_torikumi.html');
  // The Word file, written by the on-demand module in this engine, opened by LibreOffice.
  let word = null;
  if (engine.can.word) {
    await click(page, 'Wordで書き出す');
    await until(page, () => window.__downloads.length === 3, undefined, 'the Word file');
    word = await lastDownloadBytes(page);
    assert.equal(word.name, 'R5_wakabayashi_torikumi.docx');
    const wordText = convert(savedFile(word.name, word.bytes), 'txt:Text').toString('utf8').replace(/\s+/g, '');
    assert.match(wordText, /令和５年度若林区障害者自立支援協議会取組状況/);
  } else {
    console.log(`${name}: no Word file (${engine.can.wordWhyNot})`);
  }
  await click(page, '印刷用表示');
  await page.waitForSelector('.p-report');
  // On screen the print view is a sheet of A4 (210 mm wide) holding the report.
  assert.equal(await page.$eval('.p-report', (el) => Math.round(el.getBoundingClientRect().width / 96 * 25.4)), 210);
  assert.match(await page.$eval('.p-report', (el) => el.textContent), /令和５年度\s*若林区障害者自立支援協議会/);
  if (engine.can.pdf) {
    const printed = readPdf(await page.pdf({ format: 'A4' }));
    assert.match(printed.info, /Page size:\s+59\d(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    // Firefox's PDF maps some kanji to look-alike Kangxi radicals (⾃ for 自) in its text layer: NFKC folds them back.
    const text = printed.pages.join('').normalize('NFKC').replace(/\s+/g, '');
    assert.match(text, /令和5年度若林区障害者自立支援協議会取組状況/);
  } else {
    console.log(`${name}: no PDF (${engine.can.pdfWhyNot})`);
  }

  /** 読み込む with `file`, the question it asks answered with `answer`: the draft it opens, exported as JSON. */
  const importedBack = async (file, question, answer) => {
    await page.goto(server.url);
    await shows(page, '取組状況の作成');
    await chooseFiles(page, '.import', [file]);
    await shows(page, question);
    await click(page, answer);
    await page.waitForSelector('.editor');
    await keepDownloads(page);
    await click(page, 'JSONを書き出す');
    return JSON.parse((await lastDownload(page)).text);
  };
  for (const file of [json, html]) {
    const back = await importedBack(file, '下書きがすでにあります', '両方残す');
    assert.deepEqual(back.report, JSON.parse(json.text).report, `${file.name} imports back equal`);
  }
  // The Word file through 読み込む: its review, then the same report (rows numbered afresh).
  if (word) {
    const fromWord = await importedBack(word, 'Wordファイルから読み取った内容', 'この内容で作成');
    assert.deepEqual(withoutIds(fromWord.report), withoutIds(JSON.parse(json.text).report), 'the Word file imports back equal');
  }

  await page.goto(`${server.url}#/bundle`);
  await shows(page, '各区の報告を追加');
  await chooseFiles(page, '.import', [json]);
  await until(page, () => document.querySelector('.b-summary')?.textContent.includes('若林区'), undefined, 'the summary');
  await click(page, 'まとめて印刷用表示');
  await page.waitForSelector('.b-cover');
  await healthy(page);
}));

reviewLoop(name, { session, healthy, url: () => server.url });

test(`${name}: after one visit the app opens and saves with the server gone (service worker)`, { skip: !engine.can.serviceWorker && 'the driven browser keeps no service worker' }, async () => {
  const alone = await serveDist(engine.port + 1);
  const allowed = (url) => url.startsWith(alone.url) || url.startsWith('data:') || url.startsWith('blob:');
  await session(async (browser) => {
    const page = await browser.newPage();
    await page.goto(alone.url);
    await shows(page, '取組状況の作成');
    await until(page, () => navigator.serviceWorker.ready.then((r) => r.active?.state === 'activated'), undefined, 'the service worker');
    await page.reload();
    await until(page, () => navigator.serviceWorker.controller !== null, undefined, 'the page controlled');
    alone.stop();
    await new Promise((r) => setTimeout(r, 200));
    await page.reload();
    await click(page, '新しい報告を作成');
    await page.waitForSelector('.editor.editable');
    await typeField(page, '今年度の主な取組み', 'オフラインで書いた。');
    await saved(page);
    await page.reload();
    await page.waitForSelector('.editor.editable');
    assert.equal(await valueOf(page, '今年度の主な取組み'), 'オフラインで書いた。');
    await healthy(page, allowed);
  }, allowed);
});
}
