import { ArmError } from '../core/arm-error.js';
import { inScope } from '../core/list-in-scope.js';
import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import { providerResourceId, resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { resourceGroupKey } from '../core/simulator-state.js';
import type { NetworkInterfaceRecord, VirtualNetworkRecord } from './network-state.js';
import {
  renderNetworkInterface,
  renderPeering,
  renderSubnet,
  renderVirtualNetwork,
} from './render-network.js';

/**
 * The Microsoft.Network reads: virtual networks (get, list in a group, list in the subscription),
 * their subnets and peerings, network interfaces. A missing top-level resource answers ARM's 404
 * `ResourceNotFound`; a missing subnet or peering Network's own 404 `NotFound` "Resource {id} not found.".
 */
export function listVirtualNetworks(context: RouteContext): ArmResult {
  const network = context.state.network;
  return paginateList(context, inScope(network.virtualNetworks, context), (vnet) =>
    renderVirtualNetwork(network, vnet),
  );
}

export function getVirtualNetwork(context: RouteContext): ArmResult {
  return { status: 200, body: renderVirtualNetwork(context.state.network, requireNetwork(context)) };
}

export function listSubnets(context: RouteContext): ArmResult {
  const vnet = requireNetwork(context);
  return paginateList(context, vnet.subnets, (subnet) => renderSubnet(context.state.network, vnet, subnet));
}

export function getSubnet(context: RouteContext): ArmResult {
  const vnet = requireNetwork(context);
  const name = context.params.subnetName ?? '';
  const subnet = vnet.subnets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!subnet) throw childNotFound(`${vnet.id}/subnets/${name}`);
  return { status: 200, body: renderSubnet(context.state.network, vnet, subnet) };
}

export function listPeerings(context: RouteContext): ArmResult {
  const vnet = requireNetwork(context);
  return paginateList(context, vnet.peerings, (peering) =>
    renderPeering(context.state.network, vnet, peering),
  );
}

export function getPeering(context: RouteContext): ArmResult {
  const vnet = requireNetwork(context);
  const name = context.params.peeringName ?? '';
  const peering = vnet.peerings.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (!peering) throw childNotFound(`${vnet.id}/virtualNetworkPeerings/${name}`);
  return { status: 200, body: renderPeering(context.state.network, vnet, peering) };
}

export function listNetworkInterfaces(context: RouteContext): ArmResult {
  return paginateList(context, inScope(context.state.network.networkInterfaces, context), (nic) =>
    renderNetworkInterface(nic),
  );
}

export function getNetworkInterface(context: RouteContext): ArmResult {
  const name = context.params.nicName ?? '';
  const nic = ownValue<NetworkInterfaceRecord>(
    context.state.network.networkInterfaces,
    resourceKey(idInScope(context, 'networkInterfaces', name)),
  );
  if (!nic)
    throw ArmError.resourceNotFound(`Microsoft.Network/networkInterfaces/${name}`, groupName(context));
  return { status: 200, body: renderNetworkInterface(nic) };
}

function requireNetwork(context: RouteContext): VirtualNetworkRecord {
  const name = context.params.vnetName ?? '';
  const vnet = ownValue(
    context.state.network.virtualNetworks,
    resourceKey(idInScope(context, 'virtualNetworks', name)),
  );
  if (!vnet) throw ArmError.resourceNotFound(`Microsoft.Network/virtualNetworks/${name}`, groupName(context));
  return vnet;
}

function idInScope(context: RouteContext, type: string, name: string): string {
  return providerResourceId(
    context.params.subscriptionId ?? '',
    context.params.resourceGroupName ?? '',
    'Microsoft.Network',
    type,
    name,
  );
}

/** The group's canonical name (the core has checked that it exists). */
function groupName(context: RouteContext): string {
  const key = resourceGroupKey(context.params.subscriptionId ?? '', context.params.resourceGroupName ?? '');
  return ownValue(context.state.resourceGroups, key)?.name ?? context.params.resourceGroupName ?? '';
}

function childNotFound(id: string): ArmError {
  return ArmError.gateway(404, 'NotFound', `Resource ${id} not found.`);
}
