import { ownValue } from '../core/own-property.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type {
  FailoverType,
  PlanActionRecord,
  PlanJobWork,
  RecoveryPlanRecord,
  SiteRecoveryTaskRecord,
  TaskStep,
} from './site-recovery-state.js';

/**
 * The tasks of a recovery plan job, in order, with their simulated durations. A failover (test,
 * planned or unplanned) runs a prerequisites check, shuts the source VMs down (planned only), then
 * per boot group its start actions, the failover of its VMs and its end actions: the actions that
 * apply to the failover type and direction, as ASR selects them. Durations are the simulator's
 * (Azure's vary): check 30 s, shutdown 120 s, runbook 90 s, script 60 s, group 120 s + 30 s per VM;
 * a manual action lasts until the job is resumed. Cleanup, commit and cancel are one task each;
 * reprotect (re-replication, much longer in Azure) 30 minutes.
 */
export const taskSeconds = {
  check: 30,
  shutdown: 120,
  runbook: 90,
  script: 60,
  groupBase: 120,
  groupPerVm: 30,
  cleanup: 180,
  commit: 60,
  cancel: 180,
  reprotect: 1800,
} as const;

const scenarioFriendlyNames: Record<PlanJobWork['scenario'], string> = {
  TestFailover: 'Test failover',
  TestFailoverCleanup: 'Cleanup test failover',
  PlannedFailover: 'Planned failover',
  UnplannedFailover: 'Failover',
  Commit: 'Commit',
  CancelFailover: 'Cancel failover',
  Reprotect: 'Reprotect',
};

export function scenarioFriendlyName(scenario: PlanJobWork['scenario']): string {
  return scenarioFriendlyNames[scenario];
}

export function planJobTasks(
  state: SimulatorState,
  plan: RecoveryPlanRecord,
  work: PlanJobWork,
): SiteRecoveryTaskRecord[] {
  const tasks: SiteRecoveryTaskRecord[] = [];
  const add = (name: string, friendlyName: string, seconds: number, step: TaskStep, custom = {}) =>
    tasks.push({
      taskId: `${tasks.length + 1}`,
      name,
      friendlyName,
      state: 'Succeeded',
      stateDescription: 'Completed',
      // Actions keep theirs (below); the others' are derived when rendered (render-job-task.ts).
      customDetails: { instanceType: 'JobTaskDetails', ...custom },
      durationSeconds: seconds,
      step,
    });
  const allItems = plan.groups.flatMap((group) => group.itemKeys);
  switch (work.scenario) {
    case 'TestFailoverCleanup':
      add('TestFailoverCleanupTask', 'Delete the test virtual machines', taskSeconds.cleanup, {
        kind: 'cleanup',
      });
      return tasks;
    case 'Commit':
      add('FailoverCommitTask', 'Commit the failover', taskSeconds.commit, { kind: 'commit' });
      return tasks;
    case 'CancelFailover':
      add('CancelFailoverTask', 'Cancel the failover', taskSeconds.cancel, { kind: 'cancel' });
      return tasks;
    case 'Reprotect':
      add('ReprotectTask', 'Start replication in the other direction', taskSeconds.reprotect, {
        kind: 'reprotect',
      });
      return tasks;
    default:
      break;
  }
  const type: FailoverType = work.scenario;
  add('PreFailoverCheckTask', 'Prerequisites check', taskSeconds.check, { kind: 'check' });
  if (type === 'PlannedFailover') {
    add('ShutdownPrimaryVmsTask', 'Shut down the virtual machines', taskSeconds.shutdown, {
      kind: 'shutdown',
      itemKeys: allItems,
    });
  }
  let bootGroup = 0;
  for (const group of plan.groups) {
    if (group.groupType !== 'Boot') continue;
    bootGroup += 1;
    const applies = (action: PlanActionRecord) =>
      action.failoverTypes.includes(type) && action.failoverDirections.includes(work.direction);
    for (const action of group.startActions.filter(applies)) addAction(add, bootGroup, 'Pre', action);
    const names = group.itemKeys.map(
      (key) => ownValue(state.siteRecovery.replicatedItems, key)?.vmName ?? key,
    );
    add(
      'FailoverVmsTask',
      `Group ${bootGroup}: Start virtual machines (${names.join(', ')})`,
      taskSeconds.groupBase + taskSeconds.groupPerVm * group.itemKeys.length,
      { kind: 'group', group: bootGroup, itemKeys: group.itemKeys },
    );
    for (const action of group.endActions.filter(applies)) addAction(add, bootGroup, 'Post', action);
  }
  return tasks;
}

function addAction(
  add: (name: string, friendlyName: string, seconds: number, step: TaskStep, custom?: object) => void,
  group: number,
  when: 'Pre' | 'Post',
  action: PlanActionRecord,
): void {
  const friendly = `Group ${group}: ${when}-steps: ${action.name}`;
  const details = action.details;
  switch (details.kind) {
    case 'manual':
      add(
        'ManualActionTask',
        friendly,
        0,
        { kind: 'action', group, manual: true },
        {
          instanceType: 'ManualActionTaskDetails',
          name: action.name,
          instructions: details.description,
        },
      );
      return;
    case 'runbook':
      add(
        'AutomationRunbookTask',
        friendly,
        taskSeconds.runbook,
        { kind: 'action', group, manual: false },
        {
          instanceType: 'AutomationRunbookTaskDetails',
          name: action.name,
          runbookId: details.runbookId,
          runbookName: details.runbookId.split('/').pop() ?? '',
          isPrimarySideScript: details.fabricLocation === 'Primary',
        },
      );
      return;
    case 'script':
      add(
        'ScriptActionTask',
        friendly,
        taskSeconds.script,
        { kind: 'action', group, manual: false },
        {
          instanceType: 'ScriptActionTaskDetails',
          name: action.name,
          path: details.path,
          isPrimarySideScript: details.fabricLocation === 'Primary',
        },
      );
      return;
  }
}
