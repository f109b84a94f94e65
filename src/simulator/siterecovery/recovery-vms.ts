import type { DiskRecord, PowerState, VirtualMachineRecord } from '../compute/compute-state.js';
import { deterministicUuid } from '../core/deterministic-uuid.js';
import { ownValue } from '../core/own-property.js';
import { providerResourceId, resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { attachNic, defaultSubnetId, firstSubnetId, removeNic } from '../network/connect-vm-nic.js';

/**
 * The VMs Site Recovery creates in the recovery region, as Compute resources: a failover creates
 * `{vm}` in the vault's resource group, a test failover `{vm}-test` (ASR's default test VM name),
 * each with copies of the source VM's disks (`{disk}-ASRReplica`, `{disk}-ASRReplica-test`) and a
 * NIC named after it, in the first subnet of the network it is put in (`networkId`: the test network
 * asked for, or the item's recovery network). Cleanup and failback remove them again, disks and NIC
 * included.
 */
export interface RecoveryVmSpec {
  source: VirtualMachineRecord;
  name: string;
  resourceGroup: string;
  location: string;
  /** Appended to the copied disks' names. */
  diskSuffix: string;
  nowMs: number;
  tags: Record<string, string>;
  /** The network its NIC joins; none (or one without subnets): the group's default subnet. */
  networkId?: string;
}

export function createRecoveryVm(state: SimulatorState, spec: RecoveryVmSpec): VirtualMachineRecord {
  const { source } = spec;
  const id = providerResourceId(
    source.subscriptionId,
    spec.resourceGroup,
    'Microsoft.Compute',
    'virtualMachines',
    spec.name,
  );
  const existing = ownValue(state.compute.virtualMachines, resourceKey(id));
  if (existing) {
    existing.powerState = 'running';
    return existing;
  }
  const copy = (diskId: string): string => {
    const disk = ownValue(state.compute.disks, resourceKey(diskId));
    const name = `${disk?.name ?? diskId.split('/').pop()}${spec.diskSuffix}`;
    const copyId = providerResourceId(
      source.subscriptionId,
      spec.resourceGroup,
      'Microsoft.Compute',
      'disks',
      name,
    );
    if (disk) {
      const record: DiskRecord = {
        ...disk,
        id: copyId,
        name,
        resourceGroup: spec.resourceGroup,
        location: spec.location,
        tags: { ...spec.tags },
        timeCreatedMs: spec.nowMs,
        uniqueId: deterministicUuid(`asr-disk:${resourceKey(copyId)}:${spec.nowMs}`),
        creationData: { createOption: 'Empty' },
        managedBy: id,
        provisioningState: 'Succeeded',
      };
      delete record.pendingAttach;
      state.compute.disks[resourceKey(copyId)] = record;
    }
    return copyId;
  };
  const vm: VirtualMachineRecord = {
    ...source,
    id,
    name: spec.name,
    resourceGroup: spec.resourceGroup,
    location: spec.location,
    tags: { ...source.tags, ...spec.tags },
    timeCreatedMs: spec.nowMs,
    vmId: deterministicUuid(`asr-vm:${resourceKey(id)}:${spec.nowMs}`),
    computerName: source.computerName,
    powerState: 'running',
    provisioningState: 'Succeeded',
    osDiskId: copy(source.osDiskId),
    dataDisks: source.dataDisks.map((disk) => ({ ...disk, diskId: copy(disk.diskId) })),
    nicId: providerResourceId(
      source.subscriptionId,
      spec.resourceGroup,
      'Microsoft.Network',
      'networkInterfaces',
      `${spec.name}-nic`,
    ),
  };
  delete vm.zone;
  delete vm.transitionState;
  delete vm.pendingOperationId;
  state.compute.virtualMachines[resourceKey(id)] = vm;
  const where = { subscriptionId: vm.subscriptionId, resourceGroup: vm.resourceGroup, location: vm.location };
  attachNic(
    state.network,
    vm,
    firstSubnetId(state.network, spec.networkId) ?? defaultSubnetId(state.network, where),
  );
  return vm;
}

/** Deletes a VM Site Recovery created, with its disks. Absent: nothing to do. */
export function removeRecoveryVm(state: SimulatorState, vmId: string | undefined): void {
  if (!vmId) return;
  const vm = ownValue(state.compute.virtualMachines, resourceKey(vmId));
  if (!vm) return;
  for (const diskId of [vm.osDiskId, ...vm.dataDisks.map((disk) => disk.diskId)]) {
    delete state.compute.disks[resourceKey(diskId)];
  }
  delete state.compute.virtualMachines[resourceKey(vmId)];
  removeNic(state.network, vm.nicId);
}

export function setPowerState(state: SimulatorState, vmId: string | undefined, power: PowerState): void {
  if (!vmId) return;
  const vm = ownValue(state.compute.virtualMachines, resourceKey(vmId));
  if (vm) {
    vm.powerState = power;
    delete vm.transitionState;
  }
}
