import { defineConfig } from 'vitest/config';

// Unit and integration tests. Browser tests live in e2e/ and have their own config.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'core/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker (cores - 1). The integration files mostly wait on
    // PostgreSQL, child processes and PGlite in turn, so two files at a time use both cores.
    maxWorkers: 2,
    // Migrates one PGlite and one PostgreSQL database per run; each test's fresh database is a copy.
    globalSetup: ['server/test/global-setup.ts'],
    // Files, and the tests inside each file, run in a random order on every run (the seed is
    // printed; `--sequence.seed=N` repeats an order). Every test builds its own data, so an order
    // that fails is a bug in the test that leaned on another (docs/style.md, issue 10).
    sequence: { shuffle: true },
  },
});
