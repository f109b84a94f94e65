import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

/** `cancel <job>` of a job that has ended says how it ended in a sentence, and how to see it. */
describe('cancel of an ended job', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('says the job has already succeeded, names its command and the job to look at', async () => {
    await bot.ask('snapshot vm-web-02', (t) => t.includes('created'));
    const list = await bot.ask('jobs', (t) => t.includes('snapshot vm-web-02'));
    const id = /job-[0-9a-f]{8}/.exec(list)?.[0] ?? 'no job listed';
    const text = await bot.ask(`cancel ${id}`, (t) => t.includes(id));
    expect(text).toContain(`${id} has already succeeded`);
    expect(text).not.toContain('is already succeeded');
    expect(text).toMatch(/Nothing to cancel: .?snapshot vm-web-02[^.]*has already succeeded\./);
    expect(text).toMatch(new RegExp(`job ${id}`));
  });
});
