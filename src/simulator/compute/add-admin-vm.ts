import { z } from 'zod';
import { AdminInputError } from '../core/admin-input-error.js';
import {
  dataDiskSchema,
  type EstateVirtualMachine,
  osDiskSchema,
  virtualMachineSchema,
} from '../core/estate-schema.js';
import { defaultDataDiskName, defaultOsDiskName } from '../core/load-estate.js';
import { ownValue } from '../core/own-property.js';
import { providerResourceId, resourceKey } from '../core/resource-id.js';
import { resourceGroupKey, type SimulatorState } from '../core/simulator-state.js';
import { attachNic, defaultSubnetId } from '../network/connect-vm-nic.js';
import { addVirtualMachine } from './build-compute-state.js';

/**
 * `POST /_simulator/vms`: a VM appears in an existing resource group, running, with its OS disk
 * (and data disks if asked), built and rendered exactly as the estate's VMs are. Nothing protects
 * or replicates it: it shows in Azure Backup's protectable items of a vault of its region.
 */
const vmName = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?$/,
    "a VM name is 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit and not ending with '-' or '.'",
  );

const adminVmSchema = z
  .object({
    resourceGroup: z.string().min(1).max(90),
    name: vmName,
    /** Default: the estate's first subscription. */
    subscriptionId: z.guid().optional(),
    osType: z.enum(['Linux', 'Windows']).default('Linux'),
    size: z.string().min(1).default('Standard_D2s_v5'),
    zone: z.enum(['1', '2', '3']).optional(),
    tags: z.record(z.string(), z.string()).default({}),
    osDisk: osDiskSchema.optional(),
    dataDisks: z.array(dataDiskSchema).default([]),
  })
  .strict();

const defaultOsDisks = {
  Linux: { sizeGB: 64, usedGB: 12, sku: 'Premium_LRS', changeRateGBPerDay: 0.5 },
  Windows: { sizeGB: 128, usedGB: 32, sku: 'Premium_LRS', changeRateGBPerDay: 1 },
} as const;

export interface AddedVm {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  osType: 'Linux' | 'Windows';
  size: string;
  vmId: string;
  osDiskId: string;
  dataDiskIds: string[];
}

export function addAdminVm(state: SimulatorState, body: unknown, nowMs: number): AddedVm {
  const input = adminVmSchema.parse(body);
  const { subscriptionId, group } = requireGroup(state, input);
  const estateVm: EstateVirtualMachine = virtualMachineSchema.parse({
    name: input.name,
    size: input.size,
    osType: input.osType,
    ...(input.zone ? { zone: input.zone } : {}),
    tags: input.tags,
    osDisk: input.osDisk ?? defaultOsDisks[input.osType],
    dataDisks: input.dataDisks,
  });
  checkFree(state, { subscriptionId, resourceGroup: group.name }, estateVm);
  const vm = addVirtualMachine(state.compute, { subscriptionId, group, createdMs: nowMs }, estateVm);
  // Its NIC joins the group's first subnet, as the estate's VMs do.
  attachNic(state.network, vm, defaultSubnetId(state.network, vm));
  return {
    id: vm.id,
    name: vm.name,
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    location: vm.location,
    osType: vm.osType,
    size: vm.size,
    vmId: vm.vmId,
    osDiskId: vm.osDiskId,
    dataDiskIds: vm.dataDisks.map((disk) => disk.diskId),
  };
}

/** The subscription (default: the estate's first) and resource group the VM goes in, or 404. */
function requireGroup(
  state: SimulatorState,
  input: { subscriptionId?: string | undefined; resourceGroup: string },
) {
  const wanted = input.subscriptionId ?? Object.values(state.subscriptions)[0]?.subscriptionId ?? '';
  const subscription = ownValue(state.subscriptions, wanted.toLowerCase());
  if (!subscription) throw new AdminInputError(`No subscription ${wanted} in the simulator.`, 404);
  const { subscriptionId } = subscription;
  const group = ownValue(state.resourceGroups, resourceGroupKey(subscriptionId, input.resourceGroup));
  if (!group) {
    throw new AdminInputError(
      `No resource group '${input.resourceGroup}' in subscription ${subscriptionId}.`,
      404,
    );
  }
  return { subscriptionId, group };
}

/** 409 when the VM, or a disk it would create, already exists (in any casing, as in ARM). */
function checkFree(
  state: SimulatorState,
  where: { subscriptionId: string; resourceGroup: string },
  vm: EstateVirtualMachine,
): void {
  const id = (type: string, name: string) =>
    providerResourceId(where.subscriptionId, where.resourceGroup, 'Microsoft.Compute', type, name);
  const existing = ownValue(state.compute.virtualMachines, resourceKey(id('virtualMachines', vm.name)));
  if (existing) {
    throw new AdminInputError(`The virtual machine ${existing.id} already exists.`, 409);
  }
  const diskNames = [
    vm.osDisk.name ?? defaultOsDiskName(vm.name),
    ...vm.dataDisks.map((disk) => disk.name ?? defaultDataDiskName(vm.name, disk.lun)),
  ];
  const luns = vm.dataDisks.map((disk) => disk.lun);
  if (new Set(luns).size !== luns.length) throw new AdminInputError('dataDisks: each lun may appear once.');
  for (const name of diskNames) {
    const disk = ownValue(state.compute.disks, resourceKey(id('disks', name)));
    if (disk)
      throw new AdminInputError(`The disk ${disk.id} already exists; name the VM's disks otherwise.`, 409);
  }
}
