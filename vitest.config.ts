import { defineConfig } from 'vitest/config';

// Unit and integration tests. Browser tests live in e2e/ and have their own config.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'core/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Tests stand alone (each builds its own data with server/test/factories.ts): a random order
    // on every run keeps it so. A failing order is replayed with --sequence.seed=<printed seed>.
    sequence: { shuffle: true },
  },
});
