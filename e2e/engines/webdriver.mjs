// WebKitGTK (Safari's engine) through plain W3C WebDriver: Debian's
// WebKitWebDriver starts MiniBrowser under Xvfb. A small client over fetch,
// shaped like the part of puppeteer's Page the journeys use, so the same
// helpers (driver.mjs) drive both engines. Each page is a window of one session.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const KEYS = { Tab: '\uE004', Backspace: '\uE003', Enter: '\uE007' };

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, timeout = 10_000) {
  const start = Date.now();
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for: ${what}`);
    await wait(50);
  }
}

/** Starts Xvfb (on a free display from `first` on) and WebKitWebDriver on `port`; `stop` ends both. */
export async function startWebKit(port, first = 90) {
  let display = first;
  while (existsSync(`/tmp/.X${display}-lock`)) display += 1;
  const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '1366x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await wait(300);
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: `:${display}` }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  await until('WebKitWebDriver', () => fetch(`${base}/status`).then((r) => r.ok));
  return {
    base,
    port,
    stop() {
      driver.kill();
      xvfb.kill();
    },
  };
}

/** A command the driver does not answer within this long has met a browser that is gone: the test fails, naming it. */
const COMMAND_WAIT_MS = 90_000;

/** Starting MiniBrowser takes a second or two; one that has not answered in this long never will. */
const SESSION_WAIT_MS = 30_000;

async function call(base, method, path, body, waitMs = COMMAND_WAIT_MS) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(waitMs),
  }).catch((error) => {
    throw new Error(`${method} ${path}: no answer from WebKitWebDriver (${error.message})`);
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
  return json.value;
}

/** One browser session; `newPage()` gives its first window, then new ones (tabs sharing storage). */
export async function openSession(base) {
  const { sessionId } = await call(base, 'POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      },
    },
  }, SESSION_WAIT_MS);
  const raw = (method, path, body) => call(base, method, `/session/${sessionId}${path}`, body);
  let current = await raw('GET', '/window');
  let first = true;
  return {
    async newPage() {
      const handle = first ? current : (await raw('POST', '/window/new', { type: 'tab' })).handle;
      first = false;
      // Every command goes to this page's window.
      const s = async (method, path, body) => {
        if (current !== handle) {
          await raw('POST', '/window', { handle });
          current = handle;
        }
        return raw(method, path, body);
      };
      return makePage(s, async () => {
        await s('DELETE', '/window');
        current = null;
      });
    },
    close: () => raw('DELETE', ''),
  };
}

function makePage(s, closeWindow) {
  // Arguments and results cross as JSON; a function is sent as its source.
  const run = (fn, args) => s('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1];
      Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1))).then(
        (v) => done({ ok: v === undefined ? null : v }), (e) => done({ error: String(e && e.stack || e) }));`,
    args,
  }).then((r) => {
    if (r && 'error' in r) throw new Error(r.error);
    return r?.ok ?? null;
  });
  const find = (selector) => s('POST', '/element', { using: 'css selector', value: selector }).then((e) => e[ELEMENT]);
  const page = {
    errors: [],
    outside: [],
    evaluate: (fn, ...args) => run(fn, args),
    goto: (url) => s('POST', '/url', { url }),
    reload: () => s('POST', '/refresh', {}),
    url: () => s('GET', '/url'),
    bringToFront: async () => {},
    setViewport: ({ width, height }) => s('POST', '/window/rect', { width, height }),
    async waitForSelector(selector) {
      try {
        await until(selector, () => run((sel) => !!document.querySelector(sel), [selector]));
      } catch (error) {
        // What the page showed instead, for a failure that does not repeat.
        const shown = await run(() => `${location.href} | ${document.body?.innerText.slice(0, 300)}`, []).catch((e) => `(unreadable: ${e.message})`);
        throw new Error(`${error.message}; the page: ${shown}`);
      }
    },
    $: (selector) => run((sel) => (document.querySelector(sel) ? {} : null), [selector]),
    $eval: (selector, fn) => run(`(sel) => (${fn})(document.querySelector(sel))`, [selector]),
    $$eval: (selector, fn) => run(`(sel) => (${fn})([...document.querySelectorAll(sel)])`, [selector]),
    async focus(selector) {
      await run((sel) => document.querySelector(sel).focus(), [selector]);
    },
    async click(selector) {
      await page.waitForSelector(selector);
      await run((sel) => document.querySelector(sel).click(), [selector]);
    },
    async select(selector, value) {
      await run((sel, v) => {
        const el = document.querySelector(sel);
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, [selector, value]);
    },
    /** Real key events through the driver, into the element (at its caret). */
    async type(selector, text) {
      const element = await find(selector);
      // A line break is the Enter key (WebKit drops a bare "\n").
      await s('POST', `/element/${element}/value`, { text: text.replace(/\n/g, KEYS.Enter) });
    },
    keyboard: {
      async press(key) {
        const value = KEYS[key] ?? key;
        await s('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }] });
        await s('DELETE', '/actions');
      },
    },
    /** W3C print: the page as a PDF, A4. */
    async pdf() {
      const data = await s('POST', '/print', { page: { width: 21.0, height: 29.7 }, background: true });
      return Buffer.from(data, 'base64');
    },
    /** What this document loaded (resource timing): WebDriver has no network events. */
    resources: () => run(() => performance.getEntriesByType('resource').map((e) => e.name), []),
    close: closeWindow,
  };
  return page;
}
