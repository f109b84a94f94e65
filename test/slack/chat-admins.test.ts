import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../alerts/alert-test-kit.js';
import { cardText } from '../support/fake-bot-connector.js';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';
import { identities, teamsIdOf } from '../support/start-test-bot.js';
import { channelMessage } from '../support/teams-activities.js';

/**
 * Owning the Slack workspace or the Teams team gives no rights: roles come from the policy file
 * only. The stranger is both (an admin and owner in Slack's users.info, an owner in the Teams
 * roster) and is refused a change, a read and an approval.
 */
describe('chat admins get no rights from that', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
    t.bot.connector.addMember({
      id: teamsIdOf('stranger'),
      name: 'stranger',
      aadObjectId: identities.stranger,
      userRole: 'owner',
    });
  });
  afterAll(async () => t?.stop());

  it('refuses the Slack workspace owner', { timeout: 30_000 }, async () => {
    await t.slash('stranger', 'snapshot vm-web-01', 'C0ADMIN');
    await expect
      .poll(
        () =>
          t.slack.ephemerals.filter((e) => e.user === 'U0STRANGER' && /Not permitted/.test(slackText(e.args)))
            .length,
      )
      .toBe(1);
    await t.slash('alice', 'dr drill shop', 'C0ADMIN');
    const card = await t.waitForMessage(
      (m, text) => m.channel === 'C0ADMIN' && text.includes('Approval needed'),
    );
    await t.click('stranger', card, 'Approve');
    const approvalId = /apr-[0-9a-f]{8}/.exec(JSON.stringify(card.versions.at(-1)))?.[0] ?? '';
    await expect
      .poll(async () =>
        (await withStore(t.bot, (s) => s.listAudit({ limit: 50 }))).some(
          (e) => e.approvalId === approvalId && /role/.test(e.outcome),
        ),
      )
      .toBe(true);
    expect((await withStore(t.bot, (s) => s.getApproval(approvalId)))?.decisions).toEqual([]);
  });

  it('refuses the Teams team owner', { timeout: 30_000 }, async () => {
    const post = channelMessage('stranger', 'snapshot vm-web-02');
    await t.bot.postActivity(post);
    // The refusal goes to the stranger alone: their own chat with the bot.
    const privately = () => {
      const chats = new Set(
        t.bot.connector.created
          .filter((c) => JSON.stringify(c.parameters.members ?? []).includes('29:stranger'))
          .map((c) => c.id),
      );
      return t.bot.connector.messages
        .filter((m) => chats.has(m.conversationId))
        .map((m) => cardText(m.versions.at(-1)));
    };
    await expect.poll(() => privately().some((text) => /Not permitted/.test(text))).toBe(true);
    const jobs = await withStore(t.bot, (s) => s.listJobs({ limit: 100 }));
    expect(jobs.filter((job) => job.commandText.startsWith('snapshot'))).toEqual([]);
  });
});
