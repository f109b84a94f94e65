import { afterAll, describe, expect, it } from 'vitest';
import { DrModelHarness } from '../support/dr-model-property.js';

/**
 * Issue 18, "what must be true": fast-check's model runner drives random interleavings of
 * `dr drill` (into every network of the demo estate, isolated or not), `dr cleanup`, `dr done`,
 * `failover`, `commit`, `reprotect`, `failback` typed by alice, bob and carol for shop and crm,
 * Approve and Reject clicks, Done clicks, 31-minute clock jumps that expire requests, and bot
 * restarts, against one real bot (Teams activities over HTTP, the embedded simulator, SQLite).
 * After every step: one change per app in the bot, one Azure operation per plan, reports true to
 * the second, drills only into isolated networks, and (settled) no card offering a dead button.
 * The invariants are in test/support/dr-model-invariants.ts; more runs: `npm run test:load`.
 *
 * DR_MODEL_RUNS_FAST changes the number of runs; DR_MODEL_SEED (+ DR_MODEL_PATH) replays a
 * failure; DR_MODEL_VERBOSE=1 prints every run's steps; DR_MODEL_CENSUS=1 goes on after violations
 * and lists every rule that fails, with evidence.
 */
const runs = Number(process.env.DR_MODEL_RUNS_FAST ?? 200);
const census = process.env.DR_MODEL_CENSUS === '1';

describe('DR safety rules under random interleavings (issue 18)', () => {
  const harness = new DrModelHarness();
  afterAll(() => harness.close());

  it(`hold after every step of ${runs} random runs`, { timeout: 240_000 }, async () => {
    await harness.run({ numRuns: runs, timeLimitMs: 180_000, census });
    console.log(`DR model: ${harness.statsText()}`);
    if (harness.found.size > 0) throw new Error(harness.censusText());
    // Not vacuous: the runs got drills to Azure and their reports checked against its jobs.
    if (runs >= 100) {
      expect(harness.stats?.testFailovers.size, harness.statsText()).toBeGreaterThan(0);
      expect(harness.stats?.reports, harness.statsText()).toBeGreaterThan(0);
    }
  });
});
