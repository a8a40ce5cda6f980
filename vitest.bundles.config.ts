import { defineConfig } from 'vitest/config';

// The bundle suite (`npm run test:bundles`, run by .ci/run after `npm test`): the stack synthesized
// once with its real esbuild bundles (global setup), then each function run as Lambda runs it, in
// Node processes of its own against local stand-ins. One file at a time: each starts six sandboxes.
export default defineConfig({
  test: {
    include: ['test/bundles/**/*.test.ts'],
    globalSetup: ['test/bundles/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
