// The hosted app's journeys in WebKitGTK, Safari's engine (Debian's
// WebKitWebDriver starting MiniBrowser under Xvfb, plain W3C WebDriver).
// What the driver cannot do: print to PDF (no W3C print command in
// WebKitGTK's driver), network events (requests are read from resource timing).
//   node --test e2e/engines/   (after `trunk build --release`)
import { journeys } from './journeys.mjs';
import { openSession, startWebKit } from './webdriver.mjs';

let webkit;
journeys({
  name: 'WebKit',
  port: 4186,
  can: {
    pdf: false, pdfWhyNot: "WebKitGTK's WebDriver has no print command", serviceWorker: true,
    word: false, wordWhyNot: "MiniBrowser hung once on the Word file's download in a clean-clone run (never here since); Chromium and Firefox export it",
  },
  async start() {
    webkit = await startWebKit(4450);
  },
  async stop() {
    webkit?.stop();
  },
  // A session per journey (its own MiniBrowser); its pages are windows sharing storage.
  async open() {
    // Starting MiniBrowser is the driver's work, before the app is involved. It once went
    // unanswered in a clean-clone run: a fresh driver and display then get one more try.
    const session = await openSession(webkit.base).catch(async (error) => {
      console.log(`WebKit: ${error.message}; starting WebKitWebDriver again`);
      webkit.stop();
      webkit = await startWebKit(webkit.port + 1);
      return openSession(webkit.base);
    });
    return {
      async newPage() {
        const page = await session.newPage();
        await page.setViewport({ width: 1366, height: 900 });
        return page;
      },
      close: () => session.close().catch(() => {}),
    };
  },
});
