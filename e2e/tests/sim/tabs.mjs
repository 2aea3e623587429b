// The simulation of many tabs: three tabs (pages of one browser context) on one
// draft, driven by a seeded schedule (schedule.mjs); at the end every stored
// record is read and each token shown in an editable field is looked for. Plain
// Playwright calls only, so the test (many-tabs.spec.mjs) and the benchmark's soak
// (bench/many-tabs-soak.mjs) run the same thing.
import { schedule, TABS } from './schedule.mjs';
import { slowUnpaintedPage } from '../../page-scripts.mjs';

/** How long a tab may take to show the editor after loading. */
const READY_MS = 15_000;
/** How long an action on an element may wait for it (it may be gone: the tab moved on). */
const ACT_MS = 5_000;
const CODES = { type: 't', 'take+type': 'kt', 'type+reload': 'tr', reload: 'r', close: 'c', leave: 'l', take: 'k', wait: 'w' };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** As no-loss.spec.mjs does: a browser without Web Locks. */
function withoutWebLocks() {
  Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });
}

/** Resolves with 'ok' when `promise` settles, or with 'asked' once `asked()` is true, or 'timeout'. */
async function settledOrAsked(promise, asked, ms) {
  let done = null;
  promise.then(() => (done = 'ok'), (e) => (done = `error: ${e.message.split('\n')[0]}`));
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) {
    if (done) return done;
    if (asked()) return 'asked';
  }
  return done ?? 'timeout';
}

const draftOf = (page) => (page.url().includes('#/draft/') ? page.url().split('#/draft/')[1].split('/')[0] : null);

/**
 * Runs one seed. `context` is a fresh browser context whose baseURL is the app at `origin`;
 * `locks` false hides Web Locks from every page. Returns the figures, the log, and
 * the tokens shown but found nowhere in storage.
 */
