import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { restorePoller } from '@azure/arm-compute';
import { describe, expect, it } from 'vitest';
import { pinnedNow } from './backup-test-kit.js';
import {
  admin,
  armRequest,
  at,
  computeClient,
  diskId,
  fast,
  startSimulator,
  subscriptionId,
  withTempDir,
} from './simulator-test-kit.js';

describe('simulator: state persistence and restarts mid-operation', () => {
  it('resumes an in-flight snapshot after both the simulator and the poller restart', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      // Speed 1: the snapshot cannot finish before the restart. A pinned clock (08:00 UTC): at the
      // real time of the backup schedule (22:30 UTC) its own operations would run beside it.
      const now = pinnedNow();
      const first = await startSimulator({ stateFile, speed: 1, now });
      const poller = computeClient(first).snapshots.createOrUpdate(
        'rg-shop-prod',
        'snap-across-restart',
        {
          location: 'westeurope',
          creationData: { createOption: 'Copy', sourceResourceId: diskId('rg-shop-prod', 'vm-sql-01-log') },
          incremental: true,
        },
        fast,
      );
      await poller.submitted();
      const serialized = await poller.serialize();
      const before = (await admin(first, 'GET', 'state')) as { simulatedTime: string };
      await first.close();

      const second = await startSimulator({ stateFile, speed: 1, now });
      const after = (await admin(second, 'GET', 'state')) as {
        simulatedTime: string;
        operations: { status: string }[];
      };
      expect(Date.parse(after.simulatedTime)).toBeGreaterThanOrEqual(Date.parse(before.simulatedTime));
      expect(after.operations.map((o) => o.status)).toEqual(['InProgress']);
      const client = computeClient(second);
      const resumed = restorePoller(client, serialized, client.snapshots.createOrUpdate, fast);
      await admin(second, 'POST', 'clock', { advanceSeconds: 3600 });
      const snapshot = await resumed.pollUntilDone();
      expect(snapshot.provisioningState).toBe('Succeeded');
      expect(snapshot.name).toBe('snap-across-restart');
      await second.close();

      const third = await startSimulator({ stateFile });
      expect(
        (await computeClient(third).snapshots.get('rg-shop-prod', 'snap-across-restart')).provisioningState,
      ).toBe('Succeeded');
      expect(at(await admin(third, 'GET', 'state'), 'compute.snapshots')).toBe(1);
      await third.close();
    });
  });

  it('reset rebuilds the estate and drops operations and faults', async () => {
    const simulator = await startSimulator();
    const client = computeClient(simulator);
    await client.snapshots.createOrUpdate(
      'rg-dev',
      'snap-dev',
      {
        location: 'westeurope',
        creationData: { createOption: 'Copy', sourceResourceId: diskId('rg-dev', 'vm-dev-01-osdisk') },
      },
      fast,
    );
    await admin(simulator, 'POST', 'faults', { kind: 'throttle', count: 5 });
    await admin(simulator, 'DELETE', 'faults');
    await admin(simulator, 'POST', 'faults', { kind: 'latency', delayMs: 1 });
    const state = await admin(simulator, 'POST', 'reset');
    expect(at(state, 'compute.snapshots')).toBe(0);
    expect(at(state, 'compute.virtualMachines')).toBe(7);
    expect(at(state, 'faults')).toEqual([]);
    await simulator.close();
  });

  it('answers ARM 500 InternalServerError when the state cannot be saved, and reports the error', async () => {
    await withTempDir(async (dir) => {
      const stateDir = join(dir, 'state');
      const errors: unknown[] = [];
      const simulator = await startSimulator({
        stateFile: join(stateDir, 'state.json'),
        onError: (error) => errors.push(error),
      });
      // The state directory becomes a file: the next write fails.
      await rm(stateDir, { recursive: true });
      await writeFile(stateDir, 'not a directory');
      const response = await armRequest(
        simulator,
        'POST',
        `/subscriptions/${subscriptionId}/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-dev-01/start?api-version=2024-11-01`,
      );
      expect(response.status).toBe(500);
      expect(at(response.json, 'error.code')).toBe('InternalServerError');
      expect(response.headers['x-ms-request-id']).toEqual(expect.any(String));
      expect(errors).toHaveLength(1);
      await rm(stateDir);
      await mkdir(stateDir);
      await simulator.close();
    });
  });

  it('removes temporary files a crash left next to the state file, and nothing else', async () => {
    await withTempDir(async (dir) => {
      const stale = ['state.json.4242.7.tmp', 'state.json.1.1.tmp'];
      const kept = ['other.json.4242.7.tmp', 'state.json.bak', 'state.json.x.tmp'];
      for (const name of [...stale, ...kept]) await writeFile(join(dir, name), '{');
      const simulator = await startSimulator({ stateFile: join(dir, 'state.json') });
      await simulator.close();
      expect((await readdir(dir)).sort()).toEqual([...kept, 'state.json'].sort());
    });
  });
});
