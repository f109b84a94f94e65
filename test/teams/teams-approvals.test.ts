import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTeamsCard } from '../../cards/check-teams-card.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { AuditEntry } from '../../src/store/store-port.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import {
  buttonsOf,
  cardOf,
  channelId,
  channelMessage,
  executeInvoke,
  submitMessage,
} from '../support/teams-activities.js';

/**
 * Approvals as Teams shows them: one card in the channel thread with user-specific views
 * (approvers see Approve/Reject, the requester Cancel, everyone else the status), clicks by
 * Action.Execute and by its Action.Submit fallback, and retries that change nothing.
 */
describe('Teams approvals', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  /** alice asks, in a channel, to prune vm-web-01's snapshots: a change that needs one approval. */
  async function requestPrune() {
    // Two sets: prune always keeps the newest.
    await bot.ask('snapshot vm-web-01', (t) => t.includes('created'));
    await bot.ask('snapshot vm-web-01', (t) => t.includes('created'));
    const post = channelMessage('alice', 'snapshot prune vm-web-01 older-than 0d because tidy up');
    await bot.postActivity(post);
    const thread = `${channelId};messageid=${post.id}`;
    const message = await bot.waitFor(thread, (t) => t.includes('Approval needed'));
    const card = cardOf(message.versions.at(-1));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(message.versions.at(-1)))?.[0] ?? '';
    expect(approvalId).not.toBe('');
    return { conversation: post.conversation, thread, message, card, approvalId };
  }

  async function auditOf(approvalId: string): Promise<AuditEntry[]> {
    const store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
    try {
      return (await store.listAudit({ limit: 500 })).filter((e) => e.approvalId === approvalId);
    } finally {
      await store.close();
    }
  }

  it('posts one card whose buttons only approvers and the requester get, by Teams refresh', async () => {
    const { card, approvalId } = await requestPrune();
    const refresh = card?.refresh as { action: { verb: string; data: unknown }; userIds: string[] };
    expect(refresh.action).toMatchObject({
      type: 'Action.Execute',
      verb: 'approval.view',
      data: { approvalId },
    });
    // Teams user ids (not Entra ids) of the approvers and the requester; the viewer is not there.
    expect(refresh.userIds).toEqual(expect.arrayContaining(['29:bob', '29:carol', '29:alice']));
    expect(refresh.userIds).not.toContain('29:dave');
    expect(refresh.userIds.length).toBeLessThanOrEqual(60);
    // Everyone else sees the status, and a button to fetch their own view.
    expect(buttonsOf(card)).toEqual(['Show my options']);
  });

  it('gives each viewer their own version of the card on refresh', async () => {
    const { conversation, message, approvalId } = await requestPrune();
    const viewAs = async (user: 'alice' | 'bob' | 'dave') => {
      const invoke = executeInvoke(
        user,
        conversation,
        'approval.view',
        { approvalId },
        {
          replyToId: message.id,
          trigger: 'automatic',
        },
      );
      const answer = await bot.postActivity(invoke);
      expect(answer.status).toBe(200);
      expect(checkTeamsCard(cardOf(answer.body))).toEqual([]);
      return cardOf(answer.body);
    };
    const bobs = await viewAs('bob');
    expect(buttonsOf(bobs)).toEqual(['Approve', 'Reject']);
    expect(bobs?.refresh).toBeDefined();
    expect(buttonsOf(await viewAs('alice'))).toEqual(['Cancel request']);
    const daves = await viewAs('dave');
    expect(buttonsOf(daves)).toEqual([]);
    expect(cardText({ attachments: [{ content: daves }] })).toContain('approver role');
    // Looking changes nothing.
    expect((await auditOf(approvalId)).filter((e) => e.kind === 'decision')).toEqual([]);
  });

  it('refuses the requester’s own approval with a card that says why, then runs on an approver', async () => {
    const { conversation, message, thread, approvalId } = await requestPrune();
    const own = await bot.postActivity(
      executeInvoke('alice', conversation, 'approval.approve', { approvalId }, { replyToId: message.id }),
    );
    expect(own.status).toBe(200);
    expect((own.body as { type: string }).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText({ attachments: [{ content: cardOf(own.body) }] })).toMatch(/Not done: .*asked/i);

    const approve = await bot.postActivity(
      executeInvoke('bob', conversation, 'approval.approve', { approvalId }, { replyToId: message.id }),
    );
    const answered = cardOf(approve.body);
    expect(cardText({ attachments: [{ content: answered }] })).toMatch(/running as job-/);
    expect(buttonsOf(answered)).toEqual([]);

    // Every viewer ends with the resolved card: no buttons, no per-user refresh.
    const done = await bot.waitFor(thread, (t) => /Approved by bob: done/.test(t), 30_000);
    const final = cardOf(done.versions.at(-1));
    expect(final?.refresh).toBeUndefined();
    expect(buttonsOf(final)).toEqual([]);
    const decisions = (await auditOf(approvalId)).filter((e) => e.kind === 'decision');
    expect(decisions.map((e) => e.outcome).sort()).toEqual(['approve', expect.stringMatching(/^refused/)]);
  });

  it('refuses a click that names no card (no replyToId), audited, and decides nothing', async () => {
    const { conversation, message, thread, approvalId } = await requestPrune();
    const cardless = await bot.postActivity(
      executeInvoke('bob', conversation, 'approval.approve', { approvalId }),
    );
    expect(cardless.status).toBe(200);
    expect(JSON.stringify(cardless.body)).toMatch(
      /did not say which card it came from, so nothing was decided/,
    );
    const refused = (await auditOf(approvalId)).filter((e) => e.kind === 'decision');
    expect(refused.map((e) => e.outcome)).toEqual(['refused: the click named no card']);
    expect((await auditOf(approvalId)).filter((e) => e.outcome === 'executing')).toEqual([]);
    // From its own card, the same approver's click counts.
    const approve = await bot.postActivity(
      executeInvoke('bob', conversation, 'approval.approve', { approvalId }, { replyToId: message.id }),
    );
    expect(cardText({ attachments: [{ content: cardOf(approve.body) }] })).toMatch(/running as job-/);
    await bot.waitFor(thread, (t) => /Approved by bob: done/.test(t), 30_000);
  });

  it('runs once when Teams retries the same invoke', async () => {
    const { conversation, message, thread, approvalId } = await requestPrune();
    const invoke = executeInvoke(
      'carol',
      conversation,
      'approval.approve',
      { approvalId },
      { replyToId: message.id },
    );
    const answers = await Promise.all([bot.postActivity(invoke), bot.postActivity(invoke)]);
    const texts = answers.map((a) => cardText({ attachments: [{ content: cardOf(a.body) }] }));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(texts.filter((t) => /running as job-/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /already received/.test(t))).toHaveLength(1);
    await bot.waitFor(thread, (t) => /Approved by carol: done/.test(t), 30_000);
    const audit = await auditOf(approvalId);
    expect(audit.filter((e) => e.kind === 'decision')).toHaveLength(1);
    expect(audit.filter((e) => e.kind === 'approval-state' && e.outcome === 'executing')).toHaveLength(1);
  });

  it('takes a decision through the Action.Submit fallback, answered in the conversation', async () => {
    const { conversation, message, thread, approvalId } = await requestPrune();
    const submit = submitMessage('bob', conversation, 'approval.reject', { approvalId }, message.id);
    expect((await bot.postActivity(submit)).status).toBe(200);
    await bot.waitFor(thread, (t) => /Rejected by bob/.test(t) && !t.includes('Approval needed'));
    // The in-turn reply to the click says what happened, as the invoke response would have.
    const reply = bot.connector.inConversation(thread).find((m) => m.replyToId === submit.id);
    expect(cardText(reply?.versions.at(-1))).toMatch(/^Rejected: “snapshot prune/);
    const decisions = (await auditOf(approvalId)).filter((e) => e.kind === 'decision');
    expect(decisions.map((e) => e.outcome)).toEqual(['reject']);
  });

  it('answers a click without a verb with an error, not silence', async () => {
    const { conversation, approvalId } = await requestPrune();
    const answer = await bot.postActivity({
      ...executeInvoke('bob', conversation, 'approval.approve', { approvalId }),
      value: { action: { type: 'Action.Execute', data: { approvalId } } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect((await auditOf(approvalId)).filter((e) => e.kind === 'decision')).toEqual([]);
  });

  it('sent only cards Teams accepts (version, verbs, fallbacks, refresh, size)', () => {
    expect(bot.connector.messages.length).toBeGreaterThan(10);
    expect(bot.connector.cardProblems).toEqual([]);
  });
});
