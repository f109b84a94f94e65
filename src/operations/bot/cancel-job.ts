import type { VaultRef } from '../../azure/backup-port.js';
import { alreadyInState } from '../../chat/domain-words.js';
import type { Operation } from '../operation.js';
import { findJob } from './show-job.js';

/** A job whose Azure side can be cancelled: an Azure Backup job (backups and restores). */
interface CancellableHandle {
  vault: VaultRef;
  jobId: string;
}

/**
 * `cancel <job>`: asks Azure Backup to cancel a backup or restore job the bot is following; the
 * job's own card then reports it cancelled. Azure offers no cancel for the Compute operations
 * (snapshots, disks, restore points, deletes): they finish within minutes, and this says so.
 */
export const cancelJob: Operation = async ({ command, store, azure, signal }) => {
  const job = await findJob(store, String(command.args.job));
  if (job.state !== 'running') {
    return {
      kind: 'job-cancel',
      title: `${job.id} ${alreadyInState(job.state)}`,
      tone: 'neutral',
      summary: `Nothing to cancel: \`${job.commandText}\` ${alreadyInState(job.state)}.`,
      notes: [`See how it ended with \`job ${job.id}\`.`],
    };
  }
  const vmName = (job.handle as { kind?: string; plan?: { vm?: { name?: string } } } | null)?.plan?.vm?.name;
  if ((job.handle as { kind?: string } | null)?.kind === 'file-restore' && vmName) {
    return {
      kind: 'job-cancel',
      title: `${job.id} is an open file restore`,
      tone: 'neutral',
      summary: `Close it with \`restore files ${vmName} done\`: that unmounts the recovery point and ends the job.`,
    };
  }
  const handle = cancellable(job.handle);
  if (handle) {
    await azure.backup.cancelJob(handle.vault, handle.jobId, { abortSignal: signal });
    return {
      kind: 'job-cancel',
      title: `Cancelling ${job.id}`,
      tone: 'warning',
      summary: `Azure Backup is cancelling job ${handle.jobId} (\`${job.commandText}\`); its card says when it has stopped.`,
    };
  }
  return {
    kind: 'job-cancel',
    title: `${job.id} cannot be cancelled`,
    tone: 'warning',
    summary: `Azure cannot cancel \`${job.commandText}\` once started; it finishes on its own, usually within minutes.`,
    notes: [
      'Undo it when it is done instead (for a snapshot set: `snapshot delete <set>`). A pending approval request is cancelled with the Cancel request button on its card.',
    ],
  };
};

function cancellable(handle: unknown): CancellableHandle | undefined {
  const h = handle as (Partial<CancellableHandle> & { kind?: string }) | undefined;
  if (!h || typeof h.jobId !== 'string' || !h.vault || typeof h.vault.name !== 'string') return undefined;
  return h.kind === 'backup' || h.kind === 'restore' ? (h as CancellableHandle) : undefined;
}
