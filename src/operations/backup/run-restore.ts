import { randomUUID } from 'node:crypto';
import { AzurePermissionError } from '../../azure/azure-permission-error.js';
import { AzureRequestError } from '../../azure/azure-port.js';
import type { BackupJobInfo, VaultRef } from '../../azure/backup-port.js';
import { stateWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { ProgressStep, View } from '../../chat/view.js';
import { explainFailure } from '../explain-failure.js';
import { formatElapsed, formatGB } from '../format-values.js';
import type { OperationContext, PlannedOperation, ResumeOperation } from '../operation.js';
import { followBackupJob, jobFailureText, stepsOf } from './follow-backup-job.js';
import { planRestore, pointFacts, type RestorePlan, restoreTitle } from './plan-restore.js';
import type { RestoreKind } from './resolve-restore-target.js';

/**
 * What the job saves, before it asks Azure for anything and again once Azure named the Restore
 * job: `vault` and `jobId` are what `cancel <job>` and a restarted bot follow.
 */
export interface RestoreHandle {
  kind: 'restore';
  plan: RestorePlan;
  requestedAt: string;
  /** The client request id the restore request carries (saved before it is sent). */
  requestId?: string;
  vault: VaultRef;
  jobId?: string;
  /** replace: the bot deallocated the VM and owes it a start. */
  stoppedByUs?: boolean;
}

/** `restore <vm> ... as new <name> | disks | replace`: one planned operation per kind. */
export function restoreOperation(kind: RestoreKind): PlannedOperation<RestorePlan> {
  return { plan: (context) => planRestore(context, kind), execute: executeRestore };
}

async function executeRestore(context: OperationContext, plan: RestorePlan): Promise<View> {
  const handle: RestoreHandle = {
    kind: 'restore',
    plan,
    requestedAt: context.now().toISOString(),
    requestId: randomUUID(),
    vault: plan.item.vault,
  };
  await context.job?.saveHandle(handle);
  const points = await context.azure.backup.listRecoveryPoints(plan.item, { abortSignal: context.signal });
  if (!points.some((p) => p.name === plan.point.name)) {
    return {
      kind: 'restore-stale',
      title: `${restoreTitle(plan)}: plan no longer holds`,
      tone: 'warning',
      summary: `Recovery point ${plan.point.name} no longer exists (it expired or was deleted), so nothing was restored.`,
      notes: [
        `Run the restore again to pick a current point: \`recovery points ${plan.vm.name}\` lists them.`,
      ],
    };
  }
  await showProgress(context, handle, undefined);
  let jobId: string;
  try {
    if (plan.kind === 'replace') await stopForReplace(context, handle);
    jobId = await context.azure.backup.triggerRestore(plan.item, plan.point, plan.request, {
      abortSignal: context.signal,
      clientRequestId: handle.requestId,
    });
  } catch (error) {
    // Stopped by a shutdown: Azure may have started the restore; the next start finds out.
    if (context.signal.aborted) throw error;
    const restarted = await restartIfStopped(context, handle);
    throw explainRestoreRefusal(error, plan, restarted);
  }
  handle.jobId = jobId;
  await context.job?.saveHandle(handle);
  return followRestore(context, handle);
}

/**
 * After a restart: follow the Restore job the dead process started; if it died before Azure named
 * one, look for it among the VM's Restore jobs, and only if there is none say nothing was restored
 * (and start the VM again if the bot had stopped it). A restore is never started twice.
 */
export const resumeRestore: ResumeOperation = async (context, saved) => {
  const handle = saved as RestoreHandle;
  if (!handle.jobId) {
    const [found] = await context.azure.backup.findJobs(
      handle.vault,
      {
        operation: 'Restore',
        vmName: handle.plan.vm.name,
        since: new Date(Date.parse(handle.requestedAt) - 60_000),
        // Only the job this restore asked for, never another restore of the same VM.
        ...(handle.requestId ? { requestId: handle.requestId } : {}),
      },
      { abortSignal: context.signal },
    );
    if (!found) {
      const restarted = await restartIfStopped(context, handle);
      return {
        kind: 'restore-result',
        title: `${restoreTitle(handle.plan)}: interrupted`,
        tone: 'attention',
        summary: `The bot was stopped before Azure Backup started the restore, so nothing was restored.${restarted}`,
        notes: ['Run the command again when ready.'],
      };
    }
    handle.jobId = found.id;
    await context.job?.saveHandle(handle);
  }
  return followRestore(context, handle);
};

async function stopForReplace(context: OperationContext, handle: RestoreHandle): Promise<void> {
  const { plan } = handle;
  const vm = await context.azure.getVm(plan.vm, { abortSignal: context.signal });
  if (vm.powerState === 'deallocated' || vm.powerState === 'stopped') return;
  // Saved first: a restart in the middle of the deallocation still owes the VM its start.
  handle.stoppedByUs = true;
  await context.job?.saveHandle(handle);
  await context.azure.deallocateVm(plan.vm, { abortSignal: context.signal });
}

/** Starts the VM again if the bot stopped it; returns a sentence for the card. */
async function restartIfStopped(context: OperationContext, handle: RestoreHandle): Promise<string> {
  if (!handle.stoppedByUs) return '';
  try {
    await context.azure.startVm(handle.plan.vm, { abortSignal: context.signal });
    return ` ${handle.plan.vm.name} was started again.`;
  } catch (error) {
    const why = explainFailure(context, error, `start ${handle.plan.vm.name}`);
    return ` ${handle.plan.vm.name} is still stopped: starting it failed (${why}). Start it in the portal.`;
  }
}

async function followRestore(context: OperationContext, handle: RestoreHandle): Promise<View> {
  const jobId = handle.jobId ?? '';
  const started = Date.parse(handle.requestedAt);
  let job: BackupJobInfo;
  try {
    job = await followBackupJob(context, handle.vault, jobId, (running) =>
      progressView(handle, running, context.job?.id),
    );
  } catch (error) {
    if (error instanceof AzurePermissionError) return unfollowedView(context, handle, error);
    throw error;
  }
  // Whatever the outcome, a VM the bot stopped is started again (on its new disks, or its old ones).
  const restarted = await restartIfStopped(context, handle);
  const elapsed = formatElapsed(context.now().getTime() - started);
  if (job.status === 'Failed' || job.status === 'Cancelled') {
    return {
      kind: 'restore-result',
      title: `${restoreTitle(handle.plan)}: ${job.status === 'Failed' ? 'failed' : 'cancelled'}`,
      tone: 'attention',
      summary: `${jobFailureText(job)}${restarted}`,
      facts: pointFacts(handle.plan, context.now()),
      progress: { steps: stepsOf(job) },
      notes: job.errors[0]?.recommendations.length
        ? job.errors[0].recommendations
        : ['Check the VM and the recovery point, then run the restore again.'],
      footer: `Azure Backup job ${job.id}, after ${elapsed}.`,
    };
  }
  return successView(context, handle, job, restarted.trim(), elapsed).catch((error: unknown) => {
    // The restore is done; only reading what it made was refused: say both.
    if (!(error instanceof AzurePermissionError)) throw error;
    return {
      kind: 'restore-result',
      title: `${restoreTitle(handle.plan)}: done`,
      tone: 'warning' as const,
      summary: `Azure Backup job ${job.id} completed the restore (${stateWord(job.status)}), but the bot cannot show what it made: ${explainFailure(context, error, 'read the restored resources')}${restarted}`,
      progress: { steps: stepsOf(job) },
      footer: `Azure Backup job ${job.id}, in ${elapsed}.`,
    };
  });
}

function showProgress(context: OperationContext, handle: RestoreHandle, job: BackupJobInfo | undefined) {
  return context.progress.show(progressView(handle, job, context.job?.id));
}

function progressView(
  handle: RestoreHandle,
  job: BackupJobInfo | undefined,
  ourJobId: string | undefined,
): View {
  const { plan } = handle;
  const steps: ProgressStep[] = [
    ...(handle.stoppedByUs ? [{ label: `Stop ${plan.vm.name}`, state: 'succeeded' as const }] : []),
    ...(job ? stepsOf(job) : [{ label: 'Start the restore job', state: 'running' as const }]),
    ...(handle.stoppedByUs ? [{ label: `Start ${plan.vm.name}`, state: 'pending' as const }] : []),
  ];
  return {
    kind: 'restore-progress',
    title: `${restoreTitle(plan)}`,
    tone: 'accent',
    summary: job
      ? `Restore job ${job.id} is ${job.status === 'InProgress' ? 'running' : job.status}.`
      : `Asking Azure Backup (vault ${plan.item.vault.name}) to restore.`,
    progress: { percent: job?.progressPercent, steps },
    footer: job
      ? `Azure Backup job ${job.id} in vault ${handle.vault.name}.${ourJobId ? ` \`cancel ${ourJobId}\` stops it.` : ''}`
      : undefined,
  };
}

async function successView(
  context: OperationContext,
  handle: RestoreHandle,
  job: BackupJobInfo,
  restarted: string,
  elapsed: string,
): Promise<View> {
  const { plan } = handle;
  const { azure, signal } = context;
  const base = {
    kind: 'restore-result',
    title: `${restoreTitle(plan)}: done`,
    tone: job.status === 'Completed' ? ('good' as const) : ('warning' as const),
    progress: { steps: stepsOf(job) },
    footer: `Azure Backup job ${job.id}, in ${elapsed}.`,
  };
  const warnings = job.errors.map((e) => `${e.message} (${e.code})`);
  if (plan.request.kind === 'new') {
    const group = plan.request.targetResourceGroupId.split('/').pop() ?? '';
    const vm = await azure.getVm(
      {
        id: '',
        subscriptionId: plan.vm.subscriptionId,
        resourceGroup: group,
        name: plan.request.targetVmName,
      },
      { abortSignal: signal },
    );
    return {
      ...base,
      summary: `${vm.name} is ${vm.powerState} in ${vm.resourceGroup}, from the recovery point of ${pointFacts(plan, context.now())[0]?.value}.`,
      tables: [diskTable(vm.disks)],
      notes: [...warnings, `${plan.vm.name} was not touched. \`status ${vm.name}\` shows the new VM.`],
    };
  }
  if (plan.request.kind === 'disks') {
    const group = plan.request.targetResourceGroupId.split('/').pop() ?? '';
    // This job's disks: made from the point while it ran, and (unlike a new VM's) attached to nothing.
    const since = job.startTime?.getTime() ?? Date.parse(handle.requestedAt);
    const disks = (await azure.listDisks(plan.vm.subscriptionId, group, { abortSignal: signal })).filter(
      (disk) =>
        disk.sourceResourceId?.toLowerCase() === plan.point.id.toLowerCase() &&
        !disk.managedBy &&
        (disk.timeCreated?.getTime() ?? 0) >= since,
    );
    return {
      ...base,
      summary: `${disks.length} disk(s) of ${plan.vm.name} restored in ${group}, not attached to any VM.`,
      tables: [diskTable(disks)],
      notes: [...warnings, 'Attach them to a VM, or copy from them, when ready; delete them when done.'],
    };
  }
  const vm = await azure.getVm(plan.vm, { abortSignal: signal });
  const old = plan.replaced?.diskNames ?? [];
  return {
    ...base,
    summary: `${plan.vm.name} now runs on the disks of the recovery point of ${pointFacts(plan, context.now())[0]?.value}; it is ${vm.powerState}.${restarted ? ` ${restarted}` : ''}`,
    tables: [diskTable(vm.disks)],
    notes: [
      ...warnings,
      `The old disks stay in ${plan.vm.resourceGroup}, detached: ${old.join(', ') || 'none'}. Delete them once ${plan.vm.name} checks out.`,
    ],
  };
}

