import { ArmError } from '../core/arm-error.js';
import { ownValue } from '../core/own-property.js';
import {
  type JsonObject,
  readBoolean,
  readNumber,
  readObject,
  readString,
  readTags,
} from '../core/read-arm-body.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { assertNoPendingOperation, diskOwner } from './compute-scope.js';
import type { VirtualMachineRecord, VmDataDisk } from './compute-state.js';

/**
 * The changes a VM PATCH asks for, checked up front (Compute validates before it accepts) and
 * applied when the operation completes: tags, size, an OS disk swap (the VM must be deallocated)
 * and the data disk list (attach, detach).
 */
export interface VmUpdate {
  tags?: Record<string, string>;
  size?: string;
  osDiskId?: string;
  dataDisks?: VmDataDisk[];
}

/** Every disk an update names (OS disk swap and data disks). */
export function disksOfUpdate(update: VmUpdate): string[] {
  return [...(update.osDiskId ? [update.osDiskId] : []), ...(update.dataDisks ?? []).map((d) => d.diskId)];
}

export function readVmUpdate(state: SimulatorState, vm: VirtualMachineRecord, body: JsonObject): VmUpdate {
  const update: VmUpdate = {};
  const tags = readTags(body.tags);
  if (tags) update.tags = tags;
  const properties = readObject(body.properties, 'properties') ?? {};
  const size = readString(
    readObject(properties.hardwareProfile, 'hardwareProfile')?.vmSize,
    'hardwareProfile.vmSize',
  );
  if (size) update.size = size;
  const storage = readObject(properties.storageProfile, 'storageProfile');
  const osDiskId = readString(
    readObject(readObject(storage?.osDisk, 'osDisk')?.managedDisk, 'osDisk.managedDisk')?.id,
    'osDisk.managedDisk.id',
  );
  if (osDiskId && resourceKey(osDiskId) !== resourceKey(vm.osDiskId)) {
    if (vm.powerState !== 'deallocated') {
      throw ArmError.operationNotAllowed(
        `The OS disk of VM '${vm.name}' can only be swapped while the VM is deallocated.`,
      );
    }
    update.osDiskId = requireFreeDisk(state, vm, osDiskId, 'osDisk.managedDisk.id');
  }
  if (storage?.dataDisks !== undefined) update.dataDisks = readDataDisks(state, vm, storage.dataDisks);
  return update;
}

function readDataDisks(state: SimulatorState, vm: VirtualMachineRecord, value: unknown): VmDataDisk[] {
  if (!Array.isArray(value))
    throw ArmError.invalidRequestContent("'storageProfile.dataDisks' must be an array");
  const disks: VmDataDisk[] = [];
  const luns = new Set<number>();
  value.forEach((entry: unknown, index) => {
    const item = readObject(entry, `dataDisks[${index}]`) ?? {};
    if (readBoolean(item.toBeDetached, `dataDisks[${index}].toBeDetached`)) return;
    const lun = readNumber(item.lun, `dataDisks[${index}].lun`);
    if (lun === undefined) throw ArmError.missingParameter('lun');
    if (luns.has(lun))
      throw ArmError.invalidParameter(
        `A disk with lun ${lun} appears more than once.`,
        `dataDisks[${index}].lun`,
      );
    luns.add(lun);
    const id = readString(
      readObject(item.managedDisk, `dataDisks[${index}].managedDisk`)?.id,
      `dataDisks[${index}].managedDisk.id`,
    );
    if (!id) throw ArmError.missingParameter('managedDisk.id');
    const diskId = requireFreeDisk(state, vm, id, `dataDisks[${index}].managedDisk.id`);
    disks.push({ lun, diskId, caching: readString(item.caching, `dataDisks[${index}].caching`) ?? 'None' });
  });
  return disks;
}

/**
 * The disk must exist, be in the VM's region, not be being deleted, and be unattached or attached
 * to this VM (a disk that another VM's running update attaches counts as attached to that VM).
 */
function requireFreeDisk(
  state: SimulatorState,
  vm: VirtualMachineRecord,
  diskId: string,
  target: string,
): string {
  const disk = ownValue(state.compute.disks, resourceKey(diskId));
  if (disk?.provisioningState !== 'Succeeded') {
    throw new ArmError(404, 'NotFound', `Resource ${diskId.split('/').pop()} is not found.`, { target });
  }
  if (disk.location !== vm.location) {
    throw ArmError.invalidParameter(
      `Disk ${disk.name} is in '${disk.location}'; VM '${vm.name}' is in '${vm.location}'.`,
      target,
    );
  }
  const owner = diskOwner(state, disk);
  if (owner && resourceKey(owner) !== resourceKey(vm.id)) {
    // Compute's answer, also while another VM's update that attaches the disk is still running.
    throw new ArmError(
      409,
      'ConflictingUserInput',
      `Disk '${disk.id}' cannot be attached as the disk is already owned by VM '${owner}'.`,
      { target },
    );
  }
  // A disk being deleted cannot be attached.
  assertNoPendingOperation(state, disk, 'attach');
  return disk.id;
}
