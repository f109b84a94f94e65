import type {
  A2AReplicationDetails,
  ReplicationProtectedItem,
  SiteRecoveryManagementClient,
} from '@azure/arm-recoveryservices-siterecovery';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { advanceClock, startPinnedSimulator } from './backup-test-kit.js';
import { admin, armRequest, at, collect } from './simulator-test-kit.js';
import { drVaultGroup, drVaultName, itemPathOf, siteRecoveryClient } from './siterecovery-test-kit.js';

/**
 * A `replication-lag` fault: the VM's replication uploads nothing from the moment the rule is added,
 * so its RPO grows with the clock and its health degrades (Warning above 30 minutes, Critical above
 * 60 with ASR's 153007); removing the rule lets replication catch up. vm-sql-01 replicates with an
 * RPO of 420 s in the demo estate.
 */
const startMs = Date.parse('2025-06-10T08:00:00Z');
const sqlRpo = 420;

async function itemOf(client: SiteRecoveryManagementClient, vm: string): Promise<ReplicationProtectedItem> {
  const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
  const item = items.find((candidate) => candidate.properties?.friendlyName === vm);
  if (!item) throw new Error(`${vm} is not replicated`);
  return item;
}

function a2aOf(item: ReplicationProtectedItem): A2AReplicationDetails {
  return item.properties?.providerSpecificDetails as A2AReplicationDetails;
}

async function pointTimes(
  client: SiteRecoveryManagementClient,
  item: ReplicationProtectedItem,
): Promise<number[]> {
  const { fabric, container, item: name } = itemPathOf(item.id);
  const points = await collect(
    client.recoveryPoints.listByReplicationProtectedItems(drVaultName, drVaultGroup, fabric, container, name),
  );
  return points.map((point) => new Date(point.properties?.recoveryPointTime ?? 0).getTime());
}

describe('simulator: Site Recovery replication lag', () => {
  let simulator: Simulator;
  afterEach(async () => {
    await simulator.close();
  });

  it('grows the RPO with the clock, degrades health Normal -> Warning -> Critical, and recovers when removed', async () => {
    // A real clock that stands still: only the admin API moves time.
    simulator = await startPinnedSimulator({ now: () => startMs });
    const client = siteRecoveryClient(simulator);
    const before = await itemOf(client, 'vm-sql-01');
    const newestBefore = (await pointTimes(client, before))[0] ?? 0;
    expect(a2aOf(before).rpoInSeconds).toBe(sqlRpo);
    const rule = await admin(simulator, 'POST', 'faults', { kind: 'replication-lag', vm: 'VM-SQL-01' });
    expect(rule).toMatchObject({ kind: 'replication-lag', vm: 'vm-sql-01', remaining: -1, sinceMs: startMs });

    await advanceClock(simulator, 10 * 60);
    let sql = await itemOf(client, 'vm-sql-01');
    expect(a2aOf(sql).rpoInSeconds).toBe(sqlRpo + 600);
    expect(a2aOf(sql).lastRpoCalculatedTime?.getTime()).toBe(startMs + 600_000);
    expect(sql.properties).toMatchObject({ replicationHealth: 'Normal', healthErrors: [] });
    // No newer recovery point while nothing is uploaded; the other VMs carry on.
    expect((await pointTimes(client, sql))[0]).toBe(newestBefore);
    const web = await itemOf(client, 'vm-web-01');
    expect(a2aOf(web).rpoInSeconds).toBe(240);
    expect((await pointTimes(client, web))[0]).toBeGreaterThan(newestBefore);

    await advanceClock(simulator, 20 * 60);
    sql = await itemOf(client, 'vm-sql-01');
    expect(a2aOf(sql).rpoInSeconds).toBe(sqlRpo + 1800);
    expect(sql.properties?.replicationHealth).toBe('Warning');
    expect(sql.properties?.healthErrors?.[0]).toMatchObject({
      errorCode: 'RpoThresholdExceeded',
      errorLevel: 'Warning',
      errorCategory: 'Replication',
    });
    expect(sql.properties?.healthErrors?.[0]?.recommendedAction).toMatch(/data change rate/);

    await advanceClock(simulator, 30 * 60);
    sql = await itemOf(client, 'vm-sql-01');
    expect(a2aOf(sql).rpoInSeconds).toBe(sqlRpo + 3600);
    expect(sql.properties?.replicationHealth).toBe('Critical');
    const critical = sql.properties?.healthErrors?.[0];
    expect(critical).toMatchObject({
      errorCode: '153007',
      errorLevel: 'Error',
      errorMessage: 'No crash consistent recovery point available for the VM in the last 60 minutes.',
      entityId: sql.id,
      customerResolvability: 'Allowed',
    });
    // Crossed 60 minutes when the lag had lasted 60 minutes minus the estate's RPO.
    expect(critical?.creationTimeUtc?.getTime()).toBe(startMs + (3600 - sqlRpo) * 1000);
    expect((await pointTimes(client, sql))[0]).toBe(newestBefore);
    expect((await itemOf(client, 'vm-web-01')).properties?.replicationHealth).toBe('Normal');

    await admin(simulator, 'DELETE', `faults/${at(rule, 'id')}`);
    const nowMs = startMs + 3600_000;
    sql = await itemOf(client, 'vm-sql-01');
    expect(a2aOf(sql).rpoInSeconds).toBe(sqlRpo);
    expect(sql.properties).toMatchObject({ replicationHealth: 'Normal', healthErrors: [] });
    const after = await pointTimes(client, sql);
    expect(after[0]).toBe(Math.floor((nowMs - sqlRpo * 1000) / 300_000) * 300_000);
    // The hour of lag left no points: the one before it is the one before the lag.
    expect(after[1]).toBe(newestBefore);
  });

  it('refuses a lag for an unknown or unreplicated VM, or with a count', async () => {
    simulator = await startPinnedSimulator();
    const faults = '/_simulator/faults';
    const unknown = await armRequest(simulator, 'POST', faults, { kind: 'replication-lag', vm: 'vm-nope' });
    expect(unknown.status).toBe(400);
    expect(at(unknown.json, 'error.message')).toMatch(/no virtual machine named 'vm-nope'/);
    const dev = await armRequest(simulator, 'POST', faults, { kind: 'replication-lag', vm: 'vm-dev-01' });
    expect(dev.status).toBe(400);
    expect(at(dev.json, 'error.message')).toMatch(/'vm-dev-01' is not replicated by Site Recovery/);
    const counted = await armRequest(simulator, 'POST', faults, {
      kind: 'replication-lag',
      vm: 'vm-sql-01',
      count: 3,
    });
    expect(counted.status).toBe(400);
    expect(at(counted.json, 'error.message')).toMatch(/count must be -1/);
  });
});
