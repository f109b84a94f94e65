import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillReport } from '../../src/operations/site-recovery/drill-report.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { approve, say, startBotProcess, until } from '../support/bot-process.js';
import { cardText } from '../support/fake-bot-connector.js';
import { type ReplicaBackend, startReplicaBackend } from '../support/replica-backend.js';

/**
 * Two bot processes on one PostgreSQL database and one simulator. The replica that runs a drill is
 * killed; the other takes the job over once its lease runs out, finishes the drill in the same
 * thread, and the cleanup's report is complete (who asked and approved, points, RTO, steps).
 */
const url = process.env.DATABASE_URL;

describe.runIf(url)('a replica dies in the middle of a drill', () => {
  let backend: ReplicaBackend;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    backend = await startReplicaBackend(url ?? '', { speed: 60 });
  }, 30_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await backend?.stop();
  });

  it('the other replica finishes it, and the report is complete', async () => {
    const env = { ...backend.env, JOB_LEASE_SECONDS: '3' };
    const [a, b] = await Promise.all(backend.dirs.map((dir) => startBotProcess(dir, '60', env)));
    if (!a || !b) throw new Error('replicas did not start');
    children.push(a.child, b.child);

    const thread = await say(a.url, backend.connector, 'dr drill crm');
    const texts = () => backend.connector.inConversation(thread).map((m) => cardText(m.versions.at(-1)));
    await until(() => texts().some((t) => t.includes('Approval needed')), 'the approval card');
    const approvalId = /apr-[0-9a-f]{8}/.exec(texts()[0] ?? '')?.[0] ?? '';
    // Clicked on replica B: the approval lives in the shared database; B runs the drill.
    await approve(b.url, backend.connector, approvalId);
    const progress = () => texts().find((t) => t.startsWith('DR drill of crm')) ?? '';
    await until(() => /Site Recovery job [0-9a-f-]{36}/.test(progress()), 'the drill in progress');
    const azureJob = /Site Recovery job ([0-9a-f-]{36})/.exec(progress())?.[1];
    b.child.kill('SIGKILL');
    await new Promise((resolve) => b.child.once('exit', resolve));

    // A takes the job over after B's 3-second lease and finishes it in the same thread.
    await until(
      () => texts().some((t) => t.includes('Drill VMs are running in vnet-dr-test')),
      'the drill finished by replica A',
      60_000,
      () => `${texts().join('\n---\n')}\n${a.output()}`,
    );
    expect(progress()).toContain(`Site Recovery job ${azureJob}`);
    expect(a.output()).toContain('took over a job whose owner stopped renewing it');

    const cleanup = await say(a.url, backend.connector, 'dr cleanup crm notes "replica failover drill"');
    await until(
      () =>
        backend.connector
          .inConversation(cleanup)
          .some((m) => cardText(m.versions.at(-1)).includes('Drill report')),
      'the report',
      60_000,
    );
    const store = await PostgresStore.open({ connectionString: backend.db.databaseUrl });
    try {
      const [record] = await store.listDrillReports({ app: 'crm' });
      const report = record?.body as DrillReport;
      expect(report.requestedBy).toBe('alice');
      expect(report.decisions.map((d) => d.by)).toEqual(['bob']);
      expect(report.points.map((p) => p.vm).sort()).toEqual(['vm-crm-01', 'vm-crm-02']);
      expect(report.vmsRunningSeconds).toBeGreaterThan(0);
      expect(report.siteRecoveryJob).toBe(azureJob);
      expect(report.steps.map((s) => s.name)).toContain('Group 2: Start virtual machines (vm-crm-01)');
      expect(report.result).toBe('succeeded');
      // The drill's own job ends once it sees the report, in replica A.
      await expect
        .poll(
          async () =>
            (await store.listJobs()).filter((job) => job.commandId === 'dr.drill').map((job) => job.state),
          {
            timeout: 20_000,
          },
        )
        .toEqual(['succeeded']);
      await until(
        () => texts().some((t) => t.includes('DR drill of crm: cleaned up')),
        'the drill card closed',
      );
    } finally {
      await store.close();
    }
  }, 180_000);
});
