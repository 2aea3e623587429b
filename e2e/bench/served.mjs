// What every benchmark and the screenshot script start with: the built dist/
// served on a port of their own, and Debian's Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const e2e = fileURLToPath(new URL('..', import.meta.url));

/** Serves ../dist on `port`; returns the origin's URL and a function that stops everything. */
export async function served(port) {
  const server = spawn('node', ['serve.mjs', '--dir', '../dist', '--port', String(port)], { cwd: e2e, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  const browser = await chromium.launch({
    executablePath: ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p)),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  const stop = async () => {
    await browser.close();
    server.kill();
  };
  return { url: `http://127.0.0.1:${port}/`, browser, stop };
}
