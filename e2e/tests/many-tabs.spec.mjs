// A simulation of many tabs (issue 22): staff on a shared PC open one report in
// three tabs and type, reload, close and reopen, go to the start page and back,
// take over and answer conflicts, on a schedule drawn from a seed. Every token
// shown in an editable field must then be in storage: in the draft, an earlier
// version (新しい方を開く keeps this page's text there first) or a kept copy.
// With Web Locks and without (the storage lease).
//   TORIKUMI_SIM_SEED=7 npx playwright test tests/many-tabs.spec.mjs   (replays seed 7)
//   TORIKUMI_SIM_STEPS=80 ...                                          (a longer run)
import { test, expect } from './fixtures.mjs';
import { seedsFromEnv } from './sim/schedule.mjs';
import { simulate, figures, lossReport } from './sim/tabs.mjs';

const SEEDS = seedsFromEnv([3, 7]);
const STEPS = Number(process.env.TORIKUMI_SIM_STEPS ?? 32);
/** Steps stop being taken after this long; the run still ends and is checked. */
const DEADLINE_MS = Number(process.env.TORIKUMI_SIM_DEADLINE_MS ?? 40_000);

for (const locks of [true, false]) {
  for (const seed of SEEDS) {
    test(`every token shown in one of three tabs is stored (seed ${seed}, ${locks ? 'with' : 'without'} Web Locks)`, async ({ context, baseURL }) => {
      test.setTimeout(DEADLINE_MS + 60_000);
      const result = await simulate(context, { origin: baseURL, seed, steps: STEPS, locks, deadlineMs: DEADLINE_MS });
      console.log(figures(result));
      if (process.env.TORIKUMI_SIM_VERBOSE) console.log(result.log.join('\n'));
      const replay = `TORIKUMI_SIM_SEED=${seed} TORIKUMI_SIM_STEPS=${STEPS} npx playwright test tests/many-tabs.spec.mjs -g '${locks ? 'with' : 'without'} Web Locks'`;
      expect(result.lost.map((t) => t.token), lossReport(result, replay)).toEqual([]);
      // A run that typed nothing proved nothing.
      expect(result.typed, 'tokens shown in an editable field').toBeGreaterThan(0);
    });
  }
}
