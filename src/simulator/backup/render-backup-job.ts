import type { JobRecord, JobTaskRecord } from './backup-state.js';
import { formatIsoDuration } from './format-iso-duration.js';
import { numericErrorCode } from './job-errors.js';

/**
 * A job as `AzureIaaSVMJob` (REST spec's JobDetails_Get example). Running jobs are rendered from the
 * clock: tasks are NotStarted, InProgress (with progressPercentage) or Completed by their planned
 * times; the job's progressPercentage and estimatedRemainingDuration follow the whole plan.
 */
const running = new Set(['InProgress', 'Cancelling']);

export function renderJob(job: JobRecord, nowMs: number): unknown {
  const isRunning = running.has(job.status);
  const endMs = isRunning ? nowMs : job.endMs;
  const span = Math.max(1, job.endMs - job.startMs);
  const percent = isRunning
    ? Math.min(99, Math.max(0, Math.floor(((nowMs - job.startMs) / span) * 100)))
    : 100;
  const cancellable = isRunning && job.status === 'InProgress' && job.operation !== 'ConfigureBackup';
  return {
    id: job.id,
    name: job.name,
    type: 'Microsoft.RecoveryServices/vaults/backupJobs',
    properties: {
      jobType: 'AzureIaaSVMJob',
      duration: formatIsoDuration(endMs - job.startMs),
      ...(cancellable ? { actionsInfo: ['Cancellable'] } : {}),
      virtualMachineVersion: 'Compute',
      extendedInfo: {
        tasksList: job.tasks.map((_, index) => renderTask(job, index, nowMs)),
        propertyBag: job.propertyBag,
        ...(isRunning
          ? {
              progressPercentage: percent,
              estimatedRemainingDuration: formatIsoDuration(job.endMs - nowMs),
            }
          : {}),
      },
      entityFriendlyName: job.entityFriendlyName,
      backupManagementType: 'AzureIaasVM',
      operation: job.operation,
      status: job.status,
      startTime: new Date(job.startMs).toISOString(),
      ...(isRunning ? {} : { endTime: new Date(job.endMs).toISOString() }),
      activityId: job.activityId,
      ...(job.errors.length > 0
        ? {
            errorDetails: job.errors.map((error) => ({
              errorCode: numericErrorCode(error.code),
              errorTitle: error.code,
              errorString: error.message,
              recommendations: error.recommendations,
            })),
          }
        : {}),
      containerName: job.containerName,
      isUserTriggered: job.isUserTriggered,
    },
  };
}

function renderTask(job: JobRecord, index: number, nowMs: number): unknown {
  const task = job.tasks[index] as JobTaskRecord;
  const status = taskStatus(job, index, nowMs);
  const started = status !== 'NotStarted';
  const ended = started && status !== 'InProgress';
  const endMs = ended ? Math.min(task.endMs, job.endMs) : nowMs;
  const span = Math.max(1, task.endMs - task.startMs);
  const progress =
    status === 'Completed'
      ? 100
      : status === 'InProgress'
        ? Math.min(99, Math.floor(((nowMs - task.startMs) / span) * 100))
        : 0;
  return {
    taskId: task.taskId,
    ...(started ? { startTime: new Date(task.startMs).toISOString() } : {}),
    ...(ended ? { endTime: new Date(endMs).toISOString() } : {}),
    duration: formatIsoDuration(started ? endMs - task.startMs : 0),
    status,
    progressPercentage: progress,
  };
}

function taskStatus(job: JobRecord, index: number, nowMs: number): string {
  const task = job.tasks[index] as JobTaskRecord;
  switch (job.status) {
    case 'Completed':
    case 'CompletedWithWarnings':
      return 'Completed';
    case 'Failed': {
      // The job failed in the first task that had not ended by the job's end.
      const failing = job.tasks.findIndex((candidate) => candidate.endMs >= job.endMs);
      if (index < failing || failing < 0) return 'Completed';
      return index === failing ? 'Failed' : 'NotStarted';
    }
    case 'Cancelled':
      return task.endMs <= job.endMs ? 'Completed' : 'Cancelled';
    default:
      if (nowMs >= task.endMs) return 'Completed';
      return nowMs >= task.startMs ? 'InProgress' : 'NotStarted';
  }
}
