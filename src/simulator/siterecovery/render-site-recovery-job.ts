import type { SimulatorState } from '../core/simulator-state.js';
import { jobDetails } from './render-job-details.js';
import { type RenderedTaskTimes, taskDetails } from './render-job-task.js';
import { scenarioNameOf } from './scenario-names.js';
import type { SiteRecoveryJobRecord, SiteRecoveryTaskRecord } from './site-recovery-state.js';

/**
 * An ASR job as `Job` (REST spec's ReplicationJobs_Get example): scenario (ASR's workflow name,
 * scenario-names.ts), state, tasks with their details (render-job-task.ts), errors as
 * `JobErrorDetails {serviceErrorDetails}`, allowed actions, target, and `customDetails` per kind of
 * job (render-job-details.ts).
 */
export function renderSiteRecoveryJob(
  state: SimulatorState,
  job: SiteRecoveryJobRecord,
  nowMs: number,
): unknown {
  return {
    id: job.id,
    name: job.name,
    type: 'Microsoft.RecoveryServices/vaults/replicationJobs',
    properties: {
      activityId: job.activityId,
      scenarioName: scenarioNameOf(job.scenarioName),
      friendlyName: job.friendlyName,
      state: job.state,
      stateDescription: job.stateDescription,
      tasks: job.tasks.map((task) => renderTask(state, job, task, nowMs)),
      errors: job.errors.map((error) => ({
        serviceErrorDetails: { ...error, activityId: job.activityId },
        errorLevel: 'Error',
        creationTime: new Date(job.endMs ?? job.startMs).toISOString(),
      })),
      startTime: new Date(job.startMs).toISOString(),
      ...(job.endMs === undefined ? {} : { endTime: new Date(job.endMs).toISOString() }),
      allowedActions: job.allowedActions,
      targetObjectId: job.targetObjectId,
      targetObjectName: job.targetObjectName,
      targetInstanceType: job.targetInstanceType,
      customDetails: jobDetails(state, job),
    },
  };
}

/** A task's state at `nowMs`: NotStarted, InProgress (Suspended at a waiting manual action), or how it ended. */
function taskState(job: SiteRecoveryJobRecord, task: SiteRecoveryTaskRecord, nowMs: number): string {
  if (task.startMs === undefined || nowMs < task.startMs) return 'NotStarted';
  if (task.endMs === undefined) return job.state === 'Suspended' ? 'Suspended' : 'InProgress';
  if (nowMs < task.endMs) return 'InProgress';
  return task.state;
}

function renderTask(
  state: SimulatorState,
  job: SiteRecoveryJobRecord,
  task: SiteRecoveryTaskRecord,
  nowMs: number,
): unknown {
  const taskNow = taskState(job, task, nowMs);
  const ended = taskNow === task.state && task.endMs !== undefined;
  const times: RenderedTaskTimes = {
    state: taskNow,
    stateDescription: ended ? task.stateDescription : taskNow,
    ...(task.startMs === undefined || taskNow === 'NotStarted'
      ? {}
      : { startTime: new Date(task.startMs).toISOString() }),
    ...(ended && task.endMs !== undefined ? { endTime: new Date(task.endMs).toISOString() } : {}),
    errors:
      ended && task.error
        ? [
            {
              serviceErrorDetails: { ...task.error, activityId: job.activityId },
              errorLevel: 'Error',
              creationTime: new Date(task.endMs ?? job.startMs).toISOString(),
            },
          ]
        : [],
  };
  return {
    taskId: task.taskId,
    name: task.name,
    ...(times.startTime ? { startTime: times.startTime } : {}),
    ...(times.endTime ? { endTime: times.endTime } : {}),
    allowedActions: taskNow === 'Suspended' ? ['Resume'] : [],
    friendlyName: task.friendlyName,
    state: times.state,
    stateDescription: times.stateDescription,
    ...taskDetails(state, job, task, times),
    errors: times.errors,
  };
}
