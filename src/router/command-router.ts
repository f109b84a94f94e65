import { randomUUID } from 'node:crypto';
import type { AzurePort } from '../azure/azure-port.js';
import type { ActionChatEvent, ChatEvent } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { type ParsedCommand, parseCommand } from '../commands/parse-command.js';
import type { Policy } from '../config/policy.js';
import { ProgressMessage } from '../jobs/progress-message.js';
import type { Logger } from '../observability/create-logger.js';
import type { Metrics } from '../observability/metrics.js';
import {
  isPlannedOperation,
  type Operation,
  type OperationContext,
  type PlannedOperation,
} from '../operations/operation.js';
import { authorizeCommand } from './authorize-command.js';
import { describeFailure } from './describe-failure.js';

export interface CommandRouterOptions {
  chat: ChatPort;
  azure: AzurePort;
  policy: Policy;
  operations: ReadonlyMap<string, Operation | PlannedOperation>;
  log: Logger;
  metrics: Metrics;
  /** Least time between two updates of one progress message. */
  progressIntervalMs?: number;
  now?: () => Date;
}

/** What the platform should show on the clicked card after a button click. */
export interface ActionOutcome {
  /** A short acknowledgement (Teams shows it as a toast, the console as a line). */
  message: string;
}

/**
 * ChatEvent -> parse -> authorize -> run the operation -> replies. Platform-neutral: adapters hand
 * it events and give it a ChatPort; it never sees a platform payload.
 */
export class CommandRouter {
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private draining = false;

  constructor(private readonly options: CommandRouterOptions) {}

  /** Handles a typed command to the end (all replies sent). Never rejects. */
  handle(event: ChatEvent): Promise<void> {
    if (this.draining) return this.refuseWhileDraining(event);
    const text = event.kind === 'text' ? event.text : commandTextOf(event);
    const task = this.run(event, text);
    this.running.add(task);
    return task.finally(() => this.running.delete(task));
  }

  /** Handles a button click: starts its command and answers at once, for the platform's invoke response. */
  handleAction(event: ActionChatEvent): ActionOutcome {
    const text = commandTextOf(event);
    if (text === undefined)
      return { message: 'This button is no longer supported; type the command instead.' };
    void this.handle(event);
    return { message: `Requested \`${text.slice(0, 80)}\`; the answer follows.` };
  }

  /**
   * Stops taking commands (newcomers are told to retry), waits up to `graceMs` for the ones in flight,
   * then aborts what is left and gives it `abortWaitMs` to roll back or report before returning.
   */
  async drain(graceMs: number, abortWaitMs = 5_000): Promise<void> {
    this.draining = true;
    const all = Promise.allSettled([...this.running]);
    if (await settlesWithin(all, graceMs)) return;
    this.abort.abort(new Error('The bot is shutting down.'));
    await settlesWithin(all, abortWaitMs);
  }

  private async refuseWhileDraining(event: ChatEvent): Promise<void> {
    const view: View = {
      kind: 'restarting',
      title: 'The bot is restarting',
      tone: 'warning',
      summary:
        'It is finishing the commands already running and takes no new ones. Run yours again in a minute.',
    };
    await this.options.chat.post(event.conversation, view).catch((error: unknown) => {
      this.options.log.warn({ err: error }, 'could not tell a user the bot is restarting');
    });
  }

  private async run(event: ChatEvent, text: string | undefined): Promise<void> {
    const { log: rootLog, metrics } = this.options;
    const log = rootLog.child({
      correlationId: event.correlationId,
      platform: event.platform,
      actor: event.actor.id,
    });
    const started = process.hrtime.bigint();
    let commandId = 'unparsed';
    let outcome = 'error';
    try {
      const parsed = parseCommand(text ?? '');
      if (!parsed.ok) {
        outcome = 'invalid';
        await this.options.chat.post(event.conversation, invalidView(parsed.message, parsed.suggestions));
        return;
      }
      commandId = parsed.command.id;
      log.info(
        {
          command: commandId,
          origin: event.origin,
          dryRun: parsed.command.dryRun,
          reason: parsed.command.reason,
        },
        'command received',
      );
      outcome = await this.execute(event, parsed.command, log);
    } catch (error) {
      log.error({ err: error }, 'command failed before it could answer');
    } finally {
      metrics.commands.inc({ command: commandId, outcome });
      metrics.commandSeconds.observe({ command: commandId }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private async execute(event: ChatEvent, command: ParsedCommand, log: Logger): Promise<string> {
    const { chat, policy } = this.options;
    const refusal = authorizeCommand(policy, event.actor, command);
    if (refusal) {
      log.info({ command: command.id, reason: refusal.summary }, 'command refused');
      await chat.postPrivate(event.actor, event.conversation, refusal);
      return 'refused';
    }
    const operation = this.options.operations.get(command.id);
    if (!operation) throw new Error(`No operation registered for available command ${command.id}`);
    const progress = new ProgressMessage(
      chat,
      event.conversation,
      this.options.progressIntervalMs ?? 2_000,
      (error) => log.warn({ err: error }, 'a progress update could not be delivered'),
    );
    const context = {
      command,
      event,
      member: policy.memberFor(event.actor),
      azure: this.options.azure,
      progress,
      log,
      now: this.options.now ?? (() => new Date()),
      signal: this.abort.signal,
    };
    const { view, outcome } = await runOperation(operation, context, command);
    await deliver(progress, chat, event, view, log);
    return outcome;
  }
}

/** Runs the operation; its failure becomes the view to show (DESIGN.md, "Errors"). */
async function runOperation(
  operation: Operation | PlannedOperation,
  context: OperationContext,
  command: ParsedCommand,
): Promise<{ view: View; outcome: string }> {
  try {
    const view = isPlannedOperation(operation)
      ? await runPlanned(operation, context)
      : await operation(context);
    return { view, outcome: view.tone === 'attention' ? 'failed' : 'succeeded' };
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
        'operation refused by a check or by Azure',
      );
    return { view: failure.view, outcome: failure.unexpected ? 'error' : 'failed' };
  }
}

/** Plan, then (unless it is a dry run or there is nothing to do) run exactly that plan. */
async function runPlanned(operation: PlannedOperation, context: OperationContext): Promise<View> {
  const { plan, view, nothingToDo } = await operation.plan(context);
  if (nothingToDo) return view;
  if (context.command.dryRun) return dryRunView(view, context.command);
  return operation.execute(context, plan);
}

function dryRunView(plan: View, command: ParsedCommand): View {
  const runIt = command.canonical.replace(/\s*--dry-run\b/, '');
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
async function deliver(progress: ProgressMessage, chat: ChatPort, event: ChatEvent, view: View, log: Logger) {
  try {
    await progress.finish(view);
  } catch (error) {
    log.warn({ err: error }, 'could not update the progress message with the outcome; posting it anew');
    try {
      await chat.post(event.conversation, view);
    } catch (again) {
      log.error({ err: again, outcome: view.title }, 'the outcome could not be delivered to the chat');
    }
  }
}

function commandTextOf(event: ChatEvent): string | undefined {
  if (event.kind === 'text') return event.text;
  return event.verb === 'run' && typeof event.data.command === 'string' ? event.data.command : undefined;
}

function invalidView(message: string, suggestions: string[]): View {
  return new UserFacingError(message, {
    title: "I didn't get that",
    nextStep: suggestions.length === 0 ? 'Type `help` for the list of commands.' : undefined,
  }).toView();
}

/** A short random id users can quote ("ref 3f9c1a2b") and we can find in the logs. */
export function newCorrelationId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 12);
}

function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void work.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
