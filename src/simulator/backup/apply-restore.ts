import { randomUUID } from 'node:crypto';
import type { DiskRecord, VirtualMachineRecord } from '../compute/compute-state.js';
import { ownValue } from '../core/own-property.js';
import { providerResourceId, resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { attachNic, defaultSubnetId } from '../network/connect-vm-nic.js';
import type {
  JobErrorRecord,
  JobRecord,
  RecoveryPointDisk,
  RecoveryPointRecord,
  RestoreWork,
} from './backup-state.js';
import { jobErrors } from './job-errors.js';

/**
 * What a finished restore job creates in Compute:
 *  - RestoreDisks: one managed disk per restored disk in the target resource group, unattached;
 *  - AlternateLocation: those disks plus a new VM using them (name and resource group of
 *    `targetVirtualMachineId`), running;
 *  - OriginalLocation: those disks replace the VM's OS disk and the data disks of the same LUNs; the
 *    old disks stay, detached. The VM keeps its (stopped) power state.
 * Restored disks are named `{original disk name}-{yyyyMMdd-HHmmss}` (restore job start, UTC), with
 * `-2`, `-3`... if that name is taken, and record `creationData.createOption: "Restore"` with the
 * recovery point as source. Returns the error the job fails with, if it cannot complete.
 */
export function applyRestore(
  state: SimulatorState,
  job: JobRecord,
  work: RestoreWork,
): JobErrorRecord | undefined {
  const point = ownValue(state.backup.recoveryPoints, work.recoveryPointKey);
  if (!point) return jobErrors.instantRpNotFound();
  const disks = point.vm.disks.filter(
    (disk) => disk.lun === undefined || work.luns === undefined || work.luns.includes(disk.lun),
  );
  if (work.recoveryType === 'AlternateLocation') {
    const name = work.targetVmName ?? '';
    const id = providerResourceId(
      work.subscriptionId,
      work.targetResourceGroup,
      'Microsoft.Compute',
      'virtualMachines',
      name,
    );
    if (ownValue(state.compute.virtualMachines, resourceKey(id))) {
      return jobErrors.fromFault(
        'UserErrorVmNameAlreadyExists',
        `A virtual machine named ${name} already exists.`,
      );
    }
    const created = createDisks(state, job, point, disks, work, { managedBy: id, zone: work.zone });
    const vm = newVm(point, work, id, created, job.endMs);
    state.compute.virtualMachines[resourceKey(id)] = vm;
    // The restored VM's NIC joins the subnet the restore request named.
    attachNic(state.network, vm, work.subnetId ?? defaultSubnetId(state.network, vm));
    return undefined;
  }
  if (work.recoveryType === 'RestoreDisks') {
    createDisks(state, job, point, disks, work, { zone: work.zone });
    return undefined;
  }
  const vm = ownValue(state.compute.virtualMachines, resourceKey(work.sourceVmId));
  if (!vm) return jobErrors.fromFault('UserErrorVmNotFound', 'The VM to restore to no longer exists.');
  replaceDisks(state, vm, createDisks(state, job, point, disks, work, { managedBy: vm.id, zone: vm.zone }));
  return undefined;
}

interface CreatedDisk {
  source: RecoveryPointDisk;
  record: DiskRecord;
}

function createDisks(
  state: SimulatorState,
  job: JobRecord,
  point: RecoveryPointRecord,
  disks: RecoveryPointDisk[],
  work: RestoreWork,
  placement: { managedBy?: string; zone?: string | undefined },
): CreatedDisk[] {
  const { managedBy, zone } = placement;
  const stamp = new Date(job.startMs).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return disks.map((source) => {
    const id = freeDiskId(state, work, `${source.name}-${stamp}`);
    const record: DiskRecord = {
      id,
      name: id.split('/').pop() ?? source.name,
      subscriptionId: work.subscriptionId,
      resourceGroup: work.targetResourceGroup,
      location: work.location,
      tags: {},
      timeCreatedMs: job.endMs,
      uniqueId: randomUUID(),
      sku: source.sku,
      sizeGB: source.sizeGB,
      usedBytes: source.usedBytes,
      changeRateBytesPerDay: source.changeRateBytesPerDay,
      ...(source.lun === undefined ? { osType: point.vm.osType } : {}),
      hyperVGeneration: 'V2',
      creationData: { createOption: 'Restore', sourceResourceId: point.id },
      ...(managedBy ? { managedBy } : {}),
      ...(zone ? { zone } : {}),
      provisioningState: 'Succeeded',
    };
    state.compute.disks[resourceKey(id)] = record;
    return { source, record };
  });
}

function freeDiskId(state: SimulatorState, work: RestoreWork, name: string): string {
  const idOf = (candidate: string) =>
    providerResourceId(
      work.subscriptionId,
      work.targetResourceGroup,
      'Microsoft.Compute',
      'disks',
      candidate,
    );
  let candidate = name;
  for (let n = 2; ownValue(state.compute.disks, resourceKey(idOf(candidate))); n += 1)
    candidate = `${name}-${n}`;
  return idOf(candidate);
}

function newVm(
  point: RecoveryPointRecord,
  work: RestoreWork,
  id: string,
  disks: CreatedDisk[],
  createdMs: number,
): VirtualMachineRecord {
  const name = id.split('/').pop() ?? '';
  const os = disks.find((disk) => disk.source.lun === undefined);
  return {
    id,
    name,
    subscriptionId: work.subscriptionId,
    resourceGroup: work.targetResourceGroup,
    location: work.location,
    tags: {},
    timeCreatedMs: createdMs,
    vmId: randomUUID(),
    size: point.vm.size,
    osType: point.vm.osType,
    image: point.vm.image,
    adminUsername: point.vm.adminUsername,
    computerName: point.vm.computerName,
    ...(work.zone ? { zone: work.zone } : {}),
    powerState: 'running',
    provisioningState: 'Succeeded',
    osDiskId: os?.record.id ?? '',
    dataDisks: disks
      .filter((disk) => disk.source.lun !== undefined)
      .map((disk) => ({ lun: disk.source.lun ?? 0, diskId: disk.record.id, caching: disk.source.caching })),
    nicId: providerResourceId(
      work.subscriptionId,
      work.targetResourceGroup,
      'Microsoft.Network',
      'networkInterfaces',
      `${name}-nic`,
    ),
  };
}

function replaceDisks(state: SimulatorState, vm: VirtualMachineRecord, disks: CreatedDisk[]): void {
  const detach = (diskId: string) => {
    const old = ownValue(state.compute.disks, resourceKey(diskId));
    if (old?.managedBy && resourceKey(old.managedBy) === resourceKey(vm.id)) delete old.managedBy;
  };
  for (const { source, record } of disks) {
    if (source.lun === undefined) {
      detach(vm.osDiskId);
      vm.osDiskId = record.id;
      continue;
    }
    const attached = vm.dataDisks.find((disk) => disk.lun === source.lun);
    if (attached) detach(attached.diskId);
    vm.dataDisks = [
      ...vm.dataDisks.filter((disk) => disk.lun !== source.lun),
      { lun: source.lun, diskId: record.id, caching: source.caching },
    ].sort((a, b) => a.lun - b.lun);
  }
}
