// Issue 11's long session: 5,000 edits in one page with autosave on. The JS
// heap and the wasm memory at the end (after a garbage collection) against what
// they were after the first 500 edits (budget ≤ 1.1×); and the stored draft
// must equal the screen.
//   node e2e/bench/soak.mjs   (after `trunk build --release`; scripts/bench does both)
import { served } from './served.mjs';
import { fillLarge } from './large-report.mjs';
import { report } from './table.mjs';

const EDITS = 5000;
const FIRST = 500;
const BUDGET = 1.1;
const { url: origin, browser, stop } = await served(4195);

try {
  const page = await browser.newPage();
  // Trunk's loader announces the instance: keep it to read the wasm memory.
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  await page.goto(origin);
  await page.getByRole('button', { name: '新しい報告を作成', exact: true }).click();
  await page.locator('.editor.editable').waitFor();
  await fillLarge(page);
  const cdp = await page.context().newCDPSession(page);

  /** Edits `n` times: a character added to one of three fields in turn (input events), a frame every 10 edits. */
  const edit = (n, from) => page.evaluate(async ([count, start]) => {
    const fields = ['f-main-work', 'f-issues', 'f-plans'].map((id) => document.getElementById(id));
    for (let i = start; i < start + count; i += 1) {
      const el = fields[i % 3];
      el.value += i % 40 === 39 ? '\n' : 'あ';
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      if (i % 10 === 9) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
  }, [n, from]);

  /** JS heap and wasm memory after a garbage collection (bytes). */
  const memory = async () => {
    await new Promise((r) => setTimeout(r, 800)); // the last autosave
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? 0);
    return { js: usedSize, wasm };
  };

  await edit(FIRST, 0);
  const early = await memory();
  const t0 = Date.now();
  await edit(EDITS - FIRST, FIRST);
  const seconds = (Date.now() - t0) / 1000;
  const late = await memory();

  // The stored draft equals the screen.
  const same = await page.evaluate(() => {
    const id = location.hash.split('/')[2];
    const stored = JSON.parse(localStorage.getItem(`torikumi:draft:${id}`)).document.report.sections;
    return stored.main_work === document.getElementById('f-main-work').value
      && stored.issues === document.getElementById('f-issues').value
      && stored.plans === document.getElementById('f-plans').value;
  });

  const rows = [
    { figure: `JS heap after ${EDITS} edits (KB)`, value: late.js / 1024, baseline: early.js / 1024 },
    { figure: `wasm memory after ${EDITS} edits (KB)`, value: late.wasm / 1024, baseline: early.wasm / 1024 },
  ].map((r) => ({ ...r, ratio: r.value / r.baseline, budget: `≤ ${BUDGET}× after ${FIRST}`, ok: r.value / r.baseline <= BUDGET }));
  rows.push({ figure: 'stored draft equals the screen', value: same ? 1 : 0, baseline: null, ratio: null, budget: 'yes', ok: same });
  console.log(`${EDITS} edits, ${(EDITS - FIRST) / seconds | 0} edits a second after the first ${FIRST}`);
  report('soak', `after ${FIRST} edits`, rows, { digits: 0, extra: { edits: EDITS } });
} finally {
  await stop();
}
