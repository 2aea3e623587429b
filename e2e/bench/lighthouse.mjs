// Issue 23's Lighthouse budgets: the mobile preset (Lighthouse's default config:
// simulated throttling, 1.6 Mbps / 150 ms, 4× CPU) on the start page, served
// gzip-compressed as a host with compression on serves it, in Debian's Chromium.
// The median of RUNS runs (by performance score) is printed and checked:
// performance ≥ 0.98, LCP ≤ 1.5 s, TTI ≤ 2.5 s, accessibility and best practices 1.00.
//   node e2e/bench/lighthouse.mjs [--runs N] [--quick]   (after `trunk build --release`)
// --quick (the test command): one run of accessibility and best practices only, which
// must both be 1.00; a miss names the audits that failed.
// TORIKUMI_E2E_DIST measures another build (e.g. an older commit's dist/).
import { existsSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serveDir } from './served.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runs = quick ? 1 : Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 3);
const port = Number(process.env.TORIKUMI_LIGHTHOUSE_PORT ?? (quick ? 4202 : 4203));
// Debian's Chromium: nothing is downloaded (chrome-launcher is told where it is).
const chromePath = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => existsSync(p));
if (!chromePath) throw new Error('lighthouse: no Chromium found (apt-get install chromium, or set CHROME_PATH)');
const categories = quick ? ['accessibility', 'best-practices'] : ['performance', 'accessibility', 'best-practices'];

const BUDGET = { performance: 0.98, lcp: 1500, tti: 2500, accessibility: 1, bestPractices: 1 };

/** One Lighthouse run in a fresh Chromium (a fresh profile: a first visit). */
async function once(url) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
    if (!result?.lhr) throw new Error('lighthouse: no result');
    if (result.lhr.runtimeError) throw new Error(`lighthouse: ${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

const numeric = (lhr, id) => lhr.audits[id]?.numericValue;
/** The audits of a category that did not pass (weighted ones: those that count for its score). */
const failed = (lhr, category) => lhr.categories[category].auditRefs
  .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
  .map((ref) => ref.id);

function figures(lhr) {
  const score = (c) => lhr.categories[c]?.score ?? null;
  return {
    performance: score('performance'),
    fcp: numeric(lhr, 'first-contentful-paint'),
    lcp: numeric(lhr, 'largest-contentful-paint'),
    tbt: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    si: numeric(lhr, 'speed-index'),
    // Lighthouse 10 and later no longer weigh TTI, but 12 still measures it.
    tti: numeric(lhr, 'interactive'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    failedAccessibility: failed(lhr, 'accessibility'),
    failedBestPractices: failed(lhr, 'best-practices'),
  };
}

const ms = (v) => (v === undefined ? '—' : `${(v / 1000).toFixed(2)} s`);
const sc = (v) => (v === null || v === undefined ? '—' : v.toFixed(2));

const server = await serveDir(port);
const misses = [];
try {
  const all = [];
  for (let i = 0; i < runs; i += 1) {
    const f = figures(await once(server.url));
    all.push(f);
    if (quick) {
      console.log(`lighthouse (start page): accessibility ${sc(f.accessibility)}, best practices ${sc(f.bestPractices)}`);
    } else {
      console.log(`run ${i + 1}/${runs}: performance ${sc(f.performance)}, FCP ${ms(f.fcp)}, LCP ${ms(f.lcp)}, TBT ${Math.round(f.tbt)} ms, CLS ${f.cls.toFixed(3)}, SI ${ms(f.si)}, TTI ${ms(f.tti)}, accessibility ${sc(f.accessibility)}, best practices ${sc(f.bestPractices)}`);
    }
  }
  // The median run by performance score (quick: the one run).
  const m = [...all].sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0))[Math.floor(all.length / 2)];
  const median = (key) => [...all.map((f) => f[key])].sort((a, b) => a - b)[Math.floor(all.length / 2)];
  if (!quick) {
    console.log(`\nmedian of ${runs} (Lighthouse mobile preset, start page, gzip):`);
    console.log(`| performance | FCP | LCP | TBT | CLS | Speed Index | TTI | accessibility | best practices |`);
    console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
    console.log(`| ${sc(median('performance'))} | ${ms(median('fcp'))} | ${ms(median('lcp'))} | ${Math.round(median('tbt'))} ms | ${median('cls').toFixed(3)} | ${ms(median('si'))} | ${ms(median('tti'))} | ${sc(median('accessibility'))} | ${sc(median('bestPractices'))} |`);
    if (median('performance') < BUDGET.performance) misses.push(`performance ${sc(median('performance'))} < ${BUDGET.performance}`);
    if (median('lcp') > BUDGET.lcp) misses.push(`LCP ${ms(median('lcp'))} > ${ms(BUDGET.lcp)}`);
    if (median('tti') > BUDGET.tti) misses.push(`TTI ${ms(median('tti'))} > ${ms(BUDGET.tti)}`);
  }
  if (m.accessibility < BUDGET.accessibility) misses.push(`accessibility ${sc(m.accessibility)}: failed ${m.failedAccessibility.join(', ')}`);
  if (m.bestPractices < BUDGET.bestPractices) misses.push(`best practices ${sc(m.bestPractices)}: failed ${m.failedBestPractices.join(', ')}`);
} finally {
  server.stop();
}
if (misses.length > 0) {
  console.error(`lighthouse: budgets missed: ${misses.join('; ')}`);
  process.exit(1);
}
console.log(quick ? 'lighthouse: accessibility and best practices 1.00' : 'lighthouse: every budget met');
