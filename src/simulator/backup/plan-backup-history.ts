import { deterministicUuid } from '../core/deterministic-uuid.js';
import { resourceKey } from '../core/resource-id.js';
import { unitFraction } from './backup-ids.js';
import { jobId, shortContainerName } from './backup-names.js';
import type {
  JobErrorRecord,
  JobOutcome,
  JobRecord,
  PolicyRecord,
  ProtectedItemRecord,
  RecoveryPointRecord,
  RecoveryPointVm,
  VaultRecord,
} from './backup-state.js';
import { changedBytesSince } from './capture-vm.js';
import { jobErrors } from './job-errors.js';
import { makeRecoveryPoint, recoveryPointTypeOf } from './make-recovery-point.js';
import { backupTasks, scheduleTasks, snapshotTask, type TaskPlan } from './plan-job-tasks.js';
import { slotAtOrBefore } from './schedule-slots.js';

/**
 * The backup history an estate item starts with: a ConfigureBackup job, then one scheduled backup
 * per day at the policy's time (plus up to 20 minutes of jitter), each leaving a recovery point.
 * Days listed as crash-consistent give CrashConsistent points (CompletedWithWarnings on Windows);
 * `failedDaysAgo` adds a failed scheduled backup that day, retried an hour later. History durations
 * are Azure's real ones (not compressed by the simulator speed): they happened before it started.
 * The policy's later runs are run-backup-schedules.ts's, from `lastSlotMs` on.
 */
const dayMs = 86_400_000;
const minuteMs = 60_000;

export interface HistoryInput {
  vault: VaultRecord;
  item: ProtectedItemRecord;
  policy: PolicyRecord;
  vm: RecoveryPointVm;
  days: number;
  crashConsistentDaysAgo: readonly number[];
  failedDaysAgo?: number;
  nowMs: number;
}

export interface ItemHistory {
  recoveryPoints: RecoveryPointRecord[];
  jobs: JobRecord[];
  createdMs: number;
  last?: { timeMs: number; status: JobOutcome };
  /** The slot of the history's last run: the policy's own runs continue after it. */
  lastSlotMs: number;
}

/** The most recent scheduled run whose job had an hour to finish by `nowMs`. */
export function lastScheduledRun(scheduleTimeUtc: string, nowMs: number): number {
  return slotAtOrBefore(scheduleTimeUtc, nowMs - 60 * minuteMs);
}

export function planItemHistory(input: HistoryInput): ItemHistory {
  const { item, policy, days, nowMs } = input;
  const lastRun = lastScheduledRun(policy.scheduleTimeUtc, nowMs);
  const firstRun = lastRun - (days - 1) * dayMs;
  const createdMs = firstRun - 6 * 60 * minuteMs;
  const history: ItemHistory = {
    recoveryPoints: [],
    jobs: [configureJob(input, createdMs)],
    createdMs,
    lastSlotMs: lastRun,
  };
  let previousPointMs: number | undefined;
  for (let daysAgo = days - 1; daysAgo >= 0; daysAgo -= 1) {
    const scheduled = lastRun - daysAgo * dayMs;
    let startMs = scheduled + Math.floor(unitFraction(`${item.id}:${daysAgo}:start`) * 20 * minuteMs);
    if (daysAgo === input.failedDaysAgo) {
      history.jobs.push(failedJob(input, daysAgo, startMs));
      startMs += 60 * minuteMs;
    }
    const crash = input.crashConsistentDaysAgo.includes(daysAgo);
    const { job, pointMs } = backupJob(input, daysAgo, startMs, { crash, previousPointMs });
    history.jobs.push(job);
    previousPointMs = pointMs;
    history.last = { timeMs: pointMs, status: job.outcome };
    const expiryMs = pointMs + policy.dailyRetentionDays * dayMs;
    if (expiryMs <= nowMs) continue;
    history.recoveryPoints.push(
      makeRecoveryPoint({
        item,
        seed: `${resourceKey(item.id)}:${daysAgo}`,
        timeMs: pointMs,
        type: crash ? 'CrashConsistent' : recoveryPointTypeOf(item.osType, true),
        expiryMs,
        instantRestoreDays: policy.instantRestoreDays,
        policyName: policy.name,
        vm: input.vm,
      }),
    );
  }
  return history;
}

function backupJob(
  input: HistoryInput,
  daysAgo: number,
  startMs: number,
  options: { crash: boolean; previousPointMs: number | undefined },
): { job: JobRecord; pointMs: number } {
  const { item, vm } = input;
  const changed = changedBytesSince(vm, options.previousPointMs, startMs);
  const plan = backupTasks(vm, changed).map((task) => ({
    ...task,
    seconds: Math.round(task.seconds * (0.85 + 0.3 * unitFraction(`${item.id}:${daysAgo}:${task.taskId}`))),
  }));
  const warnings = options.crash && item.osType === 'Windows' ? [jobErrors.crashConsistentFallback()] : [];
  const job = historyJob(input, `backup:${daysAgo}`, startMs, plan, {
    outcome: warnings.length > 0 ? 'CompletedWithWarnings' : 'Completed',
    errors: warnings,
  });
  job.propertyBag['Backup Size'] = `${Math.max(1, Math.round(changed / 1024 ** 2))} MB`;
  const pointMs = job.tasks.find((task) => task.taskId === snapshotTask)?.endMs ?? startMs;
  return { job, pointMs };
}

function failedJob(input: HistoryInput, daysAgo: number, startMs: number): JobRecord {
  const plan = [{ taskId: snapshotTask, seconds: 240 }];
  const job = historyJob(input, `failed:${daysAgo}`, startMs, plan, {
    outcome: 'Failed',
    errors: [jobErrors.guestAgentUnavailable()],
  });
  job.tasks.push({ taskId: 'Transfer data to vault', startMs: job.endMs, endMs: job.endMs });
  return job;
}

function configureJob(input: HistoryInput, startMs: number): JobRecord {
  const job = historyJob(
    input,
    'configure',
    startMs,
    [],
    { outcome: 'Completed', errors: [] },
    'ConfigureBackup',
  );
  job.endMs = startMs + 45_000;
  return job;
}

function historyJob(
  input: HistoryInput,
  seed: string,
  startMs: number,
  plan: TaskPlan[],
  result: { outcome: JobOutcome; errors: JobErrorRecord[] },
  operation: 'Backup' | 'ConfigureBackup' = 'Backup',
): JobRecord {
  const { vault, item } = input;
  const name = deterministicUuid(`backup-job:${resourceKey(item.id)}:${seed}`);
  const tasks = scheduleTasks(startMs, plan, 1);
  return {
    id: jobId(vault.id, name),
    name,
    vaultKey: resourceKey(vault.id),
    itemKey: resourceKey(item.id),
    operation,
    entityFriendlyName: item.vmName,
    containerName: shortContainerName({ resourceGroup: item.vmResourceGroup, vmName: item.vmName }),
    startMs,
    endMs: tasks[tasks.length - 1]?.endMs ?? startMs,
    status: result.outcome,
    outcome: result.outcome,
    tasks,
    errors: result.errors,
    activityId: deterministicUuid(`backup-activity:${resourceKey(item.id)}:${seed}`),
    isUserTriggered: false,
    propertyBag: { 'VM Name': item.vmName },
  };
}
