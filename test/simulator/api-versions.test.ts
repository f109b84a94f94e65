import { SiteRecoveryManagementClient } from '@azure/arm-recoveryservices-siterecovery';
import { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import { backupApiVersions, vaultApiVersions } from '../../src/simulator/backup/backup-api-versions.js';
import {
  computeRpApiVersions,
  diskRpApiVersions,
  restorePointApiVersions,
} from '../../src/simulator/compute/compute-api-versions.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { networkApiVersions } from '../../src/simulator/network/network-api-versions.js';
import { siteRecoveryApiVersions } from '../../src/simulator/siterecovery/site-recovery-api-versions.js';
import { vaultGroup, vaultName, vaultPath } from './backup-test-kit.js';
import {
  armRequest,
  at,
  collect,
  endpoint,
  fakeCredential,
  startSimulator,
  subscriptionId,
} from './simulator-test-kit.js';
import { drVaultGroup, drVaultName, drVaultPath } from './siterecovery-test-kit.js';

/**
 * Every api-version the REST API specs list for a type served is accepted (what Azure's own clients
 * send: the Azure CLI 2.45 and Python SDKs use 2022-08-01 for VMs, 2022-03-02 for disks,
 * 2022-09-01-preview for Backup, 2022-10-01 for vaults and Site Recovery, 2019-11-01 or 2022-07-01
 * for networks, 2021-04-01 for resource groups); an unknown one is refused as ARM refuses it: 400
 * NoRegisteredProviderFound for a resource provider, InvalidApiVersionParameter for
 * Microsoft.Resources.
 */
const sub = `/subscriptions/${subscriptionId}`;
const shop = `${sub}/resourceGroups/rg-shop-prod`;

async function statusOf(simulator: Simulator, path: string, version: string): Promise<number> {
  return (await armRequest(simulator, 'GET', `${path}?api-version=${version}`)).status;
}

async function refusedVersions(
  simulator: Simulator,
  path: string,
  versions: readonly string[],
): Promise<string[]> {
  const refused: string[] = [];
  for (const version of versions)
    if ((await statusOf(simulator, path, version)) !== 200) refused.push(version);
  return refused;
}

describe('simulator: api-versions as Azure accepts and refuses them', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('accepts every version of the specs for each type served, previews included', async () => {
    const compute = `${shop}/providers/Microsoft.Compute`;
    expect(
      await refusedVersions(simulator, `${compute}/virtualMachines/vm-web-01`, computeRpApiVersions),
    ).toEqual([]);
    expect(await refusedVersions(simulator, `${compute}/disks`, diskRpApiVersions)).toEqual([]);
    expect(await refusedVersions(simulator, `${compute}/snapshots`, diskRpApiVersions)).toEqual([]);
    expect(
      await refusedVersions(simulator, `${compute}/restorePointCollections`, restorePointApiVersions),
    ).toEqual([]);
    expect(await refusedVersions(simulator, vaultPath, vaultApiVersions)).toEqual([]);
    expect(await refusedVersions(simulator, `${vaultPath}/backupPolicies`, backupApiVersions)).toEqual([]);
    expect(
      await refusedVersions(simulator, `${drVaultPath}/replicationFabrics`, siteRecoveryApiVersions),
    ).toEqual([]);
    expect(
      await refusedVersions(
        simulator,
        `${shop}/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod`,
        networkApiVersions,
      ),
    ).toEqual([]);
    for (const version of ['2015-11-01', '2019-10-01', '2021-04-01', '2025-04-01'])
      expect(await statusOf(simulator, `${sub}/resourcegroups`, version)).toBe(200);
    // What Azure's own clients send, named.
    expect(await statusOf(simulator, `${compute}/virtualMachines/vm-web-01`, '2022-08-01')).toBe(200);
    expect(await statusOf(simulator, `${compute}/disks`, '2022-03-02')).toBe(200);
    expect(await statusOf(simulator, `${vaultPath}/backupProtectedItems`, '2022-09-01-preview')).toBe(200);
    expect(
      await statusOf(simulator, `${sub}/providers/Microsoft.RecoveryServices/vaults`, '2022-10-01'),
    ).toBe(200);
    expect(await statusOf(simulator, `${drVaultPath}/replicationProtectedItems`, '2022-10-01')).toBe(200);
    expect(
      await statusOf(
        simulator,
        `${shop}/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod`,
        '2019-11-01',
      ),
    ).toBe(200);
  });

  it('serves the Backup and Site Recovery SDK clients at the versions the Python SDKs send', async () => {
    const httpClient = createInProcessHttpClient(simulator.handle);
    const backup = new RecoveryServicesBackupClient(fakeCredential, subscriptionId, {
      endpoint,
      httpClient,
      apiVersion: '2022-09-01-preview',
    });
    const items = await collect(backup.backupProtectedItems.list(vaultName, vaultGroup));
    expect(items.map((item) => item.name)).toContain('VM;iaasvmcontainerv2;rg-shop-prod;vm-web-01');
    const siteRecovery = new SiteRecoveryManagementClient(fakeCredential, subscriptionId, {
      endpoint,
      httpClient,
      apiVersion: '2022-10-01',
    });
    const replicated = await collect(siteRecovery.replicationProtectedItems.list(drVaultName, drVaultGroup));
    expect(replicated.length).toBeGreaterThan(0);
  });

  it("refuses an unknown version with ARM's NoRegisteredProviderFound, naming the region, type and versions", async () => {
    const vm = await armRequest(
      simulator,
      'GET',
      `${shop}/providers/Microsoft.Compute/virtualMachines/vm-web-01?api-version=2099-01-01`,
    );
    expect(vm.status).toBe(400);
    expect(vm.headers['x-ms-failure-cause']).toBe('gateway');
    expect(at(vm.json, 'error.code')).toBe('NoRegisteredProviderFound');
    const message = String(at(vm.json, 'error.message'));
    expect(message).toMatch(
      /^No registered resource provider found for location 'westeurope' and API version '2099-01-01' for type 'virtualMachines'\. The supported api-versions are '2015-06-15, 2016-03-30, .*, 2026-04-01'\. The supported locations are 'eastus, .*westeurope.*'\.$/,
    );
    // An action belongs to its resource's type; a restore point to its registered nested type.
    const start = await armRequest(
      simulator,
      'POST',
      `${shop}/providers/Microsoft.Compute/virtualMachines/vm-web-01/start?api-version=2021-12-01`,
    );
    expect(at(start.json, 'error.message')).toContain("for type 'virtualMachines'");
    const point = await armRequest(
      simulator,
      'GET',
      `${shop}/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/p?api-version=2020-12-01`,
    );
    expect(at(point.json, 'error.message')).toContain("for type 'restorePointCollections/restorePoints'");
    // Subscription-wide: no region; a location route: its region.
    const all = await armRequest(
      simulator,
      'GET',
      `${sub}/providers/Microsoft.Network/virtualNetworks?api-version=1`,
    );
    expect(at(all.json, 'error.message')).toContain(
      "No registered resource provider found for location '' and API version '1' for type 'virtualNetworks'",
    );
    const backupStatus = await armRequest(
      simulator,
      'POST',
      `${sub}/providers/Microsoft.RecoveryServices/locations/westeurope/backupStatus?api-version=2099-01-01`,
      { resourceType: 'VM', resourceId: `${shop}/providers/Microsoft.Compute/virtualMachines/vm-web-01` },
    );
    expect(at(backupStatus.json, 'error.message')).toContain(
      "for location 'westeurope' and API version '2099-01-01' for type 'locations/backupStatus'",
    );
    // Under a vault, ARM's type is the vault's; the versions the service's own.
    const jobs = await armRequest(
      simulator,
      'GET',
      `${drVaultPath}/replicationJobs?api-version=2022-09-01-preview`,
    );
    expect(at(jobs.json, 'error.message')).toContain(
      "for location 'northeurope' and API version '2022-09-01-preview' for type 'vaults'. The supported api-versions are '2016-08-10,",
    );
  });

  it('keeps Microsoft.Resources refusing with InvalidApiVersionParameter, and any missing version with MissingApiVersionParameter', async () => {
    const groups = await armRequest(simulator, 'GET', `${sub}/resourcegroups?api-version=2099-01-01`);
    expect(groups.status).toBe(400);
    expect(at(groups.json, 'error.code')).toBe('InvalidApiVersionParameter');
    const missing = await armRequest(simulator, 'GET', `${shop}/providers/Microsoft.Compute/disks`);
    expect(at(missing.json, 'error.code')).toBe('MissingApiVersionParameter');
  });
});
