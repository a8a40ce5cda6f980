import { configDefaults, defineConfig } from 'vitest/config';

// Store tests start their own in-memory dynalite; two cores, so keep the pool small.
// Browser tests (`*.browser.test.ts`) drive a Chromium, several processes heavy: they run one file
// at a time in one worker sharing one browser, after the rest (their own group), with time for a
// browser to start on a loaded machine.
const BROWSER_TESTS = 'test/**/*.browser.test.ts';
// The bundle suite has its own config and script (vitest.bundles.config.ts, `npm run test:bundles`).
const BUNDLE_TESTS = 'test/bundles/**';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, BROWSER_TESTS, BUNDLE_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [BROWSER_TESTS],
          maxWorkers: 1,
          // One worker runs every browser file, its modules loaded once and its Chromium shared
          // (support/browser-hooks.ts): starting both again for each file cost more than the tests.
          isolate: false,
          // After the node project (Vitest refuses two worker counts in one group).
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
