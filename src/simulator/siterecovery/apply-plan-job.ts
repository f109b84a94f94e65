import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { primaryPlanOperations } from './build-recovery-plans.js';
import { primaryProtectedOperations } from './build-site-recovery-state.js';
import { createRecoveryVm, removeRecoveryVm, setPowerState } from './recovery-vms.js';
import type {
  RecoveryPlanRecord,
  ReplicatedItemRecord,
  SiteRecoveryJobRecord,
  TaskStep,
} from './site-recovery-state.js';

/**
 * What the tasks of a plan job change, applied as the simulated clock passes each task's end, and
 * the states the items and the plan are left in when the job ends (their `allowedOperations` are
 * what the request handlers enforce). Names of states and operations are ASR's
 * (ReplicationProtectedItemOperation, A2A protection states); see the README's state table.
 */
const testPending = {
  items: ['TestFailoverCleanup', 'PlannedFailover', 'UnplannedFailover', 'DisableProtection'],
  plan: ['TestFailoverCleanup', 'PlannedFailover', 'UnplannedFailover'],
};
const failedOver = {
  items: ['Commit', 'CancelFailover', 'DisableProtection'],
  plan: ['Commit', 'CancelFailover'],
};
const committed = { items: ['ReverseReplicate', 'DisableProtection'], plan: ['ReverseReplicate'] };

export function applyTask(
  state: SimulatorState,
  job: SiteRecoveryJobRecord,
  step: TaskStep,
  atMs: number,
): void {
  const work = job.work;
  if (!work) return;
  const items = itemsOf(state, step.kind === 'shutdown' || step.kind === 'group' ? step.itemKeys : []);
  const toRecovery = work.direction === 'PrimaryToRecovery';
  switch (step.kind) {
    case 'shutdown':
      for (const item of items)
        setPowerState(state, toRecovery ? item.vmId : item.recoveryVmId, 'deallocated');
      return;
    case 'group':
      for (const item of items) failOverItem(state, job, item, atMs);
      return;
    default:
      return;
  }
}

function failOverItem(
  state: SimulatorState,
  job: SiteRecoveryJobRecord,
  item: ReplicatedItemRecord,
  atMs: number,
) {
  const work = job.work;
  if (!work) return;
  const source = ownValue(state.compute.virtualMachines, resourceKey(item.vmId));
  const vault = ownValue(state.siteRecovery.vaults, item.vaultKey);
  if (work.scenario === 'TestFailover') {
    if (source && vault) {
      const vm = createRecoveryVm(state, {
        source,
        name: `${item.recoveryVmName}-test`,
        resourceGroup: vault.resourceGroup,
        location: vault.location,
        diskSuffix: '-ASRReplica-test',
        nowMs: atMs,
        tags: { 'asr-test-failover': job.name },
        ...(work.networkId ? { networkId: work.networkId } : {}),
      });
      item.testVmId = vm.id;
    }
    item.testFailoverState = 'WaitingForCompletion';
    item.testFailoverStateDescription = 'Test failover cleanup pending';
    item.lastSuccessfulTestFailoverMs = atMs;
    return;
  }
  if (work.direction === 'PrimaryToRecovery') {
    if (source && vault) {
      const vm = createRecoveryVm(state, {
        source,
        name: item.recoveryVmName,
        resourceGroup: vault.resourceGroup,
        location: vault.location,
        diskSuffix: '-ASRReplica',
        nowMs: atMs,
        tags: {},
        ...(vault.recoveryNetworkId ? { networkId: vault.recoveryNetworkId } : {}),
      });
      item.recoveryVmId = vm.id;
    }
    item.activeLocation = 'Recovery';
  } else {
    setPowerState(state, item.vmId, 'running');
    setPowerState(state, item.recoveryVmId, 'deallocated');
    item.activeLocation = 'Primary';
  }
  item.protectionState = 'FailedOver';
  item.protectionStateDescription = 'Failed over';
  item.lastRpoCalculatedMs = atMs;
  item.lastSuccessfulFailoverMs = atMs;
}

