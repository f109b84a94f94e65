import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ApprovalEvent,
  type ApprovalSnapshot,
  isTerminalApprovalState,
  sameActor,
  transition,
} from '../../src/approvals/approval-state-machine.js';
import { alice, bob, carol, dave, expiresAt, snapshotIn } from './approval-fixtures.js';

const actor = fc.constantFrom(alice, bob, carol, dave);
// Weighted towards approvals and starts, so many runs get as far as `executing` and beyond.
const event: fc.Arbitrary<ApprovalEvent> = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('approve' as const), actor, holdsRole: fc.boolean() }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('reject' as const), actor, holdsRole: fc.boolean() }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), actor }), weight: 1 },
  {
    arbitrary: fc.constantFrom<ApprovalEvent>(
      { kind: 'start-execution', jobId: 'J1' },
      { kind: 'start-execution' },
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom<ApprovalEvent>(
      { kind: 'expire' },
      { kind: 'execution-succeeded' },
      { kind: 'execution-failed' },
      { kind: 'withdraw', reason: 'another change of shop is in flight' },
    ),
    weight: 2,
  },
);
/** Minutes relative to the deadline: mostly before it, sometimes at or after it. */
const step = fc.record({ event, minute: fc.integer({ min: -40, max: 10 }) });
const run = fc.record({
  approvalsNeeded: fc.integer({ min: 1, max: 2 }),
  steps: fc.array(step, { maxLength: 30 }),
});

describe('approval state machine properties', () => {
  it('never executes twice and never leaves a terminal state', () => {
    fc.assert(
      fc.property(run, ({ approvalsNeeded, steps }) => {
        let state: ApprovalSnapshot = snapshotIn('requested', approvalsNeeded);
        let executions = 0;
        let executeEffects = 0;
        for (const { event, minute } of steps) {
          const now = new Date(expiresAt.getTime() + minute * 60_000);
          const next = transition(state, event, now);
          if (next.state.state === 'executing' && state.state !== 'executing') executions += 1;
          executeEffects += next.effects.filter((effect) => effect.kind === 'execute').length;
          if (isTerminalApprovalState(state.state)) {
            expect(next.state).toBe(state);
            expect(next.effects.every((e) => ['refuse', 'ignore', 'audit'].includes(e.kind))).toBe(true);
          }
          state = next.state;
        }
        expect(executions).toBeLessThanOrEqual(1);
        expect(executeEffects).toBe(executions);
      }),
      { numRuns: 2000 },
    );
  });

  it('reaches approved only with enough distinct approvers, none of them the requester', () => {
    fc.assert(
      fc.property(run, ({ approvalsNeeded, steps }) => {
        let state: ApprovalSnapshot = snapshotIn('requested', approvalsNeeded);
        for (const { event, minute } of steps) {
          const next = transition(state, event, new Date(expiresAt.getTime() + minute * 60_000)).state;
          if (next.state === 'approved' && state.state === 'requested') {
            const approvers = next.decisions.filter((d) => d.decision === 'approve').map((d) => d.actor);
            expect(approvers.some((a) => sameActor(a, alice))).toBe(false);
            expect(new Set(approvers.map((a) => a.id)).size).toBe(approvalsNeeded);
          }
          state = next;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
