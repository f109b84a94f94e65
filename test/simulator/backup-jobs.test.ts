import type { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  advanceClock,
  backupApiVersion,
  backupClient,
  captureResponse,
  fieldsOf,
  namesOf,
  operationIdOf,
  pathAndQuery,
  startPinnedSimulator,
  vaultGroup,
  vaultName,
  vaultPath,
  vmId,
} from './backup-test-kit.js';
import { admin, armRequest, at, collect, computeClient, endpoint, fast } from './simulator-test-kit.js';

const dayMs = 86_400_000;
type Props = Record<string, unknown>;

/** Triggers an on-demand backup and returns the operation id from Azure-AsyncOperation. */
async function trigger(
  client: RecoveryServicesBackupClient,
  resourceGroup: string,
  vm: string,
): Promise<string> {
  const { container, item } = namesOf(resourceGroup, vm);
  const response = captureResponse();
  await client.backups.trigger(
    vaultName,
    vaultGroup,
    'Azure',
    container,
    item,
    { properties: { objectType: 'IaasVMBackupRequest' } },
    response.options,
  );
  return operationIdOf(response.last().header('azure-asyncoperation'));
}

async function jobIdOf(
  client: RecoveryServicesBackupClient,
  simulator: Simulator,
  resourceGroup: string,
  vm: string,
  operationId: string,
): Promise<string> {
  await advanceClock(simulator, 15);
  const { container, item } = namesOf(resourceGroup, vm);
  const status = await client.protectedItemOperationStatuses.get(
    vaultName,
    vaultGroup,
    'Azure',
    container,
    item,
    operationId,
  );
  expect(status.status).toBe('Succeeded');
  return String(at(status.properties, 'jobId'));
}

async function job(client: RecoveryServicesBackupClient, jobId: string): Promise<Props> {
  return fieldsOf((await client.jobDetails.get(vaultName, vaultGroup, jobId)).properties);
}

