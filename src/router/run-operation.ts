import type { ChatEvent } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import type { ParsedCommand } from '../commands/parse-command.js';
import type { ProgressMessage } from '../jobs/progress-message.js';
import type { JobOutcome } from '../jobs/run-as-job.js';
import type { Logger } from '../observability/create-logger.js';
import {
  isPlannedOperation,
  type Operation,
  type OperationContext,
  type PlannedOperation,
} from '../operations/operation.js';
import { StoreUnavailableError } from '../store/store-errors.js';
import { describeFailure } from './describe-failure.js';

/** What to do with a plan that needs approvers: post the request card instead of running it. */
export type RequestApproval = (planned: { plan: unknown; view: View }) => Promise<void>;

/**
 * Runs the operation; its failure becomes the view to show (DESIGN.md, "Errors"). Returns no view
 * when the answer was already given (the approval card).
 */
export function runOperation(
  operation: Operation | PlannedOperation,
  context: OperationContext,
  requestApproval: RequestApproval | undefined,
): Promise<JobOutcome> {
  const { command } = context;
  return runSafely(context, async () => {
    if (!isPlannedOperation(operation)) {
      if (!command.dryRun) await context.claims?.verify();
      return outcomeOf(await operation(context));
    }
    const { plan, view, nothingToDo } = await operation.plan(context);
    if (nothingToDo) return outcomeOf(view);
    if (command.dryRun) return outcomeOf(dryRunView(view, command));
    if (!requestApproval) {
      await context.claims?.verify();
      return outcomeOf(await operation.execute(context, plan));
    }
    await requestApproval({ plan, view });
    return { view: undefined, outcome: 'approval-requested' };
  });
}

/** Runs an approved plan exactly as stored. */
export function executeApprovedPlan(
  operation: PlannedOperation,
  context: OperationContext,
  plan: unknown,
): Promise<JobOutcome> {
  return runSafely(context, async () => {
    // Taken when it was requested; checked again now (a claim of a request from before the rule,
    // or one another process took over as stale, is taken here or refused).
    await context.claims?.verify();
    return outcomeOf(await operation.execute(context, plan));
  });
}

async function runSafely(context: OperationContext, run: () => Promise<JobOutcome>): Promise<JobOutcome> {
  const { command } = context;
  try {
    return await run();
  } catch (error) {
    const failure = describeFailure(
      error,
      context.event.correlationId,
      command.spec.sideEffects === 'change',
    );
    if (failure.unexpected) context.log.error({ err: error, command: command.id }, 'operation failed');
    else
      context.log.info(
        { command: command.id, reason: failure.view.summary },
        'refused by a check or by Azure',
      );
    return {
      view: failure.view,
      outcome: failure.unexpected ? 'error' : 'failed',
      // The bot's own answer with a reason (a check, or a refusal of Azure's it explains); not Azure
      // failing, throttling or out of reach, and not the bot's store failing.
      refused: error instanceof UserFacingError && !(error instanceof StoreUnavailableError),
    };
  }
}

function outcomeOf(view: View): { view: View; outcome: string } {
  return { view, outcome: view.tone === 'attention' ? 'failed' : 'succeeded' };
}

/** The command as it would run for real: its canonical text without `--dry-run`. */
export function withoutDryRun(command: ParsedCommand): string {
  return command.canonical.replace(/\s*--dry-run\b/, '');
}

function dryRunView(plan: View, command: ParsedCommand): View {
  const runIt = withoutDryRun(command);
  return {
    ...plan,
    title: `Dry run: ${plan.title}`,
    summary: `${plan.summary ?? ''} Nothing was changed.`.trim(),
    notes: [...(plan.notes ?? []), `Run it: \`${runIt}\`.`],
  };
}

/**
 * Delivers the outcome: in place of the progress message, or as a new message if that update fails.
 * A chat platform failing here says nothing about the operation, which is done either way.
 */
export async function deliver(
  progress: ProgressMessage,
  chat: ChatPort,
  conversation: ChatEvent['conversation'],
  view: View,
  log: Logger,
): Promise<void> {
  try {
    await progress.finish(view);
  } catch (error) {
    log.warn({ err: error }, 'could not update the progress message with the outcome; posting it anew');
    try {
      await chat.post(conversation, view);
    } catch (again) {
      log.error({ err: again, outcome: view.title }, 'the outcome could not be delivered to the chat');
    }
  }
}
