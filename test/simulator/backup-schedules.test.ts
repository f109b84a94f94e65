import type { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import { afterEach, describe, expect, it } from 'vitest';
import { scheduledStartMs } from '../../src/simulator/backup/schedule-slots.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  advanceClock,
  backupClient,
  fieldsOf,
  namesOf,
  startPinnedSimulator,
  vaultGroup,
  vaultName,
} from './backup-test-kit.js';
import { admin, armRequest, at, collect } from './simulator-test-kit.js';

/**
 * The estate's policy (DailyPolicy, 22:30 UTC, 30 days) runs by itself as simulated time passes. The
 * pinned simulator starts at 2025-06-10T08:00Z, its history's last run being the 2025-06-09 one.
 */
const dayMs = 86_400_000;
const startMs = Date.parse('2025-06-10T08:00:00Z');
const protectedVms = ['vm-web-01', 'vm-web-02', 'vm-api-01', 'vm-sql-01', 'vm-crm-01', 'vm-crm-02'];
const groupOf = (vm: string) => (vm.startsWith('vm-crm') ? 'rg-crm-prod' : 'rg-shop-prod');
type Props = Record<string, unknown>;

/** Jobs of the vault that started at or after `since`, as the SDK lists them (Azure's filter). */
async function jobsSince(client: RecoveryServicesBackupClient, since: number): Promise<Props[]> {
  const stamp = new Date(since).toISOString().replace('T', ' ').slice(0, 19);
  const jobs = await collect(
    client.backupJobs.list(vaultName, vaultGroup, {
      filter: `startTime eq '${stamp}' and operation eq 'Backup'`,
    }),
  );
  return jobs.map((job) => ({ name: job.name, ...fieldsOf(job.properties) }));
}

async function pointsOf(client: RecoveryServicesBackupClient, vm: string): Promise<Props[]> {
  const { container, item } = namesOf(groupOf(vm), vm);
  const points = await collect(client.recoveryPoints.list(vaultName, vaultGroup, 'Azure', container, item));
  return points.map((point) => ({ name: point.name, ...fieldsOf(point.properties) }));
}

async function itemOf(client: RecoveryServicesBackupClient, vm: string): Promise<Props> {
  const { container, item } = namesOf(groupOf(vm), vm);
  const found = await client.protectedItems.get(vaultName, vaultGroup, 'Azure', container, item);
  return { id: found.id, ...fieldsOf(found.properties) };
}

const timeOf = (value: unknown) => new Date(value as string | Date).getTime();

