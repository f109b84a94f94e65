import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobJournal } from '../../src/jobs/job-journal.js';
import { createLogger } from '../../src/observability/create-logger.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { alice } from '../support/seeded-jobs.js';

/**
 * Job ownership between two processes on one store: a job's lease is renewed by its owner's
 * heartbeat; once it runs out another process claims the job, and the old owner can no longer
 * write it.
 */
describe('job leases', () => {
  let store: SqliteStore;
  let clock = Date.parse('2026-12-04T07:00:00Z');
  const now = () => new Date(clock);
  const log = createLogger('silent');
  beforeEach(async () => {
    store = await SqliteStore.open({ file: ':memory:', now });
  });
  afterEach(() => store.close());

  const job = {
    commandId: 'dr.drill',
    commandText: 'dr drill shop',
    requester: alice,
    correlationId: 'ref-1',
  };

  it('takes over a job only after its owner stopped renewing it, and stops the old owner writing', async () => {
    const a = new JobJournal(store, log, now, { owner: 'bot-a', leaseMs: 30_000 });
    const b = new JobJournal(store, log, now, { owner: 'bot-b', leaseMs: 30_000 });
    const handle = await a.start(job);
    await handle.saveHandle({ step: 1 });

    clock += 25_000;
    expect(await b.claimUnfinished('expired')).toEqual([]);
    expect(await a.renewLeases()).toBe(1);
    clock += 25_000;
    expect(await b.claimUnfinished('expired')).toEqual([]);

    // bot-a dies: no more heartbeats.
    clock += 31_000;
    const [taken] = await b.claimUnfinished('expired');
    expect(taken?.id).toBe(handle.id);
    expect(taken?.current.owner).toBe('bot-b');
    expect(taken?.current.handle).toEqual({ step: 1 });
    expect(await b.claimUnfinished('expired')).toEqual([]);
    await expect(handle.saveHandle({ step: 2 })).rejects.toThrow(/no longer owned/);
    await taken?.finish('succeeded', { outcome: 'succeeded' });
    expect((await store.getJob(handle.id))?.state).toBe('succeeded');
  });
});
