import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { cardText, FakeBotConnector } from '../support/fake-bot-connector.js';
import { messageIn, runningJob } from '../support/seeded-jobs.js';

const subscription = '00000000-0000-0000-0000-000000000001';
const arm = 'https://management.azure.com';
const vault = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`;
const vmPath = (vm: string) =>
  `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/${vm}`;
const itemPath = (vm: string) =>
  `${vault}/backupFabrics/Azure/protectionContainers/iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;${vm}/protectedItems/vm;iaasvmcontainerv2;rg-shop-prod;${vm}`;

/**
 * Restores and file restores whose bot died after saving its plan and before Azure named a job or
 * the script reached anyone: the next start finds out from Azure, starts nothing twice, undoes what
 * the dead process began (a VM it stopped, a recovery point it mounted), and says so once.
 */
describe('resuming restores that died before Azure named a job', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-resume-restore-'));
  const connector = new FakeBotConnector();
  afterAll(async () => {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(bot: RunningBot, method: string, path: string, apiVersion: string, body?: unknown) {
    const response = await bot.simulator?.handle({
      method,
      url: `${arm}${path}?api-version=${apiVersion}`,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response?.status ?? 0,
      body: JSON.parse(response?.body || '{}') as Record<string, unknown>,
    };
  }

  it('starts the VM it had stopped, revokes the mount it had asked for, and restores nothing', async () => {
    await connector.start();
    const env = { PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '3600', LOG_LEVEL: 'silent' };
    const first = await startBot(env);
    // What the dead process had done: vm-web-02 deallocated for a replace; vm-web-01's point mounted.
    expect((await call(first, 'POST', `${vmPath('vm-web-02')}/deallocate`, '2024-11-01')).status).toBe(202);
    const points = await call(first, 'GET', `${itemPath('vm-web-01')}/recoveryPoints`, '2023-06-01');
    const newest = (
      points.body.value as { name: string; id: string; properties: { recoveryPointTime: string } }[]
    )[0];
    const pointName = newest?.name ?? '';
    const provision = await call(
      first,
      'POST',
      `${itemPath('vm-web-01')}/recoveryPoints/${pointName}/provisionInstantItemRecovery`,
      '2023-06-01',
      { properties: { objectType: 'IaasVMILRRegistrationRequest', recoveryPointId: pointName } },
    );
    expect(provision.status).toBe(202);
    await first.close();

    const item = (vm: string) => ({
      vault: {
        id: vault,
        subscriptionId: subscription,
        resourceGroup: 'rg-bcdr-weu',
        name: 'rsv-prod-weu',
      },
      containerName: `iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;${vm}`,
      itemName: `vm;iaasvmcontainerv2;rg-shop-prod;${vm}`,
      vmId: vmPath(vm),
      vmName: vm,
    });
    const vmRef = (vm: string) => ({
      id: vmPath(vm),
      subscriptionId: subscription,
      resourceGroup: 'rg-shop-prod',
      name: vm,
    });
    const requestedAt = new Date().toISOString();
    const restore = {
      kind: 'restore',
      requestedAt,
      vault: item('vm-web-02').vault,
      stoppedByUs: true,
      plan: {
        kind: 'replace',
        vm: { ...vmRef('vm-web-02'), location: 'westeurope' },
        item: item('vm-web-02'),
        point: { name: '1', id: 'unused', time: requestedAt, type: 'FileSystemConsistent' },
        request: { kind: 'replace', region: 'westeurope' },
        replaced: { diskNames: ['vm-web-02-osdisk'], wasRunning: true },
      },
    };
    const files = {
      kind: 'file-restore',
      requestedAt,
      plan: {
        vm: vmRef('vm-web-01'),
        item: item('vm-web-01'),
        point: { name: pointName, time: newest?.properties.recoveryPointTime, type: 'FileSystemConsistent' },
      },
    };
    const store = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    await store.insertJob(
      runningJob(
        'job-bbbb0001',
        'restore.replace',
        'restore vm-web-02 replace',
        restore,
        messageIn(connector, 'c-restore'),
      ),
    );
    await store.insertJob(
      runningJob(
        'job-bbbb0002',
        'restore.files',
        'restore files vm-web-01',
        files,
        messageIn(connector, 'c-files'),
      ),
    );
    await store.close();

    const second = await startBot(env);
    try {
      const latest = (conversationId: string) =>
        cardText(connector.inConversation(conversationId)[0]?.versions.at(-1));
      await expect.poll(() => latest('c-restore'), { timeout: 15_000 }).toContain('interrupted');
      expect(latest('c-restore')).toContain('nothing was restored');
      expect(latest('c-restore')).toContain('vm-web-02 was started again');
      await expect.poll(() => latest('c-files'), { timeout: 15_000 }).toContain('revoked again');
      const view = await call(second, 'GET', `${vmPath('vm-web-02')}/instanceView`, '2024-11-01');
      expect(JSON.stringify(view.body)).toContain('PowerState/running');
      const restores = await call(second, 'GET', `${vault}/backupJobs`, '2023-06-01');
      const started = (
        restores.body.value as { properties: { operation: string; startTime: string } }[]
      ).filter((j) => j.properties.operation === 'Restore' && j.properties.startTime >= requestedAt);
      expect(started).toEqual([]);
      await expect
        .poll(async () => {
          const after = await call(
            second,
            'GET',
            `${itemPath('vm-web-01')}/recoveryPoints/${pointName}`,
            '2023-06-01',
          );
          return (after.body.properties as { isInstantIlrSessionActive?: boolean }).isInstantIlrSessionActive;
        })
        .toBe(false);
      expect(connector.inConversation('c-restore')).toHaveLength(1);
      expect(connector.inConversation('c-files')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

/**
 * A restore job adopts only the Azure Backup job its own request started (Backup keeps the request
 * id as the job's activityId): one that died before Azure got its request must not follow another
 * restore of the same VM that someone else started meanwhile.
 */
describe("a resumed restore never follows another request's restore job", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-resume-own-restore-'));
  const connector = new FakeBotConnector();
  afterAll(async () => {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says nothing was restored instead of adopting the other restore of the VM', async () => {
    await connector.start();
    const env = { PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '60', LOG_LEVEL: 'silent' };
    const first = await startBot(env);
    const send = async (method: string, path: string, apiVersion: string, body?: unknown) => {
      const response = await first.simulator?.handle({
        method,
        url: `${arm}${path}?api-version=${apiVersion}`,
        headers: { 'content-type': 'application/json', 'x-ms-client-request-id': 'someone-elses-restore' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: response?.status ?? 0,
        body: JSON.parse(response?.body || '{}') as Record<string, unknown>,
      };
    };
    const points = await send('GET', `${itemPath('vm-web-01')}/recoveryPoints`, '2023-06-01');
    const newest = (points.body.value as { name: string; properties: { recoveryPointTime: string } }[])[0];
    const pointName = newest?.name ?? '';
    // Someone else's restore of vm-web-01, as disks, started just now and still running.
    const other = await send(
      'POST',
      `${itemPath('vm-web-01')}/recoveryPoints/${pointName}/restore`,
      '2023-06-01',
      {
        properties: {
          objectType: 'IaasVMRestoreRequest',
          recoveryType: 'RestoreDisks',
          recoveryPointId: pointName,
          sourceResourceId: vmPath('vm-web-01'),
          region: 'westeurope',
          storageAccountId: `/subscriptions/${subscription}/resourceGroups/rg-bcdr-weu/providers/Microsoft.Storage/storageAccounts/stbcdrweu`,
          targetResourceGroupId: `/subscriptions/${subscription}/resourceGroups/rg-dev`,
          createNewCloudService: false,
          originalStorageAccountOption: false,
        },
      },
    );
    expect(other.status).toBe(202);
    await first.close();

    const requestedAt = new Date(Date.now() - 1_000).toISOString();
    const restore = {
      kind: 'restore',
      requestedAt,
      requestId: 'a-restore-azure-never-got',
      vault: { id: vault, subscriptionId: subscription, resourceGroup: 'rg-bcdr-weu', name: 'rsv-prod-weu' },
      plan: {
        kind: 'disks',
        vm: {
          id: vmPath('vm-web-01'),
          subscriptionId: subscription,
          resourceGroup: 'rg-shop-prod',
          name: 'vm-web-01',
          location: 'westeurope',
        },
        item: {
          vault: {
            id: vault,
            subscriptionId: subscription,
            resourceGroup: 'rg-bcdr-weu',
            name: 'rsv-prod-weu',
          },
          containerName: 'iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;vm-web-01',
          itemName: 'vm;iaasvmcontainerv2;rg-shop-prod;vm-web-01',
          vmId: vmPath('vm-web-01'),
          vmName: 'vm-web-01',
        },
        point: {
          name: pointName,
          id: 'unused',
          time: newest?.properties.recoveryPointTime,
          type: 'FileSystemConsistent',
        },
        request: { kind: 'disks', region: 'westeurope' },
      },
    };
    const store = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    await store.insertJob(
      runningJob(
        'job-bbbb0003',
        'restore.disks',
        'restore vm-web-01 disks',
        restore,
        messageIn(connector, 'c-own'),
      ),
    );
    await store.close();

    const second = await startBot(env);
    try {
      const latest = () => cardText(connector.inConversation('c-own')[0]?.versions.at(-1));
      await expect.poll(latest, { timeout: 15_000 }).toContain('interrupted');
      expect(latest()).toContain('nothing was restored');
    } finally {
      await second.close();
    }
  }, 60_000);
});