function diskTable(disks: { name: string; role: string; lun?: number; sizeGB: number }[]) {
  return {
    columns: ['Disk', 'Role', 'Size'],
    rows: disks.map((d) => [
      d.name,
      d.role === 'os' ? 'OS' : `data (LUN ${d.lun ?? '?'})`,
      formatGB(d.sizeGB),
    ]),
  };
}

/**
 * Azure runs the restore, but the bot may no longer read its job: say so, and what the bot owed
 * (a VM it stopped, which must wait for the job before it can start again).
 */
function unfollowedView(context: OperationContext, handle: RestoreHandle, error: AzurePermissionError): View {
  const { plan, vault } = handle;
  const job = handle.jobId ?? '';
  return {
    kind: 'restore-result',
    title: `${restoreTitle(plan)}: running, not followed`,
    tone: 'attention',
    summary: `Azure Backup runs the restore as job ${job}, but the bot cannot follow it: ${explainFailure(context, error, `follow restore job ${job}`)}`,
    notes: [
      handle.stoppedByUs
        ? `${plan.vm.name} stays stopped (deallocated) while the restore runs: start it once job ${job} has finished (Backup jobs of vault ${vault.name} in the portal).`
        : `Job ${job} is listed under Backup jobs of vault ${vault.name} in the portal.`,
    ],
  };
}

