import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { channelId, channelMessage } from '../support/teams-activities.js';
import { poll, startPortalDrill } from './alert-test-kit.js';

/**
 * Alerts in a Teams channel: subscribed from a thread, the alert is a new post of the channel
 * (a thread of its own), and "Resolved" is a reply in that thread.
 */
describe('alerts in a Teams channel', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('posts the alert at the channel root and resolves it in its own thread', {
    timeout: 60_000,
  }, async () => {
    const post = channelMessage('alice', 'alerts subscribe drill-overdue crm');
    await bot.postActivity(post);
    await bot.waitFor(`${channelId};messageid=${post.id}`, (t) => t.includes('Subscribed'));
    await poll(bot);
    const [alert] = bot.connector
      .inConversation(channelId)
      .filter((m) => cardText(m.versions.at(-1)).includes('Drill overdue: crm'));
    expect(alert).toBeDefined();
    expect(await startPortalDrill(bot, 'crm')).toBe(202);
    await bot.advanceClock(30 * 60);
    await poll(bot);
    expect(cardText(alert?.versions.at(-1))).toMatch(/^Resolved: Drill overdue: crm/);
    const thread = bot.connector.inConversation(`${channelId};messageid=${alert?.id}`);
    expect(thread.map((m) => cardText(m.versions.at(-1)))).toEqual([
      expect.stringMatching(/^Resolved: Drill overdue: crm/),
    ]);
  });
});
