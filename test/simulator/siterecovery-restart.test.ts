import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { shapeProblems } from './backup-shape.js';
import { pinnedNow } from './backup-test-kit.js';
import { armRequest, collect, startSimulator, withTempDir } from './simulator-test-kit.js';
import {
  drVaultGroup,
  drVaultName,
  drVaultPath,
  editStateFile,
  loadSiteRecoveryFixture,
  siteRecoveryApiVersion,
  siteRecoveryClient,
  testFailoverJob,
} from './siterecovery-test-kit.js';

/**
 * The Site Recovery slice is persisted with the rest of the state: what a restart finds is served as
 * it was recorded (the records plan operations write: jobs, drills, current scenarios).
 */
const version = `api-version=${siteRecoveryApiVersion}`;
const pinnedStart = Date.parse('2025-06-10T08:00:00Z');
const dayMs = 86_400_000;
const older = testFailoverJob('11111111-1111-4111-8111-111111111111', pinnedStart - 2 * dayMs, 'crm');
const newer = testFailoverJob('22222222-2222-4222-8222-222222222222', pinnedStart - dayMs, 'shop');

/** A simulator restarted on a state file the edit changed meanwhile. */
async function restartedWith(dir: string, edit: Parameters<typeof editStateFile>[1]): Promise<Simulator> {
  const stateFile = join(dir, 'state.json');
  const now = pinnedNow();
  await (await startSimulator({ stateFile, now })).close();
  await editStateFile(stateFile, edit);
  return startSimulator({ stateFile, now });
}

describe('simulator: Site Recovery state across restarts', () => {
  it('lists recorded jobs newest first; get has the example shape', async () => {
    await withTempDir(async (dir) => {
      const simulator = await restartedWith(dir, (slice) => {
        for (const job of [older, newer]) slice.jobs[job.id.toLowerCase()] = job;
      });
      const client = siteRecoveryClient(simulator);
      const jobs = await collect(client.replicationJobs.list(drVaultName, drVaultGroup));
      expect(jobs.map((job) => [job.name, job.properties?.targetObjectName])).toEqual([
        [newer.name, 'shop'],
        [older.name, 'crm'],
      ]);
      const job = await client.replicationJobs.get(drVaultName, drVaultGroup, newer.name);
      expect(job.properties).toMatchObject({ scenarioName: 'TestFailover', state: 'Succeeded' });
      expect(job.properties?.endTime).toBeInstanceOf(Date);
      expect(job.properties?.tasks?.[0]?.customDetails).toMatchObject({
        instanceType: 'ManualActionTaskDetails',
      });
      const raw = await armRequest(simulator, 'GET', `${newer.id}?${version}`);
      expect(shapeProblems(await loadSiteRecoveryFixture('job-get'), raw.json)).toEqual([]);
      await simulator.close();
    });
  });

  it('serves a recorded drill: last test failover times as Dates, the current scenario', async () => {
    await withTempDir(async (dir) => {
      const drillEnd = newer.endMs ?? 0;
      const simulator = await restartedWith(dir, (slice) => {
        slice.jobs[newer.id.toLowerCase()] = newer;
        const plan = slice.recoveryPlans[`${drVaultPath}/replicationRecoveryPlans/shop`.toLowerCase()];
        if (!plan) throw new Error('no shop plan');
        plan.lastTestFailoverMs = newer.startMs;
        plan.currentScenario = {
          scenarioName: 'TestFailover',
          jobKey: newer.id.toLowerCase(),
          startMs: newer.startMs,
        };
        for (const key of plan.groups.flatMap((group) => group.itemKeys)) {
          const item = slice.replicatedItems[key];
          if (item) item.lastSuccessfulTestFailoverMs = drillEnd;
        }
      });
      const client = siteRecoveryClient(simulator);
      const shop = await client.replicationRecoveryPlans.get(drVaultName, drVaultGroup, 'shop');
      expect(shop.properties?.lastTestFailoverTime?.getTime()).toBe(newer.startMs);
      expect(shop.properties?.currentScenario).toEqual({
        scenarioName: 'TestFailover',
        jobId: newer.id,
        startTime: new Date(newer.startMs),
      });
      const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
      const drilled = items.filter((item) => item.properties?.lastSuccessfulTestFailoverTime !== undefined);
      expect(drilled.map((item) => item.properties?.friendlyName).sort()).toEqual([
        'vm-api-01',
        'vm-sql-01',
        'vm-web-01',
        'vm-web-02',
      ]);
      expect(drilled[0]?.properties?.lastSuccessfulTestFailoverTime).toEqual(new Date(drillEnd));
      await simulator.close();
    });
  });

  it('keeps a version 3 state file (before Site Recovery) aside and starts from the estate', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      const old = JSON.stringify({ version: 3, clockOffsetMs: 0, compute: {}, backup: {} });
      await writeFile(stateFile, old);
      const warned = new Promise<string>((resolve) => process.once('warning', (w) => resolve(w.message)));
      const simulator = await startSimulator({ stateFile });
      expect(await warned).toMatch(/older version \(3\); kept as .*state\.json\.v3\.bak/);
      expect(await readFile(`${stateFile}.v3.bak`, 'utf8')).toBe(old);
      const plans = await collect(
        siteRecoveryClient(simulator).replicationRecoveryPlans.list(drVaultName, drVaultGroup),
      );
      expect(plans).toHaveLength(2);
      await simulator.close();
    });
  });
});
