import type { ChatEvent } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import { parseCommand } from '../commands/parse-command.js';
import type { Policy } from '../config/policy.js';
import type { JobJournal } from '../jobs/job-journal.js';
import { runAsJob } from '../jobs/run-as-job.js';
import { commandContext } from '../observability/command-context.js';
import type { Logger } from '../observability/create-logger.js';
import { isPlannedOperation, type Operation, type PlannedOperation } from '../operations/operation.js';
import type { ApprovalRecord } from '../store/store-port.js';
import { type ContextDeps, jobOf, operationContext } from './operation-contexts.js';
import { deliver, executeApprovedPlan } from './run-operation.js';

export interface RunApprovedDeps {
  operations: ReadonlyMap<string, Operation | PlannedOperation>;
  policy: Policy;
  chat: ChatPort;
  log: Logger;
  contexts: ContextDeps;
  journal: JobJournal;
}

/**
 * Runs an approved request's stored plan (what the approvers saw, not a new plan) as the
 * requester's command, in the request's conversation, as a job. Resolves with whether it succeeded,
 * or undefined when a shutdown paused it (the next process resumes it).
 */
export async function runApprovedRequest(
  deps: RunApprovedDeps,
  record: ApprovalRecord,
  trigger: ChatEvent,
): Promise<boolean | undefined> {
  const log = deps.log.child({ correlationId: trigger.correlationId, approvalId: record.id });
  const parsed = parseCommand(record.commandText);
  const operation = deps.operations.get(record.commandId);
  if (!parsed.ok || !operation || !isPlannedOperation(operation))
    throw new Error(`Cannot run approved ${record.commandId}`);
  const context = operationContext(deps.contexts, {
    command: parsed.command,
    event: trigger,
    conversation: record.conversation,
    log,
    requester: record.requester,
  });
  context.member = deps.policy.memberFor(record.requester);
  const plan = (record.plan as { operationPlan: unknown }).operationPlan;
  const job = {
    ...jobOf(trigger, parsed.command),
    requester: record.requester,
    approvalId: record.id,
    conversation: record.conversation,
  };
  const scope = {
    event: trigger,
    commandId: record.commandId,
    commandText: record.commandText,
    approvalId: record.id,
  };
  const { view, outcome } = await commandContext.run(scope, () =>
    runAsJob(deps.journal, context, job, () => executeApprovedPlan(operation, context, plan), record.jobId),
  );
  if (view) await deliver(context.progress, deps.chat, record.conversation, view, log);
  return outcome === 'interrupted' ? undefined : outcome === 'succeeded';
}
