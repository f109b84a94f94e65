import { randomUUID } from 'node:crypto';
import { createOperation } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { RouteContext } from '../core/route-types.js';
import type { OperationRecord, SimulatorState } from '../core/simulator-state.js';
import { applyRestore } from './apply-restore.js';
import { jobId, shortContainerName } from './backup-names.js';
import { itemRefOf } from './backup-scope.js';
import type {
  BackupWork,
  ConfigureWork,
  JobErrorRecord,
  JobOperation,
  JobRecord,
  ProtectedItemRecord,
  RecoveryPointRecord,
  RestoreWork,
  VaultRecord,
} from './backup-state.js';
import { makeRecoveryPoint } from './make-recovery-point.js';
import { scheduleTasks, type TaskPlan, totalSeconds } from './plan-job-tasks.js';
import { addRecoveryPoint, removeExpiredPoints } from './recovery-point-index.js';

/**
 * Jobs start InProgress and end when the simulated clock passes their end: a timer operation
 * (kind `backup.job`, not subject to `fail-operation` faults) whose completion calls finishJob. The
 * outcome is decided at the start (a `fail-job` fault or the VM's state): a failing job ends at the
 * end of its failing task.
 */
export const jobTimerKind = 'backup.job';

export interface NewJob {
  vault: VaultRecord;
  item: ProtectedItemRecord;
  operation: JobOperation;
  plan: TaskPlan[];
  /** The job fails at the end of `task` (default: its first task). */
  failure?: { error: JobErrorRecord; task?: string };
  work: BackupWork | RestoreWork | ConfigureWork;
  propertyBag: Record<string, string>;
  /** An operation of the request that ends the job instead of a timer of its own. */
  timer?: OperationRecord;
}

export function startJob(context: RouteContext, input: NewJob): JobRecord {
  const { vault, item, plan } = input;
  const name = randomUUID();
  const id = jobId(vault.id, name);
  const failing = input.failure
    ? Math.max(
        0,
        plan.findIndex((task) => task.taskId === input.failure?.task),
      )
    : -1;
  const timer =
    input.timer ??
    startTimer(context, vault, id, totalSeconds(plan, failing >= 0 ? failing : plan.length - 1));
  const job: JobRecord = {
    id,
    name,
    vaultKey: resourceKey(vault.id),
    itemKey: resourceKey(item.id),
    operation: input.operation,
    entityFriendlyName: item.vmName,
    containerName: shortContainerName(itemRefOf(item)),
    startMs: context.nowMs,
    endMs: timer.endMs,
    status: 'InProgress',
    outcome: input.failure ? 'Failed' : 'Completed',
    tasks: scheduleTasks(context.nowMs, plan, context.clock.speed),
    errors: input.failure ? [input.failure.error] : [],
    activityId: context.request.headers['x-ms-client-request-id'] ?? randomUUID(),
    isUserTriggered: true,
    propertyBag: input.propertyBag,
    timerOperationId: timer.id,
    work: input.work,
  };
  context.state.backup.jobs[resourceKey(id)] = job;
  context.changed();
  return job;
}

function startTimer(context: RouteContext, vault: VaultRecord, id: string, seconds: number): OperationRecord {
  const timer = createOperation(
    {
      namespace: 'Microsoft.RecoveryServices',
      kind: jobTimerKind,
      subscriptionId: vault.subscriptionId,
      location: vault.location,
      resourceId: id,
      durationSeconds: seconds,
      payload: { jobKey: resourceKey(id) },
    },
    {
      nowMs: context.nowMs,
      speed: context.clock.speed,
      method: context.request.method,
      apiVersion: context.apiVersion,
      failure: undefined,
    },
  );
  context.state.operations[timer.id] = timer;
  return timer;
}

export function isRunning(job: JobRecord): boolean {
  return job.status === 'InProgress' || job.status === 'Cancelling';
}

