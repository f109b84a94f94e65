import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { OperationHandler, OperationHandlers } from '../core/route-types.js';
import type { OperationRecord, SimulatorState } from '../core/simulator-state.js';
import type { PowerState, VmDataDisk } from './compute-state.js';
import { disksOfUpdate, type VmUpdate } from './read-vm-update.js';
import { renderDisk, renderSnapshot } from './render-disk-resources.js';
import { renderVirtualMachine } from './render-virtual-machine.js';
import { rebillAfterDelete } from './snapshot-billing.js';

/**
 * What each Compute operation does when the simulated clock passes its end. A failed create leaves
 * its resource in provisioning state Failed (as Azure does), never Succeeded; a failed delete or
 * update leaves the resource as it was.
 */
type Kind = 'snapshots' | 'disks' | 'restorePoints' | 'restorePointCollections' | 'virtualMachines';

function finishCreate(kind: 'snapshots' | 'disks' | 'restorePoints'): OperationHandler {
  return {
    complete(state, operation) {
      const records: Record<string, { pendingOperationId?: string; provisioningState: string }> =
        state.compute[kind];
      const record = ownValue(records, resourceKey(operation.resourceId));
      if (!record) return;
      delete record.pendingOperationId;
      record.provisioningState = operation.result === 'Succeeded' ? 'Succeeded' : 'Failed';
      if (kind === 'snapshots' && operation.result !== 'Succeeded') {
        const snapshot = ownValue(state.compute.snapshots, resourceKey(operation.resourceId));
        if (snapshot) snapshot.billedBytes = 0;
      }
    },
  };
}

function finishDelete(
  kind: Kind,
  onDeleted?: (state: SimulatorState, key: string) => void,
): OperationHandler {
  return {
    complete(state, operation) {
      const key = resourceKey(operation.resourceId);
      const records: Record<string, { pendingOperationId?: string }> = state.compute[kind];
      const record = ownValue(records, key);
      if (!record) return;
      delete record.pendingOperationId;
      if (operation.result !== 'Succeeded') return;
      onDeleted?.(state, key);
      delete records[key];
    },
  };
}

function finishPower(target: PowerState): OperationHandler {
  return {
    complete(state, operation) {
      const vm = ownValue(state.compute.virtualMachines, resourceKey(operation.resourceId));
      if (!vm) return;
      delete vm.pendingOperationId;
      delete vm.transitionState;
      vm.provisioningState = operation.result === 'Succeeded' ? 'Succeeded' : 'Failed';
      if (operation.result === 'Succeeded') vm.powerState = target;
    },
  };
}

const finishVmUpdate: OperationHandler = {
  complete(state, operation) {
    const vm = ownValue(state.compute.virtualMachines, resourceKey(operation.resourceId));
    if (!vm) return;
    delete vm.pendingOperationId;
    vm.provisioningState = operation.result === 'Succeeded' ? 'Succeeded' : 'Failed';
    const update = (operation.payload ?? {}) as VmUpdate;
    releaseReservations(state, update, operation.id);
    if (operation.result !== 'Succeeded') return;
    if (update.tags) vm.tags = update.tags;
    if (update.size) vm.size = update.size;
    if (update.osDiskId) {
      setManagedBy(state, vm.osDiskId, undefined);
      vm.osDiskId = update.osDiskId;
      setManagedBy(state, update.osDiskId, vm.id);
    }
    if (update.dataDisks) attachDataDisks(state, vm.id, vm.dataDisks, update.dataDisks);
    if (update.dataDisks) vm.dataDisks = update.dataDisks;
  },
  // The SDK's final GET of a VM PATCH goes to the Location URL, which then returns the VM.
  output(state, operation) {
    const vm = ownValue(state.compute.virtualMachines, resourceKey(operation.resourceId));
    return vm ? renderVirtualMachine(state, vm, { instanceView: false }) : undefined;
  },
};

/** The update has ended: its disks are attached (success) or free again (failure). */
function releaseReservations(state: SimulatorState, update: VmUpdate, operationId: string): void {
  for (const diskId of disksOfUpdate(update)) {
    const disk = ownValue(state.compute.disks, resourceKey(diskId));
    if (disk?.pendingAttach?.operationId === operationId) delete disk.pendingAttach;
  }
}

function attachDataDisks(
  state: SimulatorState,
  vmId: string,
  before: VmDataDisk[],
  after: VmDataDisk[],
): void {
  for (const disk of before) setManagedBy(state, disk.diskId, undefined);
  for (const disk of after) setManagedBy(state, disk.diskId, vmId);
}

function setManagedBy(state: SimulatorState, diskId: string, vmId: string | undefined): void {
  const disk = ownValue(state.compute.disks, resourceKey(diskId));
  if (!disk) return;
  if (vmId) disk.managedBy = vmId;
  else delete disk.managedBy;
}

function deleteRestorePointsOf(state: SimulatorState, collectionKey: string): void {
  for (const [key, point] of Object.entries(state.compute.restorePoints)) {
    if (point.collectionKey === collectionKey) delete state.compute.restorePoints[key];
  }
}

function outputOf(
  kind: 'snapshots' | 'disks',
): (state: SimulatorState, operation: OperationRecord) => unknown {
  return (state, operation) => {
    const key = resourceKey(operation.resourceId);
    if (kind === 'disks') {
      const disk = ownValue(state.compute.disks, key);
      return disk ? renderDisk(disk) : undefined;
    }
    const snapshot = ownValue(state.compute.snapshots, key);
    return snapshot ? renderSnapshot(state, snapshot, operation.endMs) : undefined;
  };
}

export const computeOperationHandlers: OperationHandlers = {
  'snapshot.create': { ...finishCreate('snapshots'), output: outputOf('snapshots') },
  'snapshot.delete': finishDelete('snapshots', (state, key) => {
    const snapshot = ownValue(state.compute.snapshots, key);
    if (snapshot) rebillAfterDelete(state, snapshot);
  }),
  'disk.create': { ...finishCreate('disks'), output: outputOf('disks') },
  'disk.delete': finishDelete('disks'),
  'restorePoint.create': finishCreate('restorePoints'),
  'restorePoint.delete': finishDelete('restorePoints'),
  'restorePointCollection.delete': finishDelete('restorePointCollections', deleteRestorePointsOf),
  'vm.start': finishPower('running'),
  'vm.deallocate': finishPower('deallocated'),
  'vm.powerOff': finishPower('stopped'),
  'vm.update': finishVmUpdate,
};
