import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { messagesMatching, poll, startPortalDrill, subscribe } from './alert-test-kit.js';

/**
 * Azure throttling the watchers: what could not be read is not judged (an alert is never
 * "resolved" by a 429), the next polls back off, and once Azure answers again all is as before.
 */
describe('alert watchers under throttling', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('judges nothing it could not read, backs off, and recovers', { timeout: 60_000 }, async () => {
    const channel = await subscribe(bot, 'drill-overdue crm');
    await poll(bot);
    const [card] = messagesMatching(bot, channel, /Drill overdue: crm/);
    expect(card).toBeDefined();
    // A drill in the portal would resolve it, but the plans cannot be read now.
    expect(await startPortalDrill(bot, 'crm')).toBe(202);
    await bot.advanceClock(30 * 60);
    const throttle = await bot.simulatorAdmin('POST', 'faults', {
      kind: 'throttle',
      match: { pathContains: '/replicationRecoveryPlans' },
      count: -1,
      retryAfterSeconds: 0,
    });
    expect(throttle.status).toBe(201);
    const throttled = await bot.bot.pollAlerts();
    expect(throttled).toMatchObject({ polled: true, resolved: 0, unreadable: ['recovery plans'] });
    expect(cardText(card?.versions.at(-1))).toMatch(/^Drill overdue: crm/);
    expect(await bot.bot.pollAlerts()).toEqual({ polled: false, reason: 'backing off' });

    expect((await bot.simulatorAdmin('DELETE', 'faults')).status).toBeLessThan(300);
    const recovered = await poll(bot);
    expect(recovered.resolved).toBe(1);
    expect(cardText(card?.versions.at(-1))).toMatch(/^Resolved: Drill overdue: crm/);
  });
});
