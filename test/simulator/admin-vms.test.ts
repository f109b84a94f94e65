import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  advanceClock,
  backupClient,
  namesOf,
  startPinnedSimulator,
  vaultGroup,
  vaultName,
  vaultPath,
  vmId,
} from './backup-test-kit.js';
import {
  admin,
  armRequest,
  at,
  collect,
  computeClient,
  subscriptionId,
  withTempDir,
} from './simulator-test-kit.js';
import { drVaultGroup, drVaultName, siteRecoveryClient } from './siterecovery-test-kit.js';

/** `POST /_simulator/vms`: a new VM, as the estate's VMs look, that nothing protects or replicates. */
const webVm = { resourceGroup: 'rg-shop-prod', name: 'vm-web-03' };

describe('simulator: new VMs through the admin API', () => {
  let simulator: Simulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  it('creates a running VM with its OS disk, listed by Compute and protectable by Azure Backup', async () => {
    simulator = await startPinnedSimulator();
    const created = await armRequest(simulator, 'POST', '/_simulator/vms', {
      ...webVm,
      tags: { app: 'shop' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      id: vmId('rg-shop-prod', 'vm-web-03'),
      location: 'westeurope',
      osType: 'Linux',
      size: 'Standard_D2s_v5',
      subscriptionId,
    });
    const compute = computeClient(simulator);
    const listed = await collect(compute.virtualMachines.list('rg-shop-prod'));
    expect(listed.map((vm) => vm.name)).toContain('vm-web-03');
    const vm = await compute.virtualMachines.get('rg-shop-prod', 'vm-web-03', { expand: 'instanceView' });
    expect(vm).toMatchObject({
      provisioningState: 'Succeeded',
      tags: { app: 'shop' },
      location: 'westeurope',
    });
    expect(vm.instanceView?.statuses?.map((status) => status.code)).toContain('PowerState/running');
    expect(vm.storageProfile?.osDisk?.managedDisk?.id).toBe(at(created.json, 'osDiskId'));
    const disk = await compute.disks.get('rg-shop-prod', 'vm-web-03-osdisk');
    expect(disk).toMatchObject({ managedBy: vm.id, osType: 'Linux', diskSizeGB: 64 });
    // Shaped as the estate's VMs are: the same fields as vm-web-01's.
    const estateVm = await compute.virtualMachines.get('rg-shop-prod', 'vm-web-01', {
      expand: 'instanceView',
    });
    expect(Object.keys(vm).sort()).toEqual(Object.keys(estateVm).sort());

    const protectable = await collect(
      backupClient(simulator).backupProtectableItems.list(vaultName, vaultGroup),
    );
    expect(protectable.map((item) => item.properties?.friendlyName)).toContain('vm-web-03');
    const replicated = await collect(
      siteRecoveryClient(simulator).replicationProtectedItems.list(drVaultName, drVaultGroup),
    );
    expect(replicated.map((item) => item.properties?.friendlyName)).not.toContain('vm-web-03');
  });

  it('once protected, the policy backs it up by itself: IRPending, then Protected after its first scheduled run', async () => {
    simulator = await startPinnedSimulator();
    await admin(simulator, 'POST', 'vms', { ...webVm, osType: 'Windows', size: 'Standard_D4s_v5' });
    const client = backupClient(simulator);
    const { container, item } = namesOf('rg-shop-prod', 'vm-web-03');
    await client.protectedItems.createOrUpdate(vaultName, vaultGroup, 'Azure', container, item, {
      properties: {
        protectedItemType: 'Microsoft.Compute/virtualMachines',
        sourceResourceId: vmId('rg-shop-prod', 'vm-web-03'),
        policyId: `${vaultPath}/backupPolicies/DailyPolicy`,
      },
    } as Parameters<typeof client.protectedItems.createOrUpdate>[5]);
    await advanceClock(simulator, 3600);
    expect(
      (await client.protectedItems.get(vaultName, vaultGroup, 'Azure', container, item)).properties,
    ).toMatchObject({ protectionState: 'IRPending', lastBackupStatus: '' });
    await advanceClock(simulator, 86_400);
    const points = await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item));
    expect(points).toHaveLength(1);
    expect(points[0]?.properties).toMatchObject({ recoveryPointType: 'AppConsistent' });
    expect(
      (await client.protectedItems.get(vaultName, vaultGroup, 'Azure', container, item)).properties,
    ).toMatchObject({ protectionState: 'Protected', lastBackupStatus: 'Completed' });
  });

  it('answers 409 for a VM that exists, 404 for an unknown resource group, 400 for bad input', async () => {
    simulator = await startPinnedSimulator();
    const post = (body: unknown) => armRequest(simulator as Simulator, 'POST', '/_simulator/vms', body);
    expect((await post(webVm)).status).toBe(201);
    const again = await post({ resourceGroup: 'RG-SHOP-PROD', name: 'VM-WEB-03' });
    expect(again.status).toBe(409);
    expect(at(again.json, 'error')).toMatchObject({ code: 'Conflict' });
    expect(at(again.json, 'error.message')).toMatch(/vm-web-03 already exists/);
    const estate = await post({ resourceGroup: 'rg-shop-prod', name: 'vm-web-01' });
    expect(estate.status).toBe(409);
    const group = await post({ resourceGroup: 'rg-nope', name: 'vm-x' });
    expect(group.status).toBe(404);
    expect(at(group.json, 'error.message')).toBe(
      `No resource group 'rg-nope' in subscription ${subscriptionId}.`,
    );
    const subscription = await post({ ...webVm, subscriptionId: '00000000-0000-0000-0000-000000000009' });
    expect(subscription.status).toBe(404);
    const badName = await post({ resourceGroup: 'rg-shop-prod', name: 'vm web-' });
    expect(badName.status).toBe(400);
    expect(at(badName.json, 'error.message')).toMatch(/^name: a VM name is 1-64 letters/);
    const badField = await post({ ...webVm, name: 'vm-web-04', color: 'blue' });
    expect(badField.status).toBe(400);
    const badOs = await post({ ...webVm, name: 'vm-web-04', osType: 'Solaris' });
    expect(badOs.status).toBe(400);
    expect(at(badOs.json, 'error.message')).toMatch(/^osType:/);
    expect((await post({ resourceGroup: 'rg-shop-prod' })).status).toBe(400);
  });

  it('keeps the VM across a restart from the state file', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      const first = await startPinnedSimulator({ stateFile });
      await admin(first, 'POST', 'vms', { resourceGroup: 'rg-dev', name: 'vm-dev-02', osType: 'Windows' });
      await first.close();
      simulator = await startPinnedSimulator({ stateFile });
      const vm = await computeClient(simulator).virtualMachines.get('rg-dev', 'vm-dev-02');
      expect(vm).toMatchObject({
        name: 'vm-dev-02',
        storageProfile: { osDisk: { osType: 'Windows', diskSizeGB: 128 } },
      });
    });
  });
});
