// How every browser benchmark reports: one table (figure, value, baseline,
// ratio, budget, verdict), the same rows as JSON in results/NAME.json, and a
// non-zero exit code when a budget is missed.
import { mkdirSync, writeFileSync } from 'node:fs';

/** The p-th percentile of `xs` (the median at 50). */
export const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

/**
 * Prints `rows` ({ figure, value, baseline, ratio, budget, ok }; baseline and
 * ratio may be null) with `digits` decimals, writes them and `extra` to
 * results/`name`.json, and sets the exit code.
 */
export function report(name, baselineLabel, rows, { digits = 2, extra = {} } = {}) {
  const number = (x) => (x === null || x === undefined ? '-' : x.toFixed(digits));
  console.log(`figure | value | baseline (${baselineLabel}) | ratio | budget | verdict`);
  for (const r of rows) {
    const ratio = r.ratio === null || r.ratio === undefined ? '-' : `${r.ratio.toFixed(2)}×`;
    console.log(`${r.figure} | ${number(r.value)} | ${number(r.baseline)} | ${ratio} | ${r.budget} | ${r.ok ? 'ok' : 'OVER'}`);
  }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${name}.json`, import.meta.url), `${JSON.stringify({ ...extra, rows }, null, 2)}\n`);
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}
