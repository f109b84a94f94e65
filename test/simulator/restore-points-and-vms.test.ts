import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  armRequest,
  at,
  collect,
  computeClient,
  diskId,
  fast,
  gib,
  startSimulator,
  subscriptionId,
} from './simulator-test-kit.js';

const vmId = (rg: string, name: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

describe('simulator: restore points and VM operations through the real ComputeManagementClient', () => {
  let simulator: Simulator;
  beforeEach(async () => {
    simulator = await startSimulator();
  });
  afterEach(async () => {
    await simulator.close();
  });

  it('creates a restore point collection (sync) and an application-consistent restore point (LRO) covering every disk', async () => {
    const client = computeClient(simulator);
    const collection = await client.restorePointCollections.createOrUpdate('rg-shop-prod', 'rpc-vm-sql-01', {
      location: 'westeurope',
      source: { id: vmId('rg-shop-prod', 'vm-sql-01') },
      tags: { vm: 'vm-sql-01' },
    });
    expect(collection.source?.id).toBe(vmId('rg-shop-prod', 'vm-sql-01'));
    expect(collection.restorePointCollectionId).toMatch(/^[0-9a-f-]{36}$/);
    const point = await client.restorePoints.create(
      'rg-shop-prod',
      'rpc-vm-sql-01',
      'rp-1',
      { consistencyMode: 'ApplicationConsistent' },
      fast,
    );
    expect(point.provisioningState).toBe('Succeeded');
    expect(point.consistencyMode).toBe('ApplicationConsistent');
    const storage = point.sourceMetadata?.storageProfile;
    expect(storage?.osDisk?.diskRestorePoint?.id).toContain(
      '/restorePoints/rp-1/diskRestorePoints/vm-sql-01-osdisk_',
    );
    expect(storage?.dataDisks?.map((d) => d.lun)).toEqual([0, 1]);
    expect(storage?.dataDisks?.every((d) => d.diskRestorePoint?.id)).toBe(true);
    const raw = await armRequest(
      simulator,
      'GET',
      `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/restorePointCollections/rpc-vm-sql-01/restorePoints/rp-1?api-version=2025-04-01`,
    );
    expect(at(raw.json, 'properties.sourceMetadata.storageProfile.dataDisks.0.billedSizeBytes')).toBe(
      612 * gib,
    );
    const expanded = await client.restorePointCollections.get('rg-shop-prod', 'rpc-vm-sql-01', {
      expand: 'restorePoints',
    });
    expect(expanded.restorePoints?.map((p) => p.name)).toEqual(['rp-1']);
    expect(await collect(client.restorePointCollections.list('rg-shop-prod'))).toHaveLength(1);
  });

  it('excludes disks, downgrades a stopped VM to crash-consistent, and deletes points and collections', async () => {
    const client = computeClient(simulator);
    await client.restorePointCollections.createOrUpdate('rg-dev', 'rpc-dev', {
      location: 'westeurope',
      source: { id: vmId('rg-dev', 'vm-dev-01') },
    });
    const point = await client.restorePoints.create('rg-dev', 'rpc-dev', 'rp-dev', {}, fast);
    expect(point.consistencyMode).toBe('CrashConsistent');
    await client.restorePointCollections.createOrUpdate('rg-shop-prod', 'rpc-api', {
      location: 'westeurope',
      source: { id: vmId('rg-shop-prod', 'vm-api-01') },
    });
    const partial = await client.restorePoints.create(
      'rg-shop-prod',
      'rpc-api',
      'rp-os-only',
      { excludeDisks: [{ id: diskId('rg-shop-prod', 'vm-api-01-datadisk-0') }] },
      fast,
    );
    expect(partial.sourceMetadata?.storageProfile?.dataDisks).toEqual([]);
    await client.restorePoints.delete('rg-shop-prod', 'rpc-api', 'rp-os-only', fast);
    await expect(client.restorePoints.get('rg-shop-prod', 'rpc-api', 'rp-os-only')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    await client.restorePointCollections.delete('rg-dev', 'rpc-dev', fast);
    await expect(client.restorePointCollections.get('rg-dev', 'rpc-dev')).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(
      client.restorePointCollections.createOrUpdate('rg-dev', 'rpc-x', {
        location: 'westeurope',
        source: { id: vmId('rg-dev', 'vm-nope') },
      }),
    ).rejects.toMatchObject({ statusCode: 404, code: 'NotFound' });
  });

  it('deallocates and starts a VM as LROs, swaps its OS disk while deallocated', async () => {
    const client = computeClient(simulator);
    await client.virtualMachines.deallocate('rg-shop-prod', 'vm-web-01', fast);
    let view = await client.virtualMachines.instanceView('rg-shop-prod', 'vm-web-01');
    expect(view.statuses?.map((s) => s.code)).toContain('PowerState/deallocated');
    const snapshot = await client.snapshots.createOrUpdate(
      'rg-shop-prod',
      'snap-web-os',
      {
        location: 'westeurope',
        creationData: { createOption: 'Copy', sourceResourceId: diskId('rg-shop-prod', 'vm-web-01-osdisk') },
      },
      fast,
    );
    const restored = await client.disks.createOrUpdate(
      'rg-shop-prod',
      'vm-web-01-osdisk-restored',
      { location: 'westeurope', creationData: { createOption: 'Copy', sourceResourceId: snapshot.id } },
      fast,
    );
    const updated = await client.virtualMachines.update(
      'rg-shop-prod',
      'vm-web-01',
      { storageProfile: { osDisk: { createOption: 'Attach', managedDisk: { id: restored.id } } } },
      fast,
    );
    expect(updated.storageProfile?.osDisk?.managedDisk?.id).toBe(restored.id);
    expect((await client.disks.get('rg-shop-prod', 'vm-web-01-osdisk-restored')).managedBy).toBe(
      vmId('rg-shop-prod', 'vm-web-01'),
    );
    expect((await client.disks.get('rg-shop-prod', 'vm-web-01-osdisk')).managedBy).toBeUndefined();
    await client.virtualMachines.start('rg-shop-prod', 'vm-web-01', fast);
    view = await client.virtualMachines.instanceView('rg-shop-prod', 'vm-web-01');
    expect(view.statuses?.map((s) => s.code)).toContain('PowerState/running');
    await expect(
      client.virtualMachines.update(
        'rg-shop-prod',
        'vm-web-01',
        {
          storageProfile: {
            osDisk: {
              createOption: 'Attach',
              managedDisk: { id: diskId('rg-shop-prod', 'vm-web-01-osdisk') },
            },
          },
        },
        fast,
      ),
    ).rejects.toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
  });

  it('shows the transition power state while an operation runs (lazy, from the simulated clock)', async () => {
    const slow = await startSimulator({ speed: 1 });
    const client = computeClient(slow);
    const poller = client.virtualMachines.powerOff('rg-crm-prod', 'vm-crm-01', fast);
    await poller.submitted();
    const view = await client.virtualMachines.instanceView('rg-crm-prod', 'vm-crm-01');
    expect(view.statuses?.map((s) => s.code)).toEqual(['ProvisioningState/updating', 'PowerState/stopping']);
    await armRequest(slow, 'POST', '/_simulator/clock', { advanceSeconds: 120 });
    await poller;
    const after = await client.virtualMachines.instanceView('rg-crm-prod', 'vm-crm-01');
    expect(after.statuses?.map((s) => s.code)).toEqual(['ProvisioningState/succeeded', 'PowerState/stopped']);
    await slow.close();
  });
});
