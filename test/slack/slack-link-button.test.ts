import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlockKit } from '../../cards/check-block-kit.js';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';

/**
 * `job <id>` in Slack: the Azure job it follows is a link button to the portal. Slack opens the
 * page and still sends the click to the bot, which has nothing to do with it and says nothing.
 */
describe('a portal link in Slack', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  it('opens the Azure Backup job in the portal, and the click gets no answer', {
    timeout: 60_000,
  }, async () => {
    await t.slash('alice', 'backup vm-web-01', 'C0LINK');
    await t.waitForMessage((m, text) => m.channel === 'C0LINK' && text.includes('Backup of vm-web-01 done'));
    await t.slash('alice', 'jobs vm-web-01', 'C0LINK');
    const list = await t.waitForMessage(
      (m, text) => m.channel === 'C0LINK' && text.includes('for vm-web-01'),
    );
    const id = /job-[0-9a-f]{8}/.exec(slackText(list.versions.at(-1)))?.[0] ?? '';
    // An ended job keeps the Azure job it followed.
    await t.slash('alice', `job ${id}`, 'C0LINK');
    const detail = await t.waitForMessage((m, text) => m.channel === 'C0LINK' && text.includes(`${id}:`));
    expect(slackText(detail.versions.at(-1))).toContain('Azure Backup job');
    const latest = detail.versions.at(-1) ?? {};
    expect(checkBlockKit(latest)).toEqual([]);
    const before = t.slack.ephemerals.length;
    expect((await t.click('alice', detail, 'Open in the Azure portal')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(t.slack.ephemerals.slice(before).map((e) => slackText(e.args))).toEqual([]);
  });
});
