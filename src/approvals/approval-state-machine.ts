import type { Actor } from '../chat/chat-event.js';
import type { ApprovalState, Decision } from '../store/store-port.js';

/**
 * The approval state machine, as a pure function: no I/O, no clock (time comes in as `now`), no
 * mutation of its input. The workflow stores the returned state with one conditional update and
 * then carries out the effects; if the update loses a race it re-reads and runs `transition` again,
 * so a duplicate click or a racing replica sees the new state and is refused with what happened.
 *
 *   requested -> approved (quorum) -> executing -> succeeded | failed
 *   requested -> rejected | expired | cancelled
 *   requested | approved -> cancelled (withdrawn by the bot, with its reason)
 */
export interface ApprovalSnapshot {
  state: ApprovalState;
  requester: Actor;
  approvalsNeeded: number;
  decisions: readonly Decision[];
  expiresAt: Date;
  /** The job that runs the approved plan, once execution started. */
  jobId?: string;
  /** Why the bot ended it without a decision (`withdraw`). */
  endReason?: string;
}

export type ApprovalEvent =
  /** `holdsRole` is re-checked by the caller against the policy at click time, never cached. */
  | { kind: 'approve'; actor: Actor; holdsRole: boolean; comment?: string }
  | { kind: 'reject'; actor: Actor; holdsRole: boolean; comment?: string }
  | { kind: 'cancel'; actor: Actor }
  | { kind: 'expire' }
  /**
   * The bot ends a request that can no longer run as asked: another change of the same app or VM
   * holds it (one at a time), or the policy no longer allows it here. Before execution only.
   */
  | { kind: 'withdraw'; reason: string }
  | { kind: 'start-execution'; jobId?: string }
  | { kind: 'execution-succeeded' }
  | { kind: 'execution-failed'; error?: string };

export type ApprovalEventKind = ApprovalEvent['kind'];

export type ApprovalEffect =
  /** Tell the clicker, privately, why nothing happened. */
  | { kind: 'refuse'; to: Actor; reason: string }
  /** A machine event (timer, executor) that no longer applies; the workflow logs it. */
  | { kind: 'ignore'; reason: string }
  | { kind: 'record-decision'; decision: Decision }
  | { kind: 'update-card' }
  /** Run the approved plan (pre-checks first). Emitted only on the single step into `executing`. */
  | { kind: 'execute' }
  | { kind: 'notify-requester'; text: string }
  | { kind: 'audit'; outcome: string };

export interface ApprovalTransition {
  state: ApprovalSnapshot;
  effects: ApprovalEffect[];
}

export const approvalStates: readonly ApprovalState[] = [
  'requested',
  'approved',
  'executing',
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'cancelled',
];

export const terminalApprovalStates: readonly ApprovalState[] = [
  'succeeded',
  'failed',
  'rejected',
  'expired',
  'cancelled',
];

export function isTerminalApprovalState(state: ApprovalState): boolean {
  return terminalApprovalStates.includes(state);
}

type ActorEvent = Extract<ApprovalEvent, { actor: Actor }>;

export function transition(state: ApprovalSnapshot, event: ApprovalEvent, now: Date): ApprovalTransition {
  if (event.kind === 'withdraw') return withdraw(state, event.reason);
  if (state.state === 'requested') return fromRequested(state, event, now);
  if (state.state === 'approved' && event.kind === 'start-execution') return startExecution(state, event);
  if (state.state === 'executing') {
    if (event.kind === 'execution-succeeded') return finish(state, 'succeeded', 'Done.');
    if (event.kind === 'execution-failed') {
      return finish(state, 'failed', `It failed${event.error ? `: ${event.error}` : '.'}`);
    }
  }
  return refuseOrIgnore(state, event, `already ${describeOutcome(state)}`);
}

