import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';

/** A Slack that refuses the bot token for a while must not stop the bot, nor leave it deaf after. */
describe('Slack refusing the bot token', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  it('acks and runs nothing while auth.test fails, then works once Slack accepts the token again', async () => {
    t.slack.authFails = true;
    expect((await t.slash('alice', 'whoami', 'C0AUTH')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.slack.messages.filter((m) => m.channel === 'C0AUTH')).toEqual([]);
    expect(t.slack.callsOf('auth.test').length).toBeGreaterThan(0);

    t.slack.authFails = false;
    await t.slash('alice', 'whoami', 'C0AUTH');
    const reply = await t.waitForMessage((m) => m.channel === 'C0AUTH' && m.threadTs !== undefined);
    expect(slackText(reply.versions.at(-1))).toMatch(/operator/i);
    // The bot and Teams are still up.
    expect((await fetch(`${t.bot.bot.url}/healthz`)).status).toBe(200);
  });
});