describe('simulator: Azure Backup policies run by themselves', () => {
  let simulator: Simulator;
  afterEach(async () => {
    await simulator.close();
  });

  it('three days later: three scheduled jobs and points per VM, at the policy time, with the item following', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const before = await pointsOf(client, 'vm-sql-01');
    expect(before).toHaveLength(30);
    await advanceClock(simulator, (3 * dayMs) / 1000);
    const jobs = await jobsSince(client, startMs);
    expect(jobs).toHaveLength(3 * protectedVms.length);
    for (const vm of protectedVms) {
      const own = jobs.filter((job) => job.entityFriendlyName === vm);
      expect(own.map((job) => job.status)).toEqual(['Completed', 'Completed', 'Completed']);
      own.forEach((job, index) => {
        // Newest first: the runs of 06-12, 06-11 and 06-10, each within 20 minutes of 22:30 UTC.
        const slot = Date.parse('2025-06-12T22:30:00Z') - index * dayMs;
        expect(timeOf(job.startTime)).toBeGreaterThanOrEqual(slot);
        expect(timeOf(job.startTime)).toBeLessThan(slot + 20 * 60_000);
        expect(job).toMatchObject({
          operation: 'Backup',
          isUserTriggered: false,
          backupManagementType: 'AzureIaasVM',
        });
        expect(at(job, 'extendedInfo.tasksList.0')).toMatchObject({
          taskId: 'Take Snapshot',
          status: 'Completed',
        });
        expect(at(job, 'extendedInfo.tasksList.1')).toMatchObject({
          taskId: 'Transfer data to vault',
          status: 'Completed',
        });
        expect(at(job, 'extendedInfo.propertyBag.Backup Size')).toMatch(/^\d+ MB$/);
      });
      const points = await pointsOf(client, vm);
      const fresh = points.filter((point) => timeOf(point.recoveryPointTime) > startMs);
      expect(fresh).toHaveLength(3);
      // Each point is taken at the end of its job's snapshot task.
      fresh.forEach((point, index) => {
        expect(timeOf(point.recoveryPointTime)).toBe(
          timeOf(at(own[index], 'extendedInfo.tasksList.0.endTime')),
        );
      });
      // 30 days of retention: the three oldest points went as the three new ones came.
      expect(points).toHaveLength(30);
      const item = await itemOf(client, vm);
      expect(timeOf(item.lastRecoveryPoint)).toBe(timeOf(fresh[0]?.recoveryPointTime));
      expect(timeOf(item.lastBackupTime)).toBe(timeOf(fresh[0]?.recoveryPointTime));
      expect(item).toMatchObject({
        lastBackupStatus: 'Completed',
        healthStatus: 'Passed',
        protectionState: 'Protected',
      });
    }
    const sql = await pointsOf(client, 'vm-sql-01');
    expect(sql[0]).toMatchObject({ recoveryPointType: 'AppConsistent' });
    expect(at(sql[0], 'recoveryPointProperties')).toMatchObject({ ruleName: 'DailyPolicy' });
    expect(timeOf(at(sql[0], 'recoveryPointProperties.expiryTime'))).toBe(
      timeOf(sql[0]?.recoveryPointTime) + 30 * dayMs,
    );
    expect((await pointsOf(client, 'vm-web-01'))[0]).toMatchObject({
      recoveryPointType: 'FileSystemConsistent',
    });
  });

  it('materializes once per advance: the same jobs whatever the requests, and none twice', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    await advanceClock(simulator, dayMs / 1000);
    const first = await jobsSince(client, startMs);
    await advanceClock(simulator, 3600);
    const again = await jobsSince(client, startMs);
    expect(again.map((job) => job.name)).toEqual(first.map((job) => job.name));
    expect(first).toHaveLength(protectedVms.length);
  });

  it('a scheduled run is InProgress until its tasks are done; an on-demand backup is refused meanwhile', async () => {
    // Speed 1 and a still real clock: only the admin API moves time, the job takes Azure's minutes.
    simulator = await startPinnedSimulator({ speed: 1, now: () => startMs });
    const client = backupClient(simulator);
    const web = await itemOf(client, 'vm-web-01');
    const runStart = scheduledStartMs(String(web.id), Date.parse('2025-06-10T22:30:00Z'));
    await advanceClock(simulator, (runStart + 1000 - startMs) / 1000);
    const [running] = (await jobsSince(client, startMs)).filter(
      (job) => job.entityFriendlyName === 'vm-web-01',
    );
    expect(running).toMatchObject({ status: 'InProgress', isUserTriggered: false });
    expect(timeOf(running?.startTime)).toBe(runStart);
    const { container, item } = namesOf('rg-shop-prod', 'vm-web-01');
    const refused = await client.backups
      .trigger(vaultName, vaultGroup, 'Azure', container, item, {
        properties: { objectType: 'IaasVMBackupRequest' },
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toMatchObject({ statusCode: 400, code: 'UserErrorBackupOperationInProgress' });
    await advanceClock(simulator, 3600);
    const done = fieldsOf(
      (await client.jobDetails.get(vaultName, vaultGroup, String(running?.name))).properties,
    );
    expect(done.status).toBe('Completed');
    const after = await itemOf(client, 'vm-web-01');
    expect(timeOf(after.lastRecoveryPoint)).toBe(timeOf(at(done, 'extendedInfo.tasksList.0.endTime')));
  });

  it("fail-scheduled-backup: exactly `count` runs fail with Azure's error, then the schedule succeeds again", async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const rule = await admin(simulator, 'POST', 'faults', {
      kind: 'fail-scheduled-backup',
      vm: 'VM-WEB-01',
      count: 3,
    });
    expect(rule).toMatchObject({
      kind: 'fail-scheduled-backup',
      vm: 'vm-web-01',
      remaining: 3,
      outcome: 'Failed',
    });
    const lastPoint = (await itemOf(client, 'vm-web-01')).lastRecoveryPoint;
    await advanceClock(simulator, dayMs / 1000);
    expect(await itemOf(client, 'vm-web-01')).toMatchObject({
      lastBackupStatus: 'Failed',
      healthStatus: 'ActionRequired',
      lastRecoveryPoint: lastPoint,
    });
    await advanceClock(simulator, (3 * dayMs) / 1000);
    const web = (await jobsSince(client, startMs)).filter((job) => job.entityFriendlyName === 'vm-web-01');
    expect(web.map((job) => job.status)).toEqual(['Completed', 'Failed', 'Failed', 'Failed']);
    for (const failed of web.slice(1)) {
      expect(at(failed, 'errorDetails.0')).toMatchObject({
        errorTitle: 'UserErrorGuestAgentStatusUnavailable',
        errorString: 'VM Agent unable to communicate with Azure Backup',
      });
      expect(at(failed, 'errorDetails.0.recommendations.0')).toMatch(/VM agent/);
      expect(at(failed, 'extendedInfo.tasksList.0.status')).toBe('Failed');
      expect(at(failed, 'extendedInfo.tasksList.1.status')).toBe('NotStarted');
    }
    const points = (await pointsOf(client, 'vm-web-01')).filter((p) => timeOf(p.recoveryPointTime) > startMs);
    expect(points).toHaveLength(1);
    expect(await itemOf(client, 'vm-web-01')).toMatchObject({
      lastBackupStatus: 'Completed',
      healthStatus: 'Passed',
    });
    // The others were not touched; the rule is used up.
    const others = (await jobsSince(client, startMs)).filter((job) => job.entityFriendlyName !== 'vm-web-01');
    expect(new Set(others.map((job) => job.status))).toEqual(new Set(['Completed']));
    expect(at(await admin(simulator, 'GET', 'faults'), 'faults')).toEqual([]);
  });

  it('fail-scheduled-backup with a code, and CompletedWithWarnings giving a crash-consistent point', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-scheduled-backup',
      vm: 'vm-api-01',
      code: 'UserErrorVmProvisioningStateFailed',
      message: 'The VM is in failed provisioning state.',
    });
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-scheduled-backup',
      vm: 'vm-sql-01',
      outcome: 'CompletedWithWarnings',
    });
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-scheduled-backup',
      vm: 'vm-web-02',
      outcome: 'CompletedWithWarnings',
    });
    await advanceClock(simulator, dayMs / 1000);
    const jobs = await jobsSince(client, startMs);
    const byVm = (vm: string) => jobs.find((job) => job.entityFriendlyName === vm);
    expect(at(byVm('vm-api-01'), 'errorDetails.0')).toMatchObject({
      errorTitle: 'UserErrorVmProvisioningStateFailed',
      errorString: 'The VM is in failed provisioning state.',
    });
    expect(byVm('vm-sql-01')).toMatchObject({ status: 'CompletedWithWarnings' });
    expect(at(byVm('vm-sql-01'), 'errorDetails.0.errorTitle')).toBe('UserErrorVssWriterTimeout');
    expect(at(byVm('vm-web-02'), 'errorDetails.0.errorTitle')).toBe('UserErrorFsFreezeFailed');
    expect((await pointsOf(client, 'vm-sql-01'))[0]).toMatchObject({ recoveryPointType: 'CrashConsistent' });
    expect(await itemOf(client, 'vm-sql-01')).toMatchObject({
      lastBackupStatus: 'CompletedWithWarnings',
      healthStatus: 'Passed',
    });
  });

  it('skip-scheduled-backup: no job and no point while the rule lasts; deleting it lets the next run happen', async () => {
    simulator = await startPinnedSimulator();
    const client = backupClient(simulator);
    const rule = await admin(simulator, 'POST', 'faults', {
      kind: 'skip-scheduled-backup',
      vm: 'vm-web-01',
      count: -1,
    });
    const lastPoint = (await itemOf(client, 'vm-web-01')).lastRecoveryPoint;
    await advanceClock(simulator, (2 * dayMs) / 1000);
    const skipped = await itemOf(client, 'vm-web-01');
    expect(skipped.lastRecoveryPoint).toEqual(lastPoint);
    const simulatedNow = startMs + 2 * dayMs;
    expect(simulatedNow - timeOf(skipped.lastRecoveryPoint)).toBeGreaterThan(26 * 3600_000);
    let jobs = await jobsSince(client, startMs);
    expect(jobs.filter((job) => job.entityFriendlyName === 'vm-web-01')).toEqual([]);
    expect(jobs).toHaveLength(2 * (protectedVms.length - 1));
    expect(at(await admin(simulator, 'GET', 'faults'), 'faults.0.remaining')).toBe(-1);

    await admin(simulator, 'DELETE', `faults/${at(rule, 'id')}`);
    await advanceClock(simulator, dayMs / 1000);
    jobs = await jobsSince(client, startMs);
    expect(jobs.filter((job) => job.entityFriendlyName === 'vm-web-01').map((job) => job.status)).toEqual([
      'Completed',
    ]);
    expect(timeOf((await itemOf(client, 'vm-web-01')).lastRecoveryPoint)).toBeGreaterThan(
      startMs + 2 * dayMs,
    );
  });

  it('refuses scheduled-backup rules for an unknown or unprotected VM, naming the problem', async () => {
    simulator = await startPinnedSimulator();
    const faults = '/_simulator/faults';
    const unknown = await armRequest(simulator, 'POST', faults, {
      kind: 'skip-scheduled-backup',
      vm: 'vm-nope',
    });
    expect(unknown.status).toBe(400);
    expect(at(unknown.json, 'error.message')).toBe(
      "vm: no virtual machine named 'vm-nope' in the simulator.",
    );
    const unprotected = await armRequest(simulator, 'POST', faults, {
      kind: 'fail-scheduled-backup',
      vm: 'vm-dev-01',
    });
    expect(unprotected.status).toBe(400);
    expect(at(unprotected.json, 'error.message')).toMatch(/'vm-dev-01' is not protected by Azure Backup/);
    const badOutcome = await armRequest(simulator, 'POST', faults, {
      kind: 'fail-scheduled-backup',
      vm: 'vm-web-01',
      outcome: 'Cancelled',
    });
    expect(badOutcome.status).toBe(400);
    const noVm = await armRequest(simulator, 'POST', faults, { kind: 'skip-scheduled-backup' });
    expect(noVm.status).toBe(400);
    expect(at(await admin(simulator, 'GET', 'faults'), 'faults')).toEqual([]);
  });
});
