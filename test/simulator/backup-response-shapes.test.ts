import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { loadFixture, shapeProblems } from './backup-shape.js';
import { advanceClock, backupApiVersion, startPinnedSimulator, vaultPath, vmId } from './backup-test-kit.js';
import { armRequest, at, subscriptionId } from './simulator-test-kit.js';

/** The simulator's Backup answers have the shapes of the REST spec examples (test/fixtures/backup). */
const version = `api-version=${backupApiVersion}`;
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

  it('detects a different shape', () => {
    expect(shapeProblems({ a: { b: 'x' }, c: [1] }, { a: { b: 2 }, c: [] })).toEqual([
      '$.a.b: expected string, got number',
      '$.c: expected at least one element',
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
});
