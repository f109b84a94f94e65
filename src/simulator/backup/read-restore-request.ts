import type { VirtualMachineRecord } from '../compute/compute-state.js';
import { ownValue } from '../core/own-property.js';
import { type JsonObject, readString } from '../core/read-arm-body.js';
import { normalizeLocation, parseResourceId, providerResourceId, resourceKey } from '../core/resource-id.js';
import type { RouteContext } from '../core/route-types.js';
import { resourceGroupKey } from '../core/simulator-state.js';
import { backupErrors } from './backup-errors.js';
import type {
  ProtectedItemRecord,
  RecoveryPointRecord,
  RestoreType,
  RestoreWork,
  VaultRecord,
} from './backup-state.js';

/**
 * Reads an IaasVMRestoreRequest into what the restore job will do. AlternateLocation needs
 * `targetVirtualMachineId` (a VM name not yet taken), its resource group (or
 * `targetResourceGroupId`), and `virtualNetworkId` + `subnetId` of a network in the estate;
 * RestoreDisks uses `targetResourceGroupId` (default: the source VM's group) and
 * `restoreDiskLunList`; OriginalLocation replaces the disks of the source VM, which must be stopped
 * or deallocated. Nulls count as absent, as Azure's own samples send them.
 */
const restoreTypes: readonly RestoreType[] = ['AlternateLocation', 'RestoreDisks', 'OriginalLocation'];

export function readRestoreWork(
  context: RouteContext,
  input: {
    vault: VaultRecord;
    item: ProtectedItemRecord;
    point: RecoveryPointRecord;
    properties: JsonObject;
  },
): RestoreWork {
  const { vault, item, point, properties } = input;
  const typeName = readString(properties.recoveryType, 'properties.recoveryType') ?? '';
  const recoveryType = restoreTypes.find((type) => type.toLowerCase() === typeName.toLowerCase());
  if (!recoveryType)
    throw backupErrors.invalidInput(
      `recoveryType '${typeName}' is not supported; use ${restoreTypes.join(', ')}.`,
    );
  const source = readString(properties.sourceResourceId, 'properties.sourceResourceId');
  if (source && resourceKey(source) !== resourceKey(item.vmId)) {
    throw backupErrors.invalidInput(`sourceResourceId must be ${item.vmId}, the VM of the backup item.`);
  }
  const region = readString(properties.region, 'properties.region');
  const base = {
    kind: 'restore' as const,
    recoveryType,
    recoveryPointKey: resourceKey(point.id),
    subscriptionId: vault.subscriptionId,
    location: region ? normalizeLocation(region) : vault.location,
    sourceVmId: item.vmId,
  };
  if (recoveryType === 'OriginalLocation') return { ...base, targetResourceGroup: item.vmResourceGroup };
  const groupId = readString(properties.targetResourceGroupId, 'properties.targetResourceGroupId');
  if (recoveryType === 'RestoreDisks') {
    const luns = readLuns(properties.restoreDiskLunList);
    return {
      ...base,
      targetResourceGroup: existingGroup(context, vault, groupName(groupId) ?? item.vmResourceGroup),
      ...(luns ? { luns } : {}),
    };
  }
  return { ...base, ...readAlternateTarget(context, vault, properties, groupId) };
}

function readAlternateTarget(
  context: RouteContext,
  vault: VaultRecord,
  properties: JsonObject,
  groupId: string | undefined,
): Pick<RestoreWork, 'targetResourceGroup' | 'targetVmName' | 'virtualNetworkId' | 'subnetId' | 'zone'> {
  const zones = properties.zones;
  const zone = Array.isArray(zones) && typeof zones[0] === 'string' ? zones[0] : undefined;
  return {
    ...readTargetVm(context, vault, properties, groupId),
    ...readTargetNetwork(context, properties),
    ...(zone ? { zone } : {}),
  };
}

