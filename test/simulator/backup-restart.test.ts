import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/create-simulator.js';
import {
  advanceClock,
  backupClient,
  captureResponse,
  namesOf,
  operationIdOf,
  pinnedNow,
  startPinnedSimulator,
  vaultGroup,
  vaultName,
  vmId,
} from './backup-test-kit.js';
import { at, collect, fast, withTempDir } from './simulator-test-kit.js';

describe('simulator: Azure Backup state across restarts', () => {
  it('keeps a running backup job across a simulator restart; it completes afterwards', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      const now = pinnedNow();
      // Speed 1: nothing finishes unless the clock is advanced.
      const first = await startPinnedSimulator({ stateFile, speed: 1, now });
      const { container, item } = namesOf('rg-shop-prod', 'vm-web-01');
      const response = captureResponse();
      await backupClient(first).backups.trigger(
        vaultName,
        vaultGroup,
        'Azure',
        container,
        item,
        { properties: { objectType: 'IaasVMBackupRequest' } },
        response.options,
      );
      const operationId = operationIdOf(response.last().header('azure-asyncoperation'));
      await advanceClock(first, 200);
      const status = await backupClient(first).protectedItemOperationStatuses.get(
        vaultName,
        vaultGroup,
        'Azure',
        container,
        item,
        operationId,
      );
      const jobId = String(at(status.properties, 'jobId'));
      const pointsBefore = await collect(
        backupClient(first).recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item),
      );
      await first.close();

      const second = await startPinnedSimulator({ stateFile, speed: 1, now });
      const client = backupClient(second);
      const resumed = (await client.jobDetails.get(vaultName, vaultGroup, jobId)).properties;
      expect(resumed).toMatchObject({ status: 'InProgress' });
      expect(at(resumed, 'extendedInfo.tasksList.1.status')).toBe('InProgress');
      await advanceClock(second, 7200);
      expect((await client.jobDetails.get(vaultName, vaultGroup, jobId)).properties?.status).toBe(
        'Completed',
      );
      const pointsAfter = await collect(
        client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item),
      );
      expect(pointsAfter).toHaveLength(pointsBefore.length + 1);
      await second.close();
    });
  });

  it('resumes a restore poller (resumeFrom) against a restarted simulator', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      const now = pinnedNow();
      const first = await startPinnedSimulator({ stateFile, speed: 1, now });
      const { container, item } = namesOf('rg-shop-prod', 'vm-api-01');
      const [point] = await collect(
        backupClient(first).recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item),
      );
      const body = {
        properties: {
          objectType: 'IaasVMRestoreRequest' as const,
          recoveryPointId: point?.name,
          recoveryType: 'RestoreDisks',
          sourceResourceId: vmId('rg-shop-prod', 'vm-api-01'),
        },
      };
      const poller = await backupClient(first).restores.beginTrigger(
        vaultName,
        vaultGroup,
        'Azure',
        container,
        item,
        point?.name ?? '',
        body,
        fast,
      );
      const serialized = poller.toString();
      await first.close();

      const second = await startPinnedSimulator({ stateFile, speed: 1, now });
      const client = backupClient(second);
      await advanceClock(second, 30);
      const resumed = await client.restores.beginTrigger(
        vaultName,
        vaultGroup,
        'Azure',
        container,
        item,
        point?.name ?? '',
        body,
        {
          ...fast,
          resumeFrom: serialized,
        },
      );
      await resumed.pollUntilDone();
      expect(resumed.getOperationState().status).toBe('succeeded');
      const jobs = await collect(
        client.backupJobs.list(vaultName, vaultGroup, { filter: "operation eq 'Restore'" }),
      );
      expect(jobs.map((job) => job.properties?.status)).toEqual(['InProgress']);
      await second.close();
    });
  });

  it('keeps a state file of the previous version aside and starts from the estate', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      const old = JSON.stringify({ version: 2, clockOffsetMs: 0, compute: {} });
      await writeFile(stateFile, old);
      const warned = new Promise<string>((resolve) => process.once('warning', (w) => resolve(w.message)));
      const simulator = await createSimulator({ stateFile });
      expect(await warned).toMatch(/older version \(2\); kept as .*state\.json\.v2\.bak/);
      expect(await readFile(`${stateFile}.v2.bak`, 'utf8')).toBe(old);
      const state = await simulator.handle({
        method: 'GET',
        url: 'https://management.azure.com/_simulator/state',
        headers: {},
      });
      expect(state.status).toBe(200);
      await simulator.close();
    });
  });

  it('still refuses a state file it cannot read at all', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      await writeFile(stateFile, JSON.stringify({ version: 99, compute: {} }));
      await expect(createSimulator({ stateFile })).rejects.toThrow(
        /unknown format \(version 99, expected version 5\)/,
      );
    });
  });
});
