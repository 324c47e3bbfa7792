import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Benchmarks run as ordinary vitest tests (so they share the unit setup and the @/ alias) and
// report through tests/bench/record.ts.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  plugins: [WxtVitest()],
  test: {
    include: ['tests/bench/**/*.bench.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // One file at a time so benchmarks do not compete for the CPU.
    fileParallelism: false,
  },
});
