import { AzurePermissionError } from '../../azure/azure-permission-error.js';
import type { BackupJobInfo, ProtectedVm, VaultRef } from '../../azure/backup-port.js';
import { consistencyWord, stateWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import { parseDuration } from '../../commands/parse-duration.js';
import { explainFailure } from '../explain-failure.js';
import { formatElapsed, formatTime } from '../format-values.js';
import type { OperationContext } from '../operation.js';
import { resolveVm, withActiveCopy } from '../resolve-vm.js';
import { findProtectedVm } from './find-protected-vm.js';
import { followBackupJob, jobFailureText, stepsOf } from './follow-backup-job.js';

/** What the job saves once Azure named the backup job: enough to follow it after a restart. */
export interface BackupHandle {
  kind: 'backup';
  vault: VaultRef;
  jobId: string;
  vmName: string;
  startedAt: string;
}

/**
 * `backup <vm> [keep 30d]`: an on-demand Azure Backup. Follows the backup job's tasks (take
 * snapshot, transfer to the vault) in the card, and ends naming the new recovery point.
 */
export async function takeBackup(context: OperationContext): Promise<View> {
  const { command, azure, signal, now } = context;
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const item = await findProtectedVm(context, vm);
  const keep = parseDuration(String(command.args.keep ?? '30d'));
  if (!keep) throw new Error(`The parser let through a bad duration: ${String(command.args.keep)}`);
  const keepUntil = new Date(now().getTime() + keep.milliseconds);
  if (command.dryRun) {
    return withActiveCopy(vm, {
      kind: 'backup-plan',
      title: `Dry run: backup of ${vm.name}`,
      tone: 'accent',
      summary: `Would start an on-demand backup of ${vm.name} in vault ${item.vault.name}, kept until ${formatTime(keepUntil)}. Nothing was changed.`,
      facts: [
        { label: 'Vault', value: item.vault.name },
        { label: 'Policy', value: item.policyName ?? 'unknown' },
        {
          label: 'Last backup',
          value: `${formatTime(item.lastBackupTime)} (${item.lastBackupStatus ?? 'n/a'})`,
        },
      ],
    });
  }
  await context.progress.show({
    kind: 'backup-progress',
    title: `Backing up ${vm.name}`,
    tone: 'accent',
    summary: `Asking Azure Backup (vault ${item.vault.name}) for an on-demand backup.`,
    progress: { steps: [{ label: 'Start the backup job', state: 'running' }] },
  });
  const jobId = await azure.backup
    .triggerBackup(item, keepUntil, { abortSignal: signal })
    .catch(async (error: unknown) => {
      throw await explainBackupRefusal(context, error, item, vm.name);
    });
  const handle: BackupHandle = {
    kind: 'backup',
    vault: item.vault,
    jobId,
    vmName: vm.name,
    startedAt: now().toISOString(),
  };
  await context.job?.saveHandle(handle);
  return withActiveCopy(vm, await followBackup(context, handle));
}

/** Continues following a backup job the bot started before it was restarted. */
export function resumeBackup(context: OperationContext, handle: unknown): Promise<View> {
  return followBackup(context, handle as BackupHandle);
}

async function followBackup(context: OperationContext, handle: BackupHandle): Promise<View> {
  const started = Date.parse(handle.startedAt);
  const job = await followBackupJob(context, handle.vault, handle.jobId, (running) =>
    progressView(handle, running, context.job?.id),
  );
  return resultView(context, handle, job, started);
}

function progressView(handle: BackupHandle, job: BackupJobInfo, ourJobId: string | undefined): View {
  return {
    kind: 'backup-progress',
    title: `Backing up ${handle.vmName}`,
    tone: 'accent',
    summary: `Backup job ${job.id} is ${stateWord(job.status)}.`,
    progress: { percent: job.progressPercent, steps: stepsOf(job) },
    footer: `Azure Backup job ${job.id} in vault ${handle.vault.name}.${ourJobId ? ` \`cancel ${ourJobId}\` stops it.` : ''}`,
  };
}

async function resultView(
  context: OperationContext,
  handle: BackupHandle,
  job: BackupJobInfo,
  started: number,
): Promise<View> {
  const elapsed = formatElapsed(context.now().getTime() - started);
  if (job.status === 'Failed' || job.status === 'Cancelled') {
    const error = job.errors[0];
    return {
      kind: 'backup-result',
      title: `Backup of ${handle.vmName} ${job.status === 'Failed' ? 'failed' : 'was cancelled'}`,
      tone: 'attention',
      summary: jobFailureText(job),
      progress: { steps: stepsOf(job) },
      notes: error?.recommendations.length
        ? error.recommendations
        : [`Try again: \`backup ${handle.vmName}\`.`],
      footer: `Job ${job.id}, after ${elapsed}.`,
    };
  }
  const newest = await newestPoint(context, handle).catch((error: unknown) => {
    // The backup is done; only reading its recovery point was refused: the card says both.
    if (!(error instanceof AzurePermissionError)) throw error;
    return explainFailure(context, error, 'read the new recovery point');
  });
  if (typeof newest === 'string') {
    return {
      kind: 'backup-result',
      title: `Backup of ${handle.vmName} done`,
      tone: 'warning',
      summary: `Azure Backup job ${job.id} ${stateWord(job.status)}, but the bot cannot show its recovery point: ${newest}`,
      progress: { steps: stepsOf(job) },
      footer: `Job ${job.id}, in ${elapsed}.`,
    };
  }
  return {
    kind: 'backup-result',
    title: `Backup of ${handle.vmName} done`,
    tone: job.status === 'Completed' ? 'good' : 'warning',
    summary: newest
      ? `New recovery point ${newest.name}, ${formatTime(newest.time)}.`
      : 'The job completed; the recovery point is not listed yet.',
    facts: [
      { label: 'Status', value: stateWord(job.status) },
      ...(newest ? [{ label: 'Consistency', value: consistencyWord(newest.type) }] : []),
      { label: 'Vault', value: handle.vault.name },
    ],
    progress: { steps: stepsOf(job) },
    notes: job.errors.map((e) => `${e.message} (${e.code})`),
    footer: `Job ${job.id}, in ${elapsed}. \`recovery points ${handle.vmName}\` lists them all.`,
  };
}