/** Azure's refusals of a restore, in a sentence with the next step. */
function explainRestoreRefusal(error: unknown, plan: RestorePlan, restarted: string): unknown {
  if (!(error instanceof AzureRequestError)) return error;
  const code = error.code ?? '';
  if (/InstantRpNotFound|RecoveryPointNotFound/i.test(code)) {
    return new UserFacingError(
      `Recovery point ${plan.point.name} of ${plan.vm.name} no longer exists, so nothing was restored.${restarted}`,
      { title: 'Recovery point gone', nextStep: `Pick another: \`recovery points ${plan.vm.name}\`.` },
    );
  }
  if (/VmNotInDesirableState/i.test(code)) {
    return new UserFacingError(
      `Azure Backup cannot restore ${plan.vm.name} now: ${error.message}${restarted}`,
      {
        title: 'VM not ready for restore',
        nextStep: `Check \`status ${plan.vm.name}\`, then run the restore again.`,
      },
    );
  }
  if (/OperationInProgress/i.test(code)) {
    return new UserFacingError(`Another backup or restore of ${plan.vm.name} is running.${restarted}`, {
      title: 'Another job is running',
      nextStep: 'Wait for it (`jobs`), then run the restore again.',
    });
  }
  if (restarted)
    return new UserFacingError(`Azure refused the restore: ${error.message}${restarted}`, {
      title: 'Azure refused the restore',
      nextStep: 'Fix what Azure names, then run the restore again.',
    });
  return error;
}
