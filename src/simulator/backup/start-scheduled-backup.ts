import { deterministicUuid } from '../core/deterministic-uuid.js';
import { type ScheduledBackupFault, takeScheduledBackupFault } from '../core/fault-injector.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { OperationRecord, SimulatorState } from '../core/simulator-state.js';
import { unitFraction } from './backup-ids.js';
import { jobId, shortContainerName } from './backup-names.js';
import { itemRefOf } from './backup-scope.js';
import type {
  BackupWork,
  JobErrorRecord,
  JobRecord,
  PolicyRecord,
  ProtectedItemRecord,
  RecoveryPointRecord,
  VaultRecord,
} from './backup-state.js';
import { jobErrors } from './job-errors.js';
import { faultJobError } from './job-failure.js';
import { jobTimerKind, recordBackupOutcome } from './job-lifecycle.js';
import { backupTasks, scheduleTasks } from './plan-job-tasks.js';
import { planVmBackup } from './plan-vm-backup.js';

/**
 * One scheduled run of a policy on an item: a Backup job that is not user-triggered, with the task
 * rules' durations (compressed by the simulator speed like every job it runs, each task within
 * 15 % of the rule), leaving a recovery point kept for the policy's daily retention. A job the clock
 * has already passed is recorded as finished at once; one still running finishes through a timer
 * operation like an on-demand backup. A run is skipped while another backup of the item runs; a
 * `skip-scheduled-backup` fault skips it too, a `fail-scheduled-backup` fault makes it end Failed
 * (at "Take Snapshot") or CompletedWithWarnings (a crash-consistent point).
 */
export interface DueRun {
  item: ProtectedItemRecord;
  policy: PolicyRecord;
  /** The slot (policy time) the run belongs to. */
  slotMs: number;
  startMs: number;
}

export interface ScheduleBatch {
  nowMs: number;
  speed: number;
  /** Per item key, its newest recovery point (what the next backup's changes are counted from). */
  newestPoint: Map<string, RecoveryPointRecord>;
  /** Per item key, when its latest Backup job ends (or ended). */
  backupEndMs: Map<string, number>;
}

const dayMs = 86_400_000;

export function runScheduledBackup(state: SimulatorState, batch: ScheduleBatch, run: DueRun): void {
  const itemKey = resourceKey(run.item.id);
  const vault = ownValue(state.backup.vaults, run.item.vaultKey);
  if (!vault || (batch.backupEndMs.get(itemKey) ?? Number.NEGATIVE_INFINITY) > run.startMs) return;
  const fault = takeScheduledBackupFault(state, run.item.vmName);
  if (fault?.kind === 'skip') return;
  const { job, work } = planRunJob(state, batch, { run, vault, fault });
  state.backup.jobs[resourceKey(job.id)] = job;
  batch.backupEndMs.set(itemKey, job.endMs);
  if (job.endMs > batch.nowMs) {
    startTimer(state, vault, job);
    return;
  }
  job.status = job.outcome;
  delete job.work;
  const point = recordBackupOutcome(state, run.item, job, work);
  if (point) batch.newestPoint.set(itemKey, point);
}

/** The run's job (outcome decided now, as for every job) and what it leaves when it completes. */
function planRunJob(
  state: SimulatorState,
  batch: ScheduleBatch,
  input: { run: DueRun; vault: VaultRecord; fault: ScheduledBackupFault | undefined },
): { job: JobRecord; work: BackupWork } {
  const { run, fault } = input;
  const { item, policy, startMs } = run;
  const plan = planVmBackup(state, item, startMs, batch.newestPoint.get(resourceKey(item.id)));
  const failure =
    plan.failure ?? (fault?.kind === 'fail' && fault.outcome === 'Failed' ? faultJobError(fault) : undefined);
  const warning =
    !failure && fault?.kind === 'fail' && fault.outcome === 'CompletedWithWarnings'
      ? warningOf(item, fault)
      : undefined;
  const seed = `${resourceKey(item.id)}:scheduled:${run.slotMs}`;
  const plannedTasks = backupTasks(plan.vm, plan.transferBytes).map((task) => ({
    ...task,
    seconds: Math.round(task.seconds * (0.85 + 0.3 * unitFraction(`${seed}:${task.taskId}`))),
  }));
  const tasks = scheduleTasks(startMs, plannedTasks, batch.speed);
  const pointMs = tasks[0]?.endMs ?? startMs;
  const work: BackupWork = {
    kind: 'backup',
    recoveryPointType: warning ? 'CrashConsistent' : plan.type,
    expiryMs: pointMs + policy.dailyRetentionDays * dayMs,
    vm: plan.vm,
    transferBytes: plan.transferBytes,
    policyName: policy.name,
  };
  const job = scheduledJob(input.vault, item, { seed, startMs, tasks, work });
  job.outcome = failure ? 'Failed' : warning ? 'CompletedWithWarnings' : 'Completed';
  job.errors = failure ? [failure] : warning ? [warning] : [];
  // A failing job ends with its first task ("Take Snapshot").
  if (failure) job.endMs = pointMs;
  return { job, work };
}

function scheduledJob(
  vault: VaultRecord,
  item: ProtectedItemRecord,
  input: { seed: string; startMs: number; tasks: JobRecord['tasks']; work: BackupWork },
): JobRecord {
  const name = deterministicUuid(`backup-job:${input.seed}`);
  return {
    id: jobId(vault.id, name),
    name,
    vaultKey: resourceKey(vault.id),
    itemKey: resourceKey(item.id),
    operation: 'Backup',
    entityFriendlyName: item.vmName,
    containerName: shortContainerName(itemRefOf(item)),
    startMs: input.startMs,
    endMs: input.tasks[input.tasks.length - 1]?.endMs ?? input.startMs,
    status: 'InProgress',
    outcome: 'Completed',
    tasks: input.tasks,
    errors: [],
    activityId: deterministicUuid(`backup-activity:${input.seed}`),
    isUserTriggered: false,
    propertyBag: { 'VM Name': item.vmName },
    work: input.work,
  };
}

/** The job's timer: its completion (backup-completions.ts) finishes the job like an on-demand one. */
function startTimer(state: SimulatorState, vault: VaultRecord, job: JobRecord): void {
  const timer: OperationRecord = {
    id: deterministicUuid(`backup-timer:${resourceKey(job.id)}`),
    namespace: 'Microsoft.RecoveryServices',
    subscriptionId: vault.subscriptionId,
    location: vault.location,
    kind: jobTimerKind,
    method: 'POST',
    resourceId: job.id,
    apiVersion: '2023-06-01',
    startMs: job.startMs,
    endMs: job.endMs,
    result: 'Succeeded',
    payload: { jobKey: resourceKey(job.id) },
    settled: false,
  };
  state.operations[timer.id] = timer;
  job.timerOperationId = timer.id;
}

/** The warning of a run that could only take a crash-consistent snapshot. */
function warningOf(
  item: ProtectedItemRecord,
  fault: Extract<ScheduledBackupFault, { kind: 'fail' }>,
): JobErrorRecord {
  const fallback =
    item.osType === 'Windows' ? jobErrors.crashConsistentFallback() : jobErrors.fsFreezeFallback();
  if (!fault.code && !fault.message) return fallback;
  return jobErrors.fromFault(fault.code ?? fallback.code, fault.message ?? fallback.message);
}
