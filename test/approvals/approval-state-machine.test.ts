import { describe, expect, it } from 'vitest';
import {
  type ApprovalEffect,
  type ApprovalEvent,
  type ApprovalEventKind,
  approvalCount,
  approvalStates,
  describeOutcome,
  transition,
} from '../../src/approvals/approval-state-machine.js';
import type { Actor } from '../../src/chat/chat-event.js';
import type { ApprovalState } from '../../src/store/store-port.js';
import {
  afterExpiry,
  alice,
  beforeExpiry,
  bob,
  carol,
  dave,
  expiresAt,
  reasonOf,
  snapshotIn,
} from './approval-fixtures.js';

/** One valid event of each kind: bob approves, carol rejects, alice (the requester) cancels. */
const sampleEvents: Record<ApprovalEventKind, ApprovalEvent> = {
  approve: { kind: 'approve', actor: bob, holdsRole: true },
  reject: { kind: 'reject', actor: carol, holdsRole: true },
  cancel: { kind: 'cancel', actor: alice },
  expire: { kind: 'expire' },
  'start-execution': { kind: 'start-execution', jobId: 'J1' },
  'execution-succeeded': { kind: 'execution-succeeded' },
  'execution-failed': { kind: 'execution-failed', error: 'disk is locked' },
  withdraw: { kind: 'withdraw', reason: 'a drill of shop is in flight' },
};
const eventKinds = Object.keys(sampleEvents) as ApprovalEventKind[];

type Expected = [ApprovalState, ApprovalEffect['kind'][]];
const refused: Expected[1] = ['refuse', 'audit'];
const ignored: Expected[1] = ['ignore'];
const ended: Expected[1] = ['update-card', 'notify-requester', 'audit'];

/** After the state has left `requested`, the clock no longer matters. */
function settled(state: ApprovalState): Record<ApprovalEventKind, Expected> {
  return {
    approve: [state, refused],
    reject: [state, refused],
    cancel: [state, refused],
    expire: [state, ignored],
    'start-execution': [state, ignored],
    'execution-succeeded': [state, ignored],
    'execution-failed': [state, ignored],
    withdraw: [state, ignored],
  };
}

const afterRequested: Record<Exclude<ApprovalState, 'requested'>, Record<ApprovalEventKind, Expected>> = {
  approved: {
    ...settled('approved'),
    'start-execution': ['executing', ['execute', 'update-card', 'audit']],
    withdraw: ['cancelled', ended],
  },
  executing: {
    ...settled('executing'),
    'execution-succeeded': ['succeeded', ended],
    'execution-failed': ['failed', ended],
  },
  succeeded: settled('succeeded'),
  failed: settled('failed'),
  rejected: settled('rejected'),
  expired: settled('expired'),
  cancelled: settled('cancelled'),
};

const matrix: Record<'before' | 'after', Record<ApprovalState, Record<ApprovalEventKind, Expected>>> = {
  before: {
    requested: {
      approve: ['approved', ['record-decision', ...ended]],
      reject: ['rejected', ['record-decision', ...ended]],
      cancel: ['cancelled', ['update-card', 'audit']],
      expire: ['requested', ignored],
      'start-execution': ['requested', ignored],
      'execution-succeeded': ['requested', ignored],
      'execution-failed': ['requested', ignored],
      withdraw: ['cancelled', ended],
    },
    ...afterRequested,
  },
  after: {
    requested: {
      approve: ['expired', ['refuse', ...ended]],
      reject: ['expired', ['refuse', ...ended]],
      cancel: ['expired', ['refuse', ...ended]],
      expire: ['expired', ended],
      'start-execution': ['requested', ignored],
      'execution-succeeded': ['requested', ignored],
      'execution-failed': ['requested', ignored],
      withdraw: ['cancelled', ended],
    },
    ...afterRequested,
  },
};

const times = { before: beforeExpiry, after: afterExpiry };
const cells = (['before', 'after'] as const).flatMap((when) =>
  approvalStates.flatMap((state) => eventKinds.map((kind) => ({ when, state, kind }))),
);

describe('approval state machine: every (state, event) pair', () => {
  it('covers all 8 states x 8 events, before and after the deadline', () => {
    expect(cells).toHaveLength(2 * 8 * 8);
  });

  it.each(cells)('$state + $kind ($when the deadline)', ({ when, state, kind }) => {
    const [expectedState, expectedEffects] = matrix[when][state][kind];
    const before = snapshotIn(state);
    const result = transition(before, sampleEvents[kind], times[when]);
    expect(result.state.state).toBe(expectedState);
    expect(result.effects.map((effect) => effect.kind)).toEqual(expectedEffects);
    if (expectedState === state && state !== 'requested') {
      // A refused or ignored event changes nothing and says what happened instead.
      expect(result.state).toBe(before);
      const reason = reasonOf(result.effects);
      expect(reason).toContain(describeOutcome(before));
    }
  });
});

