import { describe, expect, it } from 'vitest';
import {
  type ApprovalEvent,
  type ApprovalSnapshot,
  transition,
} from '../../src/approvals/approval-state-machine.js';
import type { ApprovalState } from '../../src/store/store-port.js';
import {
  afterExpiry,
  beforeExpiry,
  bob,
  carol,
  decision,
  reasonOf,
  snapshotIn,
} from './approval-fixtures.js';

describe('approval outcomes', () => {
  it('says what happened in terminal and running states', () => {
    const approve: ApprovalEvent = { kind: 'approve', actor: carol, holdsRole: true };
    const reasonIn = (state: ApprovalState) =>
      reasonOf(transition(snapshotIn(state), approve, beforeExpiry).effects);
    expect(reasonIn('approved')).toBe('already approved by bob, about to run');
    expect(reasonIn('executing')).toBe('already approved by bob, running as job J1');
    expect(reasonIn('succeeded')).toBe('already approved by bob; job J1 succeeded');
    expect(reasonIn('failed')).toBe('already approved by bob; job J1 failed');
    expect(reasonIn('rejected')).toBe('already rejected by carol');
    expect(reasonIn('expired')).toBe('already expired at 10:42 UTC');
    expect(reasonIn('cancelled')).toBe('already cancelled by alice');
  });

  it('refuses a second start and reports a failure with its reason', () => {
    const executing = snapshotIn('executing');
    const again = transition(executing, { kind: 'start-execution', jobId: 'J2' }, beforeExpiry);
    expect(again.state).toBe(executing);
    expect(again.effects).toEqual([{ kind: 'ignore', reason: 'already approved by bob, running as job J1' }]);
    const failed = transition(executing, { kind: 'execution-failed', error: 'disk is locked' }, beforeExpiry);
    expect(failed.effects).toContainEqual({ kind: 'notify-requester', text: 'It failed: disk is locked' });
    expect(failed.effects).toContainEqual({ kind: 'audit', outcome: 'job J1 failed' });
  });

  it('records the decision with the time it was given', () => {
    const result = transition(
      snapshotIn('requested'),
      { kind: 'approve', actor: bob, holdsRole: true },
      beforeExpiry,
    );
    expect(result.effects[0]).toEqual({
      kind: 'record-decision',
      decision: decision(bob, 'approve', beforeExpiry),
    });
  });

  it('never changes its input', () => {
    const input = deepFreeze(snapshotIn('requested', 2));
    const copy = structuredClone(input);
    transition(input, { kind: 'approve', actor: bob, holdsRole: true }, beforeExpiry);
    transition(input, { kind: 'expire' }, afterExpiry);
    expect(input).toEqual(copy);
  });
});

function deepFreeze<T extends ApprovalSnapshot>(snapshot: T): T {
  for (const d of snapshot.decisions) Object.freeze(d);
  Object.freeze(snapshot.decisions);
  return Object.freeze(snapshot);
}
