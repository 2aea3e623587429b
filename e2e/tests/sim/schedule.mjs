// The simulation's schedule: a pure function of the seed, so a failing seed
// replays the same steps (the browser's timing may still differ).

/** mulberry32: a small 32-bit PRNG; numbers in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a step does, and how often (weights). */
export const KINDS = [
  ['type', 26], // type a token into a field, if it is editable
  ['take+type', 20], // 「このタブで編集する」 if the tab is read-only, then type once it is editable
  ['type+reload', 8], // type, then reload at once
  ['reload', 5],
  ['close', 6], // close the tab (asking beforeunload) and reopen it on the draft
  ['leave', 6], // 「← 下書きの一覧」, then back to the draft
  ['take', 12], // 「このタブで編集する」 where the tab is read-only
  ['wait', 5], // only the pause
];

export const TABS = 3;
/** The pause after a step: up to a bit more than the autosave delay (500 ms). */
export const MAX_WAIT_MS = 700;
const WORDS = ['さくら', '相談', 'つばめ', '支援会議', 'ひかり', '連絡会', 'みなと', '協議', 'かえで', '地域'];

/**
 * The steps of one run: `{ n, tab, kind, field, token, wait, answer }`. `field`
 * is an index taken modulo the number of text fields; `answer` is how a conflict
 * shown after the step is answered ('newer': 新しい方を開く, 'copy': keep a copy).
 */
export function schedule(seed, steps) {
  const random = mulberry32(seed);
  const int = (n) => Math.floor(random() * n);
  const total = KINDS.reduce((sum, [, w]) => sum + w, 0);
  const kind = () => {
    let r = random() * total;
    for (const [k, w] of KINDS) {
      r -= w;
      if (r < 0) return k;
    }
    return KINDS[0][0];
  };
  return Array.from({ length: steps }, (_, n) => ({
    n,
    tab: int(TABS),
    kind: kind(),
    field: int(1000),
    token: `T${String(n).padStart(4, '0')}${WORDS[int(WORDS.length)]}`,
    // Skewed to short pauses: what happens "at once" (within the autosave delay) is where races are.
    wait: Math.floor(random() ** 2 * (MAX_WAIT_MS + 1)),
    answer: random() < 0.5 ? 'newer' : 'copy',
  }));
}

/** Seeds from TORIKUMI_SIM_SEED ("7" or "7,12"), else `fallback`. */
export function seedsFromEnv(fallback) {
  const raw = process.env.TORIKUMI_SIM_SEED;
  if (!raw) return fallback;
  return raw.split(',').map((s) => Number(s.trim())).filter((s) => Number.isInteger(s) && s >= 0);
}
