import { deterministicUuid } from '../core/deterministic-uuid.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import { subnetIdOf } from './connect-vm-nic.js';
import type {
  NetworkInterfaceRecord,
  NetworkState,
  PeeringRecord,
  SubnetRecord,
  VirtualNetworkRecord,
} from './network-state.js';

/**
 * Microsoft.Network bodies as the REST specs' examples show them (VirtualNetworkGet,
 * SubnetGet, VirtualNetworkPeeringGet, NetworkInterfaceGet): `properties` with
 * `provisioningState: "Succeeded"`, weak etags, child resources with their own id, name and type.
 */
const ipConfigurationName = 'ipconfig1';

function etagOf(id: string): string {
  return `W/"${deterministicUuid(`etag:${resourceKey(id)}`)}"`;
}

export function renderVirtualNetwork(network: NetworkState, vnet: VirtualNetworkRecord): unknown {
  return {
    name: vnet.name,
    id: vnet.id,
    etag: etagOf(vnet.id),
    type: 'Microsoft.Network/virtualNetworks',
    location: vnet.location,
    tags: vnet.tags,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: vnet.resourceGuid,
      addressSpace: { addressPrefixes: vnet.addressPrefixes },
      dhcpOptions: { dnsServers: [] },
      subnets: vnet.subnets.map((subnet) => renderSubnet(network, vnet, subnet)),
      virtualNetworkPeerings: vnet.peerings.map((peering) => renderPeering(network, vnet, peering)),
      enableDdosProtection: false,
      privateEndpointVNetPolicies: 'Disabled',
    },
  };
}

export function renderSubnet(
  network: NetworkState,
  vnet: VirtualNetworkRecord,
  subnet: SubnetRecord,
): unknown {
  const id = subnetIdOf(vnet, subnet.name);
  const ipConfigurations = Object.values(network.networkInterfaces)
    .filter((nic) => resourceKey(nic.subnetId) === resourceKey(id))
    .map((nic) => ({ id: `${nic.id}/ipConfigurations/${ipConfigurationName}` }));
  return {
    name: subnet.name,
    id,
    etag: etagOf(id),
    type: 'Microsoft.Network/virtualNetworks/subnets',
    properties: {
      provisioningState: 'Succeeded',
      addressPrefix: subnet.addressPrefix,
      ...(ipConfigurations.length > 0 ? { ipConfigurations } : {}),
      delegations: [],
      privateEndpointNetworkPolicies: 'Disabled',
      privateLinkServiceNetworkPolicies: 'Enabled',
    },
  };
}

/**
 * `peeringState` is Connected when the remote network peers back, Initiated when only this side
 * exists, Disconnected when the remote network is gone: Azure's three states.
 */
export function renderPeering(
  network: NetworkState,
  vnet: VirtualNetworkRecord,
  peering: PeeringRecord,
): unknown {
  const id = `${vnet.id}/virtualNetworkPeerings/${peering.name}`;
  const remote = ownValue(network.virtualNetworks, resourceKey(peering.remoteNetworkId));
  const peersBack = remote?.peerings.some((p) => resourceKey(p.remoteNetworkId) === resourceKey(vnet.id));
  const state = !remote ? 'Disconnected' : peersBack ? 'Connected' : 'Initiated';
  const remoteSpace = { addressPrefixes: remote?.addressPrefixes ?? [] };
  return {
    name: peering.name,
    id,
    etag: etagOf(id),
    type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: deterministicUuid(`peering:${resourceKey(id)}`),
      peeringState: state,
      peeringSyncLevel: state === 'Connected' ? 'FullyInSync' : 'RemoteNotInSync',
      remoteVirtualNetwork: { id: peering.remoteNetworkId },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: false,
      allowGatewayTransit: false,
      useRemoteGateways: false,
      doNotVerifyRemoteGateways: false,
      remoteAddressSpace: remoteSpace,
      remoteVirtualNetworkAddressSpace: remoteSpace,
    },
  };
}

export function renderNetworkInterface(nic: NetworkInterfaceRecord): unknown {
  const ipConfigurationId = `${nic.id}/ipConfigurations/${ipConfigurationName}`;
  return {
    name: nic.name,
    id: nic.id,
    etag: etagOf(nic.id),
    type: 'Microsoft.Network/networkInterfaces',
    location: nic.location,
    tags: nic.tags,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: nic.resourceGuid,
      ipConfigurations: [
        {
          name: ipConfigurationName,
          id: ipConfigurationId,
          etag: etagOf(ipConfigurationId),
          type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
          properties: {
            provisioningState: 'Succeeded',
            privateIPAddress: nic.privateIpAddress,
            privateIPAllocationMethod: 'Dynamic',
            subnet: { id: nic.subnetId },
            primary: true,
            privateIPAddressVersion: 'IPv4',
          },
        },
      ],
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      macAddress: nic.macAddress,
      enableAcceleratedNetworking: false,
      vnetEncryptionSupported: false,
      enableIPForwarding: false,
      primary: true,
      ...(nic.virtualMachineId ? { virtualMachine: { id: nic.virtualMachineId } } : {}),
      hostedWorkloads: [],
      tapConfigurations: [],
      nicType: 'Standard',
      auxiliaryMode: 'None',
    },
  };
}
