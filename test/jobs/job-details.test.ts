import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobResultOf } from '../../src/jobs/job-details.js';
import { JobJournal } from '../../src/jobs/job-journal.js';
import { createLogger } from '../../src/observability/create-logger.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { alice } from '../support/seeded-jobs.js';

const at = (second: number) => new Date(Date.UTC(2026, 11, 8, 10, 0, second));

/**
 * What a job notes for `job <id>` while it runs: the steps of its card, timed as first seen, and
 * the Azure jobs it follows; written beside the handle and the message without one write losing
 * to another, and kept with the outcome once it ends.
 */
describe('the details a job notes', () => {
  let store: SqliteStore;
  const log = createLogger('silent');
  beforeEach(async () => {
    store = await SqliteStore.open({ file: ':memory:', now: () => at(0) });
  });
  afterEach(() => store.close());

  const newJob = () =>
    new JobJournal(store, log, () => at(0)).start({
      commandId: 'backup.run',
      commandText: 'backup vm-web-01 keep 30d',
      requester: alice,
      correlationId: 'ref-1',
    });

  it('times each step from when it was first seen running to when it was first seen done', async () => {
    const job = await newJob();
    const step = (state: 'pending' | 'running' | 'succeeded', detail?: string) => ({
      label: 'Take snapshot',
      state,
      ...(detail ? { detail } : {}),
    });
    await job.noteProgress({ steps: [step('pending'), { label: 'Transfer', state: 'pending' }] }, at(1));
    await job.noteProgress({ steps: [step('running'), { label: 'Transfer', state: 'pending' }] }, at(2));
    await job.noteProgress(
      { steps: [step('running', '40 %'), { label: 'Transfer', state: 'pending' }] },
      at(5),
    );
    await job.noteProgress({ steps: [step('succeeded'), { label: 'Transfer', state: 'running' }] }, at(9));
    const steps = jobResultOf((await store.getJob(job.id))?.result).progress?.steps;
    expect(steps).toEqual([
      { label: 'Take snapshot', state: 'succeeded', startedAt: at(2), endedAt: at(9) },
      { label: 'Transfer', state: 'running', startedAt: at(9) },
    ]);
  });

  it('writes progress, the Azure job, the handle and the message at once without losing one', async () => {
    const job = await newJob();
    const azure = { kind: 'Azure Backup job', name: 'j-1', armId: '/subscriptions/s/x/backupJobs/j-1' };
    const message = { platform: 'teams' as const, conversationId: 'c-1', messageId: 'm-1', reference: {} };
    await Promise.all([
      job.noteProgress({ percent: 10, steps: [{ label: 'Start the backup job', state: 'running' }] }, at(1)),
      job.saveHandle({ kind: 'backup', jobId: 'j-1' }),
      job.follows(azure),
      job.showIn(message),
      job.follows(azure),
    ]);
    const record = await store.getJob(job.id);
    expect(record?.handle).toEqual({ kind: 'backup', jobId: 'j-1' });
    expect(record?.messages).toEqual([message]);
    expect(jobResultOf(record?.result).azure).toEqual([azure]);
    await job.finish('succeeded', { outcome: 'succeeded', title: 'Backup of vm-web-01 done' });
    const ended = jobResultOf((await store.getJob(job.id))?.result);
    expect(ended).toMatchObject({ outcome: 'succeeded', title: 'Backup of vm-web-01 done', azure: [azure] });
    expect(ended.progress?.steps[0]?.label).toBe('Start the backup job');
  });
});
