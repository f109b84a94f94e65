import type { ApprovalEffect, ApprovalSnapshot } from '../../src/approvals/approval-state-machine.js';
import type { Actor } from '../../src/chat/chat-event.js';
import type { ApprovalState, Decision } from '../../src/store/store-port.js';

/** The demo identities of DESIGN.md, as the local chat page sends them. */
export const alice: Actor = {
  platform: 'console',
  id: 'console-alice',
  displayName: 'alice',
  aadObjectId: '00000000-0000-0000-0000-0000000a11ce',
};
export const bob: Actor = {
  platform: 'console',
  id: 'console-bob',
  displayName: 'bob',
  aadObjectId: '00000000-0000-0000-0000-000000000b0b',
};
export const carol: Actor = {
  platform: 'console',
  id: 'console-carol',
  displayName: 'carol',
  aadObjectId: '00000000-0000-0000-0000-0000000ca201',
};
export const dave: Actor = {
  platform: 'console',
  id: 'console-dave',
  displayName: 'dave',
  aadObjectId: '00000000-0000-0000-0000-00000000da7e',
};

export const createdAt = new Date('2025-03-04T10:12:00Z');
export const expiresAt = new Date('2025-03-04T10:42:00Z');
export const beforeExpiry = new Date('2025-03-04T10:20:00Z');
export const afterExpiry = new Date('2025-03-04T10:43:00Z');

export function decision(actor: Actor, kind: Decision['decision'], at = beforeExpiry): Decision {
  return { actor, decision: kind, at };
}

/** A request by alice in `state`, with the decisions that state implies (bob approved, carol rejected). */
export function snapshotIn(state: ApprovalState, approvalsNeeded = 1): ApprovalSnapshot {
  const decided = ['approved', 'executing', 'succeeded', 'failed'].includes(state);
  const decisions: Decision[] = decided ? [decision(bob, 'approve')] : [];
  if (state === 'rejected') decisions.push(decision(carol, 'reject'));
  const snapshot: ApprovalSnapshot = { state, requester: alice, approvalsNeeded, decisions, expiresAt };
  if (['executing', 'succeeded', 'failed'].includes(state)) snapshot.jobId = 'J1';
  return snapshot;
}

/** The reason of the refusal or the ignore among the effects. */
export function reasonOf(effects: readonly ApprovalEffect[]): string | undefined {
  const effect = effects.find((e) => e.kind === 'refuse' || e.kind === 'ignore');
  return effect && 'reason' in effect ? effect.reason : undefined;
}
