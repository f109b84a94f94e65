import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  admin,
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

const sqlData = diskId('rg-shop-prod', 'vm-sql-01-data');
const snapshotsPath = `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/snapshots`;

describe('simulator: snapshots and disks through the real ComputeManagementClient', () => {
  let simulator: Simulator;
  beforeEach(async () => {
    simulator = await startSimulator();
  });
  afterEach(async () => {
    await simulator.close();
  });

  async function billedBytes(name: string): Promise<unknown> {
    const raw = await armRequest(simulator, 'GET', `${snapshotsPath}/${name}?api-version=2025-01-02`);
    return at(raw.json, 'properties.billedSizeBytes');
  }

  it('creates a full snapshot as an LRO that ends Succeeded and bills the used size', async () => {
    const client = computeClient(simulator);
    const snapshot = await client.snapshots.createOrUpdate(
      'rg-shop-prod',
      'snap-sql-data-full',
      {
        location: 'westeurope',
        creationData: { createOption: 'Copy', sourceResourceId: sqlData },
        tags: { set: 's1' },
      },
      fast,
    );
    expect(snapshot.provisioningState).toBe('Succeeded');
    expect(snapshot.incremental).toBe(false);
    expect(snapshot.diskSizeGB).toBe(1024);
    expect(snapshot.diskSizeBytes).toBe(1024 * gib);
    expect(snapshot.uniqueId).toMatch(/^[0-9a-f-]{36}$/);
    expect(snapshot.timeCreated).toBeInstanceOf(Date);
    expect(snapshot.completionPercent).toBe(100);
    expect(snapshot.tags).toEqual({ set: 's1' });
    expect(await billedBytes('snap-sql-data-full')).toBe(612 * gib);
  });

  it('bills the first incremental snapshot fully and later ones by changed blocks over simulated time', async () => {
    const client = computeClient(simulator);
    const body = {
      location: 'westeurope',
      creationData: { createOption: 'Copy', sourceResourceId: sqlData },
      incremental: true,
    };
    const first = await client.snapshots.createOrUpdate('rg-shop-prod', 'snap-inc-1', body, fast);
    expect(first.incrementalSnapshotFamilyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await billedBytes('snap-inc-1')).toBe(612 * gib);
    // Half a simulated day later, at 24 GiB/day of changes: about 12 GiB changed.
    await admin(simulator, 'POST', 'clock', { advanceSeconds: 12 * 3600 });
    const second = await client.snapshots.createOrUpdate('rg-shop-prod', 'snap-inc-2', body, fast);
    expect(second.incrementalSnapshotFamilyId).toBe(first.incrementalSnapshotFamilyId);
    const elapsedMs = (second.timeCreated?.getTime() ?? 0) - (first.timeCreated?.getTime() ?? 0);
    expect(elapsedMs).toBeGreaterThanOrEqual(12 * 3600 * 1000);
    expect(await billedBytes('snap-inc-2')).toBe(Math.round((24 * gib * elapsedMs) / (24 * 3600 * 1000)));
    // A full snapshot ignores the family and bills the used size again.
    await client.snapshots.createOrUpdate(
      'rg-shop-prod',
      'snap-full-3',
      { ...body, incremental: false },
      fast,
    );
    expect(await billedBytes('snap-full-3')).toBe(612 * gib);
    // Deleting the base moves its blocks to the next snapshot of the family.
    await client.snapshots.delete('rg-shop-prod', 'snap-inc-1', fast);
    expect(await billedBytes('snap-inc-2')).toBe(612 * gib);
  });

  it('signals the LRO as Azure does: 202, absolute Azure-AsyncOperation and Location, Retry-After, InProgress then Succeeded', async () => {
    const slow = await startSimulator({ speed: 1 });
    const started = await armRequest(slow, 'PUT', `${snapshotsPath}/snap-raw?api-version=2025-01-02`, {
      location: 'West Europe',
      properties: { creationData: { createOption: 'Copy', sourceResourceId: sqlData } },
    });
    expect(started.status).toBe(202);
    expect(at(started.json, 'properties.provisioningState')).toBe('Updating');
    const asyncUrl = started.headers['azure-asyncoperation'] ?? '';
    expect(asyncUrl).toMatch(
      new RegExp(
        `^https://management\\.azure\\.com/subscriptions/${subscriptionId}/providers/Microsoft\\.Compute/locations/westeurope/operations/[0-9a-f-]{36}\\?`,
      ),
    );
    expect(started.headers.location).toContain('monitor=true');
    expect(Number(started.headers['retry-after'])).toBeGreaterThan(0);
    const poll = await armRequest(slow, 'GET', new URL(asyncUrl).pathname + new URL(asyncUrl).search);
    expect(at(poll.json, 'status')).toBe('InProgress');
    expect(at(poll.json, 'startTime')).toEqual(expect.any(String));
    const monitor = await armRequest(
      slow,
      'GET',
      new URL(started.headers.location ?? '').pathname + new URL(started.headers.location ?? '').search,
    );
    expect(monitor.status).toBe(202);
    await admin(slow, 'POST', 'clock', { advanceSeconds: 3600 });
    const done = await armRequest(slow, 'GET', new URL(asyncUrl).pathname + new URL(asyncUrl).search);
    expect(at(done.json, 'status')).toBe('Succeeded');
    expect(at(done.json, 'endTime')).toEqual(expect.any(String));
    await slow.close();
  });

  it('deletes a snapshot as an LRO; deleting it again answers 204', async () => {
    const client = computeClient(simulator);
    await client.snapshots.createOrUpdate(
      'rg-shop-prod',
      'snap-gone',
      { location: 'westeurope', creationData: { createOption: 'Copy', sourceResourceId: sqlData } },
      fast,
    );
    const raw = await armRequest(simulator, 'DELETE', `${snapshotsPath}/snap-gone?api-version=2026-03-02`);
    expect(raw.status).toBe(202);
    expect(raw.headers.location).toMatch(/^https:\/\//);
    await client.snapshots.delete('rg-shop-prod', 'snap-gone', fast);
    await expect(client.snapshots.get('rg-shop-prod', 'snap-gone')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    expect(
      (await armRequest(simulator, 'DELETE', `${snapshotsPath}/snap-gone?api-version=2026-03-02`)).status,
    ).toBe(204);
    expect(await collect(client.snapshots.listByResourceGroup('rg-shop-prod'))).toEqual([]);
  });

  it('creates a disk from a snapshot, and an empty disk', async () => {
    const client = computeClient(simulator);
    const snapshot = await client.snapshots.createOrUpdate(
      'rg-shop-prod',
      'snap-src',
      {
        location: 'westeurope',
        creationData: { createOption: 'Copy', sourceResourceId: sqlData },
        incremental: true,
      },
      fast,
    );
    const disk = await client.disks.createOrUpdate(
      'rg-shop-prod',
      'vm-sql-01-data-restored',
      { location: 'westeurope', creationData: { createOption: 'Copy', sourceResourceId: snapshot.id } },
      fast,
    );
    expect(disk.provisioningState).toBe('Succeeded');
    expect(disk.diskSizeGB).toBe(1024);
    expect(disk.creationData?.sourceResourceId).toBe(snapshot.id);
    expect(disk.managedBy).toBeUndefined();
    const raw = await armRequest(
      simulator,
      'GET',
      `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/disks/vm-sql-01-data-restored?api-version=2025-01-02`,
    );
    expect(at(raw.json, 'properties.usedSizeBytes')).toBe(612 * gib);
    const empty = await client.disks.createOrUpdate(
      'rg-dev',
      'scratch',
      { location: 'westeurope', diskSizeGB: 32, creationData: { createOption: 'Empty' } },
      fast,
    );
    expect(empty.diskSizeGB).toBe(32);
    await expect(client.disks.delete('rg-shop-prod', 'vm-sql-01-data', fast)).rejects.toMatchObject({
      statusCode: 409,
      code: 'OperationNotAllowed',
    });
  });

  it('refuses bad names and bodies with Azure errors, creating nothing', async () => {
    const client = computeClient(simulator);
    const good = {
      location: 'westeurope',
      creationData: { createOption: 'Copy' as const, sourceResourceId: sqlData },
    };
    for (const name of ['-starts-with-dash', 'ends-with-dash-', 'has space', 'a'.repeat(81), 'dot.end.']) {
      await expect(client.snapshots.createOrUpdate('rg-shop-prod', name, good, fast)).rejects.toMatchObject({
        statusCode: 400,
        code: 'InvalidParameter',
        message: 'The value of parameter snapshot.name is invalid.',
      });
    }
    const noLocation = await armRequest(simulator, 'PUT', `${snapshotsPath}/ok?api-version=2025-01-02`, {
      properties: { creationData: good.creationData },
    });
    expect(at(noLocation.json, 'error.code')).toBe('LocationRequired');
    const noCreation = await armRequest(simulator, 'PUT', `${snapshotsPath}/ok?api-version=2025-01-02`, {
      location: 'westeurope',
    });
    expect(noCreation.json).toMatchObject({
      error: {
        code: 'InvalidParameter',
        message: "Required parameter 'creationData' is missing (null).",
        target: 'creationData',
      },
    });
    await expect(
      client.snapshots.createOrUpdate(
        'rg-shop-prod',
        'ok',
        {
          location: 'westeurope',
          creationData: { createOption: 'Copy', sourceResourceId: diskId('rg-shop-prod', 'nope') },
        },
        fast,
      ),
    ).rejects.toMatchObject({ statusCode: 404, code: 'NotFound', message: 'Resource nope is not found.' });
    const badJson = await simulator.handle({
      method: 'PUT',
      url: `https://management.azure.com${snapshotsPath}/ok?api-version=2025-01-02`,
      headers: {},
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    expect(await collect(client.snapshots.list())).toEqual([]);
  });
});
