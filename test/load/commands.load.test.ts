import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackTestBot } from '../support/slack-test-bot.js';
import {
  expectDaveRefused,
  expectJobsEnded,
  gcExposed,
  heapAfterGc,
  mib,
  sendTraffic,
  settleAnswers,
  startedSnapshots,
  startLoadBot,
  throttleAzure,
} from './load-traffic.js';

/**
 * Load: LOAD_COMMANDS commands (default 1000) from 50 user sessions, half on Teams and half on
 * Slack, while the simulator throttles 20% of ARM calls (429) and fails 2% with 500. Every command
 * gets exactly one final answer, every snapshot job ends once (none lost, none twice), and the
 * heap comes back to its level. The soak (soak.load.test.ts) runs the same traffic in rounds.
 */
const total = Number(process.env.LOAD_COMMANDS ?? 1000);

describe('load: many people, a throttling Azure', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startLoadBot();
  });
  afterAll(async () => t?.stop());

  it(`answers each of ${total} commands once and loses no job`, async () => {
    // vitest.load.config.ts runs this with --expose-gc: the heap figures mean something.
    expect(gcExposed()).toBe(true);
    const heapBefore = (await heapAfterGc()).heapUsed;
    await throttleAzure(t);

    const sent = await sendTraffic(t, { count: total });
    expect(await settleAnswers(t, sent)).toEqual([]);
    expectDaveRefused(t, sent);
    // Each ended job said so once: its message count is one, its result recorded.
    await expectJobsEnded(t, startedSnapshots(sent));

    const grownMiB = mib((await heapAfterGc()).heapUsed - heapBefore);
    console.log(
      JSON.stringify({
        commands: sent.length,
        snapshots: startedSnapshots(sent),
        heapGrowthMiB: Math.round(grownMiB),
      }),
    );
    expect(grownMiB).toBeLessThan(96);
  });
});
