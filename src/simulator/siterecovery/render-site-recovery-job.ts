import type { SiteRecoveryJobRecord, SiteRecoveryTaskRecord } from './site-recovery-state.js';

/**
 * An ASR job as `Job` (REST spec's ReplicationJobs_Get example): scenario, state, tasks with their
 * `customDetails`, errors as `JobErrorDetails {serviceErrorDetails}`, allowed actions, target.
 */
export function renderSiteRecoveryJob(job: SiteRecoveryJobRecord, nowMs: number): unknown {
  return {
    id: job.id,
    name: job.name,
    type: 'Microsoft.RecoveryServices/vaults/replicationJobs',
    properties: {
      activityId: job.activityId,
      scenarioName: job.scenarioName,
      friendlyName: job.friendlyName,
      state: job.state,
      stateDescription: job.stateDescription,
      tasks: job.tasks.map((task) => renderTask(job, task, nowMs)),
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
      customDetails: { instanceType: 'AsrJobDetails', affectedObjectDetails: {} },
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

function renderTask(job: SiteRecoveryJobRecord, task: SiteRecoveryTaskRecord, nowMs: number): unknown {
  const state = taskState(job, task, nowMs);
  const ended = state === task.state && task.endMs !== undefined;
  return {
    taskId: task.taskId,
    name: task.name,
    ...(task.startMs === undefined || state === 'NotStarted'
      ? {}
      : { startTime: new Date(task.startMs).toISOString() }),
    ...(ended && task.endMs !== undefined ? { endTime: new Date(task.endMs).toISOString() } : {}),
    allowedActions: state === 'Suspended' ? ['Resume'] : [],
    friendlyName: task.friendlyName,
    state,
    stateDescription: ended ? task.stateDescription : state,
    taskType: task.step.kind === 'group' ? 'GroupTaskDetails' : 'TaskDetails',
    customDetails: task.customDetails,
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
}
