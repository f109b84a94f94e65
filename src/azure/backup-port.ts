import type { OperationOptions, StartJobOptions } from './azure-port.js';

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

/** What Azure Backup's URLs need to name a VM's backup item (a plan can store it as JSON). */
export type BackupItemRef = Pick<ProtectedVm, 'vault' | 'containerName' | 'itemName' | 'vmId' | 'vmName'>;

/** The parts of a protected item a stored plan keeps (no dates: plans are JSON). */
export function backupItemRefOf(item: BackupItemRef): BackupItemRef {
  const { vault, containerName, itemName, vmId, vmName } = item;
  return { vault, containerName, itemName, vmId, vmName };
}

/** Where restores go when the command does not say: configuration (RESTORE_SUBNET_IDS, ...). */
export interface RestoreDefaults {
  /** Subnet ids new VMs may be put in; the one in the target (or source) resource group is the default. */
  subnetIds: readonly string[];
  /** The staging storage account Azure Backup needs for restores to a new VM or disks. */
  stagingStorageAccountId?: string;
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
  /** A file-restore (item-level recovery) session is open on this point. */
  fileRecoveryActive: boolean;
}

/** Where a restore puts what it creates; the recovery point and source VM come with the call. */
export type RestoreRequest =
  /** A new VM (and its disks), in a resource group and subnet. */
  | {
      kind: 'new';
      region: string;
      targetResourceGroupId: string;
      targetVmName: string;
      virtualNetworkId: string;
      subnetId: string;
      stagingStorageAccountId?: string;
    }
  /** New managed disks only, unattached. */
  | { kind: 'disks'; region: string; targetResourceGroupId: string; stagingStorageAccountId?: string }
  /** The disks of the existing VM replaced (it must be stopped). */
  | { kind: 'replace'; region: string; stagingStorageAccountId?: string };

/** What item-level recovery gives: the scripts that mount a recovery point, and their password. */
export interface FileRecoveryAccess {
  scripts: { fileName: string; osType: string; content?: string; downloadUrl?: string }[];
  /** Secret: only ever shown to the person who asked. */
  password: string;
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
  /** Azure Backup's activity id: the `x-ms-client-request-id` of the request that started the job. */
  activityId?: string;
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
  readonly restoreDefaults: RestoreDefaults;
  /** Every VM protected in the managed vaults: one list call per vault, however many VMs. */
  listProtectedVms(options?: OperationOptions): Promise<ProtectedVm[]>;
  listRecoveryPoints(item: BackupItemRef, options?: OperationOptions): Promise<RecoveryPointInfo[]>;
  /** Starts an on-demand backup; resolves with the backup job's id. */
  triggerBackup(item: BackupItemRef, keepUntil: Date, options?: OperationOptions): Promise<string>;
  getJob(vault: VaultRef, jobId: string, options?: OperationOptions): Promise<BackupJobInfo>;
  cancelJob(vault: VaultRef, jobId: string, options?: OperationOptions): Promise<void>;
  /**
   * Every job of the vault (IaaS VMs) that started at or after `since`, of one operation (Backup,
   * Restore, ConfigureBackup, ...) if given, newest first: one list call (paged), filtered by Azure.
   * Azure's job filters span at most 30 days: jobs started more than 30 days after `since` are left out.
   */
  listJobs(
    vault: VaultRef,
    filter: { since: Date; operation?: string },
    options?: OperationOptions,
  ): Promise<BackupJobInfo[]>;
  /** Jobs of one operation (Backup, Restore) on one VM that started at or after `since`, newest first. */
  findJobs(
    vault: VaultRef,
    /** `requestId`: only the job the request with that client request id started. */
    filter: { operation: string; vmName: string; since: Date; requestId?: string },
    options?: OperationOptions,
  ): Promise<BackupJobInfo[]>;
  /** Starts a restore from a recovery point; resolves with the Restore job's id. */
  triggerRestore(
    item: BackupItemRef,
    point: { name: string; id: string },
    request: RestoreRequest,
    options?: StartJobOptions,
  ): Promise<string>;
  /** Mounts a recovery point for file restore (item-level recovery); resolves when the scripts exist. */
  provisionFileRecovery(
    item: BackupItemRef,
    pointName: string,
    options?: OperationOptions,
  ): Promise<FileRecoveryAccess>;
  /** Ends a file-restore session; resolves when Azure has revoked it. */
  revokeFileRecovery(item: BackupItemRef, pointName: string, options?: OperationOptions): Promise<void>;
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
