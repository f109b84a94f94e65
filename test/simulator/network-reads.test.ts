import { join } from 'node:path';
import { NetworkManagementClient } from '@azure/arm-network';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { pinnedNow } from './backup-test-kit.js';
import {
  armRequest,
  at,
  collect,
  computeClient,
  endpoint,
  fakeCredential,
  startSimulator,
  subscriptionId,
  withTempDir,
} from './simulator-test-kit.js';

const networkPath = (group: string, name: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Network/virtualNetworks/${name}`;

/** The real @azure/arm-network client over the in-process transport. */
function networkClient(simulator: Simulator): NetworkManagementClient {
  return new NetworkManagementClient(fakeCredential, subscriptionId, {
    endpoint,
    httpClient: createInProcessHttpClient(simulator.handle),
    retryOptions: { maxRetries: 0 },
  });
}

async function expectStatus(call: Promise<unknown>, status: number, code: string): Promise<void> {
  await expect(call).rejects.toMatchObject({ statusCode: status, code });
}

describe('simulator: Microsoft.Network reads of the demo estate', () => {
  let simulator: Simulator;
  let client: NetworkManagementClient;
  beforeEach(async () => {
    simulator = await startSimulator({ now: pinnedNow(), pageSize: 2 });
    client = networkClient(simulator);
  });
  afterEach(async () => {
    await simulator.close();
  });

  it('lists the networks of the subscription (paged) and of one resource group', async () => {
    const all = await collect(client.virtualNetworks.listAll());
    expect(all.map((n) => n.name).sort()).toEqual([
      'vnet-crm-prod',
      'vnet-dev',
      'vnet-dr-neu',
      'vnet-dr-shared',
      'vnet-dr-test',
      'vnet-shop-prod',
    ]);
    const dr = await collect(client.virtualNetworks.list('rg-bcdr-neu'));
    expect(dr.map((n) => [n.name, n.location])).toEqual([
      ['vnet-dr-neu', 'northeurope'],
      ['vnet-dr-test', 'northeurope'],
      ['vnet-dr-shared', 'northeurope'],
    ]);
  });

  it('serves a network with its address space, subnets (and the NICs in them) and peerings', async () => {
    const shop = await client.virtualNetworks.get('rg-shop-prod', 'vnet-shop-prod');
    expect(shop).toMatchObject({
      id: networkPath('rg-shop-prod', 'vnet-shop-prod'),
      type: 'Microsoft.Network/virtualNetworks',
      location: 'westeurope',
      provisioningState: 'Succeeded',
      addressSpace: { addressPrefixes: ['10.10.0.0/16'] },
    });
    expect(shop.etag).toMatch(/^W\/"/);
    const [web, data] = shop.subnets ?? [];
    expect(web).toMatchObject({ name: 'snet-web', addressPrefix: '10.10.1.0/24' });
    expect(web?.id).toBe(`${networkPath('rg-shop-prod', 'vnet-shop-prod')}/subnets/snet-web`);
    expect(web?.ipConfigurations?.map((c) => c.id?.split('/')[8]).sort()).toEqual([
      'vm-api-01-nic',
      'vm-web-01-nic',
      'vm-web-02-nic',
    ]);
    expect(data?.ipConfigurations?.map((c) => c.id)).toEqual([
      `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Network/networkInterfaces/vm-sql-01-nic/ipConfigurations/ipconfig1`,
    ]);
    expect(shop.virtualNetworkPeerings).toEqual([]);

    const shared = await client.virtualNetworks.get('rg-bcdr-neu', 'vnet-dr-shared');
    expect(shared.virtualNetworkPeerings).toHaveLength(1);
    expect(shared.virtualNetworkPeerings?.[0]).toMatchObject({
      name: 'vnet-dr-shared-to-vnet-dr-neu',
      peeringState: 'Connected',
      peeringSyncLevel: 'FullyInSync',
      allowVirtualNetworkAccess: true,
      remoteVirtualNetwork: { id: networkPath('rg-bcdr-neu', 'vnet-dr-neu') },
      remoteAddressSpace: { addressPrefixes: ['10.110.0.0/16'] },
    });
    // Peered both ways, as Azure shows a connected peering on each side.
    const back = await collect(client.virtualNetworkPeerings.list('rg-bcdr-neu', 'vnet-dr-neu'));
    expect(back.map((p) => [p.name, p.remoteVirtualNetwork?.id, p.peeringState])).toEqual([
      ['vnet-dr-neu-to-vnet-dr-shared', networkPath('rg-bcdr-neu', 'vnet-dr-shared'), 'Connected'],
    ]);
    const one = await client.virtualNetworkPeerings.get(
      'rg-bcdr-neu',
      'vnet-dr-neu',
      'vnet-dr-neu-to-vnet-dr-shared',
    );
    expect(one.type).toBe('Microsoft.Network/virtualNetworks/virtualNetworkPeerings');
    const subnets = await collect(client.subnets.list('rg-bcdr-neu', 'vnet-dr-test'));
    expect(subnets.map((s) => [s.name, s.addressPrefix, s.ipConfigurations])).toEqual([
      ['snet-test', '10.250.1.0/24', undefined],
    ]);
    const subnet = await client.subnets.get('rg-shop-prod', 'vnet-shop-prod', 'snet-data');
    expect(subnet.ipConfigurations).toHaveLength(1);
  });

  it('gives every VM a real NIC: its networkProfile id answers, in a subnet, with a private IP', async () => {
    const compute = computeClient(simulator);
    const vms = await collect(compute.virtualMachines.listAll());
    expect(vms).toHaveLength(7);
    for (const vm of vms) {
      const nicId = vm.networkProfile?.networkInterfaces?.[0]?.id ?? '';
      const [, , , , group = '', , , , name = ''] = nicId.split('/');
      const nic = await client.networkInterfaces.get(group, name);
      expect(nic.id).toBe(nicId);
      expect(nic.virtualMachine?.id).toBe(vm.id);
      expect(nic.ipConfigurations?.[0]?.subnet?.id).toContain(`/resourceGroups/${group}/`);
      expect(nic.ipConfigurations?.[0]?.privateIPAddress).toMatch(/^10\.\d+\.\d+\.\d+$/);
    }
    const sql = await client.networkInterfaces.get('rg-shop-prod', 'vm-sql-01-nic');
    expect(sql.ipConfigurations?.[0]).toMatchObject({
      name: 'ipconfig1',
      privateIPAddress: '10.10.2.4',
      privateIPAllocationMethod: 'Dynamic',
      primary: true,
      subnet: { id: `${networkPath('rg-shop-prod', 'vnet-shop-prod')}/subnets/snet-data` },
    });
    expect(sql.macAddress).toMatch(/^00-0D-3A(-[0-9A-F]{2}){3}$/);
    const dev = await client.networkInterfaces.get('rg-dev', 'vm-dev-01-nic');
    expect(dev.ipConfigurations?.[0]?.subnet?.id).toBe(
      `${networkPath('rg-dev', 'vnet-dev')}/subnets/snet-dev`,
    );
    const shopNics = await collect(client.networkInterfaces.list('rg-shop-prod'));
    expect(shopNics.map((n) => n.ipConfigurations?.[0]?.privateIPAddress).sort()).toEqual([
      '10.10.1.4',
      '10.10.1.5',
      '10.10.1.6',
      '10.10.2.4',
    ]);
    expect(await collect(client.networkInterfaces.listAll())).toHaveLength(7);
  });

  it("answers ARM's and Network's 404s, and checks the api-version", async () => {
    await expectStatus(client.virtualNetworks.get('rg-shop-prod', 'vnet-nope'), 404, 'ResourceNotFound');
    await expectStatus(client.subnets.get('rg-shop-prod', 'vnet-shop-prod', 'snet-nope'), 404, 'NotFound');
    await expectStatus(client.networkInterfaces.get('rg-shop-prod', 'vm-nope-nic'), 404, 'ResourceNotFound');
    await expectStatus(client.virtualNetworks.get('rg-nope', 'vnet-shop-prod'), 404, 'ResourceGroupNotFound');
    const path = networkPath('rg-shop-prod', 'vnet-shop-prod');
    const old = await armRequest(simulator, 'GET', `${path}?api-version=2022-01-01`);
    expect(old.status).toBe(200);
    const bad = await armRequest(simulator, 'GET', `${path}?api-version=2019-01-01`);
    expect(bad.status).toBe(400);
    expect(at(bad.json, 'error.code')).toBe('NoRegisteredProviderFound');
  });

  it('keeps the networks and NICs in the state file across a restart', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      const first = await startSimulator({ stateFile });
      await first.close();
      const second = await startSimulator({ stateFile });
      try {
        const nic = await networkClient(second).networkInterfaces.get('rg-shop-prod', 'vm-web-01-nic');
        expect(nic.ipConfigurations?.[0]?.privateIPAddress).toBe('10.10.1.4');
      } finally {
        await second.close();
      }
    });
  });
});
