import { randomBytes } from 'node:crypto';
import { type AuditLog, auditContextOf } from '../audit/audit-log.js';
import type { ActionChatEvent, ChatEvent, MessageRef } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import type { View } from '../chat/view.js';
import type { ParsedCommand } from '../commands/parse-command.js';
import type { Policy } from '../config/policy.js';
import type { Logger } from '../observability/create-logger.js';
import {
  traceApprovalDecision,
  traceApprovedRun,
  withTraceContext,
} from '../observability/trace-approval.js';
import type { ApprovalRecord, StorePort } from '../store/store-port.js';
import {
  type ApprovalEvent,
  type ApprovalSnapshot,
  isTerminalApprovalState,
  sameActor,
  transition,
} from './approval-state-machine.js';
import { type ApprovalViewOptions, renderApprovalView, type StoredPlan } from './render-approval-view.js';

/** What a click did: the line for the clicker, and the request as it now stands (when it exists). */
export interface DecisionOutcome {
  message: string;
  record?: ApprovalRecord;
  /** Whether the click changed the request (false: refused, or nothing to do). */
  changed: boolean;
}

export interface ApprovalWorkflowOptions {
  store: StorePort;
  chat: ChatPort;
  policy: Policy;
  audit: AuditLog;
  log: Logger;
  now: () => Date;
  /** Runs an approved request's plan; resolves with whether it succeeded. Called once per request. */
  /** Whether the plan succeeded; undefined while it goes on after a restart (it stays executing). */
  execute: (record: ApprovalRecord, trigger: ChatEvent) => Promise<boolean | undefined>;
  /** The rules that hold across requests (one change at a time, the policy as it is now). */
  checks?: ApprovalChecks;
}

/** What the router checks for every request (src/router/change-gate.ts and the policy). */
export interface ApprovalChecks {
  /** Takes the app or VM the command changes for the request; throws the refusal when another holds it. */
  claim(requestId: string, command: ParsedCommand, requester: ActionChatEvent['actor']): Promise<void>;
  /** Why the request can no longer run as asked (a changed policy, another change in flight), if so. */
  recheck(record: ApprovalRecord): Promise<string | undefined>;
  /** The request ended: what it held is free again. */
  release(requestId: string): Promise<void>;
}

/** Conditional updates lose only to a concurrent change; after that many, something is wrong. */
const maxAttempts = 25;
/** How long a late click waits for a request just approved to start, so its answer names the job. */
const settleWaitMs = 3_000;
/** Approved to executing, and executing to its job record, take moments; this long means a process died. */
const neverStartedAfterMs = 2 * 60_000;

/**
 * Applies the approval state machine through the store. Every step is one conditional update on
 * (state, version), so duplicate clicks, platform retries and racing replicas cannot run a plan twice:
 * the loser re-reads the request and is told what happened instead.
 */
export class ApprovalWorkflow {
  constructor(private readonly options: ApprovalWorkflowOptions) {}

  /** Stores the request with its exact plan and posts the approval card. */
  async request(
    event: ChatEvent,
    command: ParsedCommand,
    planned: StoredPlan,
    settings: { approvals: number; expiryMs: number },
  ): Promise<ApprovalRecord> {
    const { store, chat, audit, now } = this.options;
    const at = now();
    const id = `apr-${randomBytes(4).toString('hex')}`;
    const requester = this.personOf(event.actor);
    // Taken before the request is stored, so two requests for one app cannot both be waiting.
    await this.options.checks?.claim(id, command, requester);
    const record: ApprovalRecord = {
      id,
      commandId: command.id,
      commandText: command.canonical,
      plan: withTraceContext(planned),
      requester,
      reason: command.reason,
      conversation: event.conversation,
      approvalsNeeded: settings.approvals,
      decisions: [],
      state: 'requested',
      version: 1,
      createdAt: at,
      updatedAt: at,
      expiresAt: new Date(at.getTime() + settings.expiryMs),
    };
    try {
      await store.insertApproval(record);
    } catch (error) {
      await this.options.checks?.release(id);
      throw error;
    }
    await audit.record({
      ...auditContextOf(event),
      kind: 'approval-state',
      ...ids(record),
      outcome: 'requested',
    });
    const message = await chat.post(event.conversation, this.render(record));
    return this.rememberCard(record, message);
  }

