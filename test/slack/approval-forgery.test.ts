import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRecord } from '../../src/store/store-port.js';
import { withStore } from '../alerts/alert-test-kit.js';
import type { SlackMessage } from '../support/fake-slack-api.js';
import { type SlackTestBot, slackUserIds, startSlackTestBot } from '../support/slack-test-bot.js';

/**
 * Approvals cannot be forged: a button whose payload a client edited to name another request is
 * refused, and the same person on Teams and on Slack is one person (no approving your own request
 * from the other platform, no counting twice). One bot with both platforms, real HTTP.
 */
describe('forged and cross-platform approval clicks', () => {
  let t: SlackTestBot;
  let counter = 0;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  /** A block_actions payload as a client could send it: any value, from any message or none. */
  function forgedClick(user: string, value: unknown, from?: SlackMessage) {
    counter += 1;
    const payload = {
      type: 'block_actions',
      user: { id: slackUserIds[user] ?? user, username: user, name: user, team_id: 'T0CONTOSO' },
      api_app_id: 'A0RECOVERY',
      token: 'legacy-verification-token',
      container: from
        ? { type: 'message', message_ts: from.ts, channel_id: from.channel, is_ephemeral: false }
        : { type: 'view', view_id: 'V0FORGED' },
      trigger_id: `forged-${counter}`,
      team: { id: 'T0CONTOSO', domain: 'contoso' },
      channel: { id: from?.channel ?? 'C0OPS', name: 'ops' },
      ...(from ? { message: { type: 'message', ts: from.ts, text: 'card', user: 'U0BOT' } } : {}),
      actions: [
        {
          action_id: 'approval.approve:0',
          block_id: 'actions',
          text: { type: 'plain_text', text: 'Approve' },
          value: JSON.stringify(value),
          type: 'button',
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    return t.post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  const approval = (id: string) => withStore(t.bot, (store) => store.getApproval(id));

  async function teamsRequest(text: string): Promise<string> {
    const card = await t.bot.ask(text, (x) => x.includes('Approval needed'), 'alice');
    return /apr-[0-9a-f]{8}/.exec(card)?.[0] ?? '';
  }

  /** The Approve button's value: `{verb, ...data}` (cards/README.md). */
  function approveValue(message: SlackMessage): { verb: string; approvalId?: string } {
    const blocks =
      (message.versions.at(-1)?.blocks as {
        type: string;
        elements?: { value?: string; text?: { text?: string } }[];
      }[]) ?? [];
    const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.text?.text === 'Approve');
    return JSON.parse(button?.value ?? '{}');
  }

  it('refuses a button edited to name another request, and changes nothing', {
    timeout: 60_000,
  }, async () => {
    await t.slash('alice', 'dr drill shop', 'C0OPS');
    const card = await t.waitForMessage(
      (m, text) => m.channel === 'C0OPS' && text.includes('Approval needed'),
    );
    const other = await teamsRequest('dr drill crm');
    const value = approveValue(card);
    expect(value.verb).toBe('approval.approve');
    expect(other).toMatch(/^apr-/);
    expect((await forgedClick('carol', { ...value, approvalId: other }, card)).status).toBe(200);
    await expect
      .poll(async () =>
        (await withStore(t.bot, (s) => s.listAudit({ limit: 50 }))).some(
          (e) => e.approvalId === other && /not on this request card/.test(e.outcome),
        ),
      )
      .toBe(true);
    const untouched = (await approval(other)) as ApprovalRecord;
    expect(untouched.state).toBe('requested');
    expect(untouched.decisions).toEqual([]);
    // The real button on the real card still works.
    expect((await t.click('carol', card, 'Approve')).status).toBe(200);
    await expect.poll(async () => (await approval(value.approvalId ?? ''))?.decisions.length).toBe(1);
    // One change at a time: the crm request is cancelled so the next test can ask for crm again.
    expect(await t.bot.click('approval.cancel', { approvalId: other }, 'alice')).toContain('Cancelled');
  });

  // A Teams request's card is on Teams: a click from Slack names no card of it (only a forged one
  // can), and is refused before who clicked is even asked (issue 21); nothing counts twice.
  it('refuses Slack clicks that name no card on a Teams request, from alice and bob alike', {
    timeout: 60_000,
  }, async () => {
    const own = await teamsRequest('dr drill crm because cross-platform test');
    expect((await forgedClick('alice', { verb: 'approval.approve', approvalId: own })).status).toBe(200);
    await expect
      .poll(async () =>
        (await withStore(t.bot, (s) => s.listAudit({ limit: 80 }))).some(
          (e) => e.approvalId === own && /named no card/.test(e.outcome),
        ),
      )
      .toBe(true);
    expect((await approval(own))?.decisions).toEqual([]);
    expect(await t.bot.click('approval.cancel', { approvalId: own }, 'alice')).toContain('Cancelled');

    const two = await teamsRequest('failover crm unplanned');
    expect(await t.bot.click('approval.approve', { approvalId: two }, 'bob')).toMatch(
      /Approved \(1 of 2\)|1 of 2/,
    );
    expect((await forgedClick('bob', { verb: 'approval.approve', approvalId: two })).status).toBe(200);
    await expect
      .poll(async () =>
        (await withStore(t.bot, (s) => s.listAudit({ limit: 120 }))).some(
          (e) => e.approvalId === two && /named no card/.test(e.outcome),
        ),
      )
      .toBe(true);
    const record = await approval(two);
    expect(record?.state).toBe('requested');
    expect(record?.decisions.map((d) => d.actor.displayName)).toEqual(['bob']);
  });
});
