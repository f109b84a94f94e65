import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterEach, describe, expect, it } from 'vitest';
import { parseVaultId, type VaultRef } from '../../src/azure/backup-port.js';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import { SdkBackup } from '../../src/azure/sdk-backup.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { advanceClock, startPinnedSimulator, vaultPath } from '../simulator/backup-test-kit.js';

/**
 * BackupPort.listJobs through the real RecoveryServicesBackupClient against the simulator: the
 * vault's jobs since a time, filtered by Azure (startTime/endTime and backupManagementType in the
 * `$filter`), in one list call. The pinned simulator starts at 2025-06-10T08:00Z; its policy runs
 * at 22:30 UTC for six VMs.
 */
const dayMs = 86_400_000;
const startMs = Date.parse('2025-06-10T08:00:00Z');

function setUp(simulator: Simulator): { backup: SdkBackup; vault: VaultRef; requests: URL[] } {
  const requests: URL[] = [];
  const observer: PipelinePolicy = {
    name: 'count-job-lists',
    sendRequest(request, next) {
      requests.push(new URL(request.url));
      return next(request);
    },
  };
  const vault = parseVaultId(vaultPath);
  if (!vault) throw new Error('bad vault id');
  const backup = new SdkBackup([vault], {
    target: { kind: 'in-process', httpClient: createInProcessHttpClient(simulator.handle) },
    observer,
  });
  return { backup, vault, requests };
}

describe('SdkBackup.listJobs', () => {
  let simulator: Simulator;
  afterEach(async () => {
    await simulator.close();
  });

  it('returns the jobs started since the time, newest first, in one request filtered by Azure', async () => {
    simulator = await startPinnedSimulator();
    const { backup, vault, requests } = setUp(simulator);
    await advanceClock(simulator, (2 * dayMs) / 1000);
    const jobs = await backup.listJobs(vault, { since: new Date(startMs) });
    expect(jobs).toHaveLength(12);
    expect(jobs.every((job) => job.operation === 'Backup' && job.status === 'Completed')).toBe(true);
    expect(jobs.every((job) => (job.startTime?.getTime() ?? 0) >= startMs)).toBe(true);
    const starts = jobs.map((job) => job.startTime?.getTime() ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(jobs[0]).toMatchObject({ vault, entity: expect.any(String), errors: [] });
    expect(jobs[0]?.tasks.map((task) => task.name)).toEqual(['Take Snapshot', 'Transfer data to vault']);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.pathname).toBe(`${vaultPath}/backupJobs`);
    expect(request?.searchParams.get('$filter')).toBe(
      "startTime eq '2025-06-10 08:00:00 AM' and endTime eq '2025-07-10 08:00:00 AM' and backupManagementType eq 'AzureIaasVM'",
    );
  });

  it('filters by operation on the server, and is exact to the millisecond', async () => {
    simulator = await startPinnedSimulator();
    const { backup, vault, requests } = setUp(simulator);
    await advanceClock(simulator, dayMs / 1000);
    expect(await backup.listJobs(vault, { since: new Date(startMs), operation: 'Restore' })).toEqual([]);
    expect(requests.at(-1)?.searchParams.get('$filter')).toContain("operation eq 'Restore'");
    const backups = await backup.listJobs(vault, { since: new Date(startMs), operation: 'Backup' });
    expect(backups).toHaveLength(6);
    const oldest = backups.at(-1)?.startTime?.getTime() ?? 0;
    const later = await backup.listJobs(vault, { since: new Date(oldest + 1) });
    expect(later).toHaveLength(5);
    // The afternoon: 12-hour clock, PM.
    await backup.listJobs(vault, { since: new Date('2025-06-10T22:05:09.250Z') });
    expect(requests.at(-1)?.searchParams.get('$filter')).toMatch(/^startTime eq '2025-06-10 10:05:09 PM'/);
    // findJobs is listJobs narrowed to one VM.
    const web = await backup.findJobs(vault, {
      operation: 'Backup',
      vmName: 'VM-WEB-01',
      since: new Date(startMs),
    });
    expect(web.map((job) => job.entity)).toEqual(['vm-web-01']);
  });

  it('follows the pages of a vault with more jobs than a page', async () => {
    simulator = await startPinnedSimulator({ pageSize: 5 });
    const { backup, vault, requests } = setUp(simulator);
    await advanceClock(simulator, (2 * dayMs) / 1000);
    const jobs = await backup.listJobs(vault, { since: new Date(startMs) });
    expect(jobs).toHaveLength(12);
    expect(new Set(jobs.map((job) => job.id)).size).toBe(12);
    expect(requests).toHaveLength(3);
  });
});
