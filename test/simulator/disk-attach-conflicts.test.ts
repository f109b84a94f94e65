import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { admin, armRequest, at, diskId, startSimulator, subscriptionId } from './simulator-test-kit.js';

/**
 * A disk belongs to a VM from the moment an update that attaches it is accepted, not only once the
 * update is done: until then no other VM can attach it and it cannot be deleted. Speed 1, so that
 * operations run until the clock is moved.
 */
const group = `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute`;
const vmPath = (name: string) => `${group}/virtualMachines/${name}?api-version=2024-11-01`;
const diskPath = (name: string) => `${group}/disks/${name}?api-version=2025-01-02`;
const vmId = (name: string) => `${group}/virtualMachines/${name}`;
const attach = (disk: string) => ({
  properties: {
    storageProfile: {
      dataDisks: [{ lun: 3, createOption: 'Attach', managedDisk: { id: diskId('rg-shop-prod', disk) } }],
    },
  },
});

describe('simulator: disks reserved by a running VM update', () => {
  let simulator: Simulator;
  beforeEach(async () => {
    simulator = await startSimulator({ speed: 1 });
  });
  afterEach(async () => {
    await simulator.close();
  });

  async function createEmptyDisk(name: string): Promise<void> {
    const created = await armRequest(simulator, 'PUT', diskPath(name), {
      location: 'westeurope',
      properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 32 },
    });
    expect(created.status).toBe(202);
    await admin(simulator, 'POST', 'clock', { advanceSeconds: 60 });
  }

  it('refuses a second attach and a delete while the first attach runs, as Azure does', async () => {
    await createEmptyDisk('shared-data');
    const first = await armRequest(simulator, 'PATCH', vmPath('vm-web-01'), attach('shared-data'));
    expect(first.status).toBe(200);

    const second = await armRequest(simulator, 'PATCH', vmPath('vm-web-02'), attach('shared-data'));
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({
      error: {
        code: 'ConflictingUserInput',
        message: `Disk '${diskId('rg-shop-prod', 'shared-data')}' cannot be attached as the disk is already owned by VM '${vmId('vm-web-01')}'.`,
      },
    });
    const deleted = await armRequest(simulator, 'DELETE', diskPath('shared-data'));
    expect(deleted.status).toBe(409);
    expect(deleted.json).toEqual({
      error: {
        code: 'OperationNotAllowed',
        message: `Disk shared-data is attached to VM ${vmId('vm-web-01')}.`,
      },
    });

    // Once the update is done the disk is attached: same answers.
    await admin(simulator, 'POST', 'clock', { advanceSeconds: 60 });
    const disk = await armRequest(simulator, 'GET', diskPath('shared-data'));
    expect(at(disk.json, 'managedBy')).toBe(vmId('vm-web-01'));
    expect((await armRequest(simulator, 'PATCH', vmPath('vm-web-02'), attach('shared-data'))).status).toBe(
      409,
    );
    expect((await armRequest(simulator, 'DELETE', diskPath('shared-data'))).status).toBe(409);
  });

  it('frees the disk again when the attaching update fails', async () => {
    await createEmptyDisk('flaky-data');
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-operation',
      match: { method: 'PATCH', pathContains: 'vm-web-01' },
    });
    expect((await armRequest(simulator, 'PATCH', vmPath('vm-web-01'), attach('flaky-data'))).status).toBe(
      200,
    );
    expect((await armRequest(simulator, 'PATCH', vmPath('vm-web-02'), attach('flaky-data'))).status).toBe(
      409,
    );
    await admin(simulator, 'POST', 'clock', { advanceSeconds: 60 });

    const vm = await armRequest(simulator, 'GET', vmPath('vm-web-01'));
    expect(at(vm.json, 'properties.provisioningState')).toBe('Failed');
    expect(at(vm.json, 'properties.storageProfile.dataDisks')).toEqual([]);
    expect(
      at((await armRequest(simulator, 'GET', diskPath('flaky-data'))).json, 'managedBy'),
    ).toBeUndefined();
    expect((await armRequest(simulator, 'PATCH', vmPath('vm-web-02'), attach('flaky-data'))).status).toBe(
      200,
    );
  });

  it('refuses to attach a disk that is being deleted', async () => {
    await createEmptyDisk('doomed-data');
    expect((await armRequest(simulator, 'DELETE', diskPath('doomed-data'))).status).toBe(202);
    const refused = await armRequest(simulator, 'PATCH', vmPath('vm-web-01'), attach('doomed-data'));
    expect(refused.status).toBe(409);
    expect(at(refused.json, 'error.code')).toBe('Conflict');
  });

  it('refuses a PUT that changes the creationData of an existing disk (PropertyChangeNotAllowed)', async () => {
    await createEmptyDisk('reused-name');
    const changed = await armRequest(simulator, 'PUT', diskPath('reused-name'), {
      location: 'westeurope',
      properties: {
        creationData: { createOption: 'Copy', sourceResourceId: diskId('rg-shop-prod', 'vm-web-01-osdisk') },
      },
    });
    expect(changed.status).toBe(409);
    expect(changed.json).toEqual({
      error: {
        code: 'PropertyChangeNotAllowed',
        message: "Changing property 'creationData' is not allowed.",
        target: 'creationData',
      },
    });
    const same = await armRequest(simulator, 'PUT', diskPath('reused-name'), {
      location: 'westeurope',
      tags: { kept: 'yes' },
      properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 32 },
    });
    expect(same.status).toBe(200);
    expect(at(same.json, 'tags.kept')).toBe('yes');
    expect(at(same.json, 'properties.creationData.createOption')).toBe('Empty');
  });
});
