// Issue 23's first paint: the start page's frame is static HTML in index.html, readable
// before the app's code (the wasm) has arrived; the app takes its place without a flash
// or a layout shift; a click before then is kept and carried out, never lost or doubled;
// another page's address never shows the start page; and the static copy's texts are
// the app's own (the app's texts live in Rust: a drift fails here).
import { test, expect, button, editable } from './fixtures.mjs';

const START_BUTTONS = ['新しい報告を作成', '見本を開く', '取りまとめ'];
const heading = (page) => page.getByRole('heading', { name: '取組状況の作成', exact: true });
const preparing = (page) => page.getByRole('status').filter({ hasText: '準備しています…' });

// A first visit: no service worker answers in place of the network.
test.use({ serviceWorkers: 'block' });

/** Holds every request for the wasm until the returned function is called (never, if it is not). */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The app has taken over: the static frame is gone and the app's element shows. */
async function tookOver(page) {
  await expect(page.locator('#boot-frame')).toHaveCount(0);
  await expect(page.locator('#app')).toBeVisible();
}

/**
 * In the page from its first script on: every layout shift (Chromium's Layout Instability
 * API), and at every animation frame, just before it is painted, what a person sees:
 * the visible level-1 headings, the visible buttons named as the start page's, and
 * whether 「読み込んでいます…」 (the app's wait for its config) shows.
 */
function watchFrames() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__shifts.push({ value: entry.value, hadRecentInput: entry.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
  window.__frames = [];
  const names = ['新しい報告を作成', '見本を開く', '取りまとめ'];
  const seen = (el) => el.checkVisibility();
  const frame = () => {
    if (document.body) {
      window.__frames.push({
        headings: [...document.querySelectorAll('h1')].filter(seen).map((h) => h.textContent),
        buttons: [...document.querySelectorAll('button')].filter((b) => seen(b) && names.includes(b.textContent)).map((b) => b.textContent),
        loading: [...document.querySelectorAll('p')].some((p) => seen(p) && p.textContent === '読み込んでいます…'),
      });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Where the start page's parts lie, and their texts and classes: those of the static frame or of the app. */
function startPage(root) {
  const scope = document.querySelector(root);
  // `text`: the parts that hold text of their own (the others differ in the white space between their elements).
  const part = (selector, text) => {
    const el = scope.querySelector(selector);
    const box = el.getBoundingClientRect();
    return { tag: el.tagName, className: el.className, ...(text ? { text: el.textContent } : {}), box: [box.x, box.y, box.width, box.height] };
  };
  const footer = scope.querySelector('.app-footer');
  return {
    header: part('.app-header'),
    name: part('.app-header .app-name', true),
    sub: part('.app-header .app-sub', true),
    title: part('.start > h1', true),
    notice: part('.start > .notice-info', true),
    actions: part('.start > .start-actions'),
    buttons: [...scope.querySelectorAll('.start > .start-actions > button')].map((b) => {
      const box = b.getBoundingClientRect();
      return { className: b.className, text: b.textContent, box: [box.x, box.y, box.width, box.height] };
    }),
    main: scope.querySelector('main').className,
    // The footer's text without the version the app adds once version.json has arrived, and its link to 使い方.
    footer: { className: footer.className, text: footer.firstChild.textContent, help: [...footer.querySelectorAll('a')].map((a) => ({ className: a.className, href: a.getAttribute('href'), text: a.textContent })) },
  };
}

test('with the wasm never arriving, the start page is readable: the header, title, explanation, its buttons and a quiet 「準備しています…」', async ({ page }) => {
  await page.route('**/*.wasm', () => {});
  await page.goto('./');
  await expect(page.locator('.app-header')).toHaveText('取組状況区障害者自立支援協議会');
  await expect(heading(page)).toBeVisible();
  await expect(page.locator('.notice-info')).toContainText('下書きは、このブラウザーの中だけに保存されます。');
  for (const name of START_BUTTONS) await expect(button(page, name)).toBeVisible();
  await expect(preparing(page)).toBeVisible();
  await expect(page.getByRole('contentinfo')).toHaveText('下書きはこのブラウザーの中だけに保存され、どこにも送信されません。使い方');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: '使い方', exact: true })).toHaveAttribute('href', '#/help');
  // Calm: no error, and the app's hidden element holds nothing a person or a screen reader meets.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('#app')).toBeHidden();
});

test('the first paint waits for no script: with boot.js held, the start page is readable and a click on it is kept, another address still hides it, and the app starts only once boot.js is in', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.context().route('**/boot.js', async (route) => {
    await held;
    await route.continue();
  });
  const wasmAsked = [];
  page.context().on('request', (request) => { if (request.url().endsWith('.wasm')) wasmAsked.push(request.url()); });
  // Not waiting for the load event: a deferred script holds it back.
  await page.goto('./', { waitUntil: 'commit' });
  await expect(heading(page)).toBeVisible();
  for (const name of START_BUTTONS) await expect(button(page, name)).toBeVisible();
  await expect(preparing(page)).toBeVisible();
  await button(page, '新しい報告を作成').click();

  const other = await page.context().newPage();
  await other.goto('./#/help', { waitUntil: 'commit' });
  await expect(other.locator('.app-header')).toBeVisible();
  await expect(preparing(other)).toBeVisible();
  await expect(heading(other)).toHaveCount(0);
  for (const name of START_BUTTONS) await expect(button(other, name)).toHaveCount(0);

  // The app's loader comes after boot.js, which it needs (the take-over, the start-up
  // messages): while boot.js is held the wasm is not even asked for.
  await page.waitForTimeout(500);
  expect(wasmAsked).toEqual([]);
  await expect(page.locator('#app')).toBeEmpty();
  release();
  // The click made before boot.js ran is said, and carried out once: one new draft opens.
  await editable(page);
  expect(page.url()).toContain('#/draft/');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('torikumi:draft:')).length)).toBe(1);
  await tookOver(other);
  await expect(other.getByRole('heading', { name: '使い方', exact: true })).toBeVisible();
});

