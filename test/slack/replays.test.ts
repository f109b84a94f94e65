import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../alerts/alert-test-kit.js';
import { type SlackTestBot, slackUserIds, startSlackTestBot } from '../support/slack-test-bot.js';
import { identities } from '../support/start-test-bot.js';

/**
 * Replayed requests do nothing: the same signed Slack request sent again (slash command or button),
 * a Slack request older than five minutes, and the same Teams activity sent again.
 */
describe('replayed requests', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  const jobsOf = async (commandText: string) =>
    (await withStore(t.bot, (store) => store.listJobs({ limit: 200 }))).filter(
      (job) => job.commandText === commandText,
    );

  it('runs a replayed slash command once, and refuses one older than five minutes', {
    timeout: 30_000,
  }, async () => {
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: 'T0CONTOSO',
      channel_id: 'C0REPLAY',
      channel_name: 'ops',
      user_id: slackUserIds.alice ?? 'U0ALICE',
      user_name: 'alice',
      command: '/recovery',
      text: 'snapshot vm-web-01',
      api_app_id: 'A0RECOVERY',
      response_url: 'https://hooks.slack.invalid/commands/replay',
      trigger_id: 'trigger-replay-1',
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const type = 'application/x-www-form-urlencoded';
    expect((await t.post(form, type, { timestamp })).status).toBe(200);
    expect((await t.post(form, type, { timestamp })).status).toBe(200);
    await expect
      .poll(() => jobsOf('snapshot vm-web-01 incremental').then((jobs) => jobs.length), { timeout: 15_000 })
      .toBe(1);
    const stale = await t.post(form.replace('trigger-replay-1', 'trigger-replay-2'), type, {
      timestamp: timestamp - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await jobsOf('snapshot vm-web-01 incremental')).toHaveLength(1);
    expect(
      t.slack.messages.filter((m) => m.channel === 'C0REPLAY' && !m.threadTs).length,
    ).toBeLessThanOrEqual(1);
  });

  it('counts a replayed approve click once', { timeout: 30_000 }, async () => {
    await t.slash('alice', 'dr drill crm', 'C0REPLAY2');
    const card = await t.waitForMessage(
      (m, text) => m.channel === 'C0REPLAY2' && text.includes('Approval needed'),
    );
    const approvalId = /apr-[0-9a-f]{8}/.exec(JSON.stringify(card.versions.at(-1)))?.[0] ?? '';
    const body = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: 'U0BOB', username: 'bob', name: 'bob', team_id: 'T0CONTOSO' },
        api_app_id: 'A0RECOVERY',
        container: { type: 'message', message_ts: card.ts, channel_id: card.channel, is_ephemeral: false },
        trigger_id: 'trigger-click-replay',
        team: { id: 'T0CONTOSO', domain: 'contoso' },
        channel: { id: card.channel, name: 'ops' },
        message: { type: 'message', ts: card.ts, text: 'card', user: 'U0BOT' },
        actions: [
          {
            action_id: 'approval.approve:0',
            block_id: 'actions',
            value: JSON.stringify({ verb: 'approval.approve', approvalId }),
            type: 'button',
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      }),
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 3; i += 1)
      expect((await t.post(body, 'application/x-www-form-urlencoded', { timestamp })).status).toBe(200);
    await expect
      .poll(async () => (await withStore(t.bot, (s) => s.getApproval(approvalId)))?.state, {
        timeout: 15_000,
      })
      .not.toBe('requested');
    const record = await withStore(t.bot, (s) => s.getApproval(approvalId));
    expect(record?.decisions).toHaveLength(1);
    const runs = async () =>
      (await withStore(t.bot, (s) => s.listJobs({ limit: 200 }))).filter(
        (job) => job.approvalId === approvalId,
      ).length;
    await expect.poll(runs, { timeout: 15_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await runs()).toBe(1);
  });

  it('runs a replayed Teams activity once', { timeout: 30_000 }, async () => {
    const activity = {
      type: 'message',
      id: 'teams-replay-1',
      from: { id: '29:alice', name: 'alice', aadObjectId: identities.alice },
      conversation: { id: 'c-teams-replay', conversationType: 'personal' },
      text: 'snapshot vm-web-02',
    };
    expect((await t.bot.postActivity(activity)).status).toBeLessThan(300);
    expect((await t.bot.postActivity(activity)).status).toBeLessThan(300);
    await expect
      .poll(() => jobsOf('snapshot vm-web-02 incremental').then((jobs) => jobs.length), { timeout: 15_000 })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await jobsOf('snapshot vm-web-02 incremental')).toHaveLength(1);
  });
});