export async function simulate(context, { origin, seed, steps, locks, slowTab = null, deadlineMs = Infinity }) {
  if (!locks) await context.addInitScript(withoutWebLocks);
  const plan = schedule(seed, steps);
  const started = Date.now();
  const log = [];
  const typed = [];
  const say = (line) => log.push(line);
  /** How often the paths that matter were taken: a run that never met a conflict says so. */
  const counts = { tookOver: 0, newer: 0, copy: 0, asked: 0 };
  /** Where each step's line is in the log. */
  const lines = [];
  const tabs = Array.from({ length: TABS }, (_, slot) => ({ slot, page: null, questions: 0, accept: false, discarded: false }));

  const watch = (tab, page) => {
    tab.page = page;
    page.on('dialog', async (dialog) => {
      tab.questions += 1;
      counts.asked += 1;
      // A person who is asked stays (dismiss) and goes on; only the final close accepts, as a last resort.
      say(`  T${tab.slot} asked (${dialog.type()}): ${tab.accept ? 'left anyway' : 'stayed'}`);
      await (tab.accept ? dialog.accept() : dialog.dismiss()).catch(() => {});
    });
  };
  const ready = (page) => page.locator('.editor').waitFor({ timeout: READY_MS }).then(() => true, () => false);
  /** A tab's page: the slow tab's on a slow PC, whatever page it opens (page-scripts.mjs). */
  const newPage = async (tab) => {
    const page = await context.newPage();
    if (tab.slot === slowTab) await page.addInitScript(slowUnpaintedPage);
    return page;
  };
  const open = async (tab, id) => {
    const page = await newPage(tab);
    watch(tab, page);
    await page.goto(`./#/draft/${id}`);
    if (!(await ready(page))) say(`  T${tab.slot} no editor after ${READY_MS} ms`);
  };

  // The draft: made in the first tab, opened in the others.
  const first = tabs[0];
  watch(first, await newPage(first));
  await first.page.goto('./');
  await first.page.getByRole('button', { name: '新しい報告を作成', exact: true }).click();
  await first.page.locator('.editor.editable').waitFor({ timeout: READY_MS });
  const id = draftOf(first.page);
  for (const tab of tabs.slice(1)) await open(tab, id);

  /** Types the step's token at the end of a text field, if that field is editable now. */
  const type = async (tab, step) => {
    const { page } = tab;
    const fields = page.locator('.editor textarea.field');
    const count = await fields.count();
    if (count === 0) return 'no form';
    const field = fields.nth(step.field % count);
    if (!(await field.isEditable({ timeout: ACT_MS }).catch(() => false))) return `f${step.field % count} read-only`;
    const entry = { token: step.token, step: step.n, tab: tab.slot, field: step.field % count, draft: draftOf(page), shown: false };
    try {
      await field.click({ timeout: ACT_MS });
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText(step.token);
      entry.shown = (await field.inputValue({ timeout: ACT_MS })).includes(step.token);
      entry.editableAfter = await field.isEditable({ timeout: ACT_MS });
      if (!entry.shown) entry.focus = await page.evaluate(() => `${document.activeElement?.id ?? '-'} ro=${document.activeElement?.readOnly}`);
    } catch (e) {
      entry.error = e.message.split('\n').filter((l) => /intercepts|not stable|not visible|not enabled|retrying/.test(l)).slice(-2).join(' / ') || e.message.split('\n')[0];
    }
    typed.push(entry);
    return `f${entry.field} ${step.token}${entry.shown ? '' : ` (not shown: focus ${entry.focus ?? entry.error})`}${entry.shown && !entry.editableAfter ? ' (now read-only)' : ''}`;
  };

  const reload = async (tab) => {
    const asked = tab.questions;
    const outcome = await settledOrAsked(tab.page.reload({ timeout: READY_MS }), () => tab.questions > asked, READY_MS);
    if (outcome !== 'ok') return `reload ${outcome}`;
    return (await ready(tab.page)) ? 'reloaded' : 'reloaded, no editor';
  };

  /** Closes the tab (the browser asks beforeunload first): whether it closed. */
  const close = async (tab) => {
    const asked = tab.questions;
    const closed = new Promise((resolve) => tab.page.once('close', resolve));
    await tab.page.close({ runBeforeUnload: true });
    // Asked and answered "leave": the tab closes; asked and answered "stay": it stays open.
    const outcome = await settledOrAsked(closed, () => !tab.accept && tab.questions > asked, 5_000);
    if (outcome === 'ok') tab.page = null;
    return outcome;
  };

  const leave = async (tab, pause) => {
    const { page } = tab;
    const asked = tab.questions;
    try {
      await page.getByRole('link', { name: '← 下書きの一覧', exact: true }).click({ timeout: ACT_MS });
    } catch {
      return 'no link';
    }
    const start = page.getByRole('heading', { name: '取組状況の作成' }).waitFor({ timeout: ACT_MS });
    const outcome = await settledOrAsked(start, () => tab.questions > asked, ACT_MS);
    if (outcome !== 'ok') return `leave ${outcome}`;
    await sleep(pause);
    await page.goto(`./#/draft/${id}`);
    return (await ready(page)) ? 'back' : 'back, no editor';
  };

  const take = async (tab) => {
    const button = tab.page.getByRole('button', { name: 'このタブで編集する', exact: true });
    if (!(await button.isVisible())) return 'not read-only';
    return button.click({ timeout: ACT_MS }).then(() => {
      counts.tookOver += 1;
      return 'took over';
    }, () => 'button gone');
  };

  /** Answers every conflict a tab shows: 新しい方を開く or a copy, as the step says. */
  const answerConflicts = async (answer) => {
    for (const tab of tabs) {
      const { page } = tab;
      if (!page || !(await page.locator('.conflict').isVisible())) continue;
      const newer = page.getByRole('button', { name: '新しい方を開く', exact: true });
      const choice = answer === 'newer' && (await newer.isVisible()) ? 'newer' : 'copy';
      const from = draftOf(page);
      try {
        if (choice === 'newer') await newer.click({ timeout: ACT_MS });
        else {
          await page.getByRole('button', { name: 'この画面の内容を別の下書きとして残す', exact: true }).click({ timeout: ACT_MS });
          await page.waitForURL((url) => !url.href.includes(from), { timeout: ACT_MS });
          await ready(page);
        }
        counts[choice] += 1;
        say(`  T${tab.slot} conflict: ${choice === 'newer' ? '新しい方を開く' : `kept a copy ${draftOf(page)}`}`);
      } catch (e) {
        say(`  T${tab.slot} conflict: ${choice} failed (${e.message.split('\n')[0]})`);
      }
    }
  };

  let done = 0;
  for (const step of plan) {
    if (Date.now() - started > deadlineMs) {
      say(`cut short after ${done} steps (time)`);
      break;
    }
    const tab = tabs[step.tab];
    const at = Date.now();
    let what;
    if (step.kind === 'type') what = await type(tab, step);
    else if (step.kind === 'take+type') {
      const took = await take(tab);
      // A person waits for the field to turn editable after taking over (at most a moment).
      if (took === 'took over') await tab.page.locator('.editor.editable').waitFor({ timeout: 1_500 }).catch(() => {});
      what = `${took}; ${await type(tab, step)}`;
    } else if (step.kind === 'type+reload') what = `${await type(tab, step)}; ${await reload(tab)}`;
    else if (step.kind === 'reload') what = await reload(tab);
    else if (step.kind === 'close') {
      const outcome = await close(tab);
      if (outcome === 'ok') await open(tab, id);
      what = outcome === 'ok' ? 'closed, reopened' : `close ${outcome}`;
    } else if (step.kind === 'leave') what = await leave(tab, Math.floor(step.wait / 2));
    else if (step.kind === 'take') what = await take(tab);
    else what = '';
    lines[step.n] = log.length;
    say(`#${step.n} T${step.tab} ${CODES[step.kind]} ${what}${process.env.TORIKUMI_SIM_VERBOSE ? ` (${Date.now() - at} ms)` : ""}`.trimEnd());
    await answerConflicts(step.answer);
    await sleep(step.wait);
    done += 1;
  }

  // The end: conflicts answered, every tab closed as a person closes it. A tab that
  // still asks after its conflicts are answered is left anyway (logged; its text is
  // counted as discarded by choice, not as lost).
  const last = plan[done - 1]?.answer ?? 'copy';
  await answerConflicts(last);
  // One editor at most once things settle (past a lease heartbeat): two would each
  // overwrite the other's text with conflicts to answer.
  await sleep(2_500);
  let editors = 0;
  for (const { page } of tabs) {
    if (page && draftOf(page) === id) editors += await page.locator('.editor.editable').count();
  }
  say(`editable tabs on the draft at the end: ${editors}`);
  for (const tab of tabs) {
    for (let attempt = 0; tab.page && attempt < 3; attempt += 1) {
      tab.accept = attempt === 2;
      const asked = tab.questions;
      const outcome = await close(tab);
      if (tab.accept && tab.questions > asked) tab.discarded = true;
      if (outcome === 'ok') break;
      await answerConflicts('copy');
    }
  }

  const state = await context.storageState();
  const records = (state.origins.find((o) => o.origin === new URL(origin).origin)?.localStorage ?? []).filter((r) => r.name.startsWith('torikumi:'));
  const where = (token) => records.filter((r) => r.value.includes(token)).map((r) => {
    if (r.name === `torikumi:draft:${id}`) return 'draft';
    if (r.name.startsWith('torikumi:history:')) return 'version';
    if (r.name.startsWith('torikumi:draft:')) return 'copy';
    return r.name;
  });
  const shown = typed.filter((t) => t.shown).map((t) => ({ ...t, found: where(t.token) }));
  const missing = shown.filter((t) => t.found.length === 0);
  const discarded = missing.filter((t) => tabs[t.tab].discarded);
  // What came next: the pause after the token's step, and the lines up to the next step's.
  const lost = missing.filter((t) => !tabs[t.tab].discarded)
    .map((t) => ({ ...t, next: `${plan[t.step].wait} ms later: ${log.slice(lines[t.step] + 1, (lines[t.step + 1] ?? lines[t.step] + 1) + 1).join(' / ')}` }));
  return {
    seed, locks, slowTab, steps: done, typed: shown.length, found: shown.length - missing.length,
    lost, discarded, notShown: typed.length - shown.length, counts, editors, log, shown, keys: records.map((r) => r.name),
    seconds: (Date.now() - started) / 1000,
  };
}

