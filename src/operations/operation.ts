import type { AzurePort } from '../azure/azure-port.js';
import type { ChatEvent, MessageRef } from '../chat/chat-event.js';
import type { View } from '../chat/view.js';
import type { ParsedCommand } from '../commands/parse-command.js';
import type { Policy, PolicyMember } from '../config/policy.js';
import type { JobHandle } from '../jobs/job-journal.js';
import type { ProgressMessage } from '../jobs/progress-message.js';
import type { Logger } from '../observability/create-logger.js';
import type { StorePort } from '../store/store-port.js';

/** What an operation gets: the parsed command, who asked, Azure, and its message to show progress in. */
export interface OperationContext {
  command: ParsedCommand;
  event: ChatEvent;
  member: PolicyMember | undefined;
  azure: AzurePort;
  /** Durable state (approvals, jobs, audit), for the commands that read it. */
  store: StorePort;
  policy: Policy;
  progress: ProgressMessage;
  log: Logger;
  now(): Date;
  signal: AbortSignal;
  /**
   * Shows a view to the person who asked for the command and nobody else (a file-restore script
   * and its password): ephemeral on Slack, their own chat with the bot on Teams. Never audited.
   */
  postPrivately(view: View): Promise<void>;
  /**
   * Posts a further message where the command was given (its thread), besides the progress card:
   * a manual action to confirm, a reminder. Audited like every answer in a channel. Resolves with
   * the message, so the operation (or its resumption after a restart) can `update` it later.
   */
  post(view: View): Promise<MessageRef>;
  /** Replaces a message `post` made (a manual step's card once the step is done). */
  update(message: MessageRef, view: View): Promise<void>;
  /**
   * One change at a time (src/router/change-gate.ts): the app or VM this job changes, checked again
   * just before Azure is asked. Absent in contexts that change nothing.
   */
  claims?: OperationClaims;
  /** The job record of a changing operation (not for reads or dry runs): save what a restart needs. */

  job?: JobHandle;
}

export interface OperationClaims {
  /** Throws the refusal (a UserFacingError) when another request or job holds what this one changes. */
  verify(): Promise<void>;
  /** Takes one more scope for this job (`cleanup:shop`, a drill's own cleanup); false when another holds it. */
  take(scope: string): Promise<boolean>;
}

/** An operation returns its final View; the router delivers it in place of any progress shown. */
export type Operation = (context: OperationContext) => Promise<View>;

/**
 * An operation in two steps, so a plan can be shown (--dry-run), approved, and then run exactly as
 * approved: `plan` resolves everything and changes nothing; `execute` re-checks that the plan still
 * holds, then runs it. The plan is JSON, so it can be stored with the approval request.
 */
export interface PlannedOperation<P = unknown> {
  /** `nothingToDo`: the view is the whole answer (e.g. nothing old enough to prune); no request, no run. */
  plan(context: OperationContext): Promise<{ plan: P; view: View; nothingToDo?: boolean }>;
  execute(context: OperationContext, plan: P): Promise<View>;
}

/**
 * How a changing operation continues after the bot was killed mid-way: from the handle it saved
 * in its job record, it finds out from Azure what got done and finishes the rest.
 */
export type ResumeOperation = (context: OperationContext, handle: unknown) => Promise<View>;

export function isPlannedOperation(operation: Operation | PlannedOperation): operation is PlannedOperation {
  return typeof operation === 'object' && 'plan' in operation && 'execute' in operation;
}