async function newestPoint(context: OperationContext, handle: BackupHandle) {
  const vm = await resolveVm(context.azure, handle.vmName, context.signal);
  const item = await findProtectedVm(context, vm);
  const points = await context.azure.backup.listRecoveryPoints(item, { abortSignal: context.signal });
  return points[0];
}

/** Azure's refusals of an on-demand backup, in a sentence with the next step. */
async function explainBackupRefusal(
  context: OperationContext,
  error: unknown,
  item: ProtectedVm,
  vmName: string,
): Promise<unknown> {
  const code = (error as { code?: string }).code ?? '';
  if (/BackupOperationInProgress/i.test(code) || /BackupOperationInProgress/i.test(String(error))) {
    return await alreadyRunning(context, item, vmName);
  }
  if (/VmNotInDesirableState/i.test(code) || /VmNotInDesirableState/i.test(String(error))) {
    return new UserFacingError(`Azure Backup cannot back up ${vmName} in its current state.`, {
      title: 'VM not ready for backup',
      nextStep: `Check \`status ${vmName}\`: the VM must be provisioned (not Failed).`,
    });
  }
  return error;
}

/**
 * The backup Azure says is already running, named: its Azure Backup job, and the bot's job that
 * follows it when the bot started it (the one `cancel` takes). A backup the bot did not start (the
 * policy's scheduled one, or one from the portal) cannot be cancelled from chat, and this says so.
 */
async function alreadyRunning(
  context: OperationContext,
  item: ProtectedVm,
  vmName: string,
): Promise<UserFacingError> {
  const { azure, store, signal, now } = context;
  const since = new Date(now().getTime() - 2 * 86_400_000);
  const running = await azure.backup
    .findJobs(item.vault, { operation: 'Backup', vmName, since }, { abortSignal: signal })
    .then((jobs) => jobs.find((job) => job.status === 'InProgress'))
    .catch(() => undefined);
  // The bot's job that follows it: by the Azure job it saved, or (its handle not saved yet) by the VM.
  const others = (await store.listJobs({ states: ['running'], limit: 200 })).filter(
    (job) => job.commandId === 'backup.run' && job.id !== context.job?.id,
  );
  const ours =
    others.find((job) => running && (job.handle as Partial<BackupHandle> | null)?.jobId === running.id) ??
    others.find((job) => job.commandText.split(/\s+/)[1]?.toLowerCase() === vmName.toLowerCase());
  const title = 'Backup already running';
  if (ours) {
    const azureId = running?.id ?? (ours.handle as Partial<BackupHandle> | null)?.jobId;
    const azureJob = azureId ? `Azure Backup job ${azureId}` : 'its Azure Backup job';
    return new UserFacingError(
      `A backup of ${vmName} is already running: ${ours.id} (\`${ours.commandText}\`, ${azureJob} in vault ${item.vault.name}).`,
      { title, nextStep: `Follow it with \`job ${ours.id}\`, or stop it with \`cancel ${ours.id}\`.` },
    );
  }
  if (running) {
    const started = running.startTime ? `, started ${formatTime(running.startTime)}` : '';
    return new UserFacingError(
      `A backup of ${vmName} is already running: Azure Backup job ${running.id} in vault ${item.vault.name}${started}. The bot did not start it (a scheduled backup, or one from the portal), so \`cancel\` cannot stop it.`,
      { title, nextStep: `Wait for it to finish (usually minutes), then type \`backup ${vmName}\` again.` },
    );
  }
  return new UserFacingError(`A backup of ${vmName} is already running in vault ${item.vault.name}.`, {
    title,
    nextStep: `Wait for it to finish (usually minutes), then type \`backup ${vmName}\` again.`,
  });
}
