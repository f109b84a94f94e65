import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { ApprovalWorkflow } from '../approvals/approval-workflow.js';
import { type AuditLog, auditContextOf } from '../audit/audit-log.js';
import type { AzurePort } from '../azure/azure-port.js';
import type { ActionChatEvent, ChatEvent, ConversationRef } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { type ParsedCommand, parseCommand } from '../commands/parse-command.js';
import { renderWelcome } from '../commands/render-welcome.js';
import type { Policy } from '../config/policy.js';
import { JobJournal, type JobLeases } from '../jobs/job-journal.js';
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
  type PlannedOperation,
  type ResumeOperation,
} from '../operations/operation.js';
import type { StorePort } from '../store/store-port.js';
import { authorizeCommand } from './authorize-command.js';
import { ChangeGate, describeConflict } from './change-gate.js';
import { recheckRequest } from './claim-checks.js';
import {
  type ActionOutcome,
  type ButtonDeps,
  commandTextOf,
  deliveryKeyTtlMs,
  handleButton,
} from './handle-button.js';
import { nameByPolicy } from './name-by-policy.js';
import { type ContextDeps, jobOf, operationContext, resumeContext } from './operation-contexts.js';
import { personKeyOf } from './person-key.js';
import { type ChangeLimits, ChangeRateLimiter } from './rate-limit-changes.js';
import { ReadRateLimiter } from './rate-limit-reads.js';
import { runApprovedRequest } from './run-approved.js';
import { deliver, type RequestApproval, runOperation, withoutDryRun } from './run-operation.js';

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
  /** Reads and dry runs per minute per person (default 60). */
  readsPerPerson?: number;
}

/**
 * ChatEvent -> parse -> authorize -> approve-or-execute -> replies. Platform-neutral: adapters hand
 * it events and give it a ChatPort; it never sees a platform payload. Button clicks are in
 * handle-button.ts, approved requests run in run-approved.ts, what an operation is given is built in
 * operation-contexts.ts, and one change at a time is kept in change-gate.ts.
 */
export class CommandRouter {
  private readonly running = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();
  private readonly now: () => Date;
  private readonly workflow: ApprovalWorkflow;
  private readonly journal: JobJournal;
  private readonly changeLimiter: ChangeRateLimiter;
  private readonly readLimiter: ReadRateLimiter;
  private readonly gate: ChangeGate;
  private readonly buttons: ButtonDeps;
  private readonly contexts: ContextDeps;
  private draining = false;

  constructor(private readonly options: CommandRouterOptions) {
    this.now = options.now ?? (() => new Date());
    // Every running job listens for the shutdown on this one signal: hundreds at once are normal.
    setMaxListeners(0, this.abort.signal);
    this.journal = new JobJournal(options.store, options.log, this.now, options.jobLeases);
    this.changeLimiter = new ChangeRateLimiter(options.changeLimits ?? { perPerson: 20, perChannel: 60 });
    this.readLimiter = new ReadRateLimiter(options.readsPerPerson ?? 60);
    this.gate = new ChangeGate(options.store, this.now);
    this.workflow = new ApprovalWorkflow({
      ...options,
      now: this.now,
      execute: (record, trigger) =>
        this.track(
          runApprovedRequest({ ...options, contexts: this.contexts, journal: this.journal }, record, trigger),
        ),
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
    const { chat, policy, azure, store, log, progressIntervalMs } = options;
    const { now, gate } = this;
    this.contexts = {
      chat,
      policy,
      azure,
      store,
      log,
      progressIntervalMs,
      now,
      gate,
      signal: this.abort.signal,
    };
    this.buttons = {
      workflow: this.workflow,
      store: options.store,
      log: options.log,
      now: this.now,
      draining: () => this.draining,
      run: (event) => this.handle(event),
      track: (task) => this.track(task),
    };
  }

  /** Handles a typed command to the end (all replies sent). Never rejects. */
  handle(typed: ChatEvent): Promise<void> {
    if (this.draining) return this.refuseWhileDraining(typed.conversation);
    const event = nameByPolicy(typed, this.options.policy);
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

  /** A button click: a decision on an approval card, or a command to run (handle-button.ts). */
  handleAction(event: ActionChatEvent): Promise<ActionOutcome> {
    return handleButton(this.buttons, nameByPolicy(event, this.options.policy));
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
        contextFor: (job, conversation) => resumeContext(this.contexts, job.current, conversation),
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

  /** Per person (once across platforms): changes, and apart from them reads and dry runs; never the bot's own. */
  private rateLimit(event: ChatEvent, changes: boolean): View | undefined {
    if (event.origin === 'automation') return undefined;
    const person = personKeyOf(this.options.policy, event.actor);
    return changes
      ? this.changeLimiter.take(event, person, this.now())
      : this.readLimiter.take(person, this.now());
  }

  private async execute(event: ChatEvent, command: ParsedCommand, log: Logger): Promise<string> {
    const { chat, policy } = this.options;
    const audited = { commandId: command.id, commandText: command.canonical };
    const changes = command.spec.sideEffects === 'change' && !command.dryRun;
    const refusal =
      authorizeCommand(policy, event.actor, command, event.conversation.conversationId) ??
      this.rateLimit(event, changes);
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
    const context = operationContext(this.contexts, {
      command,
      event,
      conversation: event.conversation,
      log,
    });
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

  /** A dry run says when the change itself would be refused now, and why. */
  private async withBusyNote(command: ParsedCommand, view: View): Promise<View> {
    const conflict = await this.gate.conflictFor(command);
    if (!conflict) return view;
    const refusal = describeConflict(conflict, {
      commandText: withoutDryRun(command),
    });
    return { ...view, notes: [...(view.notes ?? []), `Not now: ${refusal.message}`] };
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

function deliveryKey(event: ChatEvent): string {
  return `delivery:${event.platform}:${event.conversation.conversationId}:${event.deliveryId}`;
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
