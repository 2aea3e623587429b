// Issue 23's first paint: a first visit to the start page (no service worker, cache
// off) at 4× CPU and 1.6 Mbps / 150 ms (CDP), median of 10, against a static page of
// the same markup (index.html's body without its scripts) with the app's style sheets,
// measured in the same run under the same conditions:
//  - first contentful paint (budget ≤ 1.2× the static page);
//  - the largest contentful paint, and when the app's start page is ready (figures).
//   node e2e/bench/first-paint.mjs   (after `trunk build --release`; scripts/bench does both)
// TORIKUMI_E2E_DIST measures another build (e.g. an older commit's dist/) against the same static page.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { served, serveDir } from './served.mjs';
import { percentile, report } from './table.mjs';

const RUNS = 10;
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (0.75 * 1024 * 1024) / 8 };
const CPU = 4;
const dist = process.env.TORIKUMI_E2E_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const source = fileURLToPath(new URL('../../index.html', import.meta.url));
const median = (xs) => percentile(xs, 50);

/** In the page from its first script: the paints, as the browser reports them. */
function watchPaints() {
  window.__lcp = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

/** One first visit; ms from navigation start to the first and largest paints and to `ready`. */
async function visit(browser, url, ready) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(watchPaints);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(ready, null, { polling: 'raf', timeout: 60_000 });
  const readyAt = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0 && window.__lcp !== null, null, { timeout: 60_000 });
  const paints = await page.evaluate(() => ({ fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime, lcp: window.__lcp }));
  await context.close();
  return { ...paints, ready: readyAt };
}

const { url: origin, browser, stop } = await served(4200);
try {
  // The static page: index.html's body (the start page's markup) and the app's style sheets, no script.
  const plainDir = mkdtempSync(join(tmpdir(), 'torikumi-first-paint-'));
  const css = readdirSync(dist).filter((n) => n.endsWith('.css'));
  for (const f of css) cpSync(join(dist, f), join(plainDir, f));
  const body = readFileSync(source, 'utf8').match(/<body>([\s\S]*)<\/body>/)[1].replace(/<script[\s\S]*?<\/script>/g, '');
  const links = css.map((f) => `<link rel="stylesheet" href="${f}">`).join('');
  writeFileSync(join(plainDir, 'index.html'), `<!DOCTYPE html><html lang="ja" data-boot-route="start"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>static</title>${links}</head><body>${body}</body></html>`);
  const plain = await serveDir(4201, plainDir);

  // The app's start page (not index.html's copy of it) shows.
  const appReady = () => {
    const title = document.querySelector('.start h1');
    return !!title && !title.closest('#boot-frame') && title.checkVisibility();
  };
  const plainReady = () => document.readyState === 'complete';
  const app = [];
  const page = [];
  for (let i = 0; i < RUNS; i += 1) {
    app.push(await visit(browser, origin, appReady));
    page.push(await visit(browser, plain.url, plainReady));
  }
  await plain.stop();

  const of = (runs, key) => median(runs.map((r) => r[key]));
  const rows = [
    { figure: 'first contentful paint, start page, first visit (ms, median of 10)', value: of(app, 'fcp'), baseline: of(page, 'fcp'), limit: 1.2 },
    { figure: 'largest contentful paint, start page, first visit (ms, median of 10)', value: of(app, 'lcp'), baseline: of(page, 'lcp') },
    { figure: "the app's start page ready, first visit (ms, median of 10)", value: of(app, 'ready'), baseline: of(page, 'fcp') },
  ].map((r) => ({
    ...r,
    ratio: r.value / r.baseline,
    budget: r.limit ? `≤ ${r.limit}× static page` : '(figure)',
    ok: r.limit ? r.value / r.baseline <= r.limit : true,
  }));
  console.log(`CPU ×${CPU}, ${NETWORK.downloadThroughput * 8 / 1024 / 1024} Mbps, ${NETWORK.latency} ms latency`);
  report('first-paint', 'static page, same markup', rows, { digits: 0, extra: { runs: RUNS, app, page } });
} finally {
  await stop();
}
