import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { ApprovalWorkflow } from '../approvals/approval-workflow.js';
import { approvalViewVerb } from '../approvals/render-approval-view.js';
import { type AuditLog, auditContextOf } from '../audit/audit-log.js';
import type { AzurePort } from '../azure/azure-port.js';
import type { ActionChatEvent, Actor, ChatEvent, ConversationRef } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { type ParsedCommand, parseCommand } from '../commands/parse-command.js';
import { renderWelcome } from '../commands/render-welcome.js';
import type { Policy } from '../config/policy.js';
import { JobHandle, JobJournal, type JobLeases, type NewJob } from '../jobs/job-journal.js';
import { ProgressMessage } from '../jobs/progress-message.js';
import { resumeJobs } from '../jobs/resume-jobs.js';
import { type JobOutcome, runAsJob } from '../jobs/run-as-job.js';
import { commandContext } from '../observability/command-context.js';
import type { Logger } from '../observability/create-logger.js';
import type { Metrics } from '../observability/metrics.js';
import { traceApprovalRequest } from '../observability/trace-approval.js';
import { describeCommandSpan, traceCommand } from '../observability/trace-command.js';
import {
  isPlannedOperation,
  type Operation,
  type OperationContext,
  type PlannedOperation,
  type ResumeOperation,
} from '../operations/operation.js';
import type { ApprovalRecord, JobRecord, StorePort } from '../store/store-port.js';
import { authorizeCommand } from './authorize-command.js';
import { ChangeGate, describeConflict } from './change-gate.js';
import { operationClaims, recheckRequest } from './claim-checks.js';
import { type ChangeLimits, ChangeRateLimiter } from './rate-limit-changes.js';
import {
  deliver,
  executeApprovedPlan,
  type RequestApproval,
  runOperation,
  withoutDryRun,
} from './run-operation.js';

export interface CommandRouterOptions {
  chat: ChatPort;
  azure: AzurePort;
  policy: Policy;
  store: StorePort;
  audit: AuditLog;
  operations: ReadonlyMap<string, Operation | PlannedOperation>;
  /** How changing operations continue after a restart (command id -> resume). */
  resumers: ReadonlyMap<string, ResumeOperation>;
  log: Logger;
  metrics: Metrics;
  /** Least time between two updates of one progress message. */
  progressIntervalMs?: number;
  now?: () => Date;
  /** This process's id and job lease length (several replicas on one database). */
  jobLeases?: Partial<JobLeases>;
  /** Changing commands per minute per person and per channel (default 20 and 60). */
  changeLimits?: ChangeLimits;
}

/** What the platform should show the clicker after a button click. */
export interface ActionOutcome {
  /** A short acknowledgement (Teams shows it as a toast, the console as a line). */
  message: string;
  /**
   * The card as the clicker should now see it (Teams replaces the clicked card with it): the
   * approval after their decision, or their own version of it. Absent for buttons that run a
   * command, whose answer comes as a new message.
   */
  view?: View;
}

const approvalVerbs = {
  'approval.approve': 'approve',
  'approval.reject': 'reject',
  'approval.cancel': 'cancel',
} as const;

/**
 * ChatEvent -> parse -> authorize -> approve-or-execute -> replies. Platform-neutral: adapters hand
 * it events and give it a ChatPort; it never sees a platform payload.
 */
export class CommandRouter {
  private readonly running = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private readonly now: () => Date;
  private readonly workflow: ApprovalWorkflow;
  private readonly journal: JobJournal;
  private readonly changeLimiter: ChangeRateLimiter;
  private readonly gate: ChangeGate;
  private draining = false;

  constructor(private readonly options: CommandRouterOptions) {
    this.now = options.now ?? (() => new Date());
    // Every running job listens for the shutdown on this one signal: hundreds at once are normal.
    setMaxListeners(0, this.abort.signal);
    this.journal = new JobJournal(options.store, options.log, this.now, options.jobLeases);
    this.changeLimiter = new ChangeRateLimiter(options.changeLimits ?? { perPerson: 20, perChannel: 60 });
    this.gate = new ChangeGate(options.store, this.now);
    this.workflow = new ApprovalWorkflow({
      ...options,
      now: this.now,
      execute: (record, trigger) => this.track(this.runApproved(record, trigger)),
      checks: {
        claim: async (id, command, requester) => {
          const holder = { id, commandId: command.id, commandText: command.canonical, requester };
          const conflict = await this.gate.claim(command, holder);
          if (conflict) throw describeConflict(conflict, holder);
        },
        recheck: (record) => recheckRequest(this.options.policy, this.gate, record),
        release: (id) => this.gate.release(id),
      },
    });
  }

