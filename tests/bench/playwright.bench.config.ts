import { defineConfig } from '@playwright/test';

// Benchmarks in real Chromium with the built extension (`npm run build` first). One worker so
// nothing competes for the CPU; each bench reports through tests/bench/record.ts.
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.spec.ts',
  timeout: 300_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
