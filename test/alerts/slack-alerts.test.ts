import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';
import { poll, startPortalDrill } from './alert-test-kit.js';

/**
 * Alerts in a Slack channel: the card is a new top-level message (not in the thread of the
 * command that subscribed), its button runs the command as the clicker, and "Resolved" goes in
 * the alert's own thread.
 */
describe('alerts on Slack', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  it('posts the alert as its own thread and resolves it there', { timeout: 60_000 }, async () => {
    await t.slash('alice', 'alerts subscribe drill-overdue crm', 'C0OPS');
    await t.waitForMessage((m, text) => m.channel === 'C0OPS' && text.includes('Subscribed'));
    await poll(t.bot);
    const alert = await t.waitForMessage(
      (m, text) => m.channel === 'C0OPS' && text.includes('Drill overdue: crm'),
    );
    expect(alert.threadTs).toBeUndefined();
    expect(JSON.stringify(alert.versions.at(-1))).toContain('Start drill');

    const refused = await t.click('dave', alert, 'Start drill');
    expect(refused.status).toBe(200);
    await expect
      .poll(
        () =>
          t.slack.ephemerals.filter((e) => e.user === 'U0DAVE' && /operator/.test(JSON.stringify(e.args)))
            .length,
      )
      .toBe(1);

    expect(await startPortalDrill(t.bot, 'crm')).toBe(202);
    await t.bot.advanceClock(30 * 60);
    await poll(t.bot);
    expect(slackText(alert.versions.at(-1))).toMatch(/Resolved: Drill overdue: crm/);
    const reply = await t.waitForMessage((m, text) => m.threadTs === alert.ts && text.includes('Resolved'));
    expect(reply.channel).toBe('C0OPS');
  });
});
