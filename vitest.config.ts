import { defineConfig } from 'vitest/config';

// Store tests start their own in-memory dynalite; two cores, so keep the pool small.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
