// Functions run inside the page (by page.evaluate or addInitScript), shared by
// the tests and the benchmarks.

/** Counts writes of drafts to local storage in `window.__writes`. */
export function countDraftWrites() {
  window.__writes = 0;
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (key.startsWith('torikumi:draft:')) window.__writes++;
    return set.call(this, key, value);
  };
}

/** Resolves once text typed before it has reached the app's store: the app sends it in a
 * task after the next frame, or after 100 ms where the window draws no frames. */
export function typedTextSent() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => resolve(true), 0));
    setTimeout(() => resolve(true), 150);
  });
}

/** The URLs of the on-demand module's files the service worker's caches hold (any cache). */
export async function keptModuleFiles() {
  const urls = await Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)));
  return urls.flat().filter((u) => u.includes('torikumi-on-demand-'));
}

/**
 * A slow office PC, as Yew sees it, in a window that draws no frames. Yew times its
 * updates with Date.now and, once one has run past 16 ms, runs the update's effects in a
 * later task (it yields to the browser): here the clock moves 20 ms further at every
 * reading, so every update does that. And requestAnimationFrame never answers, so typed
 * text waits for the app's fallback (100 ms) and is still on its way to the store when
 * the next event comes.
 */
export function slowUnpaintedPage() {
  const now = Date.now;
  let ahead = 0;
  Date.now = () => now() + (ahead += 20);
  window.requestAnimationFrame = () => 0;
}
