import { defineConfig, devices } from '@playwright/test';
import { DIRECT_ORIGIN, NGINX_ORIGIN } from './e2e/stack';

// Debian's Chromium: no browser download is possible here.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  globalSetup: './e2e/global-setup.ts',
  // One stack and one fake upstream with global fault switches: run the specs one at a time.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    locale: 'en-GB',
    // Far from every test city: local times must come from the API's offset, not from here.
    timezoneId: 'Pacific/Auckland',
    colorScheme: 'light',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // The SPA from `vite preview`, calling the API on its own origin (CORS).
    { name: 'direct', use: { baseURL: DIRECT_ORIGIN } },
    // The SPA behind nginx, calling /api/ on the same origin.
    { name: 'nginx', use: { baseURL: NGINX_ORIGIN } },
  ],
});
