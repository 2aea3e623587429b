// Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi (Playwright
// cannot drive it). The helpers find things as a person does: buttons by their
// accessible names, fields by their ids from core/src/fields.rs or their names.
// They use only the part of puppeteer's Page that ../webkit/webdriver.mjs also
// offers, so WebKit runs the same journeys.
import puppeteer from 'puppeteer-core';
import { typedTextSent } from '../page-scripts.mjs';

export const FIREFOX = '/usr/lib/firefox-esr/firefox-esr';

/** Starts Firefox ESR headless; `prefs` are Firefox preferences (about:config) for this profile. */
export async function launch(prefs = {}) {
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, args: ['--no-sandbox'], extraPrefsFirefox: prefs });
}

/** A page whose uncaught errors and outside requests are collected (`allowed(url)` says which requests are its own). */
export async function watchedPage(browser, allowed) {
  const page = await browser.newPage();
  page.errors = [];
  page.outside = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('request', (r) => {
    if (!allowed(r.url())) page.outside.push(r.url());
  });
  return page;
}

/** Waits until `fn` (run in the page with `arg`) returns something truthy; returns it. Polls, so any driver works. */
export async function until(page, fn, arg, what = String(fn)) {
  const start = Date.now();
  for (;;) {
    const value = await page.evaluate(fn, arg).catch(() => null);
    if (value) return value;
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Clicks the enabled button or link whose accessible name (aria-label, or its text without aria-hidden parts) is `name`. */
export async function click(page, name) {
  await until(page, (n) => {
    const accessible = (el) => {
      if (el.hasAttribute('aria-label')) return el.getAttribute('aria-label');
      const copy = el.cloneNode(true);
      copy.querySelectorAll('[aria-hidden="true"]').forEach((h) => h.remove());
      return copy.textContent.trim();
    };
    const button = [...document.querySelectorAll('button, a')].find((b) => accessible(b) === n && !b.disabled);
    button?.click();
    return !!button;
  }, name, `button ${name}`);
}

/** Whether the page's text contains `text`. */
// index.html's first paint (#boot-frame) shows the start page's texts before the app runs:
// a text is shown once the app has taken the frame's place (or a start-up message has).
export const shows = (page, text) => until(page, (t) => !document.getElementById('boot-frame') && document.body.innerText.includes(t), text, `text ${text}`);

/** Every change is stored: the status says saved, nothing is pending. Typed text reaches
 * the app's store in a task after the frame that shows it, so the status is read after that. */
export async function saved(page) {
  await page.evaluate(typedTextSent);
  await until(page, () => !!document.querySelector('.save-status[data-state="saved"][data-unsaved="false"]'), undefined, 'saved');
}

/** Replaces a field's text by typing (real key events through the driver). */
export async function typeInto(page, id, text) {
  await page.waitForSelector(`#${id}`);
  await page.evaluate((i) => {
    const el = document.getElementById(i);
    el.focus();
    el.select();
  }, id);
  await page.keyboard.press('Backspace');
  await page.type(`#${id}`, text);
}

/** Makes downloads readable: every Blob the app turns into a URL is kept (a download in Firefox has no event here). */
export async function keepDownloads(page) {
  await page.evaluate(() => {
    window.__downloads = [];
    const make = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      const url = make(blob);
      window.__downloads.push(blob);
      return url;
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.download) window.__downloads.at(-1).fileName = this.download;
      return click.call(this);
    };
  });
}

/** The last download's name and text. */
export async function lastDownload(page) {
  await until(page, () => window.__downloads?.length > 0, undefined, 'a download');
  return page.evaluate(async () => {
    const blob = window.__downloads.at(-1);
    return { name: blob.fileName, text: await blob.text() };
  });
}

/** Opens the sample at `url` (見本を開く), once it is stored exports it: its JSON download. Downloads stay kept. */
export async function sampleExported(page, url) {
  await page.goto(url);
  await click(page, '見本を開く');
  await page.waitForSelector('.editor.editable');
  await saved(page);
  await keepDownloads(page);
  await click(page, 'JSONを書き出す');
  return lastDownload(page);
}

/** The last download's name and bytes (a Word file). */
export async function lastDownloadBytes(page) {
  await until(page, () => window.__downloads?.length > 0, undefined, 'a download');
  const { name, base64 } = await page.evaluate(async () => {
    const blob = window.__downloads.at(-1);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { name: blob.fileName, base64: btoa(binary) };
  });
  return { name, bytes: Buffer.from(base64, 'base64') };
}

/** Gives `files` ({name, text} or {name, bytes}) to the file input inside the element matching `zone`, as the picker would. */
export async function chooseFiles(page, zone, files) {
  const list = files.map((f) => (f.bytes ? { name: f.name, base64: f.bytes.toString('base64') } : f));
  await page.evaluate((z, list) => {
    const input = document.querySelector(`${z} input[type=file]`);
    const dt = new DataTransfer();
    const content = (f) => (f.base64 ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : f.text);
    for (const f of list) dt.items.add(new File([content(f)], f.name, { type: f.base64 ? '' : 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, zone, list);
}

/** Serves ../dist on a port of its own (the benchmarks' server): `{ url, stop }`. */
export { serveDir as serveDist } from '../bench/served.mjs';

const byName = (name) => `[aria-label="${name}"]`;

/** Types into the field named `name` (its accessible name), at its end, then leaves it with Tab. */
export async function typeField(page, name, text) {
  await page.waitForSelector(byName(name));
  await page.focus(byName(name));
  await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    el.setSelectionRange(el.value.length, el.value.length);
  }, byName(name));
  await page.type(byName(name), text);
  await page.keyboard.press('Tab');
}

/** The value of the field named `name`. */
export const valueOf = (page, name) => page.$eval(byName(name), (el) => el.value);

/** The accessible name (aria-label or text) of the focused element. */
export const focusedName = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent.trim());
