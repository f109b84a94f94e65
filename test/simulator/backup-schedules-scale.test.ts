import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/create-simulator.js';
import { backupClient, pinnedNow, vaultGroup, vaultName } from './backup-test-kit.js';
import { admin, at, collect, subscriptionId, withTempDir } from './simulator-test-kit.js';

/**
 * 500 protected VMs advanced by 30 days: the runs are made once, by the advance (15,000 jobs and
 * points), and the requests after it stay quick (the bounds are loose: CI machines are slow).
 */
const groups = Array.from({ length: 5 }, (_, g) => ({
  name: `rg-app-${g}`,
  location: 'westeurope',
  virtualMachines: Array.from({ length: 100 }, (_, v) => ({
    name: `vm-${g}-${v}`,
    size: 'Standard_D2s_v5',
    osType: 'Linux',
    osDisk: { sizeGB: 64, usedGB: 10, changeRateGBPerDay: 0.5 },
  })),
}));
const estate = {
  subscriptions: [
    {
      subscriptionId,
      displayName: 'Scale',
      resourceGroups: [...groups, { name: vaultGroup, location: 'westeurope' }],
    },
  ],
  backup: {
    vaults: [
      {
        subscriptionId,
        resourceGroup: vaultGroup,
        name: vaultName,
        location: 'westeurope',
        policies: [{ name: 'DailyPolicy', scheduleTimeUtc: '22:30', dailyRetentionDays: 30 }],
        protectedVms: groups.flatMap((g) =>
          g.virtualMachines.map((vm) => ({ vm: `${g.name}/${vm.name}`, policy: 'DailyPolicy' })),
        ),
        history: { days: 30 },
      },
    ],
  },
};

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('simulator: scheduled backups at scale', () => {
  it('advances 500 VMs by 30 days in one go; later requests do not pay for it', async () => {
    await withTempDir(async (dir) => {
      const estatePath = join(dir, 'estate.json');
      await writeFile(estatePath, JSON.stringify(estate));
      const simulator = await createSimulator({ estatePath, now: pinnedNow(), speed: 3600 });
      const client = backupClient(simulator);
      const before = at(await admin(simulator, 'GET', 'state'), 'backup') as Record<string, number>;
      // Per VM a ConfigureBackup job and 30 daily backups; the last VM's failed one 9 days ago.
      expect(before).toMatchObject({ protectedItems: 500, jobs: 500 * 31 + 1, recoveryPoints: 500 * 30 });

      const advance = await timed(() => admin(simulator, 'POST', 'clock', { advanceSeconds: 30 * 86_400 }));
      expect(advance.ms).toBeLessThan(15_000);
      const after = at(await admin(simulator, 'GET', 'state'), 'backup') as Record<string, number>;
      // 30 new runs per VM; 30 days of retention keep 30 points each.
      expect(after).toMatchObject({ jobs: 500 * 61 + 1, recoveryPoints: 500 * 30 });

      const pages = await timed(() =>
        collect(client.backupProtectedItems.list(vaultName, vaultGroup).byPage()),
      );
      expect(pages.value).toHaveLength(10);
      expect(pages.ms / pages.value.length).toBeLessThan(1_000);
      const jobs = await timed(() => client.backupJobs.list(vaultName, vaultGroup).byPage().next());
      expect(jobs.ms).toBeLessThan(1_000);
      expect(jobs.value.value).toHaveLength(50);
      await simulator.close();
    });
  }, 60_000);
});
