// Prints, for a large report (10,000+ characters, 20 teams) against an empty
// one measured in the same run:
//  - how long one keystroke's update takes: from the input event to the DOM
//    showing the new text's character count;
//  - how long one save to local storage takes (the app's "torikumi:save" User
//    Timing measure), and how many storage writes 100 typed characters cause.
//   node e2e/bench/editor.mjs   (after `trunk build --release`; scripts/bench does both)
import { served } from './served.mjs';
import { fillLarge } from './large-report.mjs';
import { percentile as pct } from './table.mjs';
import { countDraftWrites } from '../page-scripts.mjs';

const port = 4190;
const KEYS = 200;
const BUDGET_MS = 16; // one frame at 60 Hz
const SAVES = 50;

const { url: origin, browser, stop } = await served(port);

/** Types KEYS characters into a content field; per key, the time until the DOM shows it. */
async function measure(page) {
  return page.evaluate(async (keys) => {
    const area = document.getElementById('f-plenary-content');
    const counter = document.getElementById('f-plenary-content-chars');
    area.focus();
    const times = [];
    for (let i = 0; i < keys; i++) {
      const updated = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          resolve();
        });
        observer.observe(counter, { childList: true, characterData: true, subtree: true });
      });
      const t0 = performance.now();
      area.value += i % 50 === 49 ? '\n' : 'あ';
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      await updated;
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 0));
    }
    return times;
  }, KEYS);
}

/** Changes one character and makes the app save at once (as on leaving the page); the save's own duration. */
async function measureSaves(page) {
  return page.evaluate(async (saves) => {
    const area = document.getElementById('f-plenary-content');
    const times = [];
    for (let i = 0; i < saves; i++) {
      area.value += 'い';
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      performance.clearMeasures('torikumi:save');
      window.dispatchEvent(new Event('pagehide'));
      const [m] = performance.getEntriesByName('torikumi:save');
      if (m) times.push(m.duration);
    }
    return times;
  }, SAVES);
}

/** Storage writes of the draft while 100 characters are typed at 50 per second. */
async function writesFor100(page) {
  await page.evaluate(countDraftWrites);
  await page.locator('#f-issues').click();
  await page.keyboard.type('あ'.repeat(100), { delay: 20 });
  await page.waitForTimeout(700);
  return page.evaluate(() => window.__writes);
}

const fmt = (ms) => `${ms.toFixed(2)} ms`;

try {
  const results = {};
  for (const size of ['empty', 'large']) {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.getByRole('button', { name: '新しい報告を作成', exact: true }).click();
    await page.locator('.editor.editable').waitFor();
    const chars = size === 'large' ? await fillLarge(page) : 0;
    await measure(page); // warm-up
    const times = await measure(page);
    const saves = await measureSaves(page);
    const writes = await writesFor100(page);
    results[size] = { chars, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), save50: pct(saves, 50), save95: pct(saves, 95), saves: saves.length, writes };
    await page.close();
  }
  for (const [size, r] of Object.entries(results)) {
    console.log(`${size.padEnd(5)} report (${r.chars} characters): keystroke → DOM p50 ${fmt(r.p50)}  p95 ${fmt(r.p95)}  max ${fmt(r.max)}`);
    console.log(`${size.padEnd(5)} report: one save p50 ${fmt(r.save50)}  p95 ${fmt(r.save95)} (${r.saves} saves); storage writes for 100 typed characters: ${r.writes}`);
  }
  console.log(`large / empty at p50: ${(results.large.p50 / results.empty.p50).toFixed(1)}x`);
  const ok = results.large.p95 < BUDGET_MS;
  console.log(ok ? `within budget: large p95 < ${BUDGET_MS} ms` : `OVER BUDGET: large p95 ${fmt(results.large.p95)} >= ${BUDGET_MS} ms`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await stop();
}