test("the app takes over without a flash or a layout shift: the same parts at the same places, every frame showing the start page, no 「読み込んでいます…」", async ({ page }) => {
  await page.addInitScript(watchFrames);
  const release = await holdWasm(page);
  await page.goto('./');
  await expect(heading(page)).toBeVisible();
  // Fonts loaded: a later swap would move the text, the app or not.
  await page.evaluate(() => document.fonts.ready);
  const before = await page.evaluate(startPage, '#boot-frame');
  release();
  await tookOver(page);
  const after = await page.evaluate(startPage, '#app');
  expect(after).toEqual(before);

  // Chromium's layout shift score: shifts not caused by input, summed (the page's CLS).
  // Expected 0: the app's elements replace the frame's in one task, at the same places,
  // and what the app adds (the drafts, 読み込む, …) appears below them. The bound is a
  // tenth of Lighthouse's "good" (0.1), for sub-pixel rounding; the boxes above are exact.
  const shifts = await page.evaluate(() => window.__shifts);
  const cls = shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0);
  console.log(`first paint | layout shift over the takeover: CLS ${cls.toFixed(4)} (${shifts.length} entries)`);
  expect(cls).toBeLessThan(0.01);

  const frames = await page.evaluate(() => window.__frames);
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) {
    expect(frame.headings).toEqual(['取組状況の作成']);
    expect(frame.buttons).toEqual(START_BUTTONS);
    expect(frame.loading).toBe(false);
  }
  // Once the app is in: one of each, the app's (the static copies are out of the page and its accessibility tree).
  await expect(heading(page)).toHaveCount(1);
  for (const name of START_BUTTONS) await expect(button(page, name)).toHaveCount(1);
  await expect(preparing(page)).toHaveCount(0);
});

test('a click on 「新しい報告を作成」 before the app runs creates nothing then, says it waits, and is carried out once: one new draft opens', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('./');
  await button(page, '新しい報告を作成').click();
  await button(page, '新しい報告を作成').click();
  await expect(preparing(page)).toHaveText('準備しています…　準備ができしだい「新しい報告を作成」を行います。');
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('torikumi:draft:')).length);
  expect(await drafts()).toBe(0);
  expect(new URL(page.url()).hash).toBe('');
  release();
  await editable(page);
  expect(page.url()).toContain('#/draft/');
  await expect.poll(drafts).toBe(1);
});