function fromRequested(state: ApprovalSnapshot, event: ApprovalEvent, now: Date): ApprovalTransition {
  const expired = now.getTime() >= state.expiresAt.getTime();
  switch (event.kind) {
    case 'approve':
    case 'reject':
    case 'cancel':
      return expired ? expireOnClick(state, event) : decide(state, event, now);
    case 'expire':
      return expired ? expire(state) : unchanged(state, { kind: 'ignore', reason: 'not expired yet' });
    default:
      return unchanged(state, {
        kind: 'ignore',
        reason: `not approved yet (${approvalCount(state)} of ${state.approvalsNeeded})`,
      });
  }
}

function decide(state: ApprovalSnapshot, event: ActorEvent, now: Date): ApprovalTransition {
  if (event.kind === 'cancel') return cancel(state, event.actor);
  const refusal = decisionRefusal(state, event);
  if (refusal) return refuse(state, event.actor, refusal);
  const decision: Decision = { actor: event.actor, decision: event.kind, at: now };
  if (event.comment !== undefined) decision.comment = event.comment;
  const decided = { ...state, decisions: [...state.decisions, decision] };
  const recorded: ApprovalEffect = { kind: 'record-decision', decision };
  const who = event.actor.displayName;
  if (event.kind === 'reject') {
    return end(decided, 'rejected', [recorded], `Rejected by ${who}.`, `rejected by ${who}`);
  }
  const count = approvalCount(decided);
  if (count < state.approvalsNeeded) {
    return {
      state: decided,
      effects: [
        recorded,
        { kind: 'update-card' },
        { kind: 'audit', outcome: `approval ${count} of ${state.approvalsNeeded} by ${who}` },
      ],
    };
  }
  const by = approverNames(decided);
  return end(decided, 'approved', [recorded], `Approved by ${by}; it runs now.`, `approved by ${by}`);
}

/** Why this approve or reject does not count; undefined when it does. */
function decisionRefusal(
  state: ApprovalSnapshot,
  event: ActorEvent & { holdsRole: boolean },
): string | undefined {
  const verb = event.kind === 'approve' ? 'approve' : 'reject';
  if (sameActor(event.actor, state.requester)) {
    return event.kind === 'approve'
      ? 'you asked for this, so someone else has to approve it'
      : 'you asked for this, so you cannot reject it; cancel it instead';
  }
  if (!event.holdsRole) return `you do not hold the role needed to ${verb} this request`;
  const already = state.decisions.some((d) => d.decision === 'approve' && sameActor(d.actor, event.actor));
  if (already && event.kind === 'approve') return 'you already approved';
  return undefined;
}

function cancel(state: ApprovalSnapshot, actor: Actor): ApprovalTransition {
  if (!sameActor(actor, state.requester)) {
    return refuse(state, actor, `only ${state.requester.displayName}, who asked, can cancel this request`);
  }
  return {
    state: { ...state, state: 'cancelled' },
    effects: [{ kind: 'update-card' }, { kind: 'audit', outcome: `cancelled by ${actor.displayName}` }],
  };
}

/** A click that arrives after the deadline ends the request, and tells the clicker so. */
function expireOnClick(state: ApprovalSnapshot, event: ActorEvent): ApprovalTransition {
  const expired = expire(state);
  const refusal: ApprovalEffect = { kind: 'refuse', to: event.actor, reason: describeOutcome(expired.state) };
  return { state: expired.state, effects: [refusal, ...expired.effects] };
}

function expire(state: ApprovalSnapshot): ApprovalTransition {
  const when = `Expired at ${formatTime(state.expiresAt)} without enough approvals.`;
  return end(state, 'expired', [], when, `expired at ${formatTime(state.expiresAt)}`);
}

function withdraw(state: ApprovalSnapshot, reason: string): ApprovalTransition {
  if (state.state !== 'requested' && state.state !== 'approved')
    return unchanged(state, { kind: 'ignore', reason: `already ${describeOutcome(state)}` });
  const ended = { ...state, endReason: reason };
  return end(ended, 'cancelled', [], `Ended by the bot: ${reason}`, `withdrawn: ${reason}`);
}

