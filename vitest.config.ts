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
    // Files run in a random order on every run. Tests inside a file keep their written order in
    // `npm test`: three full runs with tests shuffled too (2026-12-02) each found other
    // order-dependent files (first assistance, system, ledger, persons, reminders, policy; then
    // audit, prevention; then users/scope, supervision/recompute; the first eight are fixed). Until
    // `npx vitest run --sequence.shuffle` passes, that is a check run by hand, not in CI.
    sequence: { shuffle: { files: true, tests: false } },
  },
});
