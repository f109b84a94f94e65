import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { AuditEntry } from '../../src/store/store-port.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot, type User } from '../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';

/** Risky commands wait for a second person; decisions are guarded, counted once and audited. */
describe('approvals', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  /** Takes a snapshot set of vm-web-01 and asks (as alice) to prune everything but the newest. */
  async function requestPrune(): Promise<{ conversationId: string; approvalId: string }> {
    await bot.ask('snapshot vm-web-01', (t) => t.includes('created'));
    await bot.ask('snapshot vm-web-01', (t) => t.includes('created'));
    const { conversationId } = await bot.send(
      'snapshot prune vm-web-01 older-than 0d because tidy up',
      'alice',
    );
    const card = await bot.waitFor(conversationId, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(card.versions.at(-1)))?.[0] ?? '';
    expect(approvalId).not.toBe('');
    return { conversationId, approvalId };
  }

  const approvalCard = (conversationId: string) =>
    cardText(bot.connector.inConversation(conversationId)[0]?.versions.at(-1));

  async function auditOf(approvalId: string): Promise<AuditEntry[]> {
    const store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
    try {
      return (await store.listAudit({ limit: 500 })).filter((e) => e.approvalId === approvalId).reverse();
    } finally {
      await store.close();
    }
  }

  async function snapshotCount(): Promise<number> {
    const response = await bot.bot.simulator?.handle({
      method: 'GET',
      url: `https://management.azure.com/subscriptions/${subscription}/providers/Microsoft.Compute/snapshots?api-version=2025-01-02`,
      headers: {},
    });
    return (JSON.parse(response?.body ?? '{}') as { value: unknown[] }).value.length;
  }

  it('refuses the requester and a viewer, runs once on an approver, and audits every step', async () => {
    const { conversationId, approvalId } = await requestPrune();
    const card = approvalCard(conversationId);
    expect(card).toContain('Requested by');
    expect(card).toContain('tidy up');
    expect(card).toContain('0 of 1');
    const before = await snapshotCount();

    expect(await bot.click('approval.approve', { approvalId }, 'alice')).toMatch(
      /you asked for this, so someone else/i,
    );
    expect(await bot.click('approval.approve', { approvalId }, 'dave')).toMatch(/do not hold the role/i);
    expect(await snapshotCount()).toBe(before);

    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved.*running as job-/);
    await bot.waitFor(conversationId, (t) => t.includes(': done'));
    await bot.waitFor(conversationId, (t) => t.includes('Approved by bob: done'));
    expect(await snapshotCount()).toBe(before - 1);

    const steps = (await auditOf(approvalId)).map((e) => `${e.kind}:${e.actor.displayName}:${e.outcome}`);
    expect(steps).toEqual([
      'approval-state:alice:requested',
      expect.stringMatching(/^decision:alice:refused: you asked for this/i),
      expect.stringMatching(/^decision:dave:refused: /),
      'decision:bob:approve',
      'approval-state:bob:approved',
      'approval-state:bob:executing',
      'azure-change:bob:DELETE 202',
      'approval-state:bob:succeeded',
    ]);
  });

  it('runs exactly once under 50 concurrent approve clicks from two approvers', async () => {
    const { conversationId, approvalId } = await requestPrune();
    const clickers: User[] = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 'bob' : 'carol'));
    const answers = await Promise.all(
      clickers.map((user) => bot.click('approval.approve', { approvalId }, user)),
    );
    expect(answers.filter((a) => /running as job-/.test(a) && a.startsWith('Approved'))).toHaveLength(1);
    expect(answers.filter((a) => /already approved by (bob|carol)/.test(a))).toHaveLength(49);
    await bot.waitFor(conversationId, (t) => t.includes(': done'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const results = bot.connector
      .inConversation(conversationId)
      .filter((m) => cardText(m.versions.at(-1)).includes(': done'));
    expect(results.filter((m) => !cardText(m.versions.at(-1)).includes('Approved by'))).toHaveLength(1);
    const states = (await auditOf(approvalId))
      .filter((e) => e.kind === 'approval-state')
      .map((e) => e.outcome);
    expect(states).toEqual(['requested', 'approved', 'executing', 'succeeded']);
  });

  it('ends on a rejection, and tells later clickers what happened', async () => {
    const { conversationId, approvalId } = await requestPrune();
    const before = await snapshotCount();
    expect(await bot.click('approval.reject', { approvalId }, 'carol')).toContain('Rejected');
    await bot.waitFor(conversationId, (t) => t.includes('Rejected by carol'));
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/rejected by carol/i);
    expect(await snapshotCount()).toBe(before);
  });

  it('lets the requester cancel, and nobody else', async () => {
    const { conversationId, approvalId } = await requestPrune();
    expect(await bot.click('approval.cancel', { approvalId }, 'bob')).toMatch(/requester|only/i);
    expect(await bot.click('approval.cancel', { approvalId }, 'alice')).toContain('Cancelled');
    await bot.waitFor(conversationId, (t) => t.includes('Cancelled by alice'));
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/cancelled/i);
  });

  it('expires after its deadline, by the sweep and on a late click', async () => {
    const { conversationId, approvalId } = await requestPrune();
    await bot.advanceClock(31 * 60);
    expect(await bot.bot.expireApprovals()).toBeGreaterThanOrEqual(1);
    await bot.waitFor(conversationId, (t) => t.includes('Expired at'));
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/expired/i);
  });

  it('stops when the plan no longer holds at approval time', async () => {
    const { conversationId, approvalId } = await requestPrune();
    const card = approvalCard(conversationId);
    const doomed = /vm-web-01-\d{8}-\d{6}-[0-9a-f]{4}-os/.exec(card)?.[0] ?? '';
    const gone = await bot.bot.simulator?.handle({
      method: 'DELETE',
      url: `https://management.azure.com/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/snapshots/${doomed}?api-version=2025-01-02`,
      headers: {},
    });
    expect(gone?.status).toBeLessThan(300);
    await bot.advanceClock(60);
    await bot.click('approval.approve', { approvalId }, 'bob');
    const outcome = await bot.waitFor(conversationId, (t) => t.includes('no longer holds'));
    expect(cardText(outcome.versions.at(-1))).toContain(doomed);
  });

  it('shows the plan on --dry-run without asking anyone', async () => {
    const text = await bot.ask('snapshot prune vm-web-01 older-than 0d --dry-run', (t) =>
      /Dry run|Nothing to prune/.test(t),
    );
    expect(text).not.toContain('Approval needed');
    expect(await bot.ask('approvals', (t) => t.includes('approval'))).toBeTruthy();
  });
});
