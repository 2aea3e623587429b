// Copies of the built dist/ served on one origin, each under its own path (one at
// '/', or /a/ and /b/ as two offices' copies on one intranet host), each able to
// switch to a second build of itself (a rebuild: the same app, another version).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const e2e = fileURLToPath(new URL('..', import.meta.url));
export const dist = resolve(e2e, process.env.TORIKUMI_E2E_DIST ?? '../dist');

/** A port of this test's own: beside the run's server (TORIKUMI_E2E_PORT), one per parallel worker. */
const portFor = (testInfo) => Number(process.env.TORIKUMI_E2E_PORT ?? 4173) + 60 + testInfo.parallelIndex * 4 + (testInfo.retry % 4);

/**
 * Serves a copy of dist/ under each of `bases` ('/' alone, '/torikumi/', or '/a/', '/b/'),
 * on a port of the Playwright test's own (`testInfo`) or the one given:
 * `{ origin, url(base), file(base, path), secondBuild(base), setConfig(text, base),
 * answer(which, body, base), sent, stop(), start(), close() }`. With `log`, `sent` lists
 * every file the server sent, as `{ bytes, path }`.
 */
export async function serveCopies(testInfoOrPort, bases = ['/'], { log = false } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'torikumi-sites-'));
  const site = join(root, 'site');
  if (!bases.includes('/')) mkdirSync(site);
  const builds = {};
  const link = (base, dir) => {
    const at = base === '/' ? site : join(site, base.replace(/^\/|\/$/g, ''));
    try {
      unlinkSync(at);
    } catch {
      // The first build: nothing linked yet.
    }
    symlinkSync(dir, at);
    builds[base] = dir;
  };
  for (const [i, base] of bases.entries()) {
    const v1 = join(root, `copy${i}-v1`);
    cpSync(dist, v1, { recursive: true });
    link(base, v1);
  }
  const port = typeof testInfoOrPort === 'number' ? testInfoOrPort : portFor(testInfoOrPort);
  const origin = `http://127.0.0.1:${port}`;
  let server;
  const sent = [];
  const start = async () => {
    server = spawn('node', ['serve.mjs', '--dir', site, '--port', String(port), ...(log ? ['--log'] : [])], {
      cwd: e2e,
      stdio: ['ignore', log ? 'pipe' : 'ignore', 'ignore'],
    });
    server.stdout?.on('data', (chunk) => {
      for (const [, bytes, path] of String(chunk).matchAll(/^sent (\d+) (.+)$/gm)) sent.push({ bytes: Number(bytes), path });
    });
    for (let i = 0; i < 50 && !(await fetch(`${origin}${bases[0]}`).then((r) => r.ok, () => false)); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill();
    await exited;
  };
  await start();
  return {
    origin,
    /** The server gone (offline, for every page and the service workers alike), and back. */
    stop,
    start,
    url: (base = bases[0]) => `${origin}${base}`,
    sent,
    /** The bytes of a file of the copy served now under `base`. */
    file: (base, path) => readFileSync(join(builds[base], path)),
    /** Replaces the config.json served beside the app under `base`. */
    setConfig(text, base = bases[0]) {
      writeFileSync(join(builds[base], 'config.json'), text);
    },
    /** Answers for the file under `base` whose name passes `which` with `body`, as a captive
     * portal does; returns what puts the real file back. */
    answer(which, body, base = bases[0]) {
      const file = join(builds[base], readdirSync(builds[base]).find(which));
      const real = readFileSync(file);
      writeFileSync(file, body);
      return () => writeFileSync(file, real);
    },
    /** Serves a rebuild of the copy under `base` (another version); returns that version. */
    secondBuild(base = bases[0]) {
      const next = `${builds[base]}-next`;
      cpSync(builds[base], next, { recursive: true });
      // No .gz/.br copies: this server (without --precompressed) never sends them.
      execFileSync('node', [resolve(e2e, '../scripts/post-build.mjs'), next, '--salt', `rebuild of ${next}`, '--without-copies']);
      link(base, next);
      return JSON.parse(readFileSync(join(next, 'version.json'), 'utf8')).version;
    },
    close() {
      if (server.exitCode === null && server.signalCode === null) server.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Loads the app at `url` and waits until it has started and its service worker controls the page. */
export async function visit(page, url, expect) {
  await page.goto(url);
  // The static first paint shows the same heading before the app runs.
  await expect(page.locator('#boot-frame')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('取組状況の作成');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

/** Asks the page's service worker registration for an update, and waits until the
 * new worker has installed ('installed') or failed to ('redundant'). */
export function installUpdate(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const found = new Promise((r) => registration.addEventListener('updatefound', () => r(registration.installing), { once: true }));
    await registration.update();
    const worker = registration.installing ?? (await found);
    while (!['installed', 'activating', 'activated', 'redundant'].includes(worker.state)) {
      await new Promise((r) => worker.addEventListener('statechange', r, { once: true }));
    }
    return worker.state;
  });
}
