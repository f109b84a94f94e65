import type { NetworkInterface, NetworkManagementClient, VirtualNetwork } from '@azure/arm-network';
import { type OperationOptions, parseResourceId } from './azure-port.js';
import { type AzureClientOptions, createNetworkClient } from './create-compute-clients.js';
import type { NetworkInterfaceInfo, NetworkPort, VirtualNetworkInfo } from './network-port.js';
import { callAzure } from './translate-azure-error.js';

/** Microsoft.Network through @azure/arm-network: subscription-wide lists, never one call per VM. */
export class SdkNetwork implements NetworkPort {
  private readonly clients = new Map<string, NetworkManagementClient>();

  constructor(
    readonly subscriptionIds: readonly string[],
    private readonly clientOptions: AzureClientOptions,
  ) {}

  private client(subscriptionId: string): NetworkManagementClient {
    let client = this.clients.get(subscriptionId);
    if (!client) {
      client = createNetworkClient(subscriptionId, this.clientOptions);
      this.clients.set(subscriptionId, client);
    }
    return client;
  }

  async listVirtualNetworks(options?: OperationOptions): Promise<VirtualNetworkInfo[]> {
    const perSubscription = await Promise.all(
      this.subscriptionIds.map((subscriptionId) =>
        callAzure(async () => {
          const networks: VirtualNetworkInfo[] = [];
          const pages = this.client(subscriptionId).virtualNetworks.listAll({
            abortSignal: options?.abortSignal,
          });
          for await (const network of pages) networks.push(toNetworkInfo(network));
          return networks;
        }),
      ),
    );
    return perSubscription.flat();
  }

  async listNetworkInterfaces(options?: OperationOptions): Promise<NetworkInterfaceInfo[]> {
    const perSubscription = await Promise.all(
      this.subscriptionIds.map((subscriptionId) =>
        callAzure(async () => {
          const nics: NetworkInterfaceInfo[] = [];
          const pages = this.client(subscriptionId).networkInterfaces.listAll({
            abortSignal: options?.abortSignal,
          });
          for await (const nic of pages) nics.push(toNicInfo(nic));
          return nics;
        }),
      ),
    );
    return perSubscription.flat();
  }
}

function toNetworkInfo(network: VirtualNetwork): VirtualNetworkInfo {
  const id = network.id ?? '';
  const parts = parseResourceId(id);
  return {
    id,
    name: network.name ?? parts.name,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    location: (network.location ?? '').replace(/\s+/g, '').toLowerCase(),
    addressPrefixes: network.addressSpace?.addressPrefixes ?? [],
    subnets: (network.subnets ?? []).map((subnet) => ({ id: subnet.id ?? '', name: subnet.name ?? '' })),
    peerings: (network.virtualNetworkPeerings ?? []).map((peering) => ({
      name: peering.name ?? '',
      remoteNetworkId: peering.remoteVirtualNetwork?.id ?? '',
      state: peering.peeringState ?? 'unknown',
    })),
  };
}

function toNicInfo(nic: NetworkInterface): NetworkInterfaceInfo {
  const id = nic.id ?? '';
  return {
    id,
    name: nic.name ?? id.split('/').pop() ?? '',
    ...(nic.virtualMachine?.id ? { vmId: nic.virtualMachine.id } : {}),
    subnetIds: (nic.ipConfigurations ?? []).flatMap((config) =>
      config.subnet?.id ? [config.subnet.id] : [],
    ),
  };
}
