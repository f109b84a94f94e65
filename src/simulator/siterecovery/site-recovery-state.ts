/**
 * What the simulator remembers about Azure Site Recovery (Azure-to-Azure replication) in Recovery
 * Services vaults. Plain JSON records keyed by lower-cased ARM id, like the other slices; bodies are
 * rendered at request time (render-*.ts). The records hold the state a failover changes (protection
 * state, active location, test failover state, allowed operations, the plan's current scenario), so
 * that the failover state machine can be added without changing their shape.
 */
export type FailoverType = 'TestFailover' | 'PlannedFailover' | 'UnplannedFailover';
export type FailoverDirection = 'PrimaryToRecovery' | 'RecoveryToPrimary';
export type ActiveLocation = 'Primary' | 'Recovery';

/** The Site Recovery side of a vault (the vault resource itself is in the `backup` slice). */
export interface SiteRecoveryVaultRecord {
  /** The vault's id, canonical casing. */
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  /** The isolated network test failovers use (the estate's `testNetwork`). */
  testNetworkId: string;
  /** Where failovers connect the VMs: the first other network of the vault's group, if any. */
  recoveryNetworkId?: string;
  /** The replication policy every item uses (`{vault}/replicationPolicies/{name}`). */
  policyId: string;
}

/** One A2A fabric per region: `asr-a2a-default-{region}`. */
export interface FabricRecord {
  id: string;
  name: string;
  vaultKey: string;
  location: string;
  /** Region display name, as Azure names A2A fabrics (e.g. "West Europe"). */
  friendlyName: string;
  internalIdentifier: string;
}

/** One protection container per fabric: `asr-a2a-default-{region}-container`. */
export interface ProtectionContainerRecord {
  id: string;
  name: string;
  vaultKey: string;
  fabricKey: string;
}

export interface ReplicatedItemRecord {
  /** `{primary container}/replicationProtectedItems/{name}`; it lives in its current primary container. */
  id: string;
  /** A GUID, as the portal names A2A items. */
  name: string;
  vaultKey: string;
  containerKey: string;
  primaryFabricKey: string;
  recoveryFabricKey: string;
  recoveryContainerKey: string;
  /** The source VM (A2A `fabricObjectId`), canonical casing. */
  vmId: string;
  vmName: string;
  vmSize: string;
  osType: 'Linux' | 'Windows';
  recoveryVmName: string;
  recoveryResourceGroupId: string;
  /** The vault's recovery network, where failovers connect the VM. */
  recoveryNetworkId?: string;
  protectionState: string;
  protectionStateDescription: string;
  replicationHealth: 'Normal' | 'Warning' | 'Critical';
  failoverHealth: 'Normal' | 'Warning' | 'Critical';
  activeLocation: ActiveLocation;
  testFailoverState: string;
  testFailoverStateDescription: string;
  allowedOperations: string[];
  lastSuccessfulTestFailoverMs?: number;
  lastSuccessfulFailoverMs?: number;
  /** Age of the latest recovery point when Azure last calculated it. */
  rpoSeconds: number;
  /**
   * When Azure last calculated the RPO. While the item replicates (Protected) Azure recalculates
   * it continuously, so the simulator reports its clock; this value is what a stopped replication
   * (a failover, later) freezes.
   */
  lastRpoCalculatedMs: number;
  /** The job of the operation running on the item, if any. */
  currentJobKey?: string;
  createdMs: number;
  /** The test VM a test failover created (until cleanup). */
  testVmId?: string;
  /** The VM a failover created in the recovery region (kept until a failback is reprotected). */
  recoveryVmId?: string;
  /** Past replication lags (injected faults, replication-lag.ts): no recovery point was taken then. */
  replicationGaps?: { fromMs: number; toMs: number }[];
}

export interface RunbookActionDetails {
  kind: 'runbook';
  runbookId: string;
  timeoutSeconds: number;
  fabricLocation: 'Primary' | 'Recovery';
}

export interface ManualActionDetails {
  kind: 'manual';
  description: string;
}

export interface ScriptActionDetails {
  kind: 'script';
  path: string;
  fabricLocation: 'Primary' | 'Recovery';
}

export interface PlanActionRecord {
  name: string;
  failoverTypes: FailoverType[];
  failoverDirections: FailoverDirection[];
  details: RunbookActionDetails | ManualActionDetails | ScriptActionDetails;
}

