import type { OperationOptions } from './azure-port.js';

/**
 * Microsoft.Network reads the bot needs to judge a drill's test network: the virtual networks with
 * their subnets and peerings, and which subnets the VMs' network interfaces are in. Over every
 * managed subscription; our own types, no SDK type crosses this line.
 */
export interface VirtualNetworkInfo {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  addressPrefixes: string[];
  subnets: { id: string; name: string }[];
  /** `state` as Azure reports it: Connected, Initiated or Disconnected. */
  peerings: { name: string; remoteNetworkId: string; state: string }[];
}

export interface NetworkInterfaceInfo {
  id: string;
  name: string;
  /** The VM it is attached to, if any. */
  vmId?: string;
  subnetIds: string[];
}

export interface NetworkPort {
  /** Every virtual network, one paged list call per subscription. */
  listVirtualNetworks(options?: OperationOptions): Promise<VirtualNetworkInfo[]>;
  /** Every network interface, one paged list call per subscription. */
  listNetworkInterfaces(options?: OperationOptions): Promise<NetworkInterfaceInfo[]>;
}