function startExecution(
  state: ApprovalSnapshot,
  event: Extract<ApprovalEvent, { kind: 'start-execution' }>,
): ApprovalTransition {
  const next: ApprovalSnapshot = { ...state, state: 'executing' };
  if (event.jobId !== undefined) next.jobId = event.jobId;
  const job = next.jobId ? ` as job ${next.jobId}` : '';
  return {
    state: next,
    effects: [{ kind: 'execute' }, { kind: 'update-card' }, { kind: 'audit', outcome: `executing${job}` }],
  };
}

function finish(state: ApprovalSnapshot, to: 'succeeded' | 'failed', text: string): ApprovalTransition {
  const job = state.jobId ? `job ${state.jobId} ` : '';
  return end(state, to, [], text, `${job}${to}`);
}

function end(
  state: ApprovalSnapshot,
  to: ApprovalState,
  first: ApprovalEffect[],
  text: string,
  outcome: string,
): ApprovalTransition {
  return {
    state: { ...state, state: to },
    effects: [
      ...first,
      { kind: 'update-card' },
      { kind: 'notify-requester', text },
      { kind: 'audit', outcome },
    ],
  };
}

function refuseOrIgnore(state: ApprovalSnapshot, event: ApprovalEvent, reason: string): ApprovalTransition {
  return 'actor' in event ? refuse(state, event.actor, reason) : unchanged(state, { kind: 'ignore', reason });
}

function refuse(state: ApprovalSnapshot, to: Actor, reason: string): ApprovalTransition {
  return unchanged(
    state,
    { kind: 'refuse', to, reason },
    { kind: 'audit', outcome: `refused ${to.displayName}: ${reason}` },
  );
}

function unchanged(state: ApprovalSnapshot, ...effects: ApprovalEffect[]): ApprovalTransition {
  return { state, effects };
}

/** What happened to a request that is past `requested`, as the refusal and the card say it. */
export function describeOutcome(state: ApprovalSnapshot): string {
  const approvedBy = `approved by ${approverNames(state)}`;
  const job = state.jobId ? `job ${state.jobId}` : 'the job';
  switch (state.state) {
    case 'requested':
      return `waiting for approval (${approvalCount(state)} of ${state.approvalsNeeded})`;
    case 'approved':
      return `${approvedBy}, about to run`;
    case 'executing':
      return state.jobId ? `${approvedBy}, running as job ${state.jobId}` : `${approvedBy}, running`;
    case 'succeeded':
      return `${approvedBy}; ${job} succeeded`;
    case 'failed':
      return `${approvedBy}; ${job} failed`;
    case 'rejected':
      return `rejected by ${deciderNames(state, 'reject')}`;
    case 'expired':
      return `expired at ${formatTime(state.expiresAt)}`;
    case 'cancelled':
      return state.endReason
        ? `ended by the bot: ${state.endReason}`
        : `cancelled by ${state.requester.displayName}`;
  }
}

/**
 * One person, one vote: the Entra object id when both sides have it (the same person on Teams and
 * the local page), else the platform's own id on the same platform.
 */
export function sameActor(a: Actor, b: Actor): boolean {
  if (a.aadObjectId && b.aadObjectId) return a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
  return a.platform === b.platform && a.id === b.id;
}

/** Distinct approvers; a repeated approval by the same person never counts twice. */
export function approvalCount(state: Pick<ApprovalSnapshot, 'decisions'>): number {
  return distinctDeciders(state.decisions, 'approve').length;
}

function approverNames(state: ApprovalSnapshot): string {
  return deciderNames(state, 'approve');
}

function deciderNames(state: ApprovalSnapshot, kind: Decision['decision']): string {
  const names = distinctDeciders(state.decisions, kind).map((actor) => actor.displayName);
  return names.length > 0 ? names.join(' and ') : 'nobody';
}

function distinctDeciders(decisions: readonly Decision[], kind: Decision['decision']): Actor[] {
  const actors: Actor[] = [];
  for (const decision of decisions) {
    if (decision.decision !== kind) continue;
    if (!actors.some((actor) => sameActor(actor, decision.actor))) actors.push(decision.actor);
  }
  return actors;
}

/** Cards and refusals show the clock time in UTC; chat clients are in every timezone. */
function formatTime(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}
