import type { ComputeState, VirtualMachineRecord } from '../compute/compute-state.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { RecoveryPointDisk, RecoveryPointVm } from './backup-state.js';

/** The VM as a backup captures it: size, image, and each disk with its used size and change rate. */
export function captureVm(compute: ComputeState, vm: VirtualMachineRecord): RecoveryPointVm {
  const capture = (diskId: string, lun: number | undefined, caching: string): RecoveryPointDisk => {
    const disk = ownValue(compute.disks, resourceKey(diskId));
    return {
      ...(lun === undefined ? {} : { lun }),
      name: disk?.name ?? diskId.split('/').pop() ?? diskId,
      sizeGB: disk?.sizeGB ?? 0,
      sku: disk?.sku ?? 'Premium_LRS',
      caching,
      usedBytes: disk?.usedBytes ?? 0,
      changeRateBytesPerDay: disk?.changeRateBytesPerDay ?? 0,
    };
  };
  return {
    size: vm.size,
    osType: vm.osType,
    ...(vm.zone ? { zone: vm.zone } : {}),
    image: vm.image,
    computerName: vm.computerName,
    adminUsername: vm.adminUsername,
    disks: [
      capture(vm.osDiskId, undefined, 'ReadWrite'),
      ...vm.dataDisks.map((disk) => capture(disk.diskId, disk.lun, disk.caching)),
    ],
  };
}

/**
 * Bytes a backup moves to the vault: everything written for the first one, then the blocks changed
 * since the previous recovery point (at most the used size of each disk).
 */
export function changedBytesSince(
  vm: RecoveryPointVm,
  previousMs: number | undefined,
  nowMs: number,
): number {
  const days =
    previousMs === undefined ? Number.POSITIVE_INFINITY : Math.max(0, nowMs - previousMs) / 86_400_000;
  return vm.disks.reduce(
    (sum, disk) =>
      sum +
      Math.min(disk.usedBytes, Number.isFinite(days) ? disk.changeRateBytesPerDay * days : disk.usedBytes),
    0,
  );
}
