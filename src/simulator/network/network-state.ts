import type { EnvelopeFields } from '../core/generic-resource.js';

/**
 * What the simulator remembers about Microsoft.Network: virtual networks (with their subnets and
 * peerings) and network interfaces. Records are plain JSON keyed by the lower-cased resource id, like
 * the Compute slice; ARM bodies are rendered from them at request time (render-network.ts). Which
 * NICs sit in a subnet (`ipConfigurations` of the subnet) is derived from the NICs, never stored twice.
 */
export interface SubnetRecord {
  name: string;
  addressPrefix: string;
}

/** One side of a peering; the other network holds its own record (a peering is made both ways). */
export interface PeeringRecord {
  name: string;
  /** Canonical id of the network peered with. */
  remoteNetworkId: string;
}

export interface VirtualNetworkRecord extends EnvelopeFields {
  resourceGuid: string;
  addressPrefixes: string[];
  subnets: SubnetRecord[];
  peerings: PeeringRecord[];
}

export interface NetworkInterfaceRecord extends EnvelopeFields {
  resourceGuid: string;
  /** Canonical id of the subnet its one IP configuration is in. */
  subnetId: string;
  privateIpAddress: string;
  macAddress: string;
  /** The VM (Compute resource id) it is attached to, if any. */
  virtualMachineId?: string;
}

export interface NetworkState {
  virtualNetworks: Record<string, VirtualNetworkRecord>;
  networkInterfaces: Record<string, NetworkInterfaceRecord>;
}

export function emptyNetworkState(): NetworkState {
  return { virtualNetworks: {}, networkInterfaces: {} };
}
