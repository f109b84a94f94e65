import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlockKit } from '../../cards/check-block-kit.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { AuditEntry } from '../../src/store/store-port.js';
import type { SlackMessage } from '../support/fake-slack-api.js';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';

/**
 * Slack in HTTP mode: signed requests to /slack/events (real HMAC, Bolt's verification), answers
 * through a fake Web API at SLACK_API_URL, and assertions on the Block Kit it received.
 */
describe('Slack over HTTP', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  const latest = (message: SlackMessage) => message.versions.at(-1) ?? {};

  async function auditOf(approvalId: string): Promise<AuditEntry[]> {
    const store = await SqliteStore.open({ file: join(t.bot.dataDir, 'chatops.db') });
    try {
      return (await store.listAudit({ limit: 500 })).filter((e) => e.approvalId === approvalId);
    } finally {
      await store.close();
    }
  }

  it('acks a slash command at once, echoes it in the channel and answers in its thread', async () => {
    const answer = await t.slash('alice', 'status vm-web-01');
    expect(answer).toEqual({ status: 200, text: '' });
    const echo = await t.waitForMessage((_m, text) => text.includes('ran `/recovery status vm-web-01`'));
    expect(echo.threadTs).toBeUndefined();
    expect(slackText(latest(echo))).toContain('<@U0ALICE>');
    const reply = await t.waitForMessage((m) => m.threadTs === echo.ts);
    const message = latest(reply);
    expect(slackText(message)).toMatch(/vm-web-01/);
    expect(message.text).toEqual(expect.any(String));
    expect(checkBlockKit(message)).toEqual([]);
    expect(t.slack.callsOf('chat.postMessage').every((c) => c.token === 'xoxb-test-token')).toBe(true);
  });

  it('answers an @mention in the thread of the mention, the mention stripped', async () => {
    const ts = '1795000100.000100';
    const answer = await t.event({
      type: 'app_mention',
      user: 'U0BOB',
      text: '<@U0BOT> whoami',
      ts,
      channel: 'C0OPS',
      event_ts: ts,
    });
    expect(answer.status).toBe(200);
    const reply = await t.waitForMessage((m) => m.threadTs === ts);
    expect(slackText(latest(reply))).toMatch(/bob/);
    expect(slackText(latest(reply))).toMatch(/approver/i);
  });

  it('answers a direct message in the DM', async () => {
    await t.event({
      type: 'message',
      channel_type: 'im',
      user: 'U0ALICE',
      text: 'whoami',
      ts: '1795000200.000100',
      channel: 'D0ALICE',
    });
    const reply = await t.waitForMessage((m) => m.channel === 'D0ALICE');
    expect(slackText(latest(reply))).toMatch(/operator/i);
  });

  it('runs a retried event once (same event id, X-Slack-Retry-Num)', async () => {
    const ts = '1795000300.000100';
    const event = { type: 'app_mention', user: 'U0ALICE', text: '<@U0BOT> vms', ts, channel: 'C0RETRY' };
    await t.event(event, { eventId: 'EvRETRY1' });
    const retried = await t.event(event, {
      eventId: 'EvRETRY1',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retried.status).toBe(200);
    await t.waitForMessage((m) => m.channel === 'C0RETRY');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.slack.messages.filter((m) => m.channel === 'C0RETRY')).toHaveLength(1);
  });

  it('updates one message with progress, then the result (chat.update), riding out a 429', async () => {
    t.slack.rateLimit('chat.update', 1);
    await t.slash('alice', 'snapshot vm-sql-01', 'C0SNAP');
    const result = await t.waitForMessage(
      (m, text) => m.channel === 'C0SNAP' && text.includes('created'),
      30_000,
    );
    expect(result.versions.length).toBeGreaterThan(1);
    expect(t.slack.callsOf('chat.update').length).toBeGreaterThan(1);
    for (const version of result.versions) expect(checkBlockKit(version)).toEqual([]);
  });

  it('approves on a button: refuses the requester privately, runs on an approver, updates the card for all', async () => {
    // Two sets to prune from (prune keeps the newest), taken through Teams: the same Azure.
    await t.bot.ask('snapshot vm-web-02', (text) => text.includes('created'));
    await t.bot.ask('snapshot vm-web-02', (text) => text.includes('created'));
    await t.slash('alice', 'snapshot prune vm-web-02 older-than 0d because tidy', 'C0APPROVE');
    const card = await t.waitForMessage(
      (m, text) => m.channel === 'C0APPROVE' && text.includes('Approval needed'),
    );
    expect(checkBlockKit(latest(card))).toEqual([]);
    const approvalId = /apr-[0-9a-f]{8}/.exec(slackText(latest(card)))?.[0] ?? '';

    expect((await t.click('alice', card, 'Approve')).status).toBe(200);
    await waitUntil(() =>
      t.slack.ephemerals.some((e) => e.user === 'U0ALICE' && /asked/i.test(String(e.args.text))),
    );
    const refusal = t.slack.ephemerals.find((e) => e.user === 'U0ALICE');
    expect(refusal?.channel).toBe('C0APPROVE');
    expect(refusal?.threadTs).toBe(card.threadTs);

    expect((await t.click('bob', card, 'Approve')).status).toBe(200);
    await waitUntil(() => /Approved by bob: done/.test(slackText(latest(card))), 30_000);
    const blocks = (latest(card).blocks as { type: string }[]) ?? [];
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    const decisions = (await auditOf(approvalId)).filter((e) => e.kind === 'decision');
    expect(decisions.map((e) => e.outcome).sort()).toEqual(['approve', expect.stringMatching(/^refused/)]);
    expect(decisions.find((e) => e.outcome === 'approve')?.actor.id).toBe('U0BOB');
  });

  it('refuses a viewer’s change privately: ephemeral to them, nothing in the channel', async () => {
    await t.slash('dave', 'snapshot vm-web-01', 'C0REFUSE');
    await waitUntil(() => t.slack.ephemerals.some((e) => e.channel === 'C0REFUSE' && e.user === 'U0DAVE'));
    const refusal = t.slack.ephemerals.find((e) => e.channel === 'C0REFUSE');
    expect(slackText(refusal?.args)).toMatch(/operator/i);
    expect(checkBlockKit(refusal?.args)).toEqual([]);
    // In the channel: the echo of the command only.
    const inChannel = t.slack.messages.filter((m) => m.channel === 'C0REFUSE');
    expect(inChannel).toHaveLength(1);
    expect(slackText(inChannel[0]?.versions.at(-1))).toContain('ran `/recovery snapshot vm-web-01`');
  });

  it('tells the author, and only them, when it is not in the channel, and runs nothing', async () => {
    t.slack.notIn.add('C0NOTIN');
    const before = t.slack.messages.length;
    await t.slash('alice', 'snapshot vm-web-01', 'C0NOTIN');
    await waitUntil(() =>
      t.slack.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0NOTIN'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.slack.messages.length).toBe(before);
    // The ephemeral answer goes to the command's response_url, not through the Web API.
    expect(t.slack.calls.filter((c) => c.method.startsWith('commands/'))).toHaveLength(1);
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
