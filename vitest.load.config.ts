import { defineConfig } from 'vitest/config';

/** `npm run test:load`: the load and soak test (LOAD_COMMANDS, default 1000; CI runs the default). */
export default defineConfig({
  test: {
    include: ['test/load/**/*.load.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
