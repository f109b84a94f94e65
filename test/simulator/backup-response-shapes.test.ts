import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { headerProblems, loadAcceptedFixture, loadFixture, shapeProblems } from './backup-shape.js';
import { advanceClock, backupApiVersion, startPinnedSimulator, vaultPath, vmId } from './backup-test-kit.js';
import { armRequest, at, subscriptionId } from './simulator-test-kit.js';

/** The simulator's Backup answers have the shapes of the REST spec examples (test/fixtures/backup). */
const version = `api-version=${backupApiVersion}`;
const group = (name: string) => `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
const shopNetwork = `${group('rg-shop-prod')}/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod`;
const itemPath = (resourceGroup: string, vm: string) =>
  `${vaultPath}/backupFabrics/Azure/protectionContainers/iaasvmcontainer%3Biaasvmcontainerv2%3B${resourceGroup}%3B${vm}/protectedItems/vm%3Biaasvmcontainerv2%3B${resourceGroup}%3B${vm}`;

describe('simulator: Azure Backup answers match the REST spec examples in shape', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startPinnedSimulator({ speed: 1 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  async function get(path: string): Promise<unknown> {
    const response = await armRequest(simulator, 'GET', path);
    expect(response.status, `${path}: ${response.body}`).toBe(200);
    return response.json;
  }

  async function post(path: string, body: unknown): Promise<{ json: unknown; operation: string }> {
    const response = await armRequest(simulator, 'POST', path, body);
    expect(response.status, `${path}: ${response.body}`).toBeLessThan(300);
    const status = response.headers['azure-asyncoperation'];
    return { json: response.json, operation: status ? new URL(status).pathname : '' };
  }

  async function expectShape(fixture: string, answer: unknown): Promise<void> {
    expect(shapeProblems(await loadFixture(fixture), answer)).toEqual([]);
  }

  /** A POST answered as the example's 202: its status, its headers, no body; returns the status path. */
  async function expectAccepted(fixture: string, path: string, body?: unknown): Promise<string> {
    const expected = await loadAcceptedFixture(fixture);
    const response = await armRequest(simulator, 'POST', path, body);
    expect(response.status, `${path}: ${response.body}`).toBe(expected.status);
    expect(headerProblems(expected.headers, response.headers)).toEqual([]);
    expect(response.body ?? '').toBe('');
    return new URL(response.headers['azure-asyncoperation'] ?? '').pathname;
  }

  async function latestPoint(resourceGroup: string, vm: string): Promise<string> {
    const points = await get(`${itemPath(resourceGroup, vm)}/recoveryPoints?${version}`);
    return String(at(points, 'value.0.name'));
  }

  it('detects a different shape', () => {
    expect(shapeProblems({ a: { b: 'x' }, c: [1] }, { a: { b: 2 }, c: [] })).toEqual([
      '$.a.b: expected string, got number',
      '$.c: expected at least one element',
    ]);
    const example = { Location: 'https://h/x/operationResults/1?api-version=1', 'Retry-After': 60 };
    expect(headerProblems(example, { location: '/x/operationResults/1?api-version=1' })).toEqual([
      "Location: expected an absolute URL, got '/x/operationResults/1?api-version=1'",
      'Retry-After: missing',
    ]);
    expect(
      headerProblems(example, { location: 'https://h/x/operationsStatus/1', 'retry-after': 'soon' }),
    ).toEqual([
      'Location: expected .../operationresults/{id}, got /x/operationsStatus/1',
      "Location: no api-version in 'https://h/x/operationsStatus/1'",
      "Retry-After: expected whole seconds, got 'soon'",
    ]);
  });

  it('protected item get and list, protectable items, policy get', async () => {
    await expectShape('protected-item-get', await get(`${itemPath('rg-shop-prod', 'vm-sql-01')}?${version}`));
    await expectShape('protected-items-list', await get(`${vaultPath}/backupProtectedItems?${version}`));
    await expectShape('protectable-items-list', await get(`${vaultPath}/backupProtectableItems?${version}`));
    await expectShape('policy-get', await get(`${vaultPath}/backupPolicies/DailyPolicy?${version}`));
  });

  it('recovery point list', async () => {
    await expectShape(
      'recovery-points-list',
      await get(`${itemPath('rg-shop-prod', 'vm-web-01')}/recoveryPoints?${version}`),
    );
  });

  it('operation status in progress and succeeded with the job id, and the job in progress', async () => {
    const { operation } = await post(`${itemPath('rg-crm-prod', 'vm-crm-01')}/backup?${version}`, {
      properties: { objectType: 'IaasVMBackupRequest' },
    });
    await expectShape('operation-status-in-progress', await get(`${operation}?${version}`));
    await advanceClock(simulator, 15);
    const succeeded = await get(`${operation}?${version}`);
    await expectShape('operation-status-succeeded', succeeded);
    const job = await get(`${vaultPath}/backupJobs/${String(at(succeeded, 'properties.jobId'))}?${version}`);
    expect(at(job, 'properties.status')).toBe('InProgress');
    await expectShape('job-get-in-progress', job);
  });

  it('backup status', async () => {
    const { json } = await post(
      `/Subscriptions/${subscriptionId}/providers/Microsoft.RecoveryServices/locations/westeurope/backupStatus?${version}`,
      { resourceType: 'VM', resourceId: vmId('rg-crm-prod', 'vm-crm-02') },
    );
    await expectShape('backup-status', json);
  });

  it('item-level recovery provision result', async () => {
    const points = await get(`${itemPath('rg-crm-prod', 'vm-crm-02')}/recoveryPoints?${version}`);
    const name = String(at(points, 'value.0.name'));
    const { operation } = await post(
      `${itemPath('rg-crm-prod', 'vm-crm-02')}/recoveryPoints/${name}/provisionInstantItemRecovery?${version}`,
      {
        properties: {
          objectType: 'IaasVMILRRegistrationRequest',
          recoveryPointId: name,
          renewExistingRegistration: true,
        },
      },
    );
    await advanceClock(simulator, 120);
    await expectShape('ilr-provision-result', await get(`${operation}?${version}`));
  });

  it('restore trigger (AlternateLocation), then the finished Restore job, alone and in the jobs list', async () => {
    const point = await latestPoint('rg-shop-prod', 'vm-api-01');
    const operation = await expectAccepted(
      'restore-trigger-accepted',
      `${itemPath('rg-shop-prod', 'vm-api-01')}/recoveryPoints/${point}/restore?${version}`,
      {
        properties: {
          objectType: 'IaasVMRestoreRequest',
          recoveryPointId: point,
          recoveryType: 'AlternateLocation',
          sourceResourceId: vmId('rg-shop-prod', 'vm-api-01'),
          targetVirtualMachineId: vmId('rg-dev', 'vm-api-01-shape'),
          targetResourceGroupId: group('rg-dev'),
          virtualNetworkId: shopNetwork,
          subnetId: `${shopNetwork}/subnets/snet-web`,
          region: 'westeurope',
          createNewCloudService: false,
          originalStorageAccountOption: false,
          encryptionDetails: { encryptionEnabled: false },
        },
      },
    );
    await advanceClock(simulator, 15);
    const jobId = String(at(await get(`${operation}?${version}`), 'properties.jobId'));
    await advanceClock(simulator, 4 * 3600);
    const job = await get(`${vaultPath}/backupJobs/${jobId}?${version}`);
    expect(at(job, 'properties')).toMatchObject({ operation: 'Restore', status: 'Completed' });
    // No spec example shows a finished job: GetJobDetails (in progress) for the shape, and the
    // endTime that ListJobs shows on its Completed job.
    await expectShape('job-get-in-progress', job);
    expect(typeof at(job, 'properties.endTime')).toBe('string');
    // As the bot lists restores (sdk-backup.ts listJobs / findJobs).
    const filter = encodeURIComponent(
      "startTime eq '2025-06-10 08:00:00 AM' and endTime eq '2025-07-10 08:00:00 AM' and operation eq 'Restore' and backupManagementType eq 'AzureIaasVM'",
    );
    const restores = await get(`${vaultPath}/backupJobs?${version}&$filter=${filter}`);
    expect(at(restores, 'value.0.name')).toBe(jobId);
    await expectShape('jobs-list', restores);
  });

  it('backup jobs list (first page, and the ConfigureBackup jobs)', async () => {
    const jobs = await get(`${vaultPath}/backupJobs?${version}`);
    expect(at(jobs, 'value.0.properties.operation')).toBeTypeOf('string');
    await expectShape('jobs-list', jobs);
    const configure = await get(
      `${vaultPath}/backupJobs?${version}&$filter=operation%20eq%20'ConfigureBackup'`,
    );
    expect(at(configure, 'value.0.properties.operation')).toBe('ConfigureBackup');
    await expectShape('jobs-list', configure);
  });

  it('recovery point get with a file recovery session, and its revoke', async () => {
    const path = `${itemPath('rg-shop-prod', 'vm-web-01')}/recoveryPoints/${await latestPoint('rg-shop-prod', 'vm-web-01')}`;
    const before = await get(`${path}?${version}`);
    expect(at(before, 'properties.isInstantIlrSessionActive')).toBe(false);
    await expectShape('recovery-point-get', before);
    await post(`${path}/provisionInstantItemRecovery?${version}`, {
      properties: { objectType: 'IaasVMILRRegistrationRequest', recoveryPointId: path.split('/').pop() },
    });
    await advanceClock(simulator, 120);
    const active = await get(`${path}?${version}`);
    expect(at(active, 'properties.isInstantIlrSessionActive')).toBe(true);
    await expectShape('recovery-point-get', active);

    const operation = await expectAccepted(
      'ilr-revoke-accepted',
      `${path}/revokeInstantItemRecovery?${version}`,
    );
    await advanceClock(simulator, 30);
    expect(at(await get(`${operation}?${version}`), 'status')).toBe('Succeeded');
    const revoked = await get(`${path}?${version}`);
    expect(at(revoked, 'properties.isInstantIlrSessionActive')).toBe(false);
    await expectShape('recovery-point-get', revoked);
  });
});