export interface PlanGroupRecord {
  groupType: 'Shutdown' | 'Failover' | 'Boot';
  /** Lower-cased ids of the group's replicated items, in order. */
  itemKeys: string[];
  startActions: PlanActionRecord[];
  endActions: PlanActionRecord[];
}

export interface PlanScenarioRecord {
  scenarioName: string;
  jobKey: string;
  startMs: number;
}

export interface RecoveryPlanRecord {
  id: string;
  name: string;
  vaultKey: string;
  primaryFabricKey: string;
  recoveryFabricKey: string;
  /** Shutdown, Failover, then one Boot group per estate boot group. */
  groups: PlanGroupRecord[];
  allowedOperations: string[];
  /** undefined: no scenario whose job Azure still keeps (30 days). */
  currentScenario?: PlanScenarioRecord;
  currentScenarioStatus: string;
  currentScenarioStatusDescription: string;
  lastTestFailoverMs?: number;
  lastPlannedFailoverMs?: number;
  lastUnplannedFailoverMs?: number;
}

/** What a task of a plan job does (the simulator's bookkeeping; not rendered). */
export type TaskStep =
  | { kind: 'check' }
  | { kind: 'shutdown'; itemKeys: string[] }
  | { kind: 'group'; group: number; itemKeys: string[] }
  | { kind: 'action'; group: number; manual: boolean }
  | { kind: 'cleanup' }
  | { kind: 'commit' }
  | { kind: 'cancel' }
  | { kind: 'reprotect' };

export interface SiteRecoveryTaskRecord {
  taskId: string;
  name: string;
  friendlyName: string;
  /**
   * The state the task ends in. Before its `endMs` (or before it started) the rendered state is
   * derived from the clock: NotStarted, then InProgress (Suspended while a manual action waits).
   */
  state: string;
  stateDescription: string;
  startMs?: number;
  endMs?: number;
  /** ASR's task `customDetails` (e.g. ManualActionTaskDetails {instructions, observation}). */
  customDetails: Record<string, unknown>;
  /** Simulated seconds the task takes (a manual action: until resumed). */
  durationSeconds: number;
  step: TaskStep;
  /** The task's error, when the job fails in it. */
  error?: SiteRecoveryJobErrorRecord;
}

export interface SiteRecoveryJobErrorRecord {
  code: string;
  message: string;
  possibleCauses: string;
  recommendedAction: string;
}

export interface SiteRecoveryJobRecord {
  id: string;
  /** A GUID. */
  name: string;
  vaultKey: string;
  scenarioName: string;
  friendlyName: string;
  state: string;
  stateDescription: string;
  startMs: number;
  endMs?: number;
  allowedActions: string[];
  targetObjectId: string;
  targetObjectName: string;
  targetInstanceType: string;
  tasks: SiteRecoveryTaskRecord[];
  errors: SiteRecoveryJobErrorRecord[];
  activityId: string;
  /** The recovery plan the job works on (plan jobs only). */
  planKey?: string;
  /** Plan jobs: what the job does (failover type and direction, test network). */
  work?: PlanJobWork;
  /** Index of the first task not yet scheduled (a manual action waits there). */
  nextTask?: number;
  /** The core timer operation that ends the running segment of tasks. */
  timerOperationId?: string;
  /** The id of the async operation the starting request answered with (`replicationOperationStatus/{id}`). */
  operationId?: string;
  /** The job fails at the end of the task of this VM (an injected `fail-job` fault). */
  failure?: { vmName: string; error: SiteRecoveryJobErrorRecord };
}

export type PlanJobScenario =
  | 'TestFailover'
  | 'TestFailoverCleanup'
  | 'PlannedFailover'
  | 'UnplannedFailover'
  | 'Commit'
  | 'CancelFailover'
  | 'Reprotect';

export interface PlanJobWork {
  scenario: PlanJobScenario;
  direction: FailoverDirection;
  /** Test failover: the network the test VMs are connected to. */
  networkId?: string;
  recoveryPointType?: string;
  comments?: string;
}

export interface SiteRecoveryState {
  vaults: Record<string, SiteRecoveryVaultRecord>;
  fabrics: Record<string, FabricRecord>;
  containers: Record<string, ProtectionContainerRecord>;
  replicatedItems: Record<string, ReplicatedItemRecord>;
  recoveryPlans: Record<string, RecoveryPlanRecord>;
  jobs: Record<string, SiteRecoveryJobRecord>;
}

export function emptySiteRecoveryState(): SiteRecoveryState {
  return { vaults: {}, fabrics: {}, containers: {}, replicatedItems: {}, recoveryPlans: {}, jobs: {} };
}
