import { join } from 'node:path';
import { NetworkManagementClient } from '@azure/arm-network';
import { describe, expect, it } from 'vitest';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { advanceClock, pinnedNow } from './backup-test-kit.js';
import {
  armRequest,
  at,
  collect,
  endpoint,
  fakeCredential,
  fast,
  startSimulator,
  subscriptionId,
  withTempDir,
} from './simulator-test-kit.js';
import {
  drVaultGroup,
  drVaultName,
  drVaultPath,
  siteRecoveryApiVersion,
  siteRecoveryClient,
} from './siterecovery-test-kit.js';

const networkPath = (group: string, name: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Network/virtualNetworks/${name}`;

function networkClient(simulator: Simulator): NetworkManagementClient {
  return new NetworkManagementClient(fakeCredential, subscriptionId, {
    endpoint,
    httpClient: createInProcessHttpClient(simulator.handle),
  });
}

function postTestFailover(simulator: Simulator, networkId: string) {
  return armRequest(
    simulator,
    'POST',
    `${drVaultPath}/replicationRecoveryPlans/crm/testFailover?api-version=${siteRecoveryApiVersion}`,
    { properties: { failoverDirection: 'PrimaryToRecovery', networkType: 'VmNetworkAsInput', networkId } },
  );
}

/** The subnet and address of each NIC of the vault's resource group, by NIC name. */
async function recoveryNics(simulator: Simulator): Promise<[string, string, string][]> {
  const nics = await collect(networkClient(simulator).networkInterfaces.list(drVaultGroup));
  return nics
    .map((nic): [string, string, string] => [
      nic.name ?? '',
      nic.ipConfigurations?.[0]?.subnet?.id?.split('/').slice(-3).join('/') ?? '',
      nic.ipConfigurations?.[0]?.privateIPAddress ?? '',
    ])
    .sort();
}

describe('simulator: the networks Site Recovery puts VMs in', () => {
  it('refuses a test failover into a network that does not exist or is not in the recovery region', async () => {
    const simulator = await startSimulator({ now: pinnedNow() });
    try {
      const missing = await postTestFailover(simulator, networkPath('rg-bcdr-neu', 'vnet-ghost'));
      expect(missing.status).toBe(400);
      expect(at(missing.json, 'error.code')).toBe('BadRequest');
      expect(at(missing.json, 'error.details.0.code')).toBe('InvalidTestFailoverNetwork');
      expect(at(missing.json, 'error.message')).toContain("vnet-ghost' selected for the test failover");
      const primary = await postTestFailover(simulator, networkPath('rg-shop-prod', 'vnet-shop-prod'));
      expect(primary.status).toBe(400);
      expect(at(primary.json, 'error.message')).toBe(
        "The virtual network 'vnet-shop-prod' is in westeurope, not in the recovery region northeurope of the recovery plan 'crm'.",
      );
      // Nothing started: the plan still allows a test failover.
      const plan = await siteRecoveryClient(simulator).replicationRecoveryPlans.get(
        drVaultName,
        drVaultGroup,
        'crm',
      );
      expect(plan.properties?.allowedOperations).toContain('TestFailover');
      expect(plan.properties?.currentScenario?.scenarioName).toBe('None');
    } finally {
      await simulator.close();
    }
  });

  it('connects test VMs to the test network, deletes their NICs at cleanup, and keeps them across a restart', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      const first = await startSimulator({ now: pinnedNow(), stateFile });
      const accepted = await postTestFailover(first, networkPath('rg-bcdr-neu', 'vnet-dr-test'));
      expect(accepted.status).toBe(202);
      await advanceClock(first, 600);
      await first.close();

      const simulator = await startSimulator({ now: pinnedNow(), stateFile });
      try {
        expect(await recoveryNics(simulator)).toEqual([
          ['vm-crm-01-test-nic', 'vnet-dr-test/subnets/snet-test', '10.250.1.5'],
          ['vm-crm-02-test-nic', 'vnet-dr-test/subnets/snet-test', '10.250.1.4'],
        ]);
        const testNet = await networkClient(simulator).virtualNetworks.get('rg-bcdr-neu', 'vnet-dr-test');
        expect(testNet.subnets?.[0]?.ipConfigurations).toHaveLength(2);
        await siteRecoveryClient(simulator).replicationRecoveryPlans.beginTestFailoverCleanupAndWait(
          drVaultName,
          drVaultGroup,
          'crm',
          { properties: { comments: 'done' } },
          fast,
        );
        expect(await recoveryNics(simulator)).toEqual([]);
      } finally {
        await simulator.close();
      }
    });
  });

  it("connects failed-over VMs to the items' recovery network", async () => {
    const simulator = await startSimulator({ now: pinnedNow() });
    try {
      const poller = await siteRecoveryClient(simulator).replicationRecoveryPlans.beginPlannedFailover(
        drVaultName,
        drVaultGroup,
        'crm',
        { properties: { failoverDirection: 'PrimaryToRecovery' } },
        fast,
      );
      await advanceClock(simulator, 600);
      await poller.pollUntilDone();
      expect(await recoveryNics(simulator)).toEqual([
        ['vm-crm-01-nic', 'vnet-dr-neu/subnets/snet-recovery', '10.110.1.5'],
        ['vm-crm-02-nic', 'vnet-dr-neu/subnets/snet-recovery', '10.110.1.4'],
      ]);
    } finally {
      await simulator.close();
    }
  });
});
