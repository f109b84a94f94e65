import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../cards/render-adaptive-card.js';
import { renderBlockKit } from '../../cards/render-block-kit.js';
import { renderApprovalView } from '../../src/approvals/render-approval-view.js';
import type { ApprovalRecord } from '../../src/store/store-port.js';
import { alice, beforeExpiry, bob, createdAt, dave, decision, expiresAt } from './approval-fixtures.js';

function request(
  commandId: string,
  commandText: string,
  changes: Partial<ApprovalRecord> = {},
): ApprovalRecord {
  return {
    id: 'apr-0000beef',
    commandId,
    commandText,
    plan: { operationPlan: {}, view: { kind: 'plan', title: 'Plan', summary: 'What will happen.' } },
    requester: alice,
    conversation: { platform: 'slack', conversationId: 'C1', reference: { channel: 'C1' } },
    approvalsNeeded: 1,
    decisions: [],
    state: 'requested',
    version: 1,
    createdAt,
    updatedAt: createdAt,
    expiresAt,
    ...changes,
  };
}

/** The approval card per viewer and per platform: who sees which buttons, and which ask twice. */
describe('renderApprovalView', () => {
  it('gives everyone every button, and names the personal viewers, when no viewer is given', () => {
    const view = renderApprovalView(
      request('snapshot.prune', 'snapshot prune vm-web-01 older-than 7d'),
      beforeExpiry,
      {
        viewers: ['aad-bob'],
      },
    );
    expect(view.actions?.map((a) => a.label)).toEqual(['Approve', 'Reject', 'Cancel request']);
    expect(view.personal).toEqual({
      verb: 'approval.view',
      data: { approvalId: 'apr-0000beef' },
      viewers: ['aad-bob'],
    });
  });

  it('shows each viewer only the buttons they may use', () => {
    const record = request('snapshot.prune', 'snapshot prune vm-web-01 older-than 7d');
    const labels = (viewer: typeof alice, mayDecide: boolean) =>
      renderApprovalView(record, beforeExpiry, { viewer: { actor: viewer, mayDecide } }).actions?.map(
        (a) => a.label,
      );
    expect(labels(bob, true)).toEqual(['Approve', 'Reject']);
    expect(labels(alice, false)).toEqual(['Cancel request']);
    expect(labels(dave, false)).toEqual([]);
  });

  it('says what a viewer already did, and drops the personal views once decided', () => {
    const approved = request('snapshot.prune', 'x', { decisions: [decision(bob, 'approve')] });
    const mine = renderApprovalView(approved, beforeExpiry, { viewer: { actor: bob, mayDecide: false } });
    expect(mine.notes?.at(-1)).toMatch(/^You approved at/);
    const done = renderApprovalView({ ...approved, state: 'succeeded' }, beforeExpiry);
    expect(done.personal).toBeUndefined();
    expect(done.actions).toBeUndefined();
  });

  it('puts the clicker’s notice first', () => {
    const view = renderApprovalView(request('snapshot.prune', 'x'), beforeExpiry, {
      notice: 'Not done: you asked.',
    });
    expect(view.summary).toBe('Not done: you asked. What will happen.');
  });

  it('ends the notice as a sentence, so it does not run into the plan', () => {
    const view = renderApprovalView(request('snapshot.prune', 'x'), beforeExpiry, {
      notice: 'Not done: already expired at 19:39 UTC',
    });
    expect(view.summary).toBe('Not done: already expired at 19:39 UTC. What will happen.');
  });

  it('asks for confirmation before approving a failover, on Slack and on Teams', () => {
    const view = renderApprovalView(request('dr.failover.planned', 'failover shop planned'), beforeExpiry);
    expect(view.actions?.[0]?.confirm).toMatch(/failover shop planned.*between regions/);
    const slackButton = renderBlockKit(view).blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements : [],
    )[0];
    expect(slackButton).toMatchObject({ confirm: { confirm: { text: 'Approve' } } });
    expect(renderAdaptiveCard(view).actions?.[0]?.type).toBe('Action.ShowCard');
    const prune = renderApprovalView(request('snapshot.prune', 'x'), beforeExpiry);
    expect(prune.actions?.[0]?.confirm).toBeUndefined();
  });
});
