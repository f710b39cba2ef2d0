import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'scratch/**', 'data/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Both cores of the two-core machines we target: many files wait on timers, servers and child processes
    // (dbt, hledger, LibreOffice, Chromium) rather than compute, so two at a time take ~600 s where one at a
    // time took ~870 s. Vitest's default leaves a core idle.
    maxWorkers: 2,
  },
});
