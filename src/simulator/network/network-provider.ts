import { registeredRoutes } from '../core/provider-registration.js';
import type { ResourceProvider, RouteDefinition } from '../core/route-types.js';
import { networkApiVersions, networkRegistration } from './network-api-versions.js';
import {
  getNetworkInterface,
  getPeering,
  getSubnet,
  getVirtualNetwork,
  listNetworkInterfaces,
  listPeerings,
  listSubnets,
  listVirtualNetworks,
} from './network-handlers.js';

/** Microsoft.Network as the simulator serves it: reads of virtual networks and network interfaces. */
const sub = '/subscriptions/{subscriptionId}';
const rg = `${sub}/resourceGroups/{resourceGroupName}`;
const network = 'providers/Microsoft.Network';
const vnet = `${rg}/${network}/virtualNetworks/{vnetName}`;

const read = (pattern: string, handle: RouteDefinition['handle']): RouteDefinition => ({
  method: 'GET',
  pattern,
  apiVersions: networkApiVersions,
  handle,
});

const routes: RouteDefinition[] = [
  read(`${sub}/${network}/virtualNetworks`, listVirtualNetworks),
  read(`${rg}/${network}/virtualNetworks`, listVirtualNetworks),
  read(vnet, getVirtualNetwork),
  read(`${vnet}/subnets`, listSubnets),
  read(`${vnet}/subnets/{subnetName}`, getSubnet),
  read(`${vnet}/virtualNetworkPeerings`, listPeerings),
  read(`${vnet}/virtualNetworkPeerings/{peeringName}`, getPeering),
  read(`${sub}/${network}/networkInterfaces`, listNetworkInterfaces),
  read(`${rg}/${network}/networkInterfaces`, listNetworkInterfaces),
  read(`${rg}/${network}/networkInterfaces/{nicName}`, getNetworkInterface),
];

export const networkProvider: ResourceProvider = {
  routes: registeredRoutes(networkRegistration, routes),
  operationHandlers: {},
};