  /** Handles a typed command to the end (all replies sent). Never rejects. */
  handle(event: ChatEvent): Promise<void> {
    if (this.draining) return this.refuseWhileDraining(event.conversation);
    return this.track(traceCommand(event, () => this.runOnce(event)));
  }

  /** A platform retry (same delivery id) is answered by the first delivery, not run again. */
  private async runOnce(event: ChatEvent): Promise<void> {
    const { store, log } = this.options;
    try {
      if (
        event.deliveryId &&
        !(await store.claimIdempotencyKey(deliveryKey(event), deliveryKeyTtlMs, this.now()))
      ) {
        log.info(
          { deliveryId: event.deliveryId, correlationId: event.correlationId },
          'duplicate delivery ignored',
        );
        return;
      }
      // Kept for proactive messages later (alerts, results after a restart).
      await store.saveConversation(event.conversation);
    } catch (error) {
      log.warn({ err: error }, 'the store is not answering; running the command without its bookkeeping');
    }
    await this.run(event, event.kind === 'text' ? event.text : commandTextOf(event));
  }

  /** A button click: a decision on an approval card, or a command to run. Answers at once. */
  async handleAction(event: ActionChatEvent): Promise<ActionOutcome> {
    const decision = approvalVerbs[event.verb as keyof typeof approvalVerbs];
    if (decision) return this.track(this.decide(event, decision));
    if (event.verb === approvalViewVerb) {
      const view = await this.workflow.viewFor(event.data.approvalId ?? '', event.actor);
      return view
        ? { message: '', view }
        : { message: `There is no approval request ${(event.data.approvalId ?? '').slice(0, 40)}.` };
    }
    const text = commandTextOf(event);
    if (text === undefined)
      return { message: 'This button is no longer supported; type the command instead.' };
    void this.handle(event);
    return { message: `Requested \`${text.slice(0, 80)}\`; the answer follows.` };
  }

  private async decide(
    event: ActionChatEvent,
    decision: (typeof approvalVerbs)[keyof typeof approvalVerbs],
  ): Promise<ActionOutcome> {
    const approvalId = event.data.approvalId ?? '';
    if (this.draining) {
      const message = 'The bot is restarting; decide again in a minute.';
      return { message, view: await this.workflow.viewFor(approvalId, event.actor, message) };
    }
    // A platform retry of the same click (Teams re-sends an invoke it got no answer to) is told
    // where things stand; it neither counts again nor fills the audit with refusals.
    if (
      event.deliveryId &&
      !(await this.options.store.claimIdempotencyKey(actionKey(event), deliveryKeyTtlMs, this.now()))
    ) {
      this.options.log.info({ deliveryId: event.deliveryId, approvalId }, 'duplicate click ignored');
      const message = 'That click was already received.';
      return { message, view: await this.workflow.viewFor(approvalId, event.actor, message) };
    }
    const outcome = await this.workflow.decide(event, decision);
    if (!outcome.record) return { message: outcome.message };
    const notice = outcome.changed ? outcome.message : `Not done: ${outcome.message}`;
    return {
      message: outcome.changed ? outcome.message : notice,
      view: this.workflow.render(outcome.record, event.actor, notice),
    };
  }

  /** Greets a conversation the bot was just added to, once (installs arrive as several events). */
  async welcome(conversation: ConversationRef): Promise<void> {
    const key = `welcome:${conversation.platform}:${conversation.conversationId}`;
    if (!(await this.options.store.claimIdempotencyKey(key, deliveryKeyTtlMs, this.now()))) return;
    await this.options.store.saveConversation(conversation);
    await this.options.chat.post(conversation, renderWelcome());
  }

  /**
   * Takes up jobs left running: at start every one (`all`, the only process on SQLite), or, on a
   * timer, those whose owner stopped renewing its lease (`expired`, a replica died).
   */
  resumeJobs(scope: 'all' | 'expired' = 'all'): Promise<number> {
    if (this.draining) return Promise.resolve(0);
    const { chat, resumers, log } = this.options;
    return this.track(
      resumeJobs({
        scope,
        journal: this.journal,
        resumers,
        chat,
        log,
        contextFor: (job, conversation) => this.resumeContext(job.current, conversation),
        deliver: (context, view) =>
          deliver(context.progress, chat, context.event.conversation, view, context.log),
        finished: async (job, state) => {
          if (job.approvalId) await this.workflow.finishResumed(job.approvalId, state === 'succeeded');
          await this.gate.release(job.id);
        },
      }),
    );
  }

  /** The job heartbeat: this process still runs its jobs (called on a timer). */
  renewJobLeases(): Promise<number> {
    return this.journal.renewLeases();
  }

