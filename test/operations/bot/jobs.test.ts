import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

/** Every change is a job: listed, shown, and honest about what cannot be cancelled. */
describe('jobs', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('records a snapshot as a job with its result; reads and dry runs are not jobs', async () => {
    await bot.ask('snapshot vm-api-01', (t) => t.includes('created'));
    await bot.ask('snapshot vm-api-01 --dry-run', (t) => t.includes('Dry run'));
    await bot.ask('status vm-api-01', (t) => t.includes('Latest snapshot set'));
    const list = await bot.ask('jobs', (t) => t.includes('Jobs:'));
    // Each job once (the next-step line names the newest again).
    expect(new Set(list.match(/job-[0-9a-f]{8}/g)).size).toBe(1);
    expect(list).toContain('snapshot vm-api-01');
    expect(list).toContain('succeeded');
    const id = /job-[0-9a-f]{8}/.exec(list)?.[0] ?? '';
    // The next step names a real job to copy, not a `job <id>` placeholder.
    expect(list).toMatch(new RegExp(`Details of one: .job ${id}.\\.`));
    const detail = await bot.ask(`job ${id}`, (t) => t.includes(id));
    expect(detail).toContain('Snapshot set of vm-api-01 created');
    expect(await bot.ask(`cancel ${id}`, (t) => t.includes(id))).toContain('already succeeded');
  });

  it('answers an unknown job id with the closest ones', async () => {
    expect(await bot.ask('job job-00000000', (t) => t.includes('Unknown job'))).toContain('There is no job');
  });
});
