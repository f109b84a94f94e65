import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/load/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default leaves one core free: one worker on CI's 2 cores. Most of the slow files
    // wait on bot processes and the simulator's clock, so two workers halve the run (11 to 6 min).
    maxWorkers: 2,
  },
});
