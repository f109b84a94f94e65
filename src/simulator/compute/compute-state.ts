import type { EnvelopeFields } from '../core/generic-resource.js';

/**
 * What the simulator remembers about Microsoft.Compute resources. Records are plain JSON (they are
 * persisted as they are) and keyed by the lower-cased resource id, because ARM ids are
 * case-insensitive. ARM bodies are rendered from them at request time (render-*.ts).
 */
export type PowerState = 'running' | 'deallocated' | 'stopped';

/** `id` in canonical casing, as first created. */
export interface ResourceBase extends EnvelopeFields {
  timeCreatedMs: number;
  /** The long-running operation still working on this resource, if any. */
  pendingOperationId?: string;
}

export interface VmDataDisk {
  lun: number;
  diskId: string;
  caching: string;
}

export interface VirtualMachineRecord extends ResourceBase {
  vmId: string;
  size: string;
  osType: 'Linux' | 'Windows';
  image: { publisher: string; offer: string; sku: string; version: string };
  adminUsername: string;
  computerName: string;
  zone?: string;
  powerState: PowerState;
  /** While a power operation runs: the state it goes through (starting, deallocating, ...). */
  transitionState?: string;
  provisioningState: string;
  osDiskId: string;
  dataDisks: VmDataDisk[];
  nicId: string;
}

export interface CreationDataRecord {
  createOption: string;
  sourceResourceId?: string;
  sourceUniqueId?: string;
}

export interface DiskRecord extends ResourceBase {
  uniqueId: string;
  sku: string;
  sizeGB: number;
  /** Bytes written on the disk: what a full snapshot bills. Real Azure does not report it. */
  usedBytes: number;
  /** Changed blocks per simulated day: what later incremental snapshots bill. */
  changeRateBytesPerDay: number;
  osType?: 'Linux' | 'Windows';
  hyperVGeneration: string;
  creationData: CreationDataRecord;
  managedBy?: string;
  /** The availability zone of a zonal disk (a zonal VM's disks are in its zone); regional if absent. */
  zone?: string;
  /**
   * A VM update that attaches this disk is still running: the disk is reserved for that VM until the
   * update ends (then `managedBy` is set, or the reservation dropped if the update failed).
   */
  pendingAttach?: { vmId: string; operationId: string };
  provisioningState: string;
}

export interface SnapshotRecord extends ResourceBase {
  uniqueId: string;
  sku: string;
  sizeGB: number;
  incremental: boolean;
  osType?: 'Linux' | 'Windows';
  hyperVGeneration: string;
  creationData: CreationDataRecord;
  /** Only incremental snapshots of a disk share a family (the source disk's unique id). */
  incrementalSnapshotFamilyId?: string;
  /** Used bytes of the source when the snapshot was taken. */
  usedBytes: number;
  /** Bytes this snapshot adds to the bill (see snapshot-billing.ts). */
  billedBytes: number;
  /** The source disk's change rate, kept so that disks restored from this snapshot inherit it. */
  changeRateBytesPerDay: number;
  provisioningState: string;
}

export interface RestorePointCollectionRecord extends ResourceBase {
  sourceVmId: string;
  collectionUniqueId: string;
}

export interface DiskRestorePointRecord {
  diskId: string;
  diskName: string;
  /** undefined for the OS disk. */
  lun?: number;
  caching: string;
  sku: string;
  sizeGB: number;
  diskRestorePointId: string;
  usedBytes: number;
  billedBytes: number;
}

export interface RestorePointRecord {
  id: string;
  name: string;
  /** Lower-cased id of the collection. */
  collectionKey: string;
  consistencyMode: string;
  excludeDiskIds: string[];
  timeCreatedMs: number;
  provisioningState: string;
  pendingOperationId?: string;
  vm: {
    vmId: string;
    size: string;
    osType: 'Linux' | 'Windows';
    computerName: string;
    adminUsername: string;
  };
  location: string;
  disks: DiskRestorePointRecord[];
}

export interface ComputeState {
  virtualMachines: Record<string, VirtualMachineRecord>;
  disks: Record<string, DiskRecord>;
  snapshots: Record<string, SnapshotRecord>;
  restorePointCollections: Record<string, RestorePointCollectionRecord>;
  restorePoints: Record<string, RestorePointRecord>;
}

export function emptyComputeState(): ComputeState {
  return { virtualMachines: {}, disks: {}, snapshots: {}, restorePointCollections: {}, restorePoints: {} };
}
