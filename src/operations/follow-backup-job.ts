import { AzureRequestError } from '../azure/azure-port.js';
import type { BackupJobInfo, VaultRef } from '../azure/backup-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { ProgressStep, View } from '../chat/view.js';
import type { OperationContext } from './operation.js';

const finished = new Set(['Completed', 'CompletedWithWarnings', 'Failed', 'Cancelled']);

/** How long Azure may throttle or fail every poll before the bot stops following (the job goes on). */
const patienceMs = 10 * 60_000;

/**
 * Follows an Azure Backup job (backup or restore) until it ends, showing `progressView(job)` after
 * every poll; resolves with the finished job. Azure updates a job's tasks about once a minute.
 * Throttling and server errors while polling do not end the command (the job runs on in Azure):
 * the card says Azure is not answering and the bot keeps asking, for up to 10 minutes.
 */
export async function followBackupJob(
  context: OperationContext,
  vault: VaultRef,
  jobId: string,
  progressView: (job: BackupJobInfo) => View,
): Promise<BackupJobInfo> {
  const { azure, signal } = context;
  let last: View | undefined;
  let failingSince: number | undefined;
  for (;;) {
    let job: BackupJobInfo;
    try {
      job = await azure.backup.getJob(vault, jobId, { abortSignal: signal });
      failingSince = undefined;
    } catch (error) {
      if (!isPassing(error)) throw error;
      failingSince ??= Date.now();
      if (Date.now() - failingSince > patienceMs) {
        throw new UserFacingError(
          `Azure stopped answering while the bot followed job ${jobId}; the job may still be running in Azure.`,
          {
            title: 'Azure is not answering',
            nextStep: `Check it in a while with \`job ${context.job?.id ?? jobId}\`, or in the portal (vault ${vault.name}, Backup jobs).`,
          },
        );
      }
      context.log.warn(
        { jobId, code: (error as AzureRequestError).code },
        'Azure did not answer a job poll; retrying',
      );
      await context.progress.show({
        ...(last ?? { kind: 'backup-progress', title: `Azure Backup job ${jobId}` }),
        summary: `Azure is not answering (${(error as AzureRequestError).code ?? 'no answer'}), retrying. The job goes on in Azure meanwhile.`,
      });
      await sleep(azure.backup.pollIntervalMs, signal);
      continue;
    }
    if (finished.has(job.status)) return job;
    last = progressView(job);
    await context.progress.show(last);
    await sleep(azure.backup.pollIntervalMs, signal);
  }
}

/** Throttling and server errors pass; a refusal (404, 400) does not. */
function isPassing(error: unknown): boolean {
  if (!(error instanceof AzureRequestError)) return false;
  const status = error.statusCode ?? 0;
  return status === 429 || status === 408 || status >= 500;
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
