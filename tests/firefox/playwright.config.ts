import { defineConfig } from '@playwright/test';

// The Firefox smoke test: `npm run build:firefox` first; `npm test` does that. One Firefox, the
// tests in order (they share it), so one worker.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
});