/** One line of figures, as the closing table wants it. */
export function figures(r) {
  const mode = `${r.locks ? 'with Web Locks' : 'without Web Locks'}${r.slowTab === null ? '' : `, T${r.slowTab} slow`}`;
  return `many-tabs | seed ${r.seed} | ${mode} | steps ${r.steps} | typed ${r.typed} | found ${r.found} | lost ${r.lost.length}`
    + `${r.discarded.length ? ` | discarded when asked ${r.discarded.length}` : ''}`
    + ` | take-overs ${r.counts.tookOver} | editors at the end ${r.editors} | conflicts: 新しい方 ${r.counts.newer}, copy ${r.counts.copy} | asked ${r.counts.asked} | ${r.seconds.toFixed(1)} s`;
}

/** What a failure says: the tokens missing, where they were typed, and how to replay. */
export function lossReport(r, replay) {
  const tokens = r.lost.map((t) => `  ${t.token}: step ${t.step}, tab T${t.tab}, field f${t.field}, draft ${t.draft}; ${t.next}`);
  return `seed ${r.seed} ${r.locks ? 'with' : 'without'} Web Locks${r.slowTab === null ? '' : ` (T${r.slowTab} slow)`} lost ${r.lost.length} of ${r.typed} shown tokens:\n${tokens.join('\n')}\n`
    + `replay: ${replay}\nsteps:\n${r.log.join('\n')}`;
}