  /** Expires overdue approval requests (called on a timer). */
  expireApprovals(): Promise<number> {
    return this.workflow.expireDue();
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

  private track<T>(task: Promise<T>): Promise<T> {
    this.running.add(task);
    return task.finally(() => this.running.delete(task));
  }

  private async refuseWhileDraining(conversation: ConversationRef): Promise<void> {
    const view: View = {
      kind: 'restarting',
      title: 'The bot is restarting',
      tone: 'warning',
      summary:
        'It is finishing the commands already running and takes no new ones. Run yours again in a minute.',
    };
    await this.options.chat.post(conversation, view).catch((error: unknown) => {
      this.options.log.warn({ err: error }, 'could not tell a user the bot is restarting');
    });
  }

  private async run(event: ChatEvent, text: string | undefined): Promise<void> {
    const log = this.options.log.child({
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
        await this.auditQuietly(
          event,
          { kind: 'command', commandText: (text ?? '').slice(0, 200), outcome },
          log,
        );
        await this.options.chat.post(event.conversation, invalidView(parsed.message, parsed.suggestions));
        return;
      }
      commandId = parsed.command.id;
      const { dryRun, reason } = parsed.command;
      log.info({ command: commandId, origin: event.origin, dryRun, reason }, 'command received');
      outcome = await this.execute(event, parsed.command, log);
    } catch (error) {
      const failure = error instanceof UserFacingError ? error.toView() : undefined;
      log.error({ err: error }, 'command failed before it could answer');
      if (failure) {
        await this.options.chat.post(event.conversation, failure).catch((again: unknown) => {
          log.error({ err: again }, 'could not tell the user either');
        });
      }
    } finally {
      describeCommandSpan(commandId, outcome);
      this.options.metrics.commands.inc({ command: commandId, outcome });
      this.options.metrics.commandSeconds.observe(
        { command: commandId },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }

  private async execute(event: ChatEvent, command: ParsedCommand, log: Logger): Promise<string> {
    const { chat, policy } = this.options;
    const audited = { commandId: command.id, commandText: command.canonical };
    const changes = command.spec.sideEffects === 'change' && !command.dryRun;
    const refusal =
      authorizeCommand(policy, event.actor, command, event.conversation.conversationId) ??
      (changes && event.origin !== 'automation' ? this.changeLimiter.take(event, this.now()) : undefined);
    const busy = !refusal && changes ? await this.gate.conflictFor(command) : undefined;
    if (busy) {
      // Said in the channel, not privately: whoever else is about to ask learns it too.
      const view = describeConflict(busy, { commandText: command.canonical }).toView();
      log.info({ command: command.id, holder: busy.claim.holder }, 'command refused: one change at a time');
      await this.auditQuietly(event, { kind: 'refusal', ...audited, outcome: view.summary ?? 'busy' }, log);
      await chat.post(event.conversation, view);
      return 'refused';
    }
    if (refusal) {
      log.info({ command: command.id, reason: refusal.summary }, 'command refused');
      await this.auditQuietly(
        event,
        { kind: 'refusal', ...audited, outcome: refusal.summary ?? 'refused' },
        log,
      );
      await chat.postPrivate(event.actor, event.conversation, refusal).catch((error: unknown) => {
        log.warn({ err: error }, 'a refusal could not be shown privately');
      });
      return 'refused';
    }
    // A change that cannot be audited does not run: this throws (StoreUnavailableError) for changes,
    // after noting the outcome (the audit log keeps both until the store answers again).
    if (changes)
      await this.options.audit
        .record({ ...auditContextOf(event), kind: 'command', ...audited, outcome: 'accepted' })
        .catch(async (error: unknown) => {
          await this.auditQuietly(event, { kind: 'command', ...audited, outcome: 'error' }, log);
          throw error;
        });
    else await this.auditQuietly(event, { kind: 'command', ...audited, outcome: 'accepted' }, log);
    const operation = this.options.operations.get(command.id);
    if (!operation) throw new Error(`No operation registered for available command ${command.id}`);
    const context = this.contextFor(command, event, event.conversation, log);
    const settings = policy.settingsFor(command.id);
    const requestApproval: RequestApproval | undefined =
      settings.approvals > 0
        ? async (planned) => {
            await traceApprovalRequest(() =>
              this.workflow.request(
                event,
                command,
                { operationPlan: planned.plan, view: planned.view },
                settings,
              ),
            );
          }
        : undefined;
    const scope = { event, commandId: command.id, commandText: command.canonical };
    const run = () => runOperation(operation, context, requestApproval);
    const asJob = changes && !(requestApproval && isPlannedOperation(operation));
    let ran: JobOutcome;
    try {
      ran = await commandContext.run(scope, () =>
        asJob ? runAsJob(this.journal, context, jobOf(event, command), run) : run(),
      );
    } catch (error) {
      // An accepted change that stopped before an answer (its job could not be recorded) still
      // gets its outcome in the audit, so no "accepted" stands alone.
      if (changes) await this.auditQuietly(event, { kind: 'command', ...audited, outcome: 'error' }, log);
      throw error;
    }
    const { outcome } = ran;
    // A job that ended holds nothing any more; one paused by a shutdown keeps it for its resumption.
    if (asJob && context.job && outcome !== 'interrupted')
      await this.gate.release(context.job.id).catch((error: unknown) => {
        log.warn({ err: error }, 'could not release what a job held; the next claimant takes it over');
      });
    const view = command.dryRun && ran.view ? await this.withBusyNote(command, ran.view) : ran.view;
    if (view) await deliver(context.progress, chat, event.conversation, view, log);
    if (changes) await this.auditQuietly(event, { kind: 'command', ...audited, outcome }, log);
    return outcome;
  }

  /** Runs an approved request's stored plan, as the requester's command, in the request's conversation. */
  private async runApproved(record: ApprovalRecord, trigger: ChatEvent): Promise<boolean | undefined> {
    const log = this.options.log.child({ correlationId: trigger.correlationId, approvalId: record.id });
    const parsed = parseCommand(record.commandText);
    const operation = this.options.operations.get(record.commandId);
    if (!parsed.ok || !operation || !isPlannedOperation(operation))
      throw new Error(`Cannot run approved ${record.commandId}`);
    const context = this.contextFor(parsed.command, trigger, record.conversation, log, record.requester);
    context.member = this.options.policy.memberFor(record.requester);
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
      runAsJob(this.journal, context, job, () => executeApprovedPlan(operation, context, plan), record.jobId),
    );
    if (view) await deliver(context.progress, this.options.chat, record.conversation, view, log);
    return outcome === 'interrupted' ? undefined : outcome === 'succeeded';
  }

  private contextFor(
    command: ParsedCommand,
    event: ChatEvent,
    conversation: ConversationRef,
    log: Logger,
    requester: Actor = event.actor,
  ): OperationContext {
    const { chat, policy, azure, store } = this.options;
    const progress = new ProgressMessage(
      chat,
      conversation,
      this.options.progressIntervalMs ?? 2_000,
      (error) => log.warn({ err: error }, 'a progress update could not be delivered'),
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
      now: this.now,
      signal: this.abort.signal,
      // To the person who asked, whoever approved: secrets never go to the channel.
      postPrivately: (view) => chat.postPrivate(requester, conversation, view),
      post: (view) => chat.post(conversation, view),
      update: (message, view) => chat.update(message, view),
      claims: operationClaims(this.gate, () => context),
    };
    return context;
  }

  /** A dry run says when the change itself would be refused now, and why. */
  private async withBusyNote(command: ParsedCommand, view: View): Promise<View> {
    const conflict = await this.gate.conflictFor(command);
    if (!conflict) return view;
    const refusal = describeConflict(conflict, {
      commandText: withoutDryRun(command),
    });
    return { ...view, notes: [...(view.notes ?? []), `Not now: ${refusal.message}`] };
  }

  private resumeContext(job: JobRecord, conversation: ConversationRef): OperationContext | undefined {
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
      receivedAt: this.now(),
    };
    const log = this.options.log.child({ correlationId: job.correlationId, jobId: job.id });
    const context = this.contextFor(parsed.command, event, conversation, log);
    context.job = new JobHandle(job, this.options.store, log);
    return context;
  }

  /** For reads and refusals: a lost audit entry is logged, and the answer still goes out. */
  private async auditQuietly(
    event: ChatEvent,
    entry: { kind: 'command' | 'refusal'; commandId?: string; commandText?: string; outcome: string },
    log: Logger,
  ): Promise<void> {
    try {
      await this.options.audit.record({ ...auditContextOf(event), ...entry });
    } catch (error) {
      log.warn({ err: error }, 'audit entry lost for a read or refusal');
    }
  }
}

/** Bot Framework and Slack retry for minutes at most; a day is ample and keeps the table small. */
const deliveryKeyTtlMs = 24 * 3_600_000;

function deliveryKey(event: ChatEvent): string {
  return `delivery:${event.platform}:${event.conversation.conversationId}:${event.deliveryId}`;
}

function actionKey(event: ActionChatEvent): string {
  return `click:${event.platform}:${event.conversation.conversationId}:${event.deliveryId}`;
}

function jobOf(event: ChatEvent, command: ParsedCommand): NewJob {
  return {
    commandId: command.id,
    commandText: command.canonical,
    requester: event.actor,
    correlationId: event.correlationId,
    conversation: event.conversation,
  };
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
