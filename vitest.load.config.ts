import { defineConfig } from 'vitest/config';

/**
 * `npm run test:load`: the load test (LOAD_COMMANDS, default 1000) and the soak (LOAD_SOAK_ROUNDS
 * rounds of LOAD_SOAK_COMMANDS, default 6 x 200); CI runs the defaults. --expose-gc: both measure
 * the heap after GC. --no-flush-bytecode: V8 otherwise drops the bytecode of functions idle for a
 * few GCs, a drop of about 1 MiB between soak rounds 2 and 3 that would hide a leak of that size.
 */
export default defineConfig({
  test: {
    include: ['test/load/**/*.load.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    execArgv: ['--expose-gc', '--no-flush-bytecode'],
  },
});
