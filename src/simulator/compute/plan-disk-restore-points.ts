import { ArmError } from '../core/arm-error.js';
import { ownValue } from '../core/own-property.js';
import { readObject, readString } from '../core/read-arm-body.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type {
  DiskRestorePointRecord,
  RestorePointCollectionRecord,
  RestorePointRecord,
} from './compute-state.js';
import { changedBytes } from './snapshot-billing.js';

/**
 * What a new restore point captures: each managed disk of the source VM not excluded, as a disk
 * restore point. These are incremental snapshots kept in the collection: the first restore point of
 * a disk in a collection bills its used size, later ones the blocks changed since the previous one.
 */
export interface RestorePointPlan {
  vm: RestorePointRecord['vm'];
  vmRunning: boolean;
  excludeDiskIds: string[];
  disks: DiskRestorePointRecord[];
}

export function planDiskRestorePoints(
  state: SimulatorState,
  collection: RestorePointCollectionRecord,
  restorePointId: string,
  excludeDisks: unknown,
  nowMs: number,
): RestorePointPlan {
  const vm = ownValue(state.compute.virtualMachines, resourceKey(collection.sourceVmId));
  if (!vm)
    throw new ArmError(404, 'NotFound', `Resource ${collection.sourceVmId.split('/').pop()} is not found.`);
  const attached: { diskId: string; lun: number | undefined; caching: string }[] = [
    { diskId: vm.osDiskId, lun: undefined, caching: 'ReadWrite' },
    ...vm.dataDisks,
  ];
  const excludeDiskIds = readExcluded(excludeDisks, new Set(attached.map((d) => resourceKey(d.diskId))));
  const excluded = new Set(excludeDiskIds.map(resourceKey));
  const disks = attached
    .filter((entry) => !excluded.has(resourceKey(entry.diskId)))
    .map((entry) => diskPoint(state, { collection, restorePointId, nowMs, vmId: vm.id }, entry));
  return {
    vm: {
      vmId: vm.vmId,
      size: vm.size,
      osType: vm.osType,
      computerName: vm.computerName,
      adminUsername: vm.adminUsername,
    },
    vmRunning: vm.powerState === 'running',
    excludeDiskIds,
    disks,
  };
}

function diskPoint(
  state: SimulatorState,
  where: { collection: RestorePointCollectionRecord; restorePointId: string; nowMs: number; vmId: string },
  entry: { diskId: string; lun: number | undefined; caching: string },
): DiskRestorePointRecord {
  const disk = ownValue(state.compute.disks, resourceKey(entry.diskId));
  if (!disk)
    throw new Error(
      `Simulator state is inconsistent: VM ${where.vmId} refers to missing disk ${entry.diskId}.`,
    );
  const previous = previousDiskPoint(state, where.collection, disk.id);
  return {
    diskId: disk.id,
    diskName: disk.name,
    ...(entry.lun === undefined ? {} : { lun: entry.lun }),
    caching: entry.caching,
    sku: disk.sku,
    sizeGB: disk.sizeGB,
    diskRestorePointId: `${where.restorePointId}/diskRestorePoints/${disk.name}_${disk.uniqueId}`,
    usedBytes: disk.usedBytes,
    billedBytes: previous ? changedBytes(disk, previous.timeCreatedMs, where.nowMs) : disk.usedBytes,
  };
}

function readExcluded(value: unknown, attached: Set<string>): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw ArmError.invalidRequestContent("'excludeDisks' must be an array");
  return value.map((entry: unknown, index) => {
    const id = readString(readObject(entry, `excludeDisks[${index}]`)?.id, `excludeDisks[${index}].id`);
    if (!id) throw ArmError.missingParameter(`excludeDisks[${index}].id`);
    if (!attached.has(resourceKey(id))) {
      throw ArmError.invalidParameter(
        `Disk '${id}' in excludeDisks is not attached to the source VM.`,
        `excludeDisks[${index}].id`,
      );
    }
    return id;
  });
}

function previousDiskPoint(
  state: SimulatorState,
  collection: RestorePointCollectionRecord,
  diskId: string,
): RestorePointRecord | undefined {
  let latest: RestorePointRecord | undefined;
  for (const point of Object.values(state.compute.restorePoints)) {
    if (point.collectionKey !== resourceKey(collection.id) || point.provisioningState === 'Failed') continue;
    if (!point.disks.some((disk) => resourceKey(disk.diskId) === resourceKey(diskId))) continue;
    if (!latest || point.timeCreatedMs > latest.timeCreatedMs) latest = point;
  }
  return latest;
}
