import type { ConversationRef } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { commandContext } from '../observability/command-context.js';
import type { Logger } from '../observability/create-logger.js';
import type { OperationContext, ResumeOperation } from '../operations/operation.js';
import type { JobHandle, JobJournal } from './job-journal.js';
import { summaryOf } from './run-as-job.js';

export interface ResumeJobsOptions {
  journal: JobJournal;
  resumers: ReadonlyMap<string, ResumeOperation>;
  chat: ChatPort;
  log: Logger;
  /** The context a job runs in again: its command, its requester, its conversation. */
  contextFor(job: JobHandle, conversation: ConversationRef): OperationContext | undefined;
  /** Runs the resumed work and delivers its outcome in the job's message. */
  deliver(context: OperationContext, view: View): Promise<void>;
  /** `all` on the start of the only process; `expired` for a replica taking over dead ones' jobs. */
  scope?: 'all' | 'expired';
  /** When a job taken up here ends (just before it is recorded): an approved plan's approval ends with it. */
  finished?(job: JobHandle['current'], state: 'succeeded' | 'failed'): Promise<void>;
}

/**
 * On start, every job a previous process left running is taken up again: a resumable operation
 * finishes from its saved handle and reports once, in the same message; anything else is marked
 * failed and its message says it was interrupted, so nothing is left "running" for ever.
 */
export async function resumeJobs(options: ResumeJobsOptions): Promise<number> {
  const jobs = await options.journal.claimUnfinished(options.scope ?? 'all');
  // Settled, not all: one job failing to record its end must not stop the wait for the others
  // (a shutdown drains on this promise).
  const outcomes = await Promise.allSettled(jobs.map((job) => resumeOne(job, options)));
  for (const [index, outcome] of outcomes.entries())
    if (outcome.status === 'rejected')
      options.log.error(
        { err: outcome.reason, jobId: jobs[index]?.current.id },
        'a resumed job did not end cleanly',
      );
  return jobs.length;
}

async function resumeOne(job: JobHandle, options: ResumeJobsOptions): Promise<void> {
  const { log } = options;
  const record = job.current;
  const message = record.messages[0];
  // Killed before its first message was remembered: it reports in a new message where it was asked.
  const conversation: ConversationRef | undefined = message
    ? { platform: message.platform, conversationId: message.conversationId, reference: message.reference }
    : record.conversation;
  const resume = options.resumers.get(record.commandId);
  const context = conversation ? options.contextFor(job, conversation) : undefined;
  if (!resume || record.handle === null || !context) {
    await abandon(job, options, conversation, message);
    return;
  }
  log.info({ jobId: record.id, command: record.commandId }, 'resuming a job after a restart');
  await reclaim(context, record.id, log);
  // One handle writes the record from here on (the context's: the operation saves through it), so
  // its version stays current for the message and the end.
  const handle = context.job ?? job;
  if (message) context.progress.continueIn(message);
  else context.progress.whenPosted((ref) => handle.showIn(ref));
  context.progress.whenShown((view) => handle.noteProgress(view.progress, context.now()));
  let view: View;
  try {
    const scope = {
      event: context.event,
      commandId: record.commandId,
      commandText: record.commandText,
      jobId: record.id,
    };
    view = await commandContext.run(scope, () => resume(context, record.handle));
  } catch (error) {
    // Stopped by a shutdown again: it stays running for the next start, as runAsJob leaves it.
    if (context.signal.aborted) {
      log.info({ jobId: record.id }, 'resumed job left running for the next start');
      return;
    }
    if (error instanceof UserFacingError) {
      // A check or Azure said no, with a reason the user can act on: shown as is, as when typed.
      log.info({ jobId: record.id, reason: error.message }, 'a resumed job was refused');
      view = error.toView();
    } else {
      log.error({ err: error, jobId: record.id }, 'a resumed job failed');
      view = {
        kind: 'error',
        title: 'Something went wrong',
        tone: 'attention',
        summary: `Resuming ${record.id} failed (ref ${record.correlationId}).`,
      };
    }
  }
  await options.deliver(context, view);
  const state = view.tone === 'attention' ? 'failed' : 'succeeded';
  // The approval before the job: killed in between, the job is resumed again and ends its
  // approval then; the other way round the approval would stay executing.
  await endApproval(options, handle.current, state);
  await handle.finish(state, summaryOf(view, 'resumed'), view.progress, context.now());
}

/**
 * A job resumed holds its app or VM again (one saved by a bot from before the rule held nothing).
 * It goes on either way: what it asked of Azure is in flight; a conflict is logged for the operator.
 */
async function reclaim(context: OperationContext, jobId: string, log: Logger): Promise<void> {
  try {
    await context.claims?.verify();
  } catch (error) {
    log.warn({ err: error, jobId }, 'a resumed job found its app or VM held by another change');
  }
}

async function endApproval(
  options: ResumeJobsOptions,
  job: JobHandle['current'],
  state: 'succeeded' | 'failed',
): Promise<void> {
  try {
    await options.finished?.(job, state);
  } catch (error) {
    options.log.error({ err: error, jobId: job.id }, 'could not end the approval of a resumed job');
  }
}

async function abandon(
  job: JobHandle,
  options: ResumeJobsOptions,
  conversation: ConversationRef | undefined,
  message: JobHandle['current']['messages'][number] | undefined,
): Promise<void> {
  const record = job.current;
  const view: View = {
    kind: 'job-interrupted',
    title: `Interrupted: ${record.commandText}`,
    tone: 'warning',
    summary: `The bot restarted while ${record.id} was running, and this command cannot be resumed. Azure may have finished part of it.`,
    notes: [
      'Check the current state (`snapshots <vm>`, `status <vm>`), then run the command again if needed.',
    ],
  };
  options.log.warn({ jobId: record.id }, 'job interrupted by a restart and not resumable');
  if (message)
    await options.chat
      .update(message, view)
      .catch((error: unknown) => options.log.warn({ err: error }, 'could not update an interrupted job'));
  else if (conversation) await options.chat.post(conversation, view);
  await endApproval(options, job.current, 'failed');
  await job.finish('failed', summaryOf(view, 'interrupted'));
}
