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