  /**
   * Saves where the request's card is, whatever happened to the request meanwhile: an approver (or
   * the sweep) can decide before the post returns, and a card nobody remembers is never updated
   * again. A request decided meanwhile gets its card updated now, since that decision could not.
   */
  private async rememberCard(record: ApprovalRecord, message: MessageRef): Promise<ApprovalRecord> {
    const { store } = this.options;
    let current: ApprovalRecord | undefined = record;
    for (let attempt = 0; current && attempt < 5; attempt++) {
      const saved = await store.updateApproval(current.id, { version: current.version }, { message });
      if (saved) {
        if (saved.state !== 'requested') await this.showCard(saved);
        return saved;
      }
      current = await store.getApproval(record.id);
    }
    this.options.log.warn({ approvalId: record.id }, 'could not remember where the approval card is');
    return current ?? record;
  }

  /** A click on Approve, Reject or Cancel. Returns the line to show the clicker and the request now. */
  async decide(event: ActionChatEvent, kind: 'approve' | 'reject' | 'cancel'): Promise<DecisionOutcome> {
    const approvalId = event.data.approvalId ?? '';
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const record = await this.options.store.getApproval(approvalId);
      if (!record)
        return { message: `There is no approval request ${approvalId.slice(0, 40)}.`, changed: false };
      const forged = await this.notItsCard(record, event);
      if (forged) return forged;
      const withdrawn = kind === 'approve' ? await this.withdrawIfStale(record, event) : undefined;
      if (withdrawn === 'lost-race') continue;
      if (withdrawn) return withdrawn;
      const holdsRole = this.options.policy.holds(event.actor, 'approver');
      const actor = this.personOf(event.actor);
      const input: ApprovalEvent = kind === 'cancel' ? { kind, actor } : { kind, actor, holdsRole };
      const outcome = await traceApprovalDecision(record, kind, event.actor.id, () =>
        this.step(record, input, event),
      );
      if (outcome !== 'lost-race') return outcome;
    }
    throw new Error(`Approval ${approvalId} kept changing under ${maxAttempts} attempts`);
  }

  /**
   * An Approve on a request that can no longer run as asked (the policy changed since it was asked,
   * or another change of the same app or VM holds it) ends the request with the reason instead.
   */
  private async withdrawIfStale(
    record: ApprovalRecord,
    event: ActionChatEvent,
  ): Promise<DecisionOutcome | 'lost-race' | undefined> {
    if (record.state !== 'requested' && record.state !== 'approved') return undefined;
    // Past its deadline it expires on this click, as it says; ended by the bot would be untrue.
    if (record.state === 'requested' && record.expiresAt <= this.options.now()) return undefined;
    const reason = await this.options.checks?.recheck(record);
    if (!reason) return undefined;
    const outcome = await this.step(record, { kind: 'withdraw', reason }, event);
    if (outcome === 'lost-race') return outcome;
    return { ...outcome, message: `Not approved: the request was ended, because ${reason}` };
  }

  /**
   * An actor as the person the policy says they are: on Slack (no Entra id) a member's Teams
   * object id is added, so that the same person on two platforms is one requester and one
   * approver (they can neither approve their own request from the other platform nor count twice).
   */
  private personOf<A extends ActionChatEvent['actor']>(actor: A): A {
    if (actor.aadObjectId) return actor;
    const member = this.options.policy.memberFor(actor);
    return member?.teams ? { ...actor, aadObjectId: member.teams } : actor;
  }

  /**
   * A click whose payload names another request than the card it came from (a client that edited
   * the button's data), or that names no card at all once the request has one (a Teams invoke
   * without `replyToId` could otherwise carry any approval id): refused, audited, and nothing
   * changes. Only a request whose card is not yet remembered (a click racing the post) has nothing
   * to compare.
   */
  private async notItsCard(
    record: ApprovalRecord,
    event: ActionChatEvent,
  ): Promise<DecisionOutcome | undefined> {
    const from = event.message;
    const card = record.message;
    if (!card) return undefined;
    if (!from) {
      this.options.log.warn(
        { approvalId: record.id, card: card.messageId, actor: event.actor.id },
        'a decision arrived that names no card; refused',
      );
      await this.auditDecision(event, record, 'refused: the click named no card');
      return {
        message:
          'That click did not say which card it came from, so nothing was decided. Use the buttons on the request card itself.',
        changed: false,
      };
    }
    if (from.platform === card.platform && from.messageId === card.messageId) return undefined;
    this.options.log.warn(
      { approvalId: record.id, from: from.messageId, card: card.messageId, actor: event.actor.id },
      'a decision arrived from another card than its request; refused as forged',
    );
    await this.auditDecision(event, record, 'refused: the button was not on this request card');
    return {
      message:
        'That button does not belong to this request; nothing was decided. Use the buttons on its own card.',
      changed: false,
    };
  }

  /** The request, as a card for whoever asks; with `forViewer`, the version for that one person. */
  async viewFor(
    approvalId: string,
    forViewer?: ActionChatEvent['actor'],
    notice?: string,
  ): Promise<View | undefined> {
    const record = await this.options.store.getApproval(approvalId);
    return record ? this.render(record, forViewer, notice) : undefined;
  }

  /**
   * The card of a request. Without a viewer: the version everyone sees (all buttons where the
   * platform has no personal cards). With one: only the buttons that person may use now.
   */
  render(record: ApprovalRecord, forViewer?: ActionChatEvent['actor'], notice?: string): View {
    const { policy, now } = this.options;
    const options: ApprovalViewOptions = { viewers: this.viewersOf(record), notice };
    if (forViewer) {
      const person = this.personOf(forViewer);
      const decided = record.decisions.some((d) => sameActor(d.actor, person));
      const mayDecide =
        policy.holds(forViewer, 'approver') && !sameActor(person, record.requester) && !decided;
      options.viewer = { actor: forViewer, mayDecide };
    }
    return renderApprovalView(record, now(), options);
  }

  /** Who gets a personal version of the card: everyone who may approve, and the requester. */
  private viewersOf(record: ApprovalRecord): string[] {
    const { policy } = this.options;
    const ids = policy.members
      .filter((member) => member.teams && policy.holdsRole(member, 'approver'))
      .map((member) => member.teams as string);
    if (record.requester.aadObjectId) ids.push(record.requester.aadObjectId);
    return [...new Set(ids.map((id) => id.toLowerCase()))];
  }

  /**
   * Expires every open request past its deadline, and ends requests a process left approved but
   * never started (it died between the two steps), so nothing holds its app for ever. Run on a
   * timer; safe on several replicas.
   */
  async expireDue(): Promise<number> {
    const open = await this.options.store.listApprovals({ states: ['requested'] });
    const due = open.filter((r) => r.expiresAt.getTime() <= this.options.now().getTime());
    // Another replica's sweep may expire a request first: count only the ones this sweep expired.
    let expired = 0;
    for (const record of due) {
      const outcome = await this.step(record, { kind: 'expire' }, undefined);
      if (outcome !== 'lost-race' && outcome.changed) expired += 1;
    }
    await this.endNeverStarted();
    return expired;
  }

  private async endNeverStarted(): Promise<void> {
    const { store, now } = this.options;
    const stuck = await store.listApprovals({ states: ['approved', 'executing'] });
    const cutoff = now().getTime() - neverStartedAfterMs;
    for (const record of stuck.filter((r) => r.updatedAt.getTime() < cutoff)) {
      if (record.state === 'approved') {
        const reason = 'it was approved but never started (the bot stopped in between); ask again';
        await this.step(record, { kind: 'withdraw', reason }, undefined);
      } else if (!record.jobId || !(await store.getJob(record.jobId))) {
        await this.finish(record, false, undefined);
      }
    }
  }

  /** One event on one record: transition, conditional update, then the effects. */
  private async step(
    record: ApprovalRecord,
    input: ApprovalEvent,
    event: ChatEvent | undefined,
  ): Promise<DecisionOutcome | 'lost-race'> {
    const { state: next, effects } = transition(snapshotOf(record), input, this.options.now());
    const refusal = effects.find((e) => e.kind === 'refuse');
    const ignored = effects.find((e) => e.kind === 'ignore');
    if (refusal || ignored) {
      if (event) await this.auditDecision(event, record, `refused: ${refusal?.reason ?? ignored?.reason}`);
      const reason = refusal?.reason ?? ignored?.reason ?? 'Nothing changed.';
      // A late click on a request that is starting or running is answered with where it stands
      // when the answer goes out (its job, and how that ended), never with what it was earlier.
      const latest = event && !isTerminalApprovalState(record.state) ? await this.settled(record) : record;
      if (latest === record) return { message: reason, record, changed: false };
      const now = transition(snapshotOf(latest), input, this.options.now()).effects;
      const fresh = now.find((e) => e.kind === 'refuse' || e.kind === 'ignore');
      const message = fresh && 'reason' in fresh ? fresh.reason : reason;
      return { message, record: latest, changed: false };
    }
    const updated = await this.options.store.updateApproval(
      record.id,
      { version: record.version, states: [record.state] },
      { state: next.state, decisions: [...next.decisions], jobId: next.jobId, endReason: next.endReason },
    );
    if (!updated) return 'lost-race';
    if (event)
      await this.auditDecision(
        event,
        updated,
        input.kind === 'withdraw' ? `withdrawn: ${input.reason}` : input.kind,
      );
    await this.auditState(updated, event);
    if (isTerminalApprovalState(updated.state)) await this.release(updated.id);
    await this.showCard(updated);
    const started = updated.state === 'approved' ? await this.startExecution(updated, event) : undefined;
    return {
      message: confirmation(updated, input.kind, started?.jobId),
      record: started ?? updated,
      changed: true,
    };
  }

  /**
   * The request as it is now. One just approved moves on to executing within moments (its card is
   * updated in between): wait for that, briefly, so the answer can name the job.
   */
  private async settled(record: ApprovalRecord): Promise<ApprovalRecord> {
    const deadline = Date.now() + settleWaitMs;
    let latest = (await this.options.store.getApproval(record.id)) ?? record;
    while (latest.state === 'approved' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      latest = (await this.options.store.getApproval(record.id)) ?? latest;
    }
    return latest.version === record.version ? record : latest;
  }

  /** approved -> executing, once: the conditional update is what makes "exactly once" hold. */
  private async startExecution(
    record: ApprovalRecord,
    trigger: ChatEvent | undefined,
  ): Promise<ApprovalRecord | undefined> {
    const jobId = `job-${randomBytes(4).toString('hex')}`;
    const { state: next, effects } = transition(
      snapshotOf(record),
      { kind: 'start-execution', jobId },
      this.options.now(),
    );
    if (!effects.some((e) => e.kind === 'execute') || !trigger) return undefined;
    const executing = await this.options.store.updateApproval(
      record.id,
      { version: record.version, states: ['approved'] },
      { state: next.state, jobId },
    );
    if (!executing) return undefined;
    await this.auditState(executing, trigger);
    await this.showCard(executing);
    void this.runAndFinish(executing, trigger);
    return executing;
  }

  private async runAndFinish(record: ApprovalRecord, trigger: ChatEvent): Promise<void> {
    const run = () => this.options.execute(record, trigger);
    const succeeded = await traceApprovedRun(record, run).catch((error: unknown) => {
      this.options.log.error({ err: error, approvalId: record.id }, 'approved plan failed to run');
      return false;
    });
    if (succeeded === undefined) return;
    await this.finish(record, succeeded, trigger);
  }

  /**
   * The approved plan's job ended in a process that took it up after a restart: the approval,
   * left executing by the process that ran it first, ends with it (its card and `approvals` too).
   */
  async finishResumed(approvalId: string, succeeded: boolean): Promise<void> {
    const record = await this.options.store.getApproval(approvalId);
    if (record?.state === 'executing') await this.finish(record, succeeded, undefined);
  }

  /** executing -> succeeded | failed, once, with its audit entry and card. */
  private async finish(record: ApprovalRecord, succeeded: boolean, trigger: ChatEvent | undefined) {
    const input: ApprovalEvent = succeeded ? { kind: 'execution-succeeded' } : { kind: 'execution-failed' };
    const { state: next } = transition(snapshotOf(record), input, this.options.now());
    const done = await this.options.store.updateApproval(
      record.id,
      { version: record.version, states: ['executing'] },
      { state: next.state },
    );
    if (!done) return;
    await this.auditState(done, trigger);
    await this.release(done.id);
    await this.showCard(done);
  }

  /** A stale claim is taken over by the next claimant anyway: a failed release is logged, not thrown. */
  private async release(requestId: string): Promise<void> {
    try {
      await this.options.checks?.release(requestId);
    } catch (error) {
      this.options.log.warn({ err: error, approvalId: requestId }, 'could not release what a request held');
    }
  }

  private async showCard(record: ApprovalRecord): Promise<void> {
    if (!record.message) return;
    try {
      await this.options.chat.update(record.message, this.render(record));
    } catch (error) {
      this.options.log.warn({ err: error, approvalId: record.id }, 'could not update the approval card');
    }
  }

  private auditDecision(event: ChatEvent, record: ApprovalRecord, outcome: string) {
    return this.options.audit.record({ ...auditContextOf(event), kind: 'decision', ...ids(record), outcome });
  }

  private auditState(record: ApprovalRecord, event: ChatEvent | undefined) {
    const context = event
      ? auditContextOf(event)
      : {
          actor: systemActor,
          platform: record.conversation.platform,
          channel: record.conversation.conversationId,
          origin: 'automation' as const,
          correlationId: record.id,
        };
    return this.options.audit.record({
      ...context,
      kind: 'approval-state',
      ...ids(record),
      outcome: record.state,
    });
  }
}

