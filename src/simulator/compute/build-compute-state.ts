import { deterministicUuid } from '../core/deterministic-uuid.js';
import type {
  Estate,
  EstateResourceGroup,
  EstateStandaloneDisk,
  EstateVirtualMachine,
} from '../core/estate-schema.js';
import { defaultDataDiskName, defaultOsDiskName } from '../core/load-estate.js';
import { providerResourceId, resourceKey } from '../core/resource-id.js';
import {
  type ComputeState,
  type DiskRecord,
  emptyComputeState,
  type VirtualMachineRecord,
} from './compute-state.js';

const gib = 1024 ** 3;
/** Estate-built resources look a month old. */
const estateAgeMs = 30 * 24 * 3600 * 1000;

const defaultImages = {
  Linux: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
  Windows: {
    publisher: 'MicrosoftWindowsServer',
    offer: 'WindowsServer',
    sku: '2022-datacenter-azure-edition',
    version: 'latest',
  },
} as const;

export interface GroupContext {
  subscriptionId: string;
  group: Pick<EstateResourceGroup, 'name' | 'location'>;
  /** When the group's resources were created. */
  createdMs: number;
}

export function buildComputeState(estate: Estate, simulatedMs: number): ComputeState {
  const compute = emptyComputeState();
  for (const subscription of estate.subscriptions) {
    for (const group of subscription.resourceGroups) {
      const context = {
        subscriptionId: subscription.subscriptionId,
        group,
        createdMs: simulatedMs - estateAgeMs,
      };
      for (const vm of group.virtualMachines) addVirtualMachine(compute, context, vm);
      for (const disk of group.disks) addStandaloneDisk(compute, context, disk);
    }
  }
  return compute;
}

/** A VM of the estate (or one the admin API adds) with its OS and data disks, as Compute records. */
export function addVirtualMachine(
  compute: ComputeState,
  context: GroupContext,
  vm: EstateVirtualMachine,
): VirtualMachineRecord {
  const { subscriptionId, group, createdMs } = context;
  const id = providerResourceId(subscriptionId, group.name, 'Microsoft.Compute', 'virtualMachines', vm.name);
  const osDisk = diskRecord(
    context,
    { ...vm.osDisk, name: vm.osDisk.name ?? defaultOsDiskName(vm.name), osType: vm.osType },
    id,
    vm.zone,
  );
  compute.disks[resourceKey(osDisk.id)] = osDisk;
  const dataDisks = vm.dataDisks.map((disk) => {
    const record = diskRecord(
      context,
      { ...disk, name: disk.name ?? defaultDataDiskName(vm.name, disk.lun) },
      id,
      vm.zone,
    );
    compute.disks[resourceKey(record.id)] = record;
    return { lun: disk.lun, diskId: record.id, caching: disk.caching };
  });
  const record: VirtualMachineRecord = {
    id,
    name: vm.name,
    subscriptionId,
    resourceGroup: group.name,
    location: group.location,
    tags: vm.tags,
    timeCreatedMs: createdMs,
    vmId: deterministicUuid(`vm:${id.toLowerCase()}`),
    size: vm.size,
    osType: vm.osType,
    image: vm.image ?? defaultImages[vm.osType],
    adminUsername: vm.adminUsername,
    computerName: vm.name.replace(/[^A-Za-z0-9-]/g, '').slice(0, vm.osType === 'Windows' ? 15 : 64),
    ...(vm.zone ? { zone: vm.zone } : {}),
    powerState: vm.powerState,
    provisioningState: 'Succeeded',
    osDiskId: osDisk.id,
    dataDisks,
    nicId: `/subscriptions/${subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/networkInterfaces/${vm.name}-nic`,
  };
  compute.virtualMachines[resourceKey(id)] = record;
  return record;
}

function addStandaloneDisk(compute: ComputeState, context: GroupContext, disk: EstateStandaloneDisk): void {
  const record = diskRecord(context, disk, undefined, undefined);
  compute.disks[resourceKey(record.id)] = record;
}

type DiskInput = Omit<EstateStandaloneDisk, 'osType'> & { osType?: 'Linux' | 'Windows' | undefined };

function diskRecord(
  context: GroupContext,
  disk: DiskInput,
  managedBy: string | undefined,
  zone: string | undefined,
): DiskRecord {
  const { subscriptionId, group, createdMs } = context;
  const id = providerResourceId(subscriptionId, group.name, 'Microsoft.Compute', 'disks', disk.name);
  return {
    id,
    name: disk.name,
    subscriptionId,
    resourceGroup: group.name,
    location: group.location,
    tags: disk.tags,
    timeCreatedMs: createdMs,
    uniqueId: deterministicUuid(`disk:${id.toLowerCase()}`),
    sku: disk.sku,
    sizeGB: disk.sizeGB,
    usedBytes: Math.round(disk.usedGB * gib),
    changeRateBytesPerDay: Math.round(disk.changeRateGBPerDay * gib),
    ...(disk.osType ? { osType: disk.osType } : {}),
    hyperVGeneration: 'V2',
    creationData: disk.osType ? { createOption: 'FromImage' } : { createOption: 'Empty' },
    ...(managedBy ? { managedBy } : {}),
    ...(zone ? { zone } : {}),
    provisioningState: 'Succeeded',
  };
}
