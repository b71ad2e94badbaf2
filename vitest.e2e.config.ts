import { defineConfig } from 'vitest/config';

// Browser tests against the real server and the built web app (`npm run test:e2e` builds it first).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false },
    retry: 0,
  },
});
