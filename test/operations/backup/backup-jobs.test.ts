import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

/**
 * Backup jobs at a pace a person can act on (SIMULATOR_SPEED 60: a backup takes about 20 s):
 * cancel from chat, a failing job in plain words, and a storm of 429s on every Backup call.
 */
describe('Azure Backup jobs from chat', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SPEED: '60' });
  });
  afterAll(async () => bot?.stop());

  it('cancels a running backup with `cancel <job>`, and the backup card says so', async () => {
    const { conversationId } = await bot.send('backup vm-web-01');
    const running = await bot.waitFor(conversationId, (t) => /cancel job-[0-9a-f]{8}/.test(t), 30_000);
    const jobId = /cancel (job-[0-9a-f]{8})/.exec(cardText(running.versions.at(-1)))?.[1] ?? '';
    const answer = await bot.ask(`cancel ${jobId}`, (t) => t.includes(`Cancelling ${jobId}`));
    expect(answer).toContain('Azure Backup is cancelling job');
    const ended = await bot.waitFor(
      conversationId,
      (t) => t.includes('Backup of vm-web-01 was cancelled'),
      60_000,
    );
    expect(cardText(ended.versions.at(-1))).not.toContain('Backup of vm-web-01 done');
  }, 90_000);

  it('reports a failed backup job with Azure’s reason', async () => {
    const fault = await bot.simulatorAdmin('POST', 'faults', {
      kind: 'fail-job',
      code: 'UserErrorGuestAgentStatusUnavailable',
      message: 'VM Agent is unable to communicate with the Azure Backup Service.',
      match: { method: 'POST', pathContains: 'vm-api-01' },
      count: 1,
    });
    expect(fault.status).toBe(201);
    const { conversationId } = await bot.send('backup vm-api-01');
    const ended = await bot.waitFor(conversationId, (t) => t.includes('Backup of vm-api-01 failed'), 60_000);
    expect(cardText(ended.versions.at(-1))).toContain('VM Agent is unable to communicate');
  }, 90_000);

  it('rides out 429s on the Backup API, and says so plainly when they do not stop', async () => {
    const throttle = (count: number) =>
      bot.simulatorAdmin('POST', 'faults', {
        kind: 'throttle',
        match: { pathContains: 'Microsoft.RecoveryServices' },
        count,
        retryAfterSeconds: 0,
      });
    const answered = (t: string) => /Recovery points of vm-sql-01|throttling|went wrong/.test(t);
    expect((await throttle(3)).status).toBe(201);
    expect(await bot.ask('recovery points vm-sql-01', answered)).toContain('Recovery points of vm-sql-01');
    expect((await throttle(20)).status).toBe(201);
    const refused = await bot.ask('recovery points vm-sql-01', answered);
    expect(refused).toContain('Azure is throttling requests');
    expect(refused).toContain('Wait a minute');
    await bot.simulatorAdmin('DELETE', 'faults');
    expect(await bot.ask('recovery points vm-sql-01', answered)).toContain('Recovery points of vm-sql-01');
  });
});
