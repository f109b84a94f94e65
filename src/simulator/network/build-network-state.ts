import type { ComputeState } from '../compute/compute-state.js';
import { deterministicUuid } from '../core/deterministic-uuid.js';
import type { Estate, EstateResourceGroup } from '../core/estate-schema.js';
import { ownValue } from '../core/own-property.js';
import { providerResourceId, resourceKey } from '../core/resource-id.js';
import { attachNic, defaultSubnetId, virtualNetworkId } from './connect-vm-nic.js';
import { emptyNetworkState, type NetworkState, type VirtualNetworkRecord } from './network-state.js';

/**
 * The estate's networks, their peerings (both ways, as Azure shows a connected peering on each side)
 * and one NIC per estate VM: in its `subnet` (`vnet/subnet` of its group) or its group's first subnet.
 */
export function buildNetworkState(estate: Estate, compute: ComputeState): NetworkState {
  const network = emptyNetworkState();
  for (const subscription of estate.subscriptions) {
    for (const group of subscription.resourceGroups) {
      for (const vnet of group.virtualNetworks) {
        const record = networkRecord(subscription.subscriptionId, group, vnet);
        network.virtualNetworks[resourceKey(record.id)] = record;
      }
    }
  }
  for (const subscription of estate.subscriptions) {
    for (const group of subscription.resourceGroups) {
      for (const vnet of group.virtualNetworks) {
        const local = virtualNetworkId(subscription.subscriptionId, group.name, vnet.name);
        for (const ref of vnet.peerings) {
          const [remoteGroup = '', remoteName = ''] = ref.split('/');
          peer(network, local, virtualNetworkId(subscription.subscriptionId, remoteGroup, remoteName));
        }
      }
      connectGroupVms(network, compute, subscription.subscriptionId, group);
    }
  }
  return network;
}

/** Peers two networks both ways (`{local}-to-{remote}` on each side); a second call changes nothing. */
export function peer(network: NetworkState, aId: string, bId: string): void {
  const a = ownValue(network.virtualNetworks, resourceKey(aId));
  const b = ownValue(network.virtualNetworks, resourceKey(bId));
  if (!a || !b || a === b) return;
  for (const [local, remote] of [
    [a, b],
    [b, a],
  ] as const) {
    if (local.peerings.some((p) => resourceKey(p.remoteNetworkId) === resourceKey(remote.id))) continue;
    local.peerings.push({ name: `${local.name}-to-${remote.name}`, remoteNetworkId: remote.id });
  }
}

function networkRecord(
  subscriptionId: string,
  group: EstateResourceGroup,
  vnet: EstateResourceGroup['virtualNetworks'][number],
): VirtualNetworkRecord {
  const id = virtualNetworkId(subscriptionId, group.name, vnet.name);
  return {
    id,
    name: vnet.name,
    subscriptionId,
    resourceGroup: group.name,
    location: group.location,
    tags: {},
    resourceGuid: deterministicUuid(`vnet:${resourceKey(id)}`),
    addressPrefixes: [vnet.addressPrefix],
    subnets: vnet.subnets.map((subnet) => ({ ...subnet })),
    peerings: [],
  };
}

function connectGroupVms(
  network: NetworkState,
  compute: ComputeState,
  subscriptionId: string,
  group: EstateResourceGroup,
): void {
  for (const vm of group.virtualMachines) {
    const id = providerResourceId(
      subscriptionId,
      group.name,
      'Microsoft.Compute',
      'virtualMachines',
      vm.name,
    );
    const record = ownValue(compute.virtualMachines, resourceKey(id));
    if (!record) continue;
    const [vnetName, subnetName] = vm.subnet?.split('/') ?? [];
    const subnetId =
      vnetName && subnetName
        ? `${virtualNetworkId(subscriptionId, group.name, vnetName)}/subnets/${subnetName}`
        : defaultSubnetId(network, { subscriptionId, resourceGroup: group.name, location: group.location });
    attachNic(network, record, subnetId);
  }
}
