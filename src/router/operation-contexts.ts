import type { AzurePort } from '../azure/azure-port.js';
import type { Actor, ChatEvent, ConversationRef } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import { type ParsedCommand, parseCommand } from '../commands/parse-command.js';
import type { Policy } from '../config/policy.js';
import { JobHandle, type NewJob } from '../jobs/job-journal.js';
import { ProgressMessage } from '../jobs/progress-message.js';
import type { Logger } from '../observability/create-logger.js';
import type { OperationContext } from '../operations/operation.js';
import type { JobRecord, StorePort } from '../store/store-port.js';
import type { ChangeGate } from './change-gate.js';
import { operationClaims } from './claim-checks.js';

/**
 * What an operation is given (src/operations/operation.ts): for a typed command, for an approved
 * request (run as its requester, in its conversation), and for a job taken up after a restart.
 */
export interface ContextDeps {
  chat: ChatPort;
  policy: Policy;
  azure: AzurePort;
  store: StorePort;
  log: Logger;
  gate: ChangeGate;
  now: () => Date;
  /** The router's shutdown signal: every operation stops on it. */
  signal: AbortSignal;
  /** Least time between two updates of one progress message. */
  progressIntervalMs?: number;
}

export function operationContext(
  deps: ContextDeps,
  at: {
    command: ParsedCommand;
    event: ChatEvent;
    conversation: ConversationRef;
    log: Logger;
    /** Who private answers go to: the requester of an approved request, not its approver. */
    requester?: Actor;
  },
): OperationContext {
  const { chat, policy, azure, store } = deps;
  const { command, event, conversation, log } = at;
  const requester = at.requester ?? event.actor;
  const progress = new ProgressMessage(chat, conversation, deps.progressIntervalMs ?? 2_000, (error) =>
    log.warn({ err: error }, 'a progress update could not be delivered'),
  );
  const context: OperationContext = {
    command,
    event,
    member: policy.memberFor(event.actor),
    azure,
    store,
    policy,
    progress,
    log,
    now: deps.now,
    signal: deps.signal,
    // To the person who asked, whoever approved: secrets never go to the channel.
    postPrivately: (view) => chat.postPrivate(requester, conversation, view),
    post: (view) => chat.post(conversation, view),
    update: (message, view) => chat.update(message, view),
    claims: operationClaims(deps.gate, () => context),
  };
  return context;
}

/** A job left running by a stopped process, as its operation resumes it; undefined if it no longer parses. */
export function resumeContext(
  deps: ContextDeps,
  job: JobRecord,
  conversation: ConversationRef,
): OperationContext | undefined {
  const parsed = parseCommand(job.commandText);
  if (!parsed.ok) return undefined;
  const event: ChatEvent = {
    kind: 'text',
    text: job.commandText,
    platform: conversation.platform,
    actor: job.requester,
    conversation,
    origin: 'automation',
    correlationId: job.correlationId,
    receivedAt: deps.now(),
  };
  const log = deps.log.child({ correlationId: job.correlationId, jobId: job.id });
  const context = operationContext(deps, { command: parsed.command, event, conversation, log });
  context.job = new JobHandle(job, deps.store, log);
  return context;
}

/** The job record of a changing command, as asked. */
export function jobOf(event: ChatEvent, command: ParsedCommand): NewJob {
  return {
    commandId: command.id,
    commandText: command.canonical,
    requester: event.actor,
    correlationId: event.correlationId,
    conversation: event.conversation,
  };
}
