import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/main.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { cardText, FakeBotConnector } from '../support/fake-bot-connector.js';
import { messageIn, runningJob } from '../support/seeded-jobs.js';

const subscription = '00000000-0000-0000-0000-000000000001';

function snapshotPath(name: string): string {
  return `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/snapshots/${name}`;
}

/** Jobs a dead process left running, as the store holds them: one resumable, one not. */
describe('resuming jobs on start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-resume-'));
  const connector = new FakeBotConnector();
  afterAll(async () => {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes a deletion and disks from their saved plans, and marks what it cannot resume as interrupted', async () => {
    await connector.start();
    const env = { PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '3600', LOG_LEVEL: 'silent' };
    // A first run leaves a snapshot set in the (persisted) simulator.
    const first = await startBot(env);
    const put = await first.simulator?.handle({
      method: 'PUT',
      url: `https://management.azure.com/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/snapshots/leftover-os?api-version=2025-01-02`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        location: 'westeurope',
        properties: {
          creationData: {
            createOption: 'Copy',
            sourceResourceId: `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/disks/vm-web-01-osdisk`,
          },
          incremental: true,
        },
      }),
    });
    expect(put?.status).toBe(202);
    const keeper = await first.simulator?.handle({
      method: 'PUT',
      url: `https://management.azure.com${snapshotPath('keeper-os')}?api-version=2025-01-02`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        location: 'westeurope',
        properties: {
          creationData: {
            createOption: 'Copy',
            sourceResourceId: `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/disks/vm-web-01-osdisk`,
          },
          incremental: true,
        },
      }),
    });
    expect(keeper?.status).toBe(202);
    await first.close();

    const store = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    const id = `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/snapshots/leftover-os`;
    const plan = {
      title: 'Delete snapshot leftover-os',
      runAgain: 'snapshot delete leftover-os',
      snapshots: [{ id, name: 'leftover-os', resourceGroup: 'rg-shop-prod' }],
    };
    await store.insertJob(
      runningJob(
        'job-aaaa0001',
        'snapshot.delete',
        'snapshot delete leftover-os',
        plan,
        messageIn(connector, 'c-delete'),
      ),
    );
    // Saved before the first process asked Azure for the disk: the resume creates it.
    const disks = {
      kind: 'disks-from-snapshot',
      setId: 'keeper',
      target: { subscriptionId: subscription, resourceGroup: 'rg-shop-prod' },
      plans: [
        {
          name: 'keeper-os-disk-1a2b',
          snapshot: { id: snapshotPath('keeper-os'), name: 'keeper-os', location: 'westeurope', tags: {} },
        },
      ],
    };
    await store.insertJob(
      runningJob(
        'job-aaaa0002',
        'disks.from-snapshot',
        'disks from snapshot keeper',
        disks,
        messageIn(connector, 'c-disks'),
      ),
    );
    // A job that died before saving its handle had asked Azure for nothing: reported as interrupted.
    await store.insertJob(
      runningJob(
        'job-aaaa0003',
        'snapshot.create',
        'snapshot vm-web-01',
        null,
        messageIn(connector, 'c-none'),
      ),
    );
    // A restore point saved before it was requested: the resume takes it.
    const vmId = `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
    const disk = {
      id: `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/disks/vm-web-01-osdisk`,
      name: 'vm-web-01-osdisk',
      subscriptionId: subscription,
      resourceGroup: 'rg-shop-prod',
      location: 'westeurope',
      role: 'os',
      sizeGB: 64,
    };
    const vm = {
      id: vmId,
      subscriptionId: subscription,
      resourceGroup: 'rg-shop-prod',
      name: 'vm-web-01',
      location: 'westeurope',
      size: 'Standard_B2s',
      osType: 'Linux',
      powerState: 'running',
      tags: {},
      disks: [disk],
    };
    const point = {
      kind: 'restore-point',
      vm,
      collectionName: 'rpc-vm-web-01',
      name: 'vm-web-01-20261124-000000-abcd',
    };
    await store.insertJob(
      runningJob(
        'job-aaaa0004',
        'snapshot.create',
        'snapshot vm-web-01 consistent',
        point,
        messageIn(connector, 'c-rp'),
      ),
    );
    await store.close();

    const second = await startBot(env);
    try {
      const latest = (conversationId: string) =>
        cardText(connector.inConversation(conversationId)[0]?.versions.at(-1));
      await expect
        .poll(() => latest('c-delete'), { timeout: 15_000 })
        .toContain('Delete snapshot leftover-os: done');
      await expect.poll(() => latest('c-disks'), { timeout: 15_000 }).toContain('Disks created from keeper');
      await expect.poll(() => latest('c-none'), { timeout: 15_000 }).toContain('Interrupted');
      await expect
        .poll(() => latest('c-rp'), { timeout: 15_000 })
        .toContain('Restore point of vm-web-01 created');
      const disk = await second.simulator?.handle({
        method: 'GET',
        url: `https://management.azure.com/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/disks/keeper-os-disk-1a2b?api-version=2025-01-02`,
        headers: {},
      });
      expect(disk?.status).toBe(200);
      expect(connector.inConversation('c-delete')).toHaveLength(1);
      const gone = await second.simulator?.handle({
        method: 'GET',
        url: `https://management.azure.com${id}?api-version=2025-01-02`,
        headers: {},
      });
      expect(gone?.status).toBe(404);
    } finally {
      await second.close();
    }
    const after = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    expect((await after.listJobs({ states: ['running'] })).map((j) => j.id)).toEqual([]);
    expect((await after.getJob('job-aaaa0001'))?.state).toBe('succeeded');
    expect((await after.getJob('job-aaaa0002'))?.state).toBe('succeeded');
    expect((await after.getJob('job-aaaa0003'))?.state).toBe('failed');
    expect((await after.getJob('job-aaaa0004'))?.state).toBe('succeeded');
    await after.close();
  });
});
