import type { RecoveryServicesBackupClient, RestoreRequestResource } from '@azure/arm-recoveryservicesbackup';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  advanceClock,
  backupClient,
  captureResponse,
  fieldsOf,
  namesOf,
  operationIdOf,
  startPinnedSimulator,
  vaultGroup,
  vaultName,
  vmId,
} from './backup-test-kit.js';
import { at, collect, computeClient, fast, subscriptionId } from './simulator-test-kit.js';

const group = (name: string) => `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
const shopNetwork = `${group('rg-shop-prod')}/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod`;

async function latestPoint(client: RecoveryServicesBackupClient, resourceGroup: string, vm: string) {
  const { container, item } = namesOf(resourceGroup, vm);
  const [latest] = await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item));
  if (!latest?.name) throw new Error('no recovery point');
  return latest;
}

/** Runs restores.beginTriggerAndWait and returns the job id its operation status reported. */
async function restore(
  client: RecoveryServicesBackupClient,
  resourceGroup: string,
  vm: string,
  pointName: string,
  properties: Record<string, unknown>,
): Promise<string> {
  const { container, item } = namesOf(resourceGroup, vm);
  const bodies: unknown[] = [];
  await client.restores.beginTriggerAndWait(
    vaultName,
    vaultGroup,
    'Azure',
    container,
    item,
    pointName,
    {
      properties: {
        objectType: 'IaasVMRestoreRequest',
        recoveryPointId: pointName,
        sourceResourceId: vmId(resourceGroup, vm),
        region: 'westeurope',
        storageAccountId: `${group('rg-bcdr-weu')}/providers/Microsoft.Storage/storageAccounts/stbcdrweu`,
        createNewCloudService: false,
        originalStorageAccountOption: false,
        ...properties,
      },
    } as RestoreRequestResource,
    { ...fast, onResponse: (response) => bodies.push(response.parsedBody) },
  );
  const jobId = bodies.map((body) => at(body, 'properties.jobId')).find((id) => typeof id === 'string');
  if (typeof jobId !== 'string') throw new Error('no job id in the operation status');
  return jobId;
}

async function finishedJob(client: RecoveryServicesBackupClient, simulator: Simulator, jobId: string) {
  await advanceClock(simulator, 4 * 3600);
  return fieldsOf((await client.jobDetails.get(vaultName, vaultGroup, jobId)).properties);
}

describe('simulator: Azure Backup restores and file recovery', () => {
  let simulator: Simulator;
  afterEach(async () => {
    await simulator.close();
  });

  it('AlternateLocation creates a new VM and its disks in Compute when the Restore job completes', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const point = await latestPoint(client, 'rg-shop-prod', 'vm-api-01');
    const jobId = await restore(client, 'rg-shop-prod', 'vm-api-01', point.name ?? '', {
      recoveryType: 'AlternateLocation',
      targetVirtualMachineId: vmId('rg-dev', 'vm-api-01-restored'),
      targetResourceGroupId: group('rg-dev'),
      virtualNetworkId: shopNetwork,
      subnetId: `${shopNetwork}/subnets/snet-web`,
    });
    const running = fieldsOf((await client.jobDetails.get(vaultName, vaultGroup, jobId)).properties);
    expect(running).toMatchObject({ operation: 'Restore', status: 'InProgress' });
    expect(at(running, 'extendedInfo.tasksList.0.taskId')).toBe('Transfer data from vault');
    const compute = computeClient(simulator);
    await expect(compute.virtualMachines.get('rg-dev', 'vm-api-01-restored')).rejects.toMatchObject({
      statusCode: 404,
    });

    const done = await finishedJob(client, simulator, jobId);
    expect(done.status).toBe('Completed');
    expect(at(done, 'extendedInfo.propertyBag.Target VM Name')).toBe('vm-api-01-restored');
    const vm = await compute.virtualMachines.get('rg-dev', 'vm-api-01-restored', { expand: 'instanceView' });
    expect(vm).toMatchObject({ location: 'westeurope', hardwareProfile: { vmSize: 'Standard_D4s_v5' } });
    expect(vm.instanceView?.statuses?.map((s) => s.code)).toContain('PowerState/running');
    const stamp = /-\d{8}-\d{6}$/;
    expect(vm.storageProfile?.osDisk?.name).toMatch(new RegExp(`^vm-api-01-osdisk${stamp.source}`));
    expect(vm.storageProfile?.dataDisks?.map((d) => d.lun)).toEqual([0]);
    const osDisk = await compute.disks.get('rg-dev', vm.storageProfile?.osDisk?.name ?? '');
    expect(osDisk).toMatchObject({
      managedBy: vm.id,
      diskSizeGB: 128,
      creationData: { createOption: 'Restore', sourceResourceId: point.id },
    });
  });

  it('RestoreDisks creates unattached disks in the target resource group, only the LUNs asked for', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const point = await latestPoint(client, 'rg-shop-prod', 'vm-sql-01');
    const jobId = await restore(client, 'rg-shop-prod', 'vm-sql-01', point.name ?? '', {
      recoveryType: 'RestoreDisks',
      targetResourceGroupId: group('rg-dev'),
      restoreDiskLunList: [1],
    });
    expect((await finishedJob(client, simulator, jobId)).status).toBe('Completed');
    const disks = await collect(computeClient(simulator).disks.listByResourceGroup('rg-dev'));
    const restored = disks.filter((disk) => /-\d{8}-\d{6}$/.test(disk.name ?? ''));
    expect(restored.map((disk) => disk.name?.replace(/-\d{8}-\d{6}$/, '')).sort()).toEqual([
      'vm-sql-01-log',
      'vm-sql-01-osdisk',
    ]);
    expect(restored.every((disk) => disk.managedBy === undefined && disk.diskState === 'Unattached')).toBe(
      true,
    );
  });

  it('OriginalLocation is refused while the VM runs, and replaces the disks of the deallocated VM', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const compute = computeClient(simulator);
    const point = await latestPoint(client, 'rg-shop-prod', 'vm-web-02');
    const original = { recoveryType: 'OriginalLocation' };
    const refused = await restore(client, 'rg-shop-prod', 'vm-web-02', point.name ?? '', original).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ statusCode: 400, code: 'UserErrorVmNotInDesirableState' });

    await compute.virtualMachines.deallocate('rg-shop-prod', 'vm-web-02', fast);
    const jobId = await restore(client, 'rg-shop-prod', 'vm-web-02', point.name ?? '', original);
    await expect(compute.virtualMachines.start('rg-shop-prod', 'vm-web-02', fast)).rejects.toMatchObject({
      statusCode: 409,
    });
    expect((await finishedJob(client, simulator, jobId)).status).toBe('Completed');
    const vm = await compute.virtualMachines.get('rg-shop-prod', 'vm-web-02', { expand: 'instanceView' });
    expect(vm.storageProfile?.osDisk?.name).toMatch(/^vm-web-02-osdisk-\d{8}-\d{6}$/);
    expect(vm.instanceView?.statuses?.map((s) => s.code)).toContain('PowerState/deallocated');
    const old = await compute.disks.get('rg-shop-prod', 'vm-web-02-osdisk');
    expect(old.managedBy).toBeUndefined();
    await compute.virtualMachines.start('rg-shop-prod', 'vm-web-02', fast);
  });

  it('refuses a restore from a recovery point that does not exist: UserErrorInstantRpNotFound', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const error = await restore(client, 'rg-shop-prod', 'vm-web-01', '99999999999999', {
      recoveryType: 'RestoreDisks',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RestError', statusCode: 400, code: 'UserErrorInstantRpNotFound' });
  });

  it('provisions file recovery with client scripts, shows the session on the recovery point, and revokes it', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const { container, item } = namesOf('rg-shop-prod', 'vm-web-01');
    const point = await latestPoint(client, 'rg-shop-prod', 'vm-web-01');
    const response = captureResponse();
    await client.itemLevelRecoveryConnections.provision(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      point.name ?? '',
      {
        properties: {
          objectType: 'IaasVMILRRegistrationRequest',
          recoveryPointId: point.name,
          virtualMachineId: vmId('rg-shop-prod', 'vm-web-01'),
          renewExistingRegistration: true,
        },
      },
      response.options,
    );
    expect(response.last().status).toBe(202);
    const operationId = operationIdOf(response.last().header('azure-asyncoperation'));
    await advanceClock(simulator, 120);
    const status = await client.protectedItemOperationStatuses.get(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      operationId,
    );
    expect(status.status).toBe('Succeeded');
    expect(at(status.properties, 'objectType')).toBe('OperationStatusProvisionILRExtendedInfo');
    const scripts = at(status.properties, 'recoveryTarget.clientScripts') as Record<string, string>[];
    expect(scripts).toHaveLength(1);
    const [script] = scripts;
    expect(script).toMatchObject({ scriptExtension: '.py', osType: 'Linux' });
    const content = Buffer.from(script?.scriptContent ?? '', 'base64').toString('utf8');
    const password = /TargetPassword="([^"]{15})"/.exec(content)?.[1];
    expect(password).toBeDefined();
    const suffix = script?.scriptNameSuffix ?? '';
    expect(suffix.slice(suffix.lastIndexOf('_') + 33, suffix.lastIndexOf('_') + 48)).toBe(password);
    const active = await client.recoveryPoints.get(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      point.name ?? '',
    );
    expect(at(active.properties, 'isInstantIlrSessionActive')).toBe(true);

    const revoke = captureResponse();
    await client.itemLevelRecoveryConnections.revoke(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      point.name ?? '',
      revoke.options,
    );
    expect(revoke.last().status).toBe(202);
    await advanceClock(simulator, 60);
    const ended = await client.recoveryPoints.get(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      point.name ?? '',
    );
    expect(at(ended.properties, 'isInstantIlrSessionActive')).toBe(false);
  });

  it('gives Windows VMs a PowerShell script and the executable to download', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const { container, item } = namesOf('rg-shop-prod', 'vm-sql-01');
    const point = await latestPoint(client, 'rg-shop-prod', 'vm-sql-01');
    const response = captureResponse();
    await client.itemLevelRecoveryConnections.provision(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      point.name ?? '',
      { properties: { objectType: 'IaasVMILRRegistrationRequest', recoveryPointId: point.name } },
      response.options,
    );
    await advanceClock(simulator, 120);
    const operationId = operationIdOf(response.last().header('azure-asyncoperation'));
    const status = await client.protectedItemOperationStatuses.get(
      vaultName,
      vaultGroup,
      'Azure',
      container,
      item,
      operationId,
    );
    const scripts = at(status.properties, 'recoveryTarget.clientScripts') as Record<string, string>[];
    expect(scripts.map((s) => [s.scriptExtension, s.osType])).toEqual([
      ['.ps1', 'Windows'],
      ['.exe', 'Windows'],
    ]);
    expect(Buffer.from(scripts[0]?.scriptContent ?? '', 'base64').toString('utf8')).toMatch(
      /\$TargetPassword="[^"]{15}"/,
    );
    expect(scripts[1]?.url).toMatch(/^https:\/\//);
  });
});