describe('simulator: Azure Backup protection, on-demand backups and jobs', () => {
  let simulator: Simulator;
  afterEach(async () => {
    await simulator.close();
  });

  it('runs an on-demand backup: 202 with async headers, the job id from the operation status, tasks over the clock, a new recovery point', async () => {
    simulator = await startPinnedSimulator({ speed: 1 });
    const client = backupClient(simulator);
    const { container, item } = namesOf('rg-shop-prod', 'vm-web-01');
    const expiry = new Date(Date.parse('2025-06-10T08:00:00Z') + 7 * dayMs);
    const response = captureResponse();
    await client.backups.trigger(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      { properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: expiry } },
      response.options,
    );
    const accepted = response.last();
    expect(accepted.status).toBe(202);
    const itemUrl = `${endpoint}${vaultPath}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-shop-prod;vm-web-01/protectedItems/VM;iaasvmcontainerv2;rg-shop-prod;vm-web-01`;
    const asyncOperation = accepted.header('azure-asyncoperation') ?? '';
    const operationId = operationIdOf(asyncOperation);
    expect(asyncOperation).toBe(`${itemUrl}/operationsStatus/${operationId}?api-version=${backupApiVersion}`);
    expect(accepted.header('location')).toBe(
      `${itemUrl}/operationResults/${operationId}?api-version=${backupApiVersion}`,
    );
    expect(accepted.header('retry-after')).toBe('60');

    const running = await client.protectedItemOperationStatuses.get(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      operationId,
    );
    expect(running.status).toBe('InProgress');
    const jobId = await jobIdOf(client, simulator, 'rg-shop-prod', 'vm-web-01', operationId);

    const started = await job(client, jobId);
    expect(started).toMatchObject({
      jobType: 'AzureIaaSVMJob',
      operation: 'Backup',
      status: 'InProgress',
      entityFriendlyName: 'vm-web-01',
    });
    expect(started.actionsInfo).toEqual(['Cancellable']);
    expect(at(started, 'extendedInfo.tasksList.0')).toMatchObject({
      taskId: 'Take Snapshot',
      status: 'InProgress',
    });
    expect(at(started, 'extendedInfo.tasksList.1')).toMatchObject({
      taskId: 'Transfer data to vault',
      status: 'NotStarted',
    });

    await advanceClock(simulator, 300);
    const transferring = await job(client, jobId);
    expect(at(transferring, 'extendedInfo.tasksList.0.status')).toBe('Completed');
    expect(at(transferring, 'extendedInfo.tasksList.1.status')).toBe('InProgress');
    expect(at(transferring, 'extendedInfo.tasksList.1.progressPercentage')).toBeGreaterThan(0);
    expect(at(transferring, 'extendedInfo.progressPercentage')).toBeGreaterThan(30);

    await advanceClock(simulator, 3600);
    const done = await job(client, jobId);
    expect(done.status).toBe('Completed');
    expect(done.endTime).toBeInstanceOf(Date);
    expect(done.duration).toMatch(/^PT\d+M[\d.]+S$/);
    expect(at(done, 'extendedInfo.propertyBag.Backup Size')).toMatch(/^\d+ MB$/);
    const snapshotEnd = at(done, 'extendedInfo.tasksList.0.endTime') as Date;

    const [newest] = await collect(
      client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item),
    );
    expect(newest?.properties).toMatchObject({
      recoveryPointType: 'FileSystemConsistent',
      recoveryPointTime: snapshotEnd,
      recoveryPointTierDetails: [
        { type: 'InstantRP', status: 'Valid' },
        { type: 'HardenedRP', status: 'Valid' },
      ],
    });
    expect(at(newest?.properties, 'recoveryPointProperties.expiryTime')).toBe(expiry.toISOString());
    const updated = await client.protectedItems.get(vaultName, vaultGroup, 'Azure', container, item);
    expect(updated.properties).toMatchObject({
      lastBackupStatus: 'Completed',
      lastRecoveryPoint: snapshotEnd,
      lastBackupTime: snapshotEnd,
    });
    const result = await armRequest(simulator, 'GET', pathAndQuery(accepted.header('location')));
    expect(result.status).toBe(204);
  });

  it('refuses a second backup of an item while one runs: UserErrorBackupOperationInProgress', async () => {
    simulator = await startPinnedSimulator({ speed: 1 });
    const client = backupClient(simulator);
    await trigger(client, 'rg-shop-prod', 'vm-api-01');
    const error = await trigger(client, 'rg-shop-prod', 'vm-api-01').catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'RestError',
      statusCode: 400,
      code: 'UserErrorBackupOperationInProgress',
      message: 'Unable to initiate backup as another backup operation is currently in progress',
    });
    // Another VM is not blocked.
    await trigger(client, 'rg-shop-prod', 'vm-web-02');
  });

  it('cancels a running backup job: Cancelling, then Cancelled, and no recovery point', async () => {
    simulator = await startPinnedSimulator({ speed: 1 });
    const client = backupClient(simulator);
    const { container, item } = namesOf('rg-crm-prod', 'vm-crm-02');
    const before = await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item));
    const jobId = await jobIdOf(
      client,
      simulator,
      'rg-crm-prod',
      'vm-crm-02',
      await trigger(client, 'rg-crm-prod', 'vm-crm-02'),
    );
    await advanceClock(simulator, 200);
    const response = captureResponse();
    await client.jobCancellations.trigger(vaultName, vaultGroup, jobId, response.options);
    expect(response.last().status).toBe(202);
    const location = response.last().header('location') ?? '';
    expect(location).toMatch(
      new RegExp(`${vaultPath}/backupJobs/${jobId}/operationResults/[0-9a-f-]+\\?api-version=`),
    );
    expect((await job(client, jobId)).status).toBe('Cancelling');
    expect((await armRequest(simulator, 'GET', pathAndQuery(location))).status).toBe(202);
    await advanceClock(simulator, 60);
    const cancelled = await job(client, jobId);
    expect(cancelled.status).toBe('Cancelled');
    expect(at(cancelled, 'extendedInfo.tasksList.0.status')).toBe('Completed');
    expect(at(cancelled, 'extendedInfo.tasksList.1.status')).toBe('Cancelled');
    expect((await armRequest(simulator, 'GET', pathAndQuery(location))).status).toBe(204);
    await advanceClock(simulator, 7200);
    expect(
      await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item)),
    ).toHaveLength(before.length);
    await expect(client.jobCancellations.trigger(vaultName, vaultGroup, jobId)).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('enables protection on vm-dev-01: 202, IRPending, a ConfigureBackup job, then Protected after a crash-consistent first backup', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const { container, item } = namesOf('rg-dev', 'vm-dev-01');
    const response = captureResponse();
    await client.protectedItems.createOrUpdate(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      {
        properties: {
          protectedItemType: 'Microsoft.Compute/virtualMachines',
          sourceResourceId: vmId('rg-dev', 'vm-dev-01'),
          policyId: `${vaultPath}/backupPolicies/DailyPolicy`,
        },
      },
      response.options,
    );
    expect(response.last().status).toBe(202);
    const operationId = operationIdOf(response.last().header('azure-asyncoperation'));
    expect(response.last().header('location')).toContain(`/operationResults/${operationId}?`);
    const pending = await client.protectedItems.get(vaultName, vaultGroup, 'Azure', container, item);
    expect(pending.properties).toMatchObject({
      protectionState: 'IRPending',
      lastBackupStatus: '',
      policyName: 'DailyPolicy',
    });
    expect(await collect(client.backupProtectableItems.list(vaultName, vaultGroup))).toEqual([]);

    await advanceClock(simulator, 3600);
    const status = await client.protectedItemOperationStatuses.get(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      operationId,
    );
    expect(status.status).toBe('Succeeded');
    const configure = await job(client, String(at(status.properties, 'jobId')));
    expect(configure).toMatchObject({
      operation: 'ConfigureBackup',
      status: 'Completed',
      entityFriendlyName: 'vm-dev-01',
    });
    const result = await armRequest(simulator, 'GET', pathAndQuery(response.last().header('location')));
    expect(result.status).toBe(200);
    expect(at(result.json, 'properties.protectionState')).toBe('IRPending');
    expect(
      (
        await client.backupStatus.get('westeurope', {
          resourceType: 'VM',
          resourceId: vmId('rg-dev', 'vm-dev-01'),
        })
      ).protectionStatus,
    ).toBe('Protected');

    const jobId = await jobIdOf(
      client,
      simulator,
      'rg-dev',
      'vm-dev-01',
      await trigger(client, 'rg-dev', 'vm-dev-01'),
    );
    await advanceClock(simulator, 7200);
    expect((await job(client, jobId)).status).toBe('Completed');
    const protectedItem = await client.protectedItems.get(vaultName, vaultGroup, 'Azure', container, item);
    expect(protectedItem.properties).toMatchObject({
      protectionState: 'Protected',
      lastBackupStatus: 'Completed',
    });
    const points = await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item));
    expect(points.map((point) => at(point.properties, 'recoveryPointType'))).toEqual(['CrashConsistent']);
  });

  it('fails a job on a fail-job fault, with errorDetails and the item unhealthy', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-job',
      match: { pathContains: 'vm-crm-01', method: 'POST' },
      code: 'ExtensionSnapshotFailedNoNetwork',
      message: 'Snapshot operation failed due to no network connectivity on the virtual machine.',
      task: 'Transfer data to vault',
    });
    const { container, item } = namesOf('rg-crm-prod', 'vm-crm-01');
    const before = await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item));
    const jobId = await jobIdOf(
      client,
      simulator,
      'rg-crm-prod',
      'vm-crm-01',
      await trigger(client, 'rg-crm-prod', 'vm-crm-01'),
    );
    await advanceClock(simulator, 7200);
    const failed = await job(client, jobId);
    expect(failed.status).toBe('Failed');
    expect(failed.errorDetails).toEqual([
      {
        errorCode: expect.any(Number),
        errorTitle: 'ExtensionSnapshotFailedNoNetwork',
        errorString: 'Snapshot operation failed due to no network connectivity on the virtual machine.',
        recommendations: [expect.any(String)],
      },
    ]);
    expect(at(failed, 'extendedInfo.tasksList.0.status')).toBe('Completed');
    expect(at(failed, 'extendedInfo.tasksList.1.status')).toBe('Failed');
    const unhealthy = await client.protectedItems.get(vaultName, vaultGroup, 'Azure', container, item);
    expect(unhealthy.properties).toMatchObject({
      lastBackupStatus: 'Failed',
      healthStatus: 'ActionRequired',
    });
    expect(
      await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item)),
    ).toHaveLength(before.length);
    expect(at(await admin(simulator, 'GET', 'faults'), 'faults')).toEqual([]);
  });

  it('fails the backup of a VM in a failed state with UserErrorVmNotInDesirableState', async () => {
    simulator = await startPinnedSimulator();
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-operation',
      match: { pathContains: 'vm-web-02/deallocate' },
    });
    const compute = computeClient(simulator);
    await expect(compute.virtualMachines.deallocate('rg-shop-prod', 'vm-web-02', fast)).rejects.toThrow(
      /long-running operation has failed/,
    );
    expect((await compute.virtualMachines.get('rg-shop-prod', 'vm-web-02')).provisioningState).toBe('Failed');
    const client = backupClient(simulator);
    const jobId = await jobIdOf(
      client,
      simulator,
      'rg-shop-prod',
      'vm-web-02',
      await trigger(client, 'rg-shop-prod', 'vm-web-02'),
    );
    await advanceClock(simulator, 3600);
    const failed = await job(client, jobId);
    expect(failed.status).toBe('Failed');
    expect(at(failed, 'errorDetails.0')).toMatchObject({
      errorTitle: 'UserErrorVmNotInDesirableState',
      errorString: 'VM is not in a state that allows backups.',
    });
    expect(at(failed, 'extendedInfo.tasksList.0.status')).toBe('Failed');
  });

  it('reports a failed trigger operation (fail-operation fault) in the operation status, without a job', async () => {
    simulator = await startPinnedSimulator();
    await admin(simulator, 'POST', 'faults', { kind: 'fail-operation', match: { pathContains: '/backup' } });
    const client = backupClient(simulator);
    const operationId = await trigger(client, 'rg-shop-prod', 'vm-sql-01');
    await advanceClock(simulator, 60);
    const { container, item } = namesOf('rg-shop-prod', 'vm-sql-01');
    const status = await client.protectedItemOperationStatuses.get(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      operationId,
    );
    expect(status).toMatchObject({ status: 'Failed', error: { code: 'InternalOperationError' } });
    expect(status.properties).toBeUndefined();
  });

  it('retries a throttled (429) Backup call through the SDK pipeline', async () => {
    simulator = await startPinnedSimulator();
    await admin(simulator, 'POST', 'faults', {
      kind: 'throttle',
      match: { pathContains: '/backupProtectedItems' },
      count: 2,
      retryAfterSeconds: 0,
    });
    const items = await collect(backupClient(simulator).backupProtectedItems.list(vaultName, vaultGroup));
    expect(items).toHaveLength(6);
    expect(at(await admin(simulator, 'GET', 'faults'), 'faults')).toEqual([]);
    await admin(simulator, 'POST', 'faults', {
      kind: 'throttle',
      match: { pathContains: '/backupJobs' },
      count: 5,
      retryAfterSeconds: 0,
    });
    await expect(
      collect(backupClient(simulator, 2).backupJobs.list(vaultName, vaultGroup)),
    ).rejects.toMatchObject({
      statusCode: 429,
      code: 'SubscriptionRequestsThrottled',
    });
  });
});
