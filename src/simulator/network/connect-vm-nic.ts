import type { VirtualMachineRecord } from '../compute/compute-state.js';
import { deterministicUuid } from '../core/deterministic-uuid.js';
import { ownValue } from '../core/own-property.js';
import { providerResourceId, resourceKey } from '../core/resource-id.js';
import type { NetworkInterfaceRecord, NetworkState, VirtualNetworkRecord } from './network-state.js';

/**
 * Every VM has a real NIC (Compute's `networkProfile` names it, Azure answers it): the estate's VMs
 * get one in a subnet of their group's network, the VMs Site Recovery and Backup create get one in
 * the network they were put in. A group with VMs but no network gets `{group}-vnet` (10.0.0.0/16,
 * subnet `default`), the network the Azure portal creates with a first VM.
 */
export function virtualNetworkId(subscriptionId: string, resourceGroup: string, name: string): string {
  return providerResourceId(subscriptionId, resourceGroup, 'Microsoft.Network', 'virtualNetworks', name);
}

export function subnetIdOf(network: VirtualNetworkRecord, subnetName: string): string {
  return `${network.id}/subnets/${subnetName}`;
}

/** The network a subnet id belongs to (the id up to `/subnets/`). */
export function networkOfSubnet(network: NetworkState, subnetId: string): VirtualNetworkRecord | undefined {
  const key = resourceKey(subnetId);
  const at = key.indexOf('/subnets/');
  return at < 0 ? undefined : ownValue(network.virtualNetworks, key.slice(0, at));
}

/** The first subnet of a network (where a VM put "in the network" lands), if it has one. */
export function firstSubnetId(network: NetworkState, networkId: string | undefined): string | undefined {
  const record = networkId ? ownValue(network.virtualNetworks, resourceKey(networkId)) : undefined;
  const first = record?.subnets[0];
  return record && first ? subnetIdOf(record, first.name) : undefined;
}

/** The first subnet of the group's first network that has one, made as the portal would if none. */
export function defaultSubnetId(
  network: NetworkState,
  where: { subscriptionId: string; resourceGroup: string; location: string },
): string {
  const inGroup = Object.values(network.virtualNetworks).filter(
    (record) =>
      record.subscriptionId.toLowerCase() === where.subscriptionId.toLowerCase() &&
      record.resourceGroup.toLowerCase() === where.resourceGroup.toLowerCase(),
  );
  for (const record of inGroup) {
    const subnet = record.subnets[0];
    if (subnet) return subnetIdOf(record, subnet.name);
  }
  const id = virtualNetworkId(where.subscriptionId, where.resourceGroup, `${where.resourceGroup}-vnet`);
  const created: VirtualNetworkRecord = ownValue(network.virtualNetworks, resourceKey(id)) ?? {
    id,
    name: `${where.resourceGroup}-vnet`,
    subscriptionId: where.subscriptionId,
    resourceGroup: where.resourceGroup,
    location: where.location,
    tags: {},
    resourceGuid: deterministicUuid(`vnet:${resourceKey(id)}`),
    addressPrefixes: ['10.0.0.0/16'],
    subnets: [],
    peerings: [],
  };
  created.subnets.push({ name: 'default', addressPrefix: '10.0.0.0/24' });
  network.virtualNetworks[resourceKey(id)] = created;
  return subnetIdOf(created, 'default');
}

/** Gives the VM its NIC (at the VM's `nicId`) in the subnet, with the subnet's next free address. */
export function attachNic(network: NetworkState, vm: VirtualMachineRecord, subnetId: string): void {
  const key = resourceKey(vm.nicId);
  const name = vm.nicId.split('/').pop() ?? `${vm.name}-nic`;
  const record: NetworkInterfaceRecord = {
    id: vm.nicId,
    name,
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    location: vm.location,
    tags: {},
    resourceGuid: deterministicUuid(`nic:${key}`),
    subnetId: canonicalSubnetId(network, subnetId),
    privateIpAddress: nextFreeAddress(network, subnetId, key),
    macAddress: macAddressOf(key),
    virtualMachineId: vm.id,
  };
  network.networkInterfaces[key] = record;
}

/** Deletes a NIC (with the VM it served). Absent: nothing to do. */
export function removeNic(network: NetworkState, nicId: string | undefined): void {
  if (nicId) delete network.networkInterfaces[resourceKey(nicId)];
}

function canonicalSubnetId(network: NetworkState, subnetId: string): string {
  const owner = networkOfSubnet(network, subnetId);
  const name = subnetId.split('/').pop() ?? '';
  const subnet = owner?.subnets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  return owner && subnet ? subnetIdOf(owner, subnet.name) : subnetId;
}

/** Azure keeps the first four addresses of a subnet; NICs get the lowest free one after them. */
function nextFreeAddress(network: NetworkState, subnetId: string, nicKey: string): string {
  const owner = networkOfSubnet(network, subnetId);
  const name = subnetId.split('/').pop()?.toLowerCase();
  const prefix = owner?.subnets.find((s) => s.name.toLowerCase() === name)?.addressPrefix ?? '10.0.0.0/24';
  const [address = '10.0.0.0', bits = '24'] = prefix.split('/');
  const base = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  const taken = new Set(
    Object.entries(network.networkInterfaces)
      .filter(([key, nic]) => key !== nicKey && resourceKey(nic.subnetId) === resourceKey(subnetId))
      .map(([, nic]) => nic.privateIpAddress),
  );
  for (let offset = 4; offset < size - 1; offset += 1) {
    const candidate = formatAddress(base + offset);
    if (!taken.has(candidate)) return candidate;
  }
  return formatAddress(base + 4);
}

function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Azure's NIC MAC addresses start with Microsoft's 00-0D-3A; the rest derives from the id. */
function macAddressOf(key: string): string {
  const hex = deterministicUuid(`mac:${key}`).replace(/-/g, '').slice(0, 6).toUpperCase();
  return `00-0D-3A-${hex.slice(0, 2)}-${hex.slice(2, 4)}-${hex.slice(4, 6)}`;
}
