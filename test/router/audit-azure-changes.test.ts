import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** Every change Azure accepts is audited under the command that made it, with Azure's request id. */
describe('audit of Azure changes', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('records each accepted PUT of a snapshot set with the command, job and ARM request id', async () => {
    await bot.ask('snapshot vm-sql-01', (t) => t.includes('created'));
    const store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
    try {
      const entries = await store.listAudit({ limit: 100 });
      const accepted = entries.find((e) => e.kind === 'command' && e.commandId === 'snapshot.create');
      const changes = entries.filter((e) => e.kind === 'azure-change');
      expect(changes.map((e) => e.outcome)).toEqual(['PUT 202', 'PUT 202', 'PUT 202']);
      for (const change of changes) {
        expect(change.correlationId).toBe(accepted?.correlationId);
        expect(change.commandId).toBe('snapshot.create');
        expect(change.jobId).toMatch(/^job-[0-9a-f]{8}$/);
        expect(change.armRequestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(JSON.stringify(change.detail)).toMatch(/Microsoft\.Compute\/snapshots\/vm-sql-01-/);
      }
      const jobs = await store.listJobs({ limit: 5 });
      expect(jobs.map((j) => j.id)).toContain(changes[0]?.jobId);
    } finally {
      await store.close();
    }
  });

  it('records nothing for reads and dry runs', async () => {
    const store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
    try {
      const before = (await store.listAudit({ limit: 500 })).filter((e) => e.kind === 'azure-change').length;
      await bot.ask('status vm-web-01', (t) => t.includes('Latest snapshot set'));
      await bot.ask('snapshot vm-web-01 --dry-run', (t) => t.includes('Dry run'));
      const after = (await store.listAudit({ limit: 500 })).filter((e) => e.kind === 'azure-change').length;
      expect(after).toBe(before);
    } finally {
      await store.close();
    }
  });
});
