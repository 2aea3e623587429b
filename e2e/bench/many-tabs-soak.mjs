// Issue 22's long soak of the simulation of many tabs (tests/sim/): many seeds,
// with Web Locks and without, each seed in a fresh browser context. Prints each
// seed's figures and the totals per mode (seeds, steps, tokens typed, found, lost);
// exits non-zero when any token shown in an editable field is lost, or a run ends with
// two tabs editing.
//   node e2e/bench/many-tabs-soak.mjs   (after `trunk build --release`; scripts/bench does both)
//   TORIKUMI_SIM_SEEDS=30 TORIKUMI_SIM_FIRST_SEED=1000 TORIKUMI_SIM_STEPS=40 TORIKUMI_SIM_PARALLEL=2 TORIKUMI_SIM_PORT=4198
import { served } from './served.mjs';
import { report } from './table.mjs';
import { simulate, figures, lossReport } from '../tests/sim/tabs.mjs';

const SEEDS = Number(process.env.TORIKUMI_SIM_SEEDS ?? 30);
const FIRST_SEED = Number(process.env.TORIKUMI_SIM_FIRST_SEED ?? 1000);
const STEPS = Number(process.env.TORIKUMI_SIM_STEPS ?? 40);

const PARALLEL = Number(process.env.TORIKUMI_SIM_PARALLEL ?? 2);
const { url: origin, browser, stop } = await served(Number(process.env.TORIKUMI_SIM_PORT ?? 4198));

/** One seed in a fresh context: its result, or why it broke off. */
async function run(seed, locks) {
  const context = await browser.newContext({ baseURL: origin, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const errors = [];
  context.on('page', (page) => page.on('pageerror', (e) => errors.push(e.message)));
  try {
    return { result: await simulate(context, { origin, seed, steps: STEPS, locks }), errors };
  } catch (e) {
    // A run that breaks off (the app never showed the editor, say) is a failure of its own, not a pass.
    return { broke: e.message, errors };
  } finally {
    await context.close();
  }
}

const rows = [];
const failures = [];
try {
  for (const locks of [true, false]) {
    const mode = locks ? 'with Web Locks' : 'without Web Locks';
    const total = { seeds: 0, steps: 0, typed: 0, found: 0, lost: 0, discarded: 0, errors: 0, broken: 0, newer: 0, copy: 0, tookOver: 0, twoEditors: 0 };
    const seeds = Array.from({ length: SEEDS }, (_, i) => FIRST_SEED + i);
    // PARALLEL seeds at a time, each in its own context (timing differs from a lone run; the schedule does not).
    const worker = async () => {
      for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) {
        const { result: r, broke, errors } = await run(seed, locks);
        total.seeds += 1;
        total.errors += errors.length;
        if (broke) {
          console.log(`many-tabs | seed ${seed} | ${mode} | broke off: ${broke.split('\n')[0]}`);
          failures.push(`seed ${seed} ${mode} broke off: ${broke}`);
          total.broken += 1;
          continue;
        }
        console.log(`${figures(r)}${errors.length ? ` | page errors ${errors.length}: ${errors[0]}` : ''}`);
        const replay = `TORIKUMI_SIM_SEED=${seed} TORIKUMI_SIM_STEPS=${STEPS} npx playwright test tests/many-tabs.spec.mjs -g '${locks ? 'with' : 'without'} Web Locks'`;
        if (r.lost.length > 0) failures.push(lossReport(r, replay));
        if (r.editors > 1) failures.push(`seed ${seed} ${mode}: ${r.editors} tabs editing at the end\nreplay: ${replay}`);
        total.twoEditors += r.editors > 1 ? 1 : 0;
        total.steps += r.steps;
        total.typed += r.typed;
        total.found += r.found;
        total.lost += r.lost.length;
        total.discarded += r.discarded.length;
        total.newer += r.counts.newer;
        total.copy += r.counts.copy;
        total.tookOver += r.counts.tookOver;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    console.log(`many-tabs soak | ${mode} | seeds ${total.seeds} | steps ${total.steps} | typed ${total.typed} | found ${total.found} | lost ${total.lost}`
      + ` | discarded when asked ${total.discarded} | take-overs ${total.tookOver} | conflicts: 新しい方 ${total.newer}, copy ${total.copy} | page errors ${total.errors} | broke off ${total.broken} | runs ending with two editors ${total.twoEditors}`);
    rows.push({ figure: `tokens lost, ${mode} (${total.seeds} seeds, ${total.steps} steps, ${total.typed} typed, ${total.found} found)`, value: total.lost, baseline: null, ratio: null, budget: '0', ok: total.lost === 0 });
    rows.push({ figure: `uncaught page errors, ${mode}`, value: total.errors, baseline: null, ratio: null, budget: '0', ok: total.errors === 0 });
    rows.push({ figure: `runs broken off, ${mode}`, value: total.broken, baseline: null, ratio: null, budget: '0', ok: total.broken === 0 });
    rows.push({ figure: `runs ending with more than one editing tab, ${mode}`, value: total.twoEditors, baseline: null, ratio: null, budget: '0', ok: total.twoEditors === 0 });
  }
} finally {
  await stop();
}
for (const f of failures) console.log(`\n${f}`);
report('many-tabs-soak', 'none', rows, { digits: 0, extra: { seeds: SEEDS, firstSeed: FIRST_SEED, steps: STEPS, parallel: PARALLEL } });
