import type { SiteRecoveryJobRecord, SiteRecoveryTaskRecord } from './site-recovery-state.js';

/**
 * An ASR job as `Job` (REST spec's ReplicationJobs_Get example): scenario, state, tasks with their
 * `customDetails`, errors as `JobErrorDetails {serviceErrorDetails}`, allowed actions, target.
 */
export function renderSiteRecoveryJob(job: SiteRecoveryJobRecord): unknown {
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
      tasks: job.tasks.map(renderTask),
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

function renderTask(task: SiteRecoveryTaskRecord): unknown {
  return {
    taskId: task.taskId,
    name: task.name,
    ...(task.startMs === undefined ? {} : { startTime: new Date(task.startMs).toISOString() }),
    ...(task.endMs === undefined ? {} : { endTime: new Date(task.endMs).toISOString() }),
    allowedActions: [],
    friendlyName: task.friendlyName,
    state: task.state,
    stateDescription: task.stateDescription,
    taskType: 'TaskDetails',
    customDetails: task.customDetails,
    errors: [],
  };
}
