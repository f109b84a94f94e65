import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../alerts/alert-test-kit.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot, type User } from '../support/start-test-bot.js';

/**
 * A brake on changing commands, per person and per channel, with a clear message; reads and dry
 * runs go on; after a minute the person may change things again. Refusals are audited.
 */
describe('rate limits on changing commands', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_CHANNEL_PER_MINUTE: '5' });
  });
  afterAll(async () => bot?.stop());

  async function answer(text: string, user: User, conversationId: string): Promise<string> {
    const before = bot.connector.inConversation(conversationId).length;
    await bot.send(text, user, conversationId);
    await expect.poll(() => bot.connector.inConversation(conversationId).length).toBeGreaterThan(before);
    return cardText(bot.connector.inConversation(conversationId)[before]?.versions.at(-1));
  }

  it('stops the 4th change of a person and the 6th of a channel within a minute', {
    timeout: 30_000,
  }, async () => {
    const channel = 'c-rate-limits';
    for (let i = 1; i <= 3; i += 1)
      expect(await answer(`alerts mute rpo for ${i}h`, 'alice', channel)).toMatch(/^Muted/);
    const slowed = await answer('alerts mute rpo for 4h', 'alice', channel);
    expect(slowed).toMatch(/^Slow down/);
    expect(slowed).toContain('you have started 3 changes in the last minute, the limit per person');
    expect(await answer('alerts mute rpo for 4h --dry-run', 'alice', channel)).toMatch(/^Dry run/);
    expect(await answer('alerts list', 'alice', channel)).toMatch(/^Alerts/);
    for (let i = 1; i <= 2; i += 1)
      expect(await answer(`alerts mute rpo for ${i}h`, 'bob', channel)).toMatch(/^Muted/);
    expect(await answer('alerts mute rpo for 1h', 'bob', channel)).toContain(
      'this channel has started 5 changes',
    );
    // Another channel is not held back by this one's limit.
    expect(await answer('alerts mute rpo for 1h', 'bob', 'c-rate-limits-other')).toMatch(/^Muted/);
    await bot.advanceClock(61);
    expect(await answer('alerts mute rpo for 5h', 'alice', channel)).toMatch(/^Muted/);
    const refusals = await withStore(bot, (store) => store.listAudit({ limit: 100 }));
    expect(
      refusals.filter((e) => e.kind === 'refusal' && /limit per (person|channel)/.test(e.outcome)),
    ).toHaveLength(2);
  });
});