describe('approval guards', () => {
  it('refuses the requester approving or rejecting their own request', () => {
    const own = transition(
      snapshotIn('requested'),
      { kind: 'approve', actor: alice, holdsRole: true },
      beforeExpiry,
    );
    expect(own.state.state).toBe('requested');
    expect(own.effects[0]).toMatchObject({
      kind: 'refuse',
      to: alice,
      reason: expect.stringMatching(/someone else/),
    });
    const reject = transition(
      snapshotIn('requested'),
      { kind: 'reject', actor: alice, holdsRole: true },
      beforeExpiry,
    );
    expect(reasonOf(reject.effects)).toMatch(/cancel it instead/);
  });

  it('knows the requester on another channel by their Entra object id', () => {
    const aliceOnTeams: Actor = { ...alice, platform: 'teams', id: '29:alice' };
    const result = transition(
      snapshotIn('requested'),
      { kind: 'approve', actor: aliceOnTeams, holdsRole: true },
      beforeExpiry,
    );
    expect(result.state.state).toBe('requested');
    expect(reasonOf(result.effects)).toMatch(/someone else/);
  });

  it('tells Slack users apart by id when there is no Entra object id', () => {
    const slackAlice: Actor = { platform: 'slack', id: 'U0ALICE', displayName: 'alice' };
    const slackBob: Actor = { platform: 'slack', id: 'U0BOB', displayName: 'bob' };
    const request = { ...snapshotIn('requested'), requester: slackAlice };
    const own = transition(request, { kind: 'approve', actor: slackAlice, holdsRole: true }, beforeExpiry);
    expect(own.state.state).toBe('requested');
    const other = transition(request, { kind: 'approve', actor: slackBob, holdsRole: true }, beforeExpiry);
    expect(other.state.state).toBe('approved');
  });

  it('refuses an actor without the role, for approve and reject', () => {
    for (const kind of ['approve', 'reject'] as const) {
      const result = transition(
        snapshotIn('requested'),
        { kind, actor: dave, holdsRole: false },
        beforeExpiry,
      );
      expect(result.state.state).toBe('requested');
      expect(reasonOf(result.effects)).toBe(`you do not hold the role needed to ${kind} this request`);
    }
  });

  it('counts each approver once', () => {
    const first = transition(
      snapshotIn('requested', 2),
      { kind: 'approve', actor: bob, holdsRole: true },
      beforeExpiry,
    );
    expect(first.state.state).toBe('requested');
    expect(first.effects.map((e) => e.kind)).toEqual(['record-decision', 'update-card', 'audit']);
    const bobElsewhere: Actor = { ...bob, platform: 'teams', id: '29:bob' };
    const again = transition(
      first.state,
      { kind: 'approve', actor: bobElsewhere, holdsRole: true },
      beforeExpiry,
    );
    expect(again.state).toBe(first.state);
    expect(reasonOf(again.effects)).toBe('you already approved');
    expect(approvalCount(again.state)).toBe(1);
  });

  it('needs two different approvers for a quorum of 2', () => {
    const first = transition(
      snapshotIn('requested', 2),
      { kind: 'approve', actor: bob, holdsRole: true },
      beforeExpiry,
    );
    const second = transition(first.state, { kind: 'approve', actor: carol, holdsRole: true }, beforeExpiry);
    expect(second.state.state).toBe('approved');
    expect(second.state.decisions.map((d) => d.actor.displayName)).toEqual(['bob', 'carol']);
    expect(second.effects).toContainEqual({
      kind: 'notify-requester',
      text: 'Approved by bob and carol; it runs now.',
    });
    expect(second.effects.filter((e) => e.kind === 'execute')).toHaveLength(0);
    const start = transition(second.state, { kind: 'start-execution', jobId: 'J7' }, beforeExpiry);
    expect(start.state).toMatchObject({ state: 'executing', jobId: 'J7' });
    expect(start.effects[0]).toEqual({ kind: 'execute' });
  });

  it('ends on any rejection by an eligible approver, even after an approval', () => {
    const first = transition(
      snapshotIn('requested', 2),
      { kind: 'approve', actor: bob, holdsRole: true },
      beforeExpiry,
    );
    const rejected = transition(
      first.state,
      { kind: 'reject', actor: carol, holdsRole: true, comment: 'not during the sale' },
      beforeExpiry,
    );
    expect(rejected.state.state).toBe('rejected');
    expect(rejected.effects[0]).toMatchObject({
      kind: 'record-decision',
      decision: { decision: 'reject', comment: 'not during the sale' },
    });
    const late = transition(rejected.state, { kind: 'approve', actor: dave, holdsRole: true }, beforeExpiry);
    expect(reasonOf(late.effects)).toBe('already rejected by carol');
  });

  it('lets only the requester cancel', () => {
    const byBob = transition(snapshotIn('requested'), { kind: 'cancel', actor: bob }, beforeExpiry);
    expect(byBob.state.state).toBe('requested');
    expect(reasonOf(byBob.effects)).toBe('only alice, who asked, can cancel this request');
    const byAlice = transition(snapshotIn('requested'), { kind: 'cancel', actor: alice }, beforeExpiry);
    expect(byAlice.state.state).toBe('cancelled');
    expect(describeOutcome(byAlice.state)).toBe('cancelled by alice');
  });

  it('turns a click at or past the deadline into expiry, and tells the clicker', () => {
    for (const now of [expiresAt, afterExpiry]) {
      const result = transition(
        snapshotIn('requested'),
        { kind: 'approve', actor: bob, holdsRole: true },
        now,
      );
      expect(result.state.state).toBe('expired');
      expect(result.state.decisions).toEqual([]);
      expect(result.effects[0]).toEqual({ kind: 'refuse', to: bob, reason: 'expired at 10:42 UTC' });
    }
  });

  it('ignores an early timer', () => {
    const result = transition(snapshotIn('requested'), { kind: 'expire' }, beforeExpiry);
    expect(result.effects).toEqual([{ kind: 'ignore', reason: 'not expired yet' }]);
  });
});
