import type { Disk, RestorePoint, Snapshot, VirtualMachine } from '@azure/arm-compute';
import {
  type DiskInfo,
  parseResourceId,
  type RestorePointInfo,
  type SnapshotInfo,
  type VmSummary,
} from './azure-port.js';

const gib = 1024 ** 3;

export function toVmSummary(vm: VirtualMachine): VmSummary {
  const id = vm.id ?? '';
  const parts = parseResourceId(id);
  const osType = vm.storageProfile?.osDisk?.osType;
  return {
    id,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    name: vm.name ?? parts.name,
    location: vm.location,
    size: vm.hardwareProfile?.vmSize ?? 'unknown',
    osType: osType === 'Linux' || osType === 'Windows' ? osType : 'unknown',
    powerState: powerStateOf(vm),
    tags: vm.tags ?? {},
  };
}

function powerStateOf(vm: VirtualMachine): string {
  const code = vm.instanceView?.statuses?.find((status) => status.code?.startsWith('PowerState/'))?.code;
  return code ? code.slice('PowerState/'.length) : 'unknown';
}

/**
 * Used and billed sizes are not part of Azure's disk and snapshot models; the simulator reports them
 * as extra properties that the SDK's deserializer drops, so they are read from the raw body.
 */
export interface RawUsage {
  usedBytes?: number;
  billedBytes?: number;
}

export function readRawUsage(body: unknown): RawUsage {
  const properties = (body as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  return { usedBytes: number(properties.usedSizeBytes), billedBytes: number(properties.billedSizeBytes) };
}

export function toDiskInfo(
  disk: Disk,
  role: DiskInfo['role'],
  lun: number | undefined,
  usage: RawUsage,
): DiskInfo {
  const id = disk.id ?? '';
  const parts = parseResourceId(id);
  return {
    id,
    name: disk.name ?? parts.name,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    location: disk.location,
    role,
    lun,
    sku: disk.sku?.name,
    sizeGB: disk.diskSizeGB ?? Math.round((disk.diskSizeBytes ?? 0) / gib),
    usedGB: usage.usedBytes === undefined ? undefined : usage.usedBytes / gib,
    provisioningState: disk.provisioningState,
    sourceResourceId: disk.creationData?.sourceResourceId,
    timeCreated: disk.timeCreated,
    managedBy: disk.managedBy,
  };
}

export function toSnapshotInfo(snapshot: Snapshot, usage: RawUsage): SnapshotInfo {
  const id = snapshot.id ?? '';
  const parts = parseResourceId(id);
  return {
    id,
    name: snapshot.name ?? parts.name,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    location: snapshot.location,
    sourceDiskId: snapshot.creationData?.sourceResourceId,
    incremental: snapshot.incremental === true,
    timeCreated: snapshot.timeCreated,
    provisioningState: snapshot.provisioningState ?? 'Unknown',
    sizeGB: snapshot.diskSizeGB,
    billedGB: usage.billedBytes === undefined ? undefined : usage.billedBytes / gib,
    tags: snapshot.tags ?? {},
  };
}

export function toRestorePointInfo(point: RestorePoint, collectionId: string): RestorePointInfo {
  return {
    id: point.id ?? '',
    name: point.name ?? '',
    collectionId,
    consistencyMode: point.consistencyMode,
    timeCreated: point.timeCreated,
    provisioningState: point.provisioningState ?? 'Unknown',
    disks: [
      point.sourceMetadata?.storageProfile?.osDisk,
      ...(point.sourceMetadata?.storageProfile?.dataDisks ?? []),
    ]
      .filter((disk) => disk !== undefined)
      .map((disk) => ({
        sourceDiskId: disk.managedDisk?.id ?? '',
        diskRestorePointId: disk.diskRestorePoint?.id,
        sizeGB: disk.diskSizeGB,
      })),
  };
}
