import type { OperationOptions } from './azure-port.js';

/** A Recovery Services vault, by its ARM id parts. */
export interface VaultRef {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** A VM as Azure Backup names it: the container and item names its URLs need. */
export interface ProtectedVm {
  vault: VaultRef;
  /** `iaasvmcontainer;iaasvmcontainerv2;{rg};{vm}` */
  containerName: string;
  /** `vm;iaasvmcontainerv2;{rg};{vm}` */
  itemName: string;
  vmId: string;
  vmName: string;
  /** IRPending, Protected, ProtectionError, ProtectionStopped, ... */
  protectionState: string;
  healthStatus?: string;
  lastBackupStatus?: string;
  lastBackupTime?: Date;
  lastRecoveryPoint?: Date;
  policyName?: string;
}

export type RecoveryPointType = 'AppConsistent' | 'FileSystemConsistent' | 'CrashConsistent' | string;

export interface RecoveryPointInfo {
  /** The recovery point's name (its id in restore and file-restore URLs). */
  name: string;
  id: string;
  time: Date;
  type: RecoveryPointType;
  /** "InstantRP", "HardenedRP", ... that are valid. */
  tiers: string[];
}

export interface BackupTask {
  name: string;
  status: string;
  progressPercent?: number;
}

export interface BackupJobInfo {
  /** The job's name (a GUID): `job <id>` and cancel use it. */
  id: string;
  vault: VaultRef;
  operation: string;
  /** InProgress, Completed, CompletedWithWarnings, Failed, Cancelling, Cancelled */
  status: string;
  entity: string;
  startTime?: Date;
  endTime?: Date;
  progressPercent?: number;
  tasks: BackupTask[];
  errors: { code: string; message: string; recommendations: string[] }[];
}

/** Azure Backup through @azure/arm-recoveryservicesbackup (one implementation, SdkBackup). */
export interface BackupPort {
  /** The vaults the bot manages (configuration). */
  readonly vaults: readonly VaultRef[];
  /** How often to ask about a running backup or restore job. */
  readonly pollIntervalMs: number;
  /** Every VM protected in the managed vaults: one list call per vault, however many VMs. */
  listProtectedVms(options?: OperationOptions): Promise<ProtectedVm[]>;
  listRecoveryPoints(item: ProtectedVm, options?: OperationOptions): Promise<RecoveryPointInfo[]>;
  /** Starts an on-demand backup; resolves with the backup job's id. */
  triggerBackup(item: ProtectedVm, keepUntil: Date, options?: OperationOptions): Promise<string>;
  getJob(vault: VaultRef, jobId: string, options?: OperationOptions): Promise<BackupJobInfo>;
  cancelJob(vault: VaultRef, jobId: string, options?: OperationOptions): Promise<void>;
  listPolicies(vault: VaultRef, options?: OperationOptions): Promise<{ id: string; name: string }[]>;
  /** Enables protection of a VM with a policy; resolves when Azure accepted it. */
  enableProtection(
    vault: VaultRef,
    vm: { id: string; name: string; resourceGroup: string },
    policyId: string,
    options?: OperationOptions,
  ): Promise<void>;
}

/** Splits a vault's ARM id; undefined when it is not one. */
export function parseVaultId(id: string): VaultRef | undefined {
  const match =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.RecoveryServices\/vaults\/([^/]+)$/i.exec(
      id.trim(),
    );
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = match;
  return { id: id.trim(), subscriptionId, resourceGroup, name };
}

/** Azure Backup's names for a VM: container and protected item. */
export function backupNamesOf(vm: { resourceGroup: string; name: string }): {
  containerName: string;
  itemName: string;
} {
  const suffix = `iaasvmcontainerv2;${vm.resourceGroup.toLowerCase()};${vm.name.toLowerCase()}`;
  return { containerName: `iaasvmcontainer;${suffix}`, itemName: `vm;${suffix}` };
}
