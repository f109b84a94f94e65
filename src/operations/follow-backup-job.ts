import type { BackupJobInfo, VaultRef } from '../azure/backup-port.js';
import type { ProgressStep, View } from '../chat/view.js';
import type { OperationContext } from './operation.js';

const finished = new Set(['Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled']);

/**
 * Follows an Azure Backup job (backup or restore) until it ends, showing `progressView(job)` after
 * every poll; resolves with the finished job. Azure updates a job's tasks about once a minute.
 */
export async function followBackupJob(
  context: OperationContext,
  vault: VaultRef,
  jobId: string,
  progressView: (job: BackupJobInfo) => View,
): Promise<BackupJobInfo> {
  const { azure, signal } = context;
  for (;;) {
    const job = await azure.backup.getJob(vault, jobId, { abortSignal: signal });
    if (finished.has(job.status)) return job;
    await context.progress.show(progressView(job));
    await sleep(azure.backup.pollIntervalMs, signal);
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
    : `The ${job.operation || 'backup'} job ended ${job.status}.`;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
