// Prints, for the city's bundle at the largest ward count of a Japanese city
// (24 reports of about 10,000 characters each), against the browser's own cost
// of reading and parsing the same files in the same page:
//  - importing, checking and showing the summary (budget ≤ 1 s, no long task over 200 ms);
//  - opening the bound print view of all 24 (budget ≤ 2 s);
//  - issue 23: opening 取りまとめ for the first time, its on-demand module fetched and
//    started, with no throttling (an office network; budget ≤ 1 s to usable), beside
//    opening a new draft's editor, which the page's own wasm shows (median of 5, fresh contexts).
//   node e2e/bench/bundle.mjs   (after `trunk build --release`; scripts/bench does both)
import { served } from './served.mjs';
import { wardReport } from '../ward-reports.mjs';
import { report } from './table.mjs';

const port = 4191;
const WARDS = 24;
const IMPORT_BUDGET_MS = 1000;
const LONG_TASK_BUDGET_MS = 200;
const PRINT_BUDGET_MS = 2000;
const FIRST_OPEN_BUDGET_MS = 1000;
const FIRST_OPENS = 5;

const { url: origin, browser, stop } = await served(port);

/** ms from a click on the start page's `button` until `ready` shows, in a context with no cache and no service worker. */
async function firstOpen(button, ready) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const tab = await context.newPage();
  await tab.goto(origin);
  await tab.getByRole('button', { name: button, exact: true }).waitFor();
  const t = Date.now();
  await tab.getByRole('button', { name: button, exact: true }).click();
  await ready(tab).waitFor();
  const ms = Date.now() - t;
  await context.close();
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const opens = { bundle: [], editor: [] };
for (let i = 0; i < FIRST_OPENS; i += 1) {
  opens.bundle.push(await firstOpen('取りまとめ', (tab) => tab.getByRole('button', { name: 'ファイルを追加', exact: true })));
  opens.editor.push(await firstOpen('新しい報告を作成', (tab) => tab.locator('.editor.editable')));
}

const wards = Array.from({ length: WARDS }, (_, i) => ({ name: `第${i + 1}区`, slug: `ward${i + 1}` }));
const files = wards.map((w, i) => {
  const json = wardReport(w.slug, { name: w.name, counts: [i % 5, 6, 10, 12], teams: 3, activities: 2, lines: 360 });
  return { name: `R4_${w.slug}_torikumi.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json, null, 2)) };
});
const chars = files.reduce((n, f) => n + [...JSON.parse(f.buffer.toString()).report.sections.main_work].length, 0) / files.length;

const page = await browser.newPage();
await page.route('**/config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ wards, brief_length: 300 }) }));
await page.goto(`${origin}#/bundle`);
await page.getByRole('button', { name: 'ファイルを追加', exact: true }).waitFor();
await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
});

// Baseline: the browser reads and parses the same files (a hidden input of the same page).
await page.evaluate(() => {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.id = 'baseline';
  input.hidden = true;
  document.body.append(input);
});
await page.setInputFiles('#baseline', files);
const baseline = await page.evaluate(async () => {
  const t0 = performance.now();
  const parsed = await Promise.all([...document.getElementById('baseline').files].map(async (f) => JSON.parse(await f.text())));
  const table = document.createElement('table');
  table.innerHTML = parsed.map((r) => `<tr><td>${r.report.ward.name}</td><td>${r.report.bodies.plenary.count}</td></tr>`).join('');
  document.body.append(table);
  const ms = performance.now() - t0;
  table.remove();
  return ms;
});

const chooser = page.waitForEvent('filechooser');
await page.getByRole('button', { name: 'ファイルを追加', exact: true }).click();
const picked = await chooser;
const t0 = Date.now();
await picked.setFiles(files);
await page.locator('.b-summary thead th').nth(WARDS + 1).waitFor();
const importMs = Date.now() - t0;
const longest = await page.evaluate(() => Math.max(0, ...window.__long));

const t1 = Date.now();
await page.getByRole('button', { name: 'まとめて印刷用表示', exact: true }).click();
await page.locator('.b-ward').nth(WARDS - 1).waitFor();
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
const printMs = Date.now() - t1;

await stop();

const row = (figure, value, baseline, budget) => ({ figure, value, baseline, ratio: null, budget: `≤ ${budget}`, ok: value <= budget });
console.log(`24 reports, ${Math.round(chars)} characters of text each on average`);
report('bundle', 'browser reads and parses the files', [
  row('import, check and show 24 reports (ms)', importMs, baseline, IMPORT_BUDGET_MS),
  row('longest task while importing (ms)', longest, null, LONG_TASK_BUDGET_MS),
  row('open the bound print view of 24 (ms)', printMs, null, PRINT_BUDGET_MS),
  { ...row('open 取りまとめ the first time, module fetched (ms; baseline: a new draft\'s editor)', median(opens.bundle), median(opens.editor), FIRST_OPEN_BUDGET_MS),
    ratio: median(opens.bundle) / median(opens.editor) },
], { digits: 0 });
