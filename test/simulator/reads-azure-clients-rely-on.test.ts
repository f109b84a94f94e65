import type { A2APolicyDetails, A2AReplicationDetails } from '@azure/arm-recoveryservices-siterecovery';
import type { AzureIaaSComputeVMContainer } from '@azure/arm-recoveryservicesbackup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { backupClient, vaultGroup, vaultName, vaultPath } from './backup-test-kit.js';
import {
  armRequest,
  at,
  collect,
  computeClient,
  startSimulator,
  subscriptionId,
} from './simulator-test-kit.js';
import { drVaultGroup, drVaultName, drVaultPath, siteRecoveryClient } from './siterecovery-test-kit.js';

/**
 * Reads Azure's own clients rely on, through the real SDK clients: a vault's Backup protection
 * containers (`az backup container list`), Site Recovery replication policies (every replicated
 * item's `policyId` resolves), the zones of a zonal VM's disks, and the managed disks an A2A item
 * protects.
 */
describe('simulator: reads Azure clients rely on', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator.close();
  });

  it("lists a vault's Backup protection containers, one per protected VM, filtered as az asks", async () => {
    const client = backupClient(simulator);
    const containers = await collect(
      client.backupProtectionContainers.list(vaultName, vaultGroup, {
        filter: "backupManagementType eq 'AzureIaasVM' and status eq 'Registered'",
      }),
    );
    const items = await collect(client.backupProtectedItems.list(vaultName, vaultGroup));
    expect(containers).toHaveLength(items.length);
    const web = containers.find((container) => container.properties?.friendlyName === 'vm-web-01');
    expect(web?.name).toBe('IaasVMContainer;iaasvmcontainerv2;rg-shop-prod;vm-web-01');
    expect(web?.id).toBe(
      `${vaultPath}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-shop-prod;vm-web-01`,
    );
    const properties = web?.properties as AzureIaaSComputeVMContainer;
    expect(properties).toMatchObject({
      containerType: 'Microsoft.Compute/virtualMachines',
      backupManagementType: 'AzureIaasVM',
      registrationStatus: 'Registered',
      virtualMachineId: `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01`,
      resourceGroup: 'rg-shop-prod',
    });
    const byName = await collect(
      client.backupProtectionContainers.list(vaultName, vaultGroup, {
        filter: "friendlyName eq 'VM-WEB-01'",
      }),
    );
    expect(byName.map((container) => container.name)).toEqual([web?.name]);
    const bad = await armRequest(
      simulator,
      'GET',
      `${vaultPath}/backupProtectionContainers?api-version=2023-06-01&$filter=${encodeURIComponent('kind eq 1')}`,
    );
    expect(bad.status).toBe(400);
    expect(at(bad.json, 'error.code')).toBe('BMSUserErrorInvalidInput');
  });

  it("serves the replication policy every replicated item names, and ASR's 404 for another", async () => {
    const client = siteRecoveryClient(simulator);
    const policies = await collect(client.replicationPolicies.list(drVaultName, drVaultGroup));
    expect(policies.map((policy) => policy.name)).toEqual(['24-hour-retention-policy']);
    expect(policies[0]?.properties?.providerSpecificDetails as A2APolicyDetails).toMatchObject({
      instanceType: 'A2A',
      recoveryPointHistory: 1440,
      appConsistentFrequencyInMinutes: 240,
      crashConsistentFrequencyInMinutes: 5,
    });
    const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const policyId = item.properties?.policyId ?? '';
      expect(policyId.toLowerCase().startsWith(`${drVaultPath}/replicationPolicies/`.toLowerCase())).toBe(
        true,
      );
      const policy = await client.replicationPolicies.get(
        drVaultName,
        drVaultGroup,
        policyId.split('/').pop() ?? '',
      );
      expect(policy.id).toBe(policyId);
    }
    const missing = await armRequest(
      simulator,
      'GET',
      `${drVaultPath}/replicationPolicies/nope?api-version=2023-06-01`,
    );
    expect(missing.status).toBe(404);
    expect(at(missing.json, 'error.details.0.code')).toBe('PolicyNotFound');
    const none = await collect(client.replicationPolicies.list(vaultName, vaultGroup));
    expect(none).toEqual([]);
  });

  it('puts the disks of a zonal VM in its zone, and keeps a regional VM regional', async () => {
    const client = computeClient(simulator);
    const vm = await client.virtualMachines.get('rg-shop-prod', 'vm-web-02');
    expect(vm.zones).toEqual(['2']);
    const osDisk = await client.disks.get('rg-shop-prod', 'vm-web-02-osdisk');
    expect(osDisk.zones).toEqual(['2']);
    const disks = await collect(client.disks.list());
    const vms = await collect(client.virtualMachines.listAll());
    for (const machine of vms) {
      const ids = [
        machine.storageProfile?.osDisk?.managedDisk?.id,
        ...(machine.storageProfile?.dataDisks ?? []).map((disk) => disk.managedDisk?.id),
      ];
      for (const id of ids) {
        const disk = disks.find((candidate) => candidate.id?.toLowerCase() === id?.toLowerCase());
        expect(disk?.zones, `${machine.name}: ${id}`).toEqual(machine.zones);
      }
    }
  });

  it('lists the managed disks an A2A item protects, with their replicas in the recovery group', async () => {
    const client = siteRecoveryClient(simulator);
    const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
    const sql = items.find((item) => item.properties?.friendlyName === 'vm-sql-01');
    const details = sql?.properties?.providerSpecificDetails as A2AReplicationDetails;
    expect(details.protectedDisks).toEqual([]);
    const disks = details.protectedManagedDisks ?? [];
    expect(disks.map((disk) => disk.diskName)).toEqual([
      'vm-sql-01-osdisk',
      'vm-sql-01-data',
      'vm-sql-01-log',
    ]);
    expect(disks[0]).toMatchObject({
      diskId: `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/disks/vm-sql-01-osdisk`,
      diskType: 'Premium_LRS',
      diskState: 'Protected',
      recoveryResourceGroupId: details.recoveryAzureResourceGroupId,
      recoveryReplicaDiskId: `${details.recoveryAzureResourceGroupId}/providers/Microsoft.Compute/disks/vm-sql-01-osdisk-ASRReplica`,
      failoverDiskName: 'vm-sql-01-osdisk-ASRReplica',
      tfoDiskName: 'vm-sql-01-osdisk-ASRReplica-test',
    });
    expect(disks[0]?.diskCapacityInBytes).toBeGreaterThan(0);
  });
});
