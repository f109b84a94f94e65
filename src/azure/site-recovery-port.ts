import type { OperationOptions, StartJobOptions } from './azure-port.js';
import type { VaultRef } from './backup-port.js';

/** A VM replicated by Azure Site Recovery (A2A), as the bot reads it. */
export interface ReplicatedVm {
  vault: VaultRef;
  /** The replicated item's ARM id: recovery plans list their VMs by it. */
  id: string;
  vmName: string;
  /** The source VM's id (A2A `fabricObjectId`). */
  vmId: string;
  /** Protected, UnprotectedStatesBegin, ... */
  protectionState: string;
  /** Normal, Warning, Critical. */
  replicationHealth: string;
  failoverHealth?: string;
  healthErrors: { code: string; message: string; recommendation?: string }[];
  /** Primary or Recovery. */
  activeLocation: string;
  /** The Azure regions of the two sides (A2A `primaryFabricLocation`, `recoveryFabricLocation`). */
  primaryRegion?: string;
  recoveryRegion?: string;
  /** None, or the state of a drill not cleaned up yet. */
  testFailoverState: string;
  allowedOperations: string[];
  lastSuccessfulTestFailoverTime?: Date;
  /** How old the latest recovery point was when Azure last measured it. */
  rpoSeconds?: number;
  lastRpoCalculatedTime?: Date;
  /** The network a failover connects the VM to (A2A `selectedRecoveryAzureNetworkId`). */
  recoveryNetworkId?: string;
  /** The network chosen for test failovers (A2A `selectedTfoAzureNetworkId`). */
  testNetworkId?: string;
  /** The name of the VM a failover creates on the recovery side (A2A `recoveryAzureVMName`). */
  recoveryVmName?: string;
  /** The resource group it is created in (A2A `recoveryAzureResourceGroupId`). */
  recoveryResourceGroupId?: string;
}

export interface RecoveryPlanAction {
  name: string;
  /** runbook, script or manual. */
  kind: 'runbook' | 'script' | 'manual' | 'other';
  description?: string;
}

export interface RecoveryPlanInfo {
  vault: VaultRef;
  name: string;
  allowedOperations: string[];
  currentScenario?: string;
  currentScenarioStatus?: string;
  /** The job of the current (or last) scenario, by name; absent when Azure shows none. */
  currentJobName?: string;
  currentScenarioStartTime?: Date;
  lastTestFailoverTime?: Date;
  lastPlannedFailoverTime?: Date;
  lastUnplannedFailoverTime?: Date;
  groups: {
    /** Shutdown, Failover or Boot. */
    type: string;
    itemIds: string[];
    startActions: RecoveryPlanAction[];
    endActions: RecoveryPlanAction[];
  }[];
}

export type FailoverDirection = 'PrimaryToRecovery' | 'RecoveryToPrimary';

/** ASR's recovery point choices for A2A failovers. */
export type RecoveryPointType =
  | 'Latest'
  | 'LatestApplicationConsistent'
  | 'LatestCrashConsistent'
  | 'LatestProcessed';

/** An operation on a whole recovery plan; each runs as an ASR job. */
export type PlanOperation =
  | {
      kind: 'TestFailover';
      direction: FailoverDirection;
      networkId: string;
      recoveryPointType: RecoveryPointType;
    }
  | { kind: 'TestFailoverCleanup'; comments: string }
  | { kind: 'PlannedFailover'; direction: FailoverDirection }
  | { kind: 'UnplannedFailover'; direction: FailoverDirection; recoveryPointType: RecoveryPointType }
  | { kind: 'Commit' }
  | { kind: 'CancelFailover' }
  | { kind: 'Reprotect' };

export interface PlanRef {
  vault: VaultRef;
  name: string;
}

export interface SiteRecoveryTask {
  name: string;
  friendlyName: string;
  /** NotStarted, InProgress, Suspended, Succeeded, Failed, Skipped, Cancelled. */
  state: string;
  startTime?: Date;
  endTime?: Date;
  /** The failover of a boot group's VMs (ASR's RecoveryPlanGroupTaskDetails), as opposed to an action or a check. */
  group: boolean;
  /** A manual action of the plan: its instructions, and the comments it was resumed with. */
  manual?: { instructions: string; observation?: string };
  errors: { code: string; message: string; recommendedAction?: string }[];
}

export interface SiteRecoveryJob {
  vault: VaultRef;
  name: string;
  /** ASR's activity id: it begins with the `x-ms-client-request-id` of the request that started the job. */
  activityId?: string;

  scenario: string;
  /** InProgress, Suspended, Succeeded, Failed, Cancelled. */
  state: string;
  /** WaitingForManualAction, WaitingForStopTestFailover, ... */
  stateDescription: string;
  allowedActions: string[];
  startTime?: Date;
  endTime?: Date;
  tasks: SiteRecoveryTask[];
  errors: { code: string; message: string; possibleCauses?: string; recommendedAction?: string }[];
}

export interface SiteRecoveryPoint {
  time: Date;
  /** CrashConsistent or AppConsistent. */
  type: string;
}

/** Azure Site Recovery through @azure/arm-recoveryservices-siterecovery (one implementation, SdkSiteRecovery). */
export interface SiteRecoveryPort {
  /** The Recovery Services vaults that replicate the managed VMs (configuration). */
  readonly vaults: readonly VaultRef[];
  /** Every replicated VM of the managed vaults: one list call per vault. */
  listReplicatedVms(options?: OperationOptions): Promise<ReplicatedVm[]>;
  /** Every recovery plan ("app") of the managed vaults: one list call per vault. */
  listRecoveryPlans(options?: OperationOptions): Promise<RecoveryPlanInfo[]>;
  /** The recovery points of one replicated VM, newest first. */
  listRecoveryPoints(item: ReplicatedVm, options?: OperationOptions): Promise<SiteRecoveryPoint[]>;
  /**
   * Asks Azure for an operation on a recovery plan and returns the name of the ASR job that runs
   * it (from the 202's Location, else the plan's current scenario); does not wait for the job.
   */
  startPlanOperation(
    plan: PlanRef,
    operation: PlanOperation,
    options?: StartJobOptions,
  ): Promise<{ jobName: string }>;
  getJob(vault: VaultRef, jobName: string, options?: OperationOptions): Promise<SiteRecoveryJob>;
  /**
   * The job a request started, by the request's `x-ms-client-request-id` (ASR keeps it as the
   * job's activityId); lists the vault's jobs, so only for a restart that lost the job's name.
   */
  findJobOfRequest(
    vault: VaultRef,
    requestId: string,
    options?: OperationOptions,
  ): Promise<SiteRecoveryJob | undefined>;
  /** Continues a job waiting at a manual action, with the comments ASR keeps on the task. */
  resumeJob(vault: VaultRef, jobName: string, comments: string, options?: OperationOptions): Promise<void>;
  /** How long to wait between two looks at a running job. */
  readonly pollIntervalMs: number;
  /** The bot's setting (DR_DRILL_CLEANUP_HOURS): drill VMs are cleaned up after this long. */
  readonly drillCleanupAfterMs: number;
}
