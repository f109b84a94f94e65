import type { OperationOptions } from './azure-port.js';
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
  /** None, or the state of a drill not cleaned up yet. */
  testFailoverState: string;
  allowedOperations: string[];
  lastSuccessfulTestFailoverTime?: Date;
  /** How old the latest recovery point was when Azure last measured it. */
  rpoSeconds?: number;
  lastRpoCalculatedTime?: Date;
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

/** Azure Site Recovery through @azure/arm-recoveryservices-siterecovery (one implementation, SdkSiteRecovery). */
export interface SiteRecoveryPort {
  /** The Recovery Services vaults that replicate the managed VMs (configuration). */
  readonly vaults: readonly VaultRef[];
  /** Every replicated VM of the managed vaults: one list call per vault. */
  listReplicatedVms(options?: OperationOptions): Promise<ReplicatedVm[]>;
  /** Every recovery plan ("app") of the managed vaults: one list call per vault. */
  listRecoveryPlans(options?: OperationOptions): Promise<RecoveryPlanInfo[]>;
}
