import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium: the real binary, not the /usr/bin wrapper (which prints a warning).
const chromium = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
// Another port lets a second run (a benchmark, a second checkout) go on beside this one.
const port = Number(process.env.TORIKUMI_E2E_PORT ?? 4173);
// Another build to test (an older commit's dist/, to see a test fail before its fix).
const dist = process.env.TORIKUMI_E2E_DIST ?? '../dist';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    launchOptions: {
      executablePath: chromium,
      // No network noise: this machine reaches no outside host.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // An insecure (plain http, not localhost) origin for the offline tests, still on loopback.
        '--host-resolver-rules=MAP torikumi.test 127.0.0.1',
      ],
    },
  },
  webServer: {
    command: `node serve.mjs --dir ${dist} --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
  },
});
