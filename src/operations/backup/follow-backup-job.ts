import { setTimeout } from 'node:timers/promises';
import { type AzureRequestError, isPassingAzureError } from '../../azure/azure-port.js';
import type { BackupJobInfo, VaultRef } from '../../azure/backup-port.js';
import { backupOperationWord, stateWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { ProgressStep, View } from '../../chat/view.js';
import type { OperationContext } from '../operation.js';

const finished = new Set(['Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled']);

/** How long Azure may throttle or fail every poll before the bot stops following (the job goes on). */
const patienceMs = 10 * 60_000;

/**
 * Follows an Azure Backup job (backup or restore) until it ends, showing `progressView(job)` after
 * every poll; resolves with the finished job. Azure updates a job's tasks about once a minute.
 * Throttling, server errors and an unreachable ARM while polling do not end the command (the job runs on in Azure):
 * the card says Azure is not answering and the bot keeps asking, for up to 10 minutes.
 */
export function followBackupJob(
  context: OperationContext,
  vault: VaultRef,
  jobId: string,
  progressView: (job: BackupJobInfo) => View,
): Promise<BackupJobInfo> {
  const { azure, signal } = context;
  void context.job?.follows({
    kind: 'Azure Backup job',
    name: jobId,
    armId: `${vault.id}/backupJobs/${jobId}`,
  });
  return followUntil(context, {
    read: () => azure.backup.getJob(vault, jobId, { abortSignal: signal }),
    isDone: (job) => finished.has(job.status),
    onProgress: progressView,
    intervalMs: azure.backup.pollIntervalMs,
    fallbackView: { kind: 'backup-progress', title: `Azure Backup job ${jobId}` },
    lost: () =>
      new UserFacingError(
        `Azure stopped answering while the bot followed job ${jobId}; the job may still be running in Azure.`,
        {
          title: 'Azure is not answering',
          nextStep: `Check it in a while with \`job ${context.job?.id ?? jobId}\`, or in the portal (vault ${vault.name}, Backup jobs).`,
        },
      ),
  });
}

/**
 * Reads something Azure is working on (a job) until `isDone`, showing `onProgress`'s view after
 * every read. Throttling, server errors and an unreachable ARM do not end the command (the work goes on
 * in Azure): the card says Azure is not answering and the bot keeps asking, for up to 10 minutes,
 * then throws `lost()`.
 */
export async function followUntil<T>(
  context: OperationContext,
  options: {
    read(): Promise<T>;
    isDone(value: T): boolean;
    onProgress(value: T): View | Promise<View>;
    intervalMs: number;
    /** Shown with the "not answering" line before any progress was. */
    fallbackView: View;
    lost(): Error;
  },
): Promise<T> {
  const { signal } = context;
  let last: View | undefined;
  let failingSince: number | undefined;
  for (;;) {
    let value: T;
    try {
      value = await options.read();
      failingSince = undefined;
    } catch (error) {
      if (!isPassingAzureError(error)) throw error;
      failingSince ??= Date.now();
      if (Date.now() - failingSince > patienceMs) throw options.lost();
      context.log.warn({ code: (error as AzureRequestError).code }, 'Azure did not answer a poll; retrying');
      await context.progress.show({
        ...(last ?? options.fallbackView),
        summary: `Azure is not answering (${(error as AzureRequestError).code ?? 'no answer'}), retrying. The work goes on in Azure meanwhile.`,
      });
      await sleep(options.intervalMs, signal);
      continue;
    }
    if (options.isDone(value)) return value;
    last = await options.onProgress(value);
    await context.progress.show(last);
    await sleep(options.intervalMs, signal);
  }
}

/** A job's tasks ("Take Snapshot", "Transfer data from vault") as progress steps. */
export function stepsOf(job: BackupJobInfo): ProgressStep[] {
  if (job.tasks.length === 0) return [{ label: `${job.operation || 'Backup'} job`, state: 'running' }];
  return job.tasks.map((task) => ({
    label: task.name,
    state: taskStates[task.status] ?? 'pending',
    detail:
      task.progressPercent !== undefined && task.status === 'InProgress'
        ? `${task.progressPercent}%`
        : undefined,
  }));
}

const taskStates: Record<string, ProgressStep['state']> = {
  Completed: 'succeeded',
  InProgress: 'running',
  Failed: 'failed',
  Cancelled: 'skipped',
};

/** The first error of a failed job in Azure's words, with its code, or how it ended. */
export function jobFailureText(job: BackupJobInfo): string {
  const error = job.errors[0];
  return error
    ? `${error.message} (${error.code})`
    : `The ${job.operation ? backupOperationWord(job.operation) : 'backup'} job ended ${stateWord(job.status)}.`;
}

export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  // timers/promises drops its abort listener when the timer fires; a hand-made one that does
  // not leaks a listener per poll on the process-long signal of a job.
  await setTimeout(ms, undefined, { signal });
}
