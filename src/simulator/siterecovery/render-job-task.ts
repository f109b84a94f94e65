import { ownValue } from '../core/own-property.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { scenarioNameOf } from './scenario-names.js';
import type { SiteRecoveryJobRecord, SiteRecoveryTaskRecord } from './site-recovery-state.js';

/**
 * A task of a recovery plan job as ASR's `ASRTask`, with the details ASR's discriminators name
 * (`TaskTypeDetails`, `GroupTaskDetails` of the REST spec), `taskType` being the type of the details
 * it carries:
 *
 * - a boot group's failover ("Group n: Start virtual machines"): `groupTaskCustomDetails`
 *   `RecoveryPlanGroupTaskDetails {name, groupId, rpGroupType: "Boot", childTasks}`, one child per
 *   VM (`VirtualMachineTaskDetails` naming the VM), the VM that failed carrying the error;
 * - the planned failover's shutdown: `RecoveryPlanShutdownGroupTaskDetails`, a child per VM;
 * - a plan action: `ManualActionTaskDetails {name, instructions, observation}`,
 *   `AutomationRunbookTaskDetails` or `ScriptActionTaskDetails`, as recorded when the job started;
 * - the rest (prerequisites check, cleanup, commit, cancel, reprotect): `JobTaskDetails {jobTask}`,
 *   the workflow it belongs to. State files older than this file recorded those as `TaskDetails`:
 *   the details are derived from the task's step, not read back.
 */
export interface RenderedTaskTimes {
  state: string;
  stateDescription: string;
  startTime?: string;
  endTime?: string;
  errors: unknown[];
}

export function taskDetails(
  state: SimulatorState,
  job: SiteRecoveryJobRecord,
  task: SiteRecoveryTaskRecord,
  times: RenderedTaskTimes,
): Record<string, unknown> {
  const { step } = task;
  switch (step.kind) {
    case 'action': {
      const instanceType = String(task.customDetails.instanceType ?? 'ManualActionTaskDetails');
      return { taskType: instanceType, customDetails: { ...task.customDetails, instanceType } };
    }
    case 'group':
      return groupDetails('RecoveryPlanGroupTaskDetails', {
        name: `Group ${step.group}`,
        groupId: String(step.group),
        rpGroupType: 'Boot',
        childTasks: childTasks(state, job, task, step.itemKeys, 'Start', times),
      });
    case 'shutdown':
      return groupDetails('RecoveryPlanShutdownGroupTaskDetails', {
        name: 'Shutdown',
        groupId: 'Shutdown',
        rpGroupType: 'Shutdown',
        childTasks: childTasks(state, job, task, step.itemKeys, 'Shut down', times),
      });
    default:
      return {
        taskType: 'JobTaskDetails',
        customDetails: { instanceType: 'JobTaskDetails', jobTask: jobEntity(job) },
      };
  }
}

function groupDetails(instanceType: string, details: Record<string, unknown>): Record<string, unknown> {
  return { taskType: instanceType, groupTaskCustomDetails: { instanceType, ...details } };
}

/** ASR's `JobEntity`: the workflow a task belongs to. */
function jobEntity(job: SiteRecoveryJobRecord, target?: { id: string; name: string }): unknown {
  return {
    jobId: job.id,
    jobFriendlyName: job.friendlyName,
    targetObjectId: target?.id ?? job.targetObjectId,
    targetObjectName: target?.name ?? job.targetObjectName,
    targetInstanceType: target ? 'ProtectionEntity' : job.targetInstanceType,
    jobScenarioName: scenarioNameOf(job.scenarioName),
  };
}

function childTasks(
  state: SimulatorState,
  job: SiteRecoveryJobRecord,
  parent: SiteRecoveryTaskRecord,
  itemKeys: readonly string[],
  verb: string,
  times: RenderedTaskTimes,
): unknown[] {
  const failedVm = job.failure?.vmName.toLowerCase();
  return itemKeys.map((key, index) => {
    const item = ownValue(state.siteRecovery.replicatedItems, key);
    const vmName = item?.vmName ?? key;
    const failed = times.errors.length > 0 && vmName.toLowerCase() === failedVm;
    return {
      taskId: `${parent.taskId}.${index + 1}`,
      name: verb === 'Start' ? 'StartVmTask' : 'ShutdownVmTask',
      ...(times.startTime ? { startTime: times.startTime } : {}),
      ...(times.endTime ? { endTime: times.endTime } : {}),
      allowedActions: [],
      friendlyName: `${verb} virtual machine ${vmName}`,
      state: times.state,
      stateDescription: times.stateDescription,
      taskType: 'VirtualMachineTaskDetails',
      customDetails: {
        instanceType: 'VirtualMachineTaskDetails',
        jobTask: jobEntity(job, { id: item?.name ?? key, name: vmName }),
      },
      errors: failed ? times.errors : [],
    };
  });
}
