import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type {
  DiskRestorePointRecord,
  RestorePointCollectionRecord,
  RestorePointRecord,
} from './compute-state.js';

/**
 * Restore point collections and restore points as Compute returns them (REST spec examples
 * RestorePointCollection_Get, RestorePoint_Get). Each disk entry of `sourceMetadata.storageProfile`
 * also carries the simulator's `usedSizeBytes` and `billedSizeBytes` (Azure reports neither).
 */
export function renderRestorePointCollection(
  state: SimulatorState,
  collection: RestorePointCollectionRecord,
  expand: boolean,
): unknown {
  const vm = ownValue(state.compute.virtualMachines, resourceKey(collection.sourceVmId));
  const properties: Record<string, unknown> = {
    source: { id: collection.sourceVmId, location: vm?.location ?? collection.location },
    restorePointCollectionId: collection.collectionUniqueId,
    provisioningState: 'Succeeded',
  };
  if (expand) {
    properties.restorePoints = Object.values(state.compute.restorePoints)
      .filter((point) => point.collectionKey === resourceKey(collection.id))
      .sort((a, b) => a.timeCreatedMs - b.timeCreatedMs)
      .map(renderRestorePoint);
  }
  return {
    name: collection.name,
    id: collection.id,
    type: 'Microsoft.Compute/restorePointCollections',
    location: collection.location,
    tags: collection.tags,
    properties,
  };
}

function renderDiskEntry(disk: DiskRestorePointRecord, osType?: string): Record<string, unknown> {
  return {
    ...(disk.lun === undefined ? { osType } : { lun: disk.lun }),
    name: disk.diskName,
    caching: disk.caching,
    diskSizeGB: disk.sizeGB,
    managedDisk: { storageAccountType: disk.sku, id: disk.diskId },
    diskRestorePoint: { id: disk.diskRestorePointId },
    usedSizeBytes: disk.usedBytes,
    billedSizeBytes: disk.billedBytes,
  };
}

export function renderRestorePoint(point: RestorePointRecord): unknown {
  const os = point.disks.find((disk) => disk.lun === undefined);
  const storageProfile: Record<string, unknown> = {
    dataDisks: point.disks.filter((disk) => disk.lun !== undefined).map((disk) => renderDiskEntry(disk)),
    diskControllerType: 'SCSI',
  };
  if (os) storageProfile.osDisk = renderDiskEntry(os, point.vm.osType);
  const osConfiguration =
    point.vm.osType === 'Windows'
      ? { windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true } }
      : { linuxConfiguration: { disablePasswordAuthentication: true, provisionVMAgent: true } };
  return {
    name: point.name,
    id: point.id,
    type: 'Microsoft.Compute/restorePointCollections/restorePoints',
    properties: {
      excludeDisks: point.excludeDiskIds.map((id) => ({ id })),
      sourceMetadata: {
        vmId: point.vm.vmId,
        hardwareProfile: { vmSize: point.vm.size },
        storageProfile,
        osProfile: {
          computerName: point.vm.computerName,
          adminUsername: point.vm.adminUsername,
          ...osConfiguration,
          secrets: [],
          allowExtensionOperations: true,
          requireGuestProvisionSignal: true,
        },
        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
        location: point.location,
      },
      provisioningState: point.provisioningState,
      consistencyMode: point.consistencyMode,
      timeCreated: new Date(point.timeCreatedMs).toISOString(),
    },
  };
}
