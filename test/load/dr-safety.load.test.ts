import { afterAll, describe, expect, it } from 'vitest';
import { DrModelHarness } from '../support/dr-model-property.js';

/**
 * `npm run test:load`: the model-based test of issue 18's DR safety rules
 * (test/router/dr-safety.model.test.ts) with many more and longer runs: DR_MODEL_RUNS (default
 * 500, about 2 minutes on the 2-core machine; CI keeps within its time) of up to 16 steps. DR_MODEL_SEED replays a failure;
 * DR_MODEL_CENSUS=1 lists every rule that fails instead of stopping at the first.
 */
const runs = Number(process.env.DR_MODEL_RUNS ?? 500);
const census = process.env.DR_MODEL_CENSUS === '1';
/** About 0.3 s a run; the limit stops a slow machine's generation (a failure found is still reported). */
const timeLimitMs = Math.max(60_000, runs * 1_000);

describe('DR safety rules under random interleavings, at length (issue 18)', () => {
  const harness = new DrModelHarness();
  afterAll(() => harness.close());

  it(`hold after every step of ${runs} random runs`, { timeout: timeLimitMs + 120_000 }, async () => {
    await harness.run({ numRuns: runs, timeLimitMs, census, maxCommands: 16 });
    console.log(`DR model: ${harness.statsText()}`);
    if (harness.found.size > 0) throw new Error(harness.censusText());
    expect(harness.stats?.reports, harness.statsText()).toBeGreaterThan(0);
  });
});
