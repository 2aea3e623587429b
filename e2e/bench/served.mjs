// What every benchmark and the screenshot script start with: the built dist/
// served on a port of their own, and Debian's Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const e2e = fileURLToPath(new URL('..', import.meta.url));

/** Serves `dir` (default ../dist) on `port`, gzip-compressed as a host with compression
 * on does; its URL and a function that stops it. */
export async function serveDir(port, dir = process.env.TORIKUMI_E2E_DIST ?? '../dist') {
  const server = spawn('node', ['serve.mjs', '--dir', dir, '--port', String(port), '--gzip'], { cwd: e2e, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100 && !(await fetch(url).then((r) => r.ok, () => false)); i += 1) await new Promise((r) => setTimeout(r, 50));
  return { url, stop: () => server.kill() };
}

/** Serves ../dist on `port` and starts Chromium; returns the origin's URL and a function that stops everything. */
export async function served(port) {
  const server = await serveDir(port);
  const browser = await chromium.launch({
    executablePath: ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p)),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  const stop = async () => {
    await browser.close();
    server.stop();
  };
  return { url: server.url, browser, stop };
}
