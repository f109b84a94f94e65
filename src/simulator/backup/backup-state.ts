import type { EnvelopeFields } from '../core/generic-resource.js';

/**
 * What the simulator remembers about Microsoft.RecoveryServices (vaults and Azure Backup of IaaS
 * VMs). Plain JSON records keyed by lower-cased ARM id, like the Compute slice; bodies are rendered
 * at request time (render-*.ts). Jobs are driven by long-running operation records of the core (one
 * timer per job), so they progress lazily with the simulated clock and survive restarts.
 */
export type RecoveryPointType = 'AppConsistent' | 'FileSystemConsistent' | 'CrashConsistent';
export type ProtectionState = 'IRPending' | 'Protected' | 'ProtectionStopped' | 'ProtectionError';
export type JobOperation = 'Backup' | 'Restore' | 'ConfigureBackup';
export type JobStatus =
  | 'InProgress'
  | 'Cancelling'
  | 'Completed'
  | 'CompletedWithWarnings'
  | 'Failed'
  | 'Cancelled';
export type JobOutcome = 'Completed' | 'CompletedWithWarnings' | 'Failed';
export type RestoreType = 'AlternateLocation' | 'RestoreDisks' | 'OriginalLocation';

/** `id` in canonical casing. */
export interface VaultRecord extends EnvelopeFields {
  createdMs: number;
}

export interface PolicyRecord {
  id: string;
  name: string;
  vaultKey: string;
  /** HH:MM, UTC. */
  scheduleTimeUtc: string;
  dailyRetentionDays: number;
  instantRestoreDays: number;
}

export interface ProtectedItemRecord {
  /** `.../protectionContainers/IaasVMContainer;iaasvmcontainerv2;{rg};{vm}/protectedItems/VM;iaasvmcontainerv2;{rg};{vm}`. */
  id: string;
  name: string;
  containerName: string;
  vaultKey: string;
  subscriptionId: string;
  /** The Compute VM's id (canonical casing). */
  vmId: string;
  vmName: string;
  vmResourceGroup: string;
  osType: 'Linux' | 'Windows';
  /** Lower-cased policy id; absent once protection is stopped. */
  policyKey?: string;
  protectionState: ProtectionState;
  /** '' until the first backup, then the status of the last backup job. */
  lastBackupStatus: string;
  lastBackupTimeMs?: number;
  protectedItemDataId: string;
  createdMs: number;
  /**
   * The policy's scheduled runs up to this instant have happened (or were skipped): the next run is
   * the policy's first slot after it (run-backup-schedules.ts). Absent in state files written before
   * the policy ran by itself: derived from the item's last scheduled job, or its creation.
   */
  scheduledThroughMs?: number;
}

/** A disk as captured by a recovery point (what a restore recreates). */
export interface RecoveryPointDisk {
  /** undefined for the OS disk. */
  lun?: number;
  name: string;
  sizeGB: number;
  sku: string;
  caching: string;
  usedBytes: number;
  changeRateBytesPerDay: number;
}

/** The VM configuration a recovery point holds. */
export interface RecoveryPointVm {
  size: string;
  osType: 'Linux' | 'Windows';
  zone?: string;
  image: { publisher: string; offer: string; sku: string; version: string };
  computerName: string;
  adminUsername: string;
  disks: RecoveryPointDisk[];
}

export interface RecoveryPointRecord {
  id: string;
  /** Numeric string, as Azure names them. */
  name: string;
  itemKey: string;
  timeMs: number;
  type: RecoveryPointType;
  /** The recovery point is gone after this (policy retention or recoveryPointExpiryTimeInUTC). */
  expiryMs: number;
  /** The snapshot tier (InstantRP) is deleted after this (policy `instantRestoreDays`). */
  instantExpiryMs: number;
  policyName?: string;
  vm: RecoveryPointVm;
  /** An item-level-recovery (file restore) session is open until then. */
  ilrSessionEndMs?: number;
}

export interface JobTaskRecord {
  taskId: string;
  startMs: number;
  endMs: number;
}

export interface JobErrorRecord {
  code: string;
  message: string;
  recommendations: string[];
}

/** What a backup job produces when it completes. */
export interface BackupWork {
  kind: 'backup';
  recoveryPointType: RecoveryPointType;
  expiryMs: number;
  vm: RecoveryPointVm;
  /** Bytes moved to the vault (the job's "Backup Size"). */
  transferBytes: number;
  /** Scheduled backups: the policy whose run it is (its points carry the policy's name). */
  policyName?: string;
}

/** What a restore job creates in Compute when it completes. */
export interface RestoreWork {
  kind: 'restore';
  recoveryType: RestoreType;
  recoveryPointKey: string;
  subscriptionId: string;
  targetResourceGroup: string;
  location: string;
  /** AlternateLocation: the new VM. */
  targetVmName?: string;
  virtualNetworkId?: string;
  subnetId?: string;
  zone?: string;
  /** OriginalLocation: the VM whose disks are replaced. */
  sourceVmId: string;
  /** Data disk LUNs to restore (restoreDiskLunList); undefined = all. */
  luns?: number[];
}

/** What a ConfigureBackup job applies (and undoes if it fails). */
export interface ConfigureWork {
  kind: 'configure';
  policyKey: string;
  previousPolicyKey?: string;
  isNew: boolean;
}

export interface JobRecord {
  id: string;
  /** A GUID, the job id clients use. */
  name: string;
  vaultKey: string;
  itemKey?: string;
  operation: JobOperation;
  entityFriendlyName: string;
  /** Short container name `iaasvmcontainerv2;{rg};{vm}`. */
  containerName: string;
  startMs: number;
  /** Planned end while running; actual end once finished. */
  endMs: number;
  status: JobStatus;
  /** What the job turns into at `endMs` (decided when it starts: injected failures, VM state). */
  outcome: JobOutcome;
  tasks: JobTaskRecord[];
  /** errorDetails: the failure, or the warnings of CompletedWithWarnings. */
  errors: JobErrorRecord[];
  activityId: string;
  isUserTriggered: boolean;
  propertyBag: Record<string, string>;
  /** The core operation whose completion ends the job. */
  timerOperationId?: string;
  work?: BackupWork | RestoreWork | ConfigureWork;
}

export interface BackupState {
  vaults: Record<string, VaultRecord>;
  policies: Record<string, PolicyRecord>;
  protectedItems: Record<string, ProtectedItemRecord>;
  recoveryPoints: Record<string, RecoveryPointRecord>;
  jobs: Record<string, JobRecord>;
  /** Lower-cased ids of the estate's virtual networks and subnets (restore targets are checked). */
  networks: string[];
}

export function emptyBackupState(): BackupState {
  return { vaults: {}, policies: {}, protectedItems: {}, recoveryPoints: {}, jobs: {}, networks: [] };
}
