import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most slow tests wait on child processes (the AWS CLI, Python, servers) or on Chromium, so two
// files run side by side even on a 2-core machine; vitest's default there would be one.
const workers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    maxWorkers: workers,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'exercises/**/*.test.ts'],
          testTimeout: 30_000,
          // Set-ups start servers, the AWS CLI or Python; with two files at a time they may wait for a core.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A page that is right eventually: a loaded machine may take seconds to start a worker or
          // paint, where vitest's default poll gives up after one.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
