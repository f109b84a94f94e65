import type { View } from '../chat/view.js';
import { commandContext } from '../observability/command-context.js';
import type { OperationContext } from '../operations/operation.js';
import type { JobJournal, NewJob } from './job-journal.js';

export interface JobOutcome {
  view: View | undefined;
  outcome: string;
  /** Failed as a refusal: a check, or Azure saying no in words the bot explains (not an outage). */
  refused?: boolean;
}

/**
 * Runs a changing operation as a job: journaled before anything is asked of Azure, its message
 * remembered once posted, and finished with the outcome, so `jobs` shows it and a restart can
 * resume it. Journal failures after the work are logged, never turned into a failed operation.
 */
export async function runAsJob(
  journal: JobJournal,
  context: OperationContext,
  job: NewJob,
  run: () => Promise<JobOutcome>,
  id?: string,
): Promise<JobOutcome> {
  const handle = await journal.start(job, id);
  context.job = handle;
  const scope = commandContext.getStore();
  if (scope) scope.jobId = handle.id;
  context.progress.whenPosted((ref) => handle.showIn(ref));
  context.progress.whenShown((view) => handle.noteProgress(view.progress, context.now()));
  const result = await run();
  // Stopped by a shutdown while waiting on Azure (a backup, a restore, an open file restore): the
  // job stays running and the next start takes it up from its saved handle, in the same message.
  if (context.signal.aborted && result.outcome === 'error' && handle.current.handle !== null) {
    context.log.info({ jobId: handle.id }, 'job left running for the next start to resume');
    return {
      outcome: 'interrupted',
      view: {
        kind: 'job-paused',
        title: 'Paused: the bot is restarting',
        tone: 'warning',
        summary: `${handle.id} goes on in Azure; the bot takes it up again when it is back, in this message.`,
      },
    };
  }
  // Refused before Azure changed anything, by a check or by Azure itself (an unknown name, a backup
  // already running): no job, so `jobs` lists what changed in Azure; the command and its refusal
  // stay in the audit. An approved request keeps its job: the approval names it.
  if (result.refused && !job.approvalId && scope && !scope.azureChanged) {
    const withdrawn = await handle.withdraw().catch((error: unknown) => {
      context.log.warn({ err: error, jobId: handle.id }, 'could not withdraw the job of a refused command');
      return false;
    });
    if (withdrawn) return { ...result, outcome: 'refused' };
  }
  try {
    await handle.finish(
      result.outcome === 'succeeded' ? 'succeeded' : 'failed',
      summaryOf(result.view, result.outcome),
      result.view?.progress,
      context.now(),
    );
  } catch (error) {
    context.log.error({ err: error, jobId: handle.id }, 'could not record the end of a job');
  }
  return result;
}

export function summaryOf(
  view: View | undefined,
  outcome: string,
): { outcome: string; title?: string; summary?: string } {
  return { outcome, title: view?.title, summary: view?.summary };
}