const systemActor = { platform: 'console' as const, id: 'recovery-bot', displayName: 'the bot' };

function ids(record: ApprovalRecord) {
  return {
    commandId: record.commandId,
    commandText: record.commandText,
    approvalId: record.id,
    jobId: record.jobId,
  };
}

function snapshotOf(record: ApprovalRecord): ApprovalSnapshot {
  return {
    state: record.state,
    requester: record.requester,
    approvalsNeeded: record.approvalsNeeded,
    decisions: record.decisions,
    expiresAt: record.expiresAt,
    jobId: record.jobId,
    endReason: record.endReason,
  };
}

function confirmation(
  record: ApprovalRecord,
  kind: ApprovalEvent['kind'],
  jobId: string | undefined,
): string {
  if (kind === 'cancel') return `Cancelled request ${record.id}.`;
  if (kind === 'reject') return `Rejected: \`${record.commandText}\` will not run.`;
  if (kind === 'expire') return `Request ${record.id} expired.`;
  const count = record.decisions.filter((d) => d.decision === 'approve').length;
  return record.state === 'requested'
    ? `Approved (${count} of ${record.approvalsNeeded}); waiting for another approver.`
    : `Approved: \`${record.commandText}\` is running${jobId ? ` as ${jobId}` : ''}.`;
}
