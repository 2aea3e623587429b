// Issue 22's long soak of the simulation of many tabs (tests/sim/): many seeds,
// with Web Locks and without, each seed in a fresh browser context. Prints each
// seed's figures and the totals per mode (seeds, steps, tokens typed, found, lost);
// exits non-zero when any token shown in an editable field is lost.
//   node e2e/bench/many-tabs-soak.mjs   (after `trunk build --release`; scripts/bench does both)
//   TORIKUMI_SIM_SEEDS=30 TORIKUMI_SIM_FIRST_SEED=1 TORIKUMI_SIM_STEPS=60 TORIKUMI_SIM_PORT=4198
import { served } from './served.mjs';
import { report } from './table.mjs';
import { simulate, figures, lossReport } from '../tests/sim/tabs.mjs';

const SEEDS = Number(process.env.TORIKUMI_SIM_SEEDS ?? 30);
const FIRST_SEED = Number(process.env.TORIKUMI_SIM_FIRST_SEED ?? 1000);
const STEPS = Number(process.env.TORIKUMI_SIM_STEPS ?? 60);
const { url: origin, browser, stop } = await served(Number(process.env.TORIKUMI_SIM_PORT ?? 4198));

const rows = [];
const failures = [];
try {
  for (const locks of [true, false]) {
    const total = { seeds: 0, steps: 0, typed: 0, found: 0, lost: 0, discarded: 0, errors: 0, broken: 0 };
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed += 1) {
      const context = await browser.newContext({ baseURL: origin, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      const errors = [];
      context.on('page', (page) => page.on('pageerror', (e) => errors.push(e.message)));
      let r;
      try {
        r = await simulate(context, { origin, seed, steps: STEPS, locks });
      } catch (e) {
        // A run that breaks off (the app never showed the editor, say) is a failure of its own, not a pass.
        console.log(`many-tabs | seed ${seed} | ${locks ? 'with' : 'without'} Web Locks | broke off: ${e.message.split('\n')[0]}`);
        failures.push(`seed ${seed} broke off: ${e.message}`);
        total.broken += 1;
        await context.close();
        continue;
      }
      await context.close();
      console.log(`${figures(r)}${errors.length ? ` | page errors ${errors.length}: ${errors[0]}` : ''}`);
      const replay = `TORIKUMI_SIM_SEED=${seed} TORIKUMI_SIM_STEPS=${STEPS} npx playwright test tests/many-tabs.spec.mjs -g '${locks ? 'with' : 'without'} Web Locks'`;
      if (r.lost.length > 0) failures.push(lossReport(r, replay));
      Object.assign(total, {
        seeds: total.seeds + 1, steps: total.steps + r.steps, typed: total.typed + r.typed, found: total.found + r.found,
        lost: total.lost + r.lost.length, discarded: total.discarded + r.discarded.length, errors: total.errors + errors.length,
      });
    }
    const mode = locks ? 'with Web Locks' : 'without Web Locks';
    console.log(`many-tabs soak | ${mode} | seeds ${total.seeds} | steps ${total.steps} | typed ${total.typed} | found ${total.found} | lost ${total.lost} | discarded when asked ${total.discarded} | page errors ${total.errors}`);
    rows.push({ figure: `tokens lost, ${mode} (${total.seeds} seeds, ${total.steps} steps, ${total.typed} typed, ${total.found} found)`, value: total.lost, baseline: null, ratio: null, budget: '0', ok: total.lost === 0 });
    rows.push({ figure: `uncaught page errors, ${mode}`, value: total.errors, baseline: null, ratio: null, budget: '0', ok: total.errors === 0 });
    rows.push({ figure: `runs broken off, ${mode}`, value: total.broken, baseline: null, ratio: null, budget: '0', ok: total.broken === 0 });
  }
} finally {
  await stop();
}
for (const f of failures) console.log(`\n${f}`);
report('many-tabs-soak', 'none', rows, { digits: 0, extra: { seeds: SEEDS, firstSeed: FIRST_SEED, steps: STEPS } });