/** The job's timer ran out: it takes its planned outcome and applies its work. */
export function finishJob(state: SimulatorState, job: JobRecord): void {
  if (!isRunning(job)) return;
  job.status = job.outcome;
  const work = job.work;
  if (work?.kind === 'backup') finishBackup(state, job, work);
  if (work?.kind === 'configure') finishConfigure(state, job, work);
  if (work?.kind === 'restore') {
    const error = job.outcome === 'Failed' ? undefined : applyRestore(state, job, work);
    if (error) {
      job.status = 'Failed';
      job.outcome = 'Failed';
      job.errors = [error];
    }
    releaseVmLock(state, job, work);
  }
}

/** A cancellation finished: the job ends Cancelled now (unless it finished first). */
export function cancelJob(state: SimulatorState, job: JobRecord, endMs: number): void {
  if (job.status !== 'Cancelling') return;
  job.status = 'Cancelled';
  job.endMs = endMs;
  const timer = job.timerOperationId ? ownValue(state.operations, job.timerOperationId) : undefined;
  if (timer && !timer.settled) {
    timer.endMs = endMs;
    timer.result = 'Canceled';
    timer.settled = true;
  }
  if (job.work?.kind === 'restore') releaseVmLock(state, job, job.work);
}

function finishBackup(state: SimulatorState, job: JobRecord, work: BackupWork): void {
  const item = job.itemKey ? ownValue(state.backup.protectedItems, job.itemKey) : undefined;
  if (!item) return;
  const point = recordBackupOutcome(state, item, job, work);
  if (point) removeExpiredPoints(state, job.endMs, point.itemKey);
}

/**
 * A backup job of `item` ended with its outcome: the recovery point it leaves (none if it failed)
 * and the item's last backup status, time and protection state.
 */
export function recordBackupOutcome(
  state: SimulatorState,
  item: ProtectedItemRecord,
  job: JobRecord,
  work: BackupWork,
): RecoveryPointRecord | undefined {
  if (job.outcome === 'Failed') {
    item.lastBackupStatus = 'Failed';
    item.lastBackupTimeMs = job.startMs;
    return undefined;
  }
  const pointMs = job.tasks[0]?.endMs ?? job.endMs;
  const policy = item.policyKey ? ownValue(state.backup.policies, item.policyKey) : undefined;
  const point = makeRecoveryPoint({
    item,
    seed: job.name,
    timeMs: pointMs,
    type: work.recoveryPointType,
    expiryMs: work.expiryMs,
    instantRestoreDays: policy?.instantRestoreDays ?? 2,
    ...(work.policyName ? { policyName: work.policyName } : {}),
    vm: work.vm,
  });
  addRecoveryPoint(state, point);
  item.lastBackupStatus = job.outcome;
  item.lastBackupTimeMs = pointMs;
  if (item.protectionState === 'IRPending') item.protectionState = 'Protected';
  job.propertyBag['Backup Size'] = `${Math.max(1, Math.round(work.transferBytes / 1024 ** 2))} MB`;
  return point;
}

function finishConfigure(state: SimulatorState, job: JobRecord, work: ConfigureWork): void {
  const item = job.itemKey ? ownValue(state.backup.protectedItems, job.itemKey) : undefined;
  if (!item || !job.itemKey) return;
  if (job.outcome !== 'Failed') {
    // A new policy's schedule starts after the change: no run of it before the change happened.
    if (item.policyKey !== work.policyKey && !work.isNew) {
      item.scheduledThroughMs = Math.max(item.scheduledThroughMs ?? 0, job.endMs);
    }
    item.policyKey = work.policyKey;
    return;
  }
  if (work.isNew) delete state.backup.protectedItems[job.itemKey];
  else if (work.previousPolicyKey) item.policyKey = work.previousPolicyKey;
}

function releaseVmLock(state: SimulatorState, job: JobRecord, work: RestoreWork): void {
  const vm = ownValue(state.compute.virtualMachines, resourceKey(work.sourceVmId));
  if (vm && vm.pendingOperationId === job.timerOperationId) delete vm.pendingOperationId;
}