test('a slow start: 「読み込んでいます…」 stands where 「準備しています…」 was, and a click then says it waits and is carried out', async ({ page }) => {
  const release = await holdWasm(page);
  await page.clock.install();
  await page.goto('./');
  await page.clock.fastForward(3500);
  const loading = page.getByRole('status').filter({ hasText: '読み込んでいます…' });
  await expect(loading).toBeVisible();
  await expect(preparing(page)).toHaveCount(0);
  await expect(page.locator('#boot-frame main .boot-loading')).toHaveCount(1);
  await button(page, '見本を開く').click();
  await expect(loading).toContainText('準備ができしだい「見本を開く」を行います。');
  release();
  await editable(page);
  await expect(page.getByRole('textbox', { name: '今年度の主な取組み', exact: true })).not.toHaveValue('');
});

test('a static button with the keyboard focus hands the focus to the app’s button of the same name', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('./');
  await button(page, '見本を開く').focus();
  release();
  await tookOver(page);
  await expect(button(page, '見本を開く')).toBeFocused();
});

test("a draft's address (#/draft/<id>) never shows the start page: only the header and 「準備しています…」, then the draft", async ({ page }) => {
  await page.goto('./');
  await button(page, '新しい報告を作成').click();
  await editable(page);
  const draftUrl = page.url();
  // One tab edits a draft: the first one leaves it to the next.
  const context = page.context();
  await page.close();

  const other = await context.newPage();
  await other.addInitScript(watchFrames);
  const release = await holdWasm(other);
  await other.goto(draftUrl);
  await expect(other.locator('.app-header')).toBeVisible();
  await expect(preparing(other)).toBeVisible();
  await expect(heading(other)).toHaveCount(0);
  for (const name of START_BUTTONS) await expect(button(other, name)).toHaveCount(0);
  release();
  await tookOver(other);
  await editable(other);
  const frames = await other.evaluate(() => window.__frames);
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) {
    expect(frame.buttons).toEqual([]);
    expect(frame.headings).not.toContain('取組状況の作成');
  }
});

test("the static frame's texts and markup are the app's: index.html's copy has not drifted from src/app.rs and src/pages/start.rs", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('./');
  await expect(heading(page)).toBeVisible();
  const drop = ({ box, ...rest }) => rest;
  const texts = (p) => ({ ...p, header: drop(p.header), name: drop(p.name), sub: drop(p.sub), title: drop(p.title), notice: drop(p.notice), actions: drop(p.actions), buttons: p.buttons.map(drop) });
  const fromHtml = texts(await page.evaluate(startPage, '#boot-frame'));
  release();
  await tookOver(page);
  // The texts and classes (the places are the takeover test's).
  const fromApp = texts(await page.evaluate(startPage, '#app'));
  expect(fromHtml).toEqual(fromApp);
  expect(fromHtml.buttons.map((b) => b.text)).toEqual(START_BUTTONS);
});

test('the largest paint is the static frame\'s: nothing the app shows after taking over is larger (Lighthouse\'s LCP stays before the wasm)', async ({ page }) => {
  await page.addInitScript(() => {
    window.__lcp = [];
    new PerformanceObserver((list) => window.__lcp.push(...list.getEntries().map((e) => e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
    new MutationObserver((_, observer) => {
      if (document.readyState !== 'loading' && !document.getElementById('boot-frame')) {
        window.__takeover = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  // Lighthouse's mobile preset (Moto G Power): where the start page's blocks are largest.
  await page.setViewportSize({ width: 412, height: 823 });
  const release = await holdWasm(page);
  await page.goto('./');
  await expect(heading(page)).toBeVisible();
  // The frame has painted before the app's code arrives.
  await expect.poll(() => page.evaluate(() => window.__lcp.length)).toBeGreaterThan(0);
  release();
  await tookOver(page);
  // A few frames after the take-over, for a larger element to be reported if there is one.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
  const { lcp, takeover } = await page.evaluate(() => ({ lcp: window.__lcp, takeover: window.__takeover }));
  expect(takeover).toBeGreaterThan(0);
  expect(lcp.filter((t) => t >= takeover), `LCP entries after the take-over at ${takeover} ms: ${lcp}`).toEqual([]);
});
