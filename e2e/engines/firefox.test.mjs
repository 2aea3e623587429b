// The hosted app's journeys in Firefox ESR (puppeteer-core over WebDriver BiDi).
//   node --test e2e/engines/   (after `trunk build --release`)
import { journeys } from './journeys.mjs';
import { launch, watchedPage } from './driver.mjs';

let browser;
journeys({
  name: 'Firefox',
  port: 4184,
  can: { pdf: true, serviceWorker: true, word: true },
  async start() {
    browser = await launch();
  },
  async stop() {
    await browser?.close();
  },
  // One browser for the suite; a journey's pages are its tabs.
  async open(allowed) {
    const pages = [];
    return {
      async newPage() {
        const page = await watchedPage(browser, allowed);
        await page.setViewport({ width: 1366, height: 900 });
        pages.push(page);
        return page;
      },
      close: () => Promise.all(pages.map((p) => p.close().catch(() => {}))),
    };
  },
});
