import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  backupApiVersion,
  backupClient,
  fieldsOf,
  namesOf,
  startPinnedSimulator,
  vaultGroup,
  vaultName,
  vaultPath,
  vmId,
} from './backup-test-kit.js';
import { armRequest, at, collect, subscriptionId } from './simulator-test-kit.js';

const prodVms = ['vm-api-01', 'vm-crm-01', 'vm-crm-02', 'vm-sql-01', 'vm-web-01', 'vm-web-02'];
const dayMs = 86_400_000;

describe('simulator: Azure Backup reads of the demo estate', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startPinnedSimulator();
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('serves the estate vaults by resource group and subscription', async () => {
    const vault = await armRequest(simulator, 'GET', `${vaultPath}?api-version=2024-04-01`);
    expect(vault.status).toBe(200);
    expect(vault.json).toMatchObject({
      name: vaultName,
      type: 'Microsoft.RecoveryServices/vaults',
      location: 'westeurope',
    });
    const all = await armRequest(
      simulator,
      'GET',
      `/subscriptions/${subscriptionId}/providers/Microsoft.RecoveryServices/vaults?api-version=2025-02-01`,
    );
    expect((at(all.json, 'value') as { name: string }[]).map((v) => v.name).sort()).toEqual([
      'rsv-dr-neu',
      'rsv-prod-weu',
    ]);
    const missing = await armRequest(simulator, 'GET', `${vaultPath}x?api-version=2024-04-01`);
    expect(missing.status).toBe(404);
    expect(at(missing.json, 'error.code')).toBe('ResourceNotFound');
  });

  it('lists the protected VMs with their policy and last backup, honouring $filter', async () => {
    const client = backupClient(simulator);
    const items = await collect(
      client.backupProtectedItems.list(vaultName, vaultGroup, {
        filter: "backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'",
      }),
    );
    expect(items.map((item) => at(item.properties, 'friendlyName')).sort()).toEqual(prodVms);
    const sql = items.find((item) => at(item.properties, 'friendlyName') === 'vm-sql-01');
    expect(sql?.name).toBe('VM;iaasvmcontainerv2;rg-shop-prod;vm-sql-01');
    expect(sql?.properties).toMatchObject({
      protectedItemType: 'Microsoft.Compute/virtualMachines',
      protectionState: 'Protected',
      healthStatus: 'Passed',
      lastBackupStatus: 'Completed',
      policyName: 'DailyPolicy',
      containerName: 'iaasvmcontainerv2;rg-shop-prod;vm-sql-01',
      sourceResourceId: vmId('rg-shop-prod', 'vm-sql-01'),
    });
    expect(sql?.properties?.lastRecoveryPoint).toBeInstanceOf(Date);
    const none = await collect(
      client.backupProtectedItems.list(vaultName, vaultGroup, { filter: "itemType eq 'SQLDataBase'" }),
    );
    expect(none).toEqual([]);
    const bad = await armRequest(
      simulator,
      'GET',
      `${vaultPath}/backupProtectedItems?api-version=${backupApiVersion}&$filter=${encodeURIComponent("color eq 'red'")}`,
    );
    expect(bad.status).toBe(400);
    expect(at(bad.json, 'error.code')).toBe('BMSUserErrorInvalidInput');
  });

  it('gets an item by its %3B-encoded names, in any casing', async () => {
    const path = `${vaultPath}/backupFabrics/azure/protectionContainers/IaasVMContainer%3Biaasvmcontainerv2%3Brg-shop-prod%3Bvm-web-01/protectedItems/VM%3BIAASVMCONTAINERV2%3Brg-shop-prod%3Bvm-web-01?api-version=${backupApiVersion}`;
    const response = await armRequest(simulator, 'GET', path);
    expect(response.status).toBe(200);
    expect(at(response.json, 'properties.friendlyName')).toBe('vm-web-01');
    const missing = await armRequest(simulator, 'GET', path.replace(/vm-web-01/g, 'vm-nope'));
    expect(missing.status).toBe(404);
    expect(at(missing.json, 'error.code')).toBe('BMSUserErrorDataSourceObjectNotFound');
    const noVersion = await armRequest(
      simulator,
      'GET',
      path.replace(`api-version=${backupApiVersion}`, 'api-version=2019-05-14'),
    );
    expect(noVersion.status).toBe(400);
    expect(at(noVersion.json, 'error.code')).toBe('NoRegisteredProviderFound');
  });

  it('lists vm-dev-01 as the only protectable VM, and the vault policy', async () => {
    const client = backupClient(simulator);
    const protectable = await collect(
      client.backupProtectableItems.list(vaultName, vaultGroup, {
        filter: "backupManagementType eq 'AzureIaasVM'",
      }),
    );
    expect(protectable.map((item) => item.name)).toEqual(['iaasvmcontainerv2;rg-dev;vm-dev-01']);
    expect(protectable[0]?.properties).toMatchObject({
      protectableItemType: 'Microsoft.Compute/virtualMachines',
      friendlyName: 'vm-dev-01',
      protectionState: 'NotProtected',
    });
    const policies = await collect(client.backupPolicies.list(vaultName, vaultGroup));
    expect(policies.map((policy) => policy.name)).toEqual(['DailyPolicy']);
    const policy = await client.protectionPolicies.get(vaultName, vaultGroup, 'DailyPolicy');
    expect(policy.properties).toMatchObject({
      backupManagementType: 'AzureIaasVM',
      instantRpRetentionRangeInDays: 2,
      protectedItemsCount: 6,
      retentionPolicy: { dailySchedule: { retentionDuration: { count: 30, durationType: 'Days' } } },
    });
    await expect(client.protectionPolicies.get(vaultName, vaultGroup, 'NoSuchPolicy')).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('holds 30 daily recovery points per VM at about 22:30 UTC, a few crash-consistent, newest first', async () => {
    const client = backupClient(simulator);
    const { container, item } = namesOf('rg-shop-prod', 'vm-sql-01');
    const points = await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item));
    expect(points).toHaveLength(30);
    const properties = points.map((point) => fieldsOf(point.properties));
    const times = properties.map((p) => (p.recoveryPointTime as Date).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const time of times) {
      const minutes = new Date(time).getUTCHours() * 60 + new Date(time).getUTCMinutes();
      expect(minutes).toBeGreaterThanOrEqual(22 * 60 + 30);
      expect(minutes).toBeLessThan(23 * 60 + 15);
    }
    expect(properties.map((p) => p.recoveryPointType).filter((t) => t === 'CrashConsistent')).toHaveLength(3);
    expect(properties[0]).toMatchObject({ recoveryPointType: 'AppConsistent', osType: 'Windows' });
    expect(at(properties[0], 'recoveryPointTierDetails')).toEqual([
      { type: 'InstantRP', status: 'Valid' },
      { type: 'HardenedRP', status: 'Valid' },
    ]);
    expect(at(properties[5], 'recoveryPointTierDetails.0.status')).toBe('Deleted');
    const web = namesOf('rg-shop-prod', 'vm-web-01');
    const linux = await collect(
      client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', web.container, web.item),
    );
    expect(linux[0]?.properties).toMatchObject({
      recoveryPointType: 'FileSystemConsistent',
      osType: 'Linux',
    });
    const one = await client.recoveryPoints.get(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      points[2]?.name ?? '',
    );
    expect(one.id).toBe(points[2]?.id);
    const newest = times[0] ?? 0;
    const since = new Date(newest - 3 * dayMs - 3600_000);
    const filtered = await collect(
      client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item, {
        filter: `startDate eq '${since.toISOString()}' and endDate eq '${new Date(newest).toISOString()}'`,
      }),
    );
    expect(filtered).toHaveLength(4);
  });

  it('answers RecoveryPointNotFound for a recovery point that does not exist', async () => {
    const client = backupClient(simulator);
    const { container, item } = namesOf('rg-shop-prod', 'vm-sql-01');
    const error = await client.recoveryPoints
      .get(vaultName, vaultGroup, 'Azure', container, item, '12345678901234')
      .catch((e: unknown) => e);
    // The Backup SDK bundles its own core-rest-pipeline: match the RestError by name.
    expect(error).toMatchObject({ name: 'RestError', statusCode: 404, code: 'RecoveryPointNotFound' });
  });

  it('keeps a job history: ConfigureBackup, daily Backup jobs, one failure and warnings on crash-consistent Windows days', async () => {
    const client = backupClient(simulator);
    const jobs = await collect(client.backupJobs.list(vaultName, vaultGroup));
    const properties = jobs.map((job) => fieldsOf(job.properties));
    expect(properties.filter((p) => p.operation === 'ConfigureBackup')).toHaveLength(6);
    expect(
      properties.filter((p) => p.operation === 'Backup' && p.status === 'Completed').length,
    ).toBeGreaterThan(150);
    const failed = properties.filter((p) => p.status === 'Failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ entityFriendlyName: 'vm-crm-02', jobType: 'AzureIaaSVMJob' });
    expect(at(failed[0], 'errorDetails.0.errorTitle')).toBe('UserErrorGuestAgentStatusUnavailable');
    expect(properties.filter((p) => p.status === 'CompletedWithWarnings').length).toBe(6);
    const started = properties.map((p) => (p.startTime as Date).getTime());
    expect(started).toEqual([...started].sort((a, b) => b - a));
    const filtered = await collect(
      client.backupJobs.list(vaultName, vaultGroup, {
        filter: `status eq 'Failed' and operation eq 'Backup' and startTime eq '2025-05-01 12:00:00 AM' and endTime eq '2025-06-10 11:59:59 PM'`,
      }),
    );
    expect(filtered).toHaveLength(1);
    const job = await client.jobDetails.get(vaultName, vaultGroup, jobs[0]?.name ?? '');
    expect(at(job.properties, 'extendedInfo.tasksList.0.taskId')).toBe('Take Snapshot');
    expect(at(job.properties, 'extendedInfo.tasksList.1.taskId')).toBe('Transfer data to vault');
    expect(at(job.properties, 'duration')).toMatch(/^PT(\d+M)?[\d.]+S$/);
  });

  it('answers backupStatus for a protected and an unprotected VM', async () => {
    const client = backupClient(simulator);
    const sql = await client.backupStatus.get('westeurope', {
      resourceType: 'VM',
      resourceId: vmId('rg-shop-prod', 'vm-sql-01'),
    });
    expect(sql).toMatchObject({
      protectionStatus: 'Protected',
      vaultId: `/subscriptions/${subscriptionId}/resourceGroups/${vaultGroup}/providers/Microsoft.RecoveryServices/vaults/${vaultName}`,
      fabricName: 'Azure',
      containerName: 'iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;vm-sql-01',
      protectedItemName: 'vm;iaasvmcontainerv2;rg-shop-prod;vm-sql-01',
      policyName: 'DailyPolicy',
    });
    const dev = await client.backupStatus.get('westeurope', {
      resourceType: 'VM',
      resourceId: vmId('rg-dev', 'vm-dev-01'),
    });
    expect(dev.protectionStatus).toBe('NotProtected');
    expect(dev.vaultId).toBeUndefined();
  });
});