/** The job's last task ended well: the items and the plan take the scenario's end state. */
export function finishScenario(
  state: SimulatorState,
  job: SiteRecoveryJobRecord,
  plan: RecoveryPlanRecord,
  atMs: number,
) {
  const work = job.work;
  if (!work) return;
  const items = itemsOf(
    state,
    plan.groups.flatMap((group) => group.itemKeys),
  );
  switch (work.scenario) {
    case 'TestFailover':
      setAllowed(items, plan, testPending);
      plan.lastTestFailoverMs = atMs;
      return;
    case 'TestFailoverCleanup':
      for (const item of items) {
        removeRecoveryVm(state, item.testVmId);
        delete item.testVmId;
        item.testFailoverState = 'None';
        item.testFailoverStateDescription = 'None';
      }
      setAllowed(items, plan, replicating(items));
      return;
    case 'PlannedFailover':
    case 'UnplannedFailover':
      setAllowed(items, plan, failedOver);
      if (work.scenario === 'PlannedFailover') plan.lastPlannedFailoverMs = atMs;
      else plan.lastUnplannedFailoverMs = atMs;
      return;
    case 'Commit':
      for (const item of items) item.protectionStateDescription = 'Failover committed';
      setAllowed(items, plan, committed);
      return;
    case 'CancelFailover':
      for (const item of items.filter((i) => i.protectionState === 'FailedOver')) cancelItem(state, item);
      setAllowed(items, plan, replicating(items));
      return;
    case 'Reprotect':
      for (const item of items) {
        item.protectionState = 'Protected';
        item.protectionStateDescription = 'Protected';
        item.lastRpoCalculatedMs = atMs;
        if (item.activeLocation === 'Primary') {
          // Failback reprotected: replication runs from the primary region again; the VMs the
          // failover had created in the recovery region go.
          removeRecoveryVm(state, item.recoveryVmId);
          delete item.recoveryVmId;
        }
      }
      setAllowed(items, plan, replicating(items));
      return;
  }
}

/**
 * The job failed in a task: what the finished groups did stays (as in Azure: the plan is left
 * partly failed over, to be failed over again or cancelled); the rest is as before.
 */
export function failScenario(state: SimulatorState, job: SiteRecoveryJobRecord, plan: RecoveryPlanRecord) {
  const items = itemsOf(
    state,
    plan.groups.flatMap((group) => group.itemKeys),
  );
  const scenario = job.work?.scenario;
  if (scenario === 'TestFailover') {
    const any = items.some((item) => item.testVmId);
    setAllowed(items, plan, any ? testPending : replicating(items));
    return;
  }
  if (scenario === 'PlannedFailover' || scenario === 'UnplannedFailover') {
    const any = items.some((item) => item.protectionState === 'FailedOver');
    setAllowed(
      items,
      plan,
      any
        ? { items: [...failedOver.items, scenario], plan: [...failedOver.plan, scenario] }
        : replicating(items),
    );
    return;
  }
  setAllowed(items, plan, replicating(items));
}

function cancelItem(state: SimulatorState, item: ReplicatedItemRecord) {
  if (item.activeLocation === 'Recovery') {
    removeRecoveryVm(state, item.recoveryVmId);
    delete item.recoveryVmId;
    setPowerState(state, item.vmId, 'running');
    item.activeLocation = 'Primary';
  } else {
    setPowerState(state, item.vmId, 'deallocated');
    setPowerState(state, item.recoveryVmId, 'running');
    item.activeLocation = 'Recovery';
  }
  item.protectionState = 'Protected';
  item.protectionStateDescription = 'Protected';
}

/** What a plan whose items replicate (from whichever side is active) allows. */
function replicating(items: ReplicatedItemRecord[]): { items: string[]; plan: string[] } {
  const pending = items.some((item) => item.testVmId);
  if (pending) return testPending;
  return { items: [...primaryProtectedOperations], plan: [...primaryPlanOperations] };
}

function setAllowed(
  items: ReplicatedItemRecord[],
  plan: RecoveryPlanRecord,
  allowed: { items: string[]; plan: string[] },
) {
  for (const item of items) {
    item.allowedOperations = [...allowed.items];
    delete item.currentJobKey;
  }
  plan.allowedOperations = [...allowed.plan];
}

export function itemsOf(state: SimulatorState, keys: string[]): ReplicatedItemRecord[] {
  return keys.flatMap((key) => {
    const item = ownValue(state.siteRecovery.replicatedItems, key);
    return item ? [item] : [];
  });
}