/** targetVirtualMachineId: a VM name not taken yet, in an existing resource group. */
function readTargetVm(
  context: RouteContext,
  vault: VaultRecord,
  properties: JsonObject,
  groupId: string | undefined,
): { targetResourceGroup: string; targetVmName: string } {
  const target = readString(properties.targetVirtualMachineId, 'properties.targetVirtualMachineId');
  const parsed = target ? parseResourceId(target) : undefined;
  if (
    parsed?.type.toLowerCase() !== 'virtualmachines' ||
    parsed.namespace.toLowerCase() !== 'microsoft.compute'
  ) {
    throw backupErrors.invalidInput(
      'AlternateLocation needs targetVirtualMachineId, the id of the VM to create.',
    );
  }
  const group = groupName(groupId) ?? parsed.resourceGroup;
  if (group.toLowerCase() !== parsed.resourceGroup.toLowerCase()) {
    throw backupErrors.invalidInput(
      'targetVirtualMachineId must be in the resource group of targetResourceGroupId.',
    );
  }
  const targetResourceGroup = existingGroup(context, vault, group);
  const id = providerResourceId(
    vault.subscriptionId,
    targetResourceGroup,
    'Microsoft.Compute',
    'virtualMachines',
    parsed.name,
  );
  if (ownValue(context.state.compute.virtualMachines, resourceKey(id))) {
    throw backupErrors.invalidInput(
      `A virtual machine named ${parsed.name} already exists in resource group ${targetResourceGroup}.`,
    );
  }
  return { targetResourceGroup, targetVmName: parsed.name };
}

/** virtualNetworkId and subnetId: a network of the estate and one of its subnets. */
function readTargetNetwork(
  context: RouteContext,
  properties: JsonObject,
): { virtualNetworkId: string; subnetId: string } {
  const virtualNetworkId = readString(properties.virtualNetworkId, 'properties.virtualNetworkId') ?? '';
  const subnetId = readString(properties.subnetId, 'properties.subnetId') ?? '';
  const known = new Set(context.state.backup.networks);
  if (
    !known.has(resourceKey(virtualNetworkId)) ||
    !known.has(resourceKey(subnetId)) ||
    !resourceKey(subnetId).startsWith(`${resourceKey(virtualNetworkId)}/subnets/`)
  ) {
    throw backupErrors.invalidInput(
      'AlternateLocation needs virtualNetworkId and subnetId of an existing network and one of its subnets.',
    );
  }
  return { virtualNetworkId, subnetId };
}

/** OriginalLocation: the VM's disks can only be replaced while it is stopped, with nothing else running on it. */
export function assertReplaceable(
  context: RouteContext,
  vm: VirtualMachineRecord | undefined,
): VirtualMachineRecord {
  if (!vm)
    throw backupErrors.invalidInput(
      'The VM to restore to no longer exists; restore as a new VM or restore disks instead.',
    );
  const pending = vm.pendingOperationId
    ? ownValue(context.state.operations, vm.pendingOperationId)
    : undefined;
  const stopped = vm.powerState === 'deallocated' || vm.powerState === 'stopped';
  if (!stopped || vm.transitionState || (pending && !pending.settled) || vm.provisioningState === 'Failed') {
    throw backupErrors.vmNotInDesirableState(
      `VM is not in a state that allows restore: its disks can only be replaced while it is stopped (deallocated), and it is ${vm.transitionState ?? vm.powerState}. Stop the VM and retry.`,
    );
  }
  return vm;
}

function groupName(groupId: string | undefined): string | undefined {
  if (!groupId) return undefined;
  const match = /\/resourceGroups\/([^/]+)\/?$/i.exec(groupId);
  if (!match?.[1])
    throw backupErrors.invalidInput(`targetResourceGroupId '${groupId}' is not a resource group id.`);
  return match[1];
}

function existingGroup(context: RouteContext, vault: VaultRecord, name: string): string {
  const group = ownValue(context.state.resourceGroups, resourceGroupKey(vault.subscriptionId, name));
  if (!group)
    throw backupErrors.invalidInput(
      `Resource group '${name}' was not found in subscription ${vault.subscriptionId}.`,
    );
  return group.name;
}

function readLuns(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((lun) => Number.isInteger(lun))) {
    throw backupErrors.invalidInput('restoreDiskLunList must be a list of data disk LUNs.');
  }
  return value as number[];
}
