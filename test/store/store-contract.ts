import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorePort } from '../../src/store/store-port.js';
import { describeAlertStore } from './alert-store-contract.js';
import { describeChangeClaims } from './change-claims-contract.js';
import {
  alice,
  at,
  makeApproval,
  makeAuditEntry,
  makeJob,
  makeMinimalApproval,
  T0,
  teamsConversation,
} from './store-fixtures.js';

const RACERS = 50;

/**
 * The behaviour every StorePort implementation must have (SQLite always, PostgreSQL when
 * DATABASE_URL is set). `openStore` must return a new, empty store each time.
 */
export function describeStoreContract(name: string, openStore: () => Promise<StorePort>): void {
  describe(`StorePort contract: ${name}`, () => {
    let store: StorePort;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await store.close();
    });
    const use = (): StorePort => store;

    describeApprovals(use);
    describeJobs(use);
    describeAudit(use);
    describeConversationsAndKeys(use);
    describeDrillReports(use);
    describeJobLeases(use);
    describeAlertStore(use);
    describeChangeClaims(use);
  });
}

function describeJobLeases(use: () => StorePort): void {
  describe('job leases', () => {
    it("renews the leases of the owner's running jobs only, and leaves their versions alone", async () => {
      await use().insertJob(makeJob('job-a', { owner: 'bot-a', leaseExpiresAt: at(1) }));
      await use().insertJob(makeJob('job-b', { owner: 'bot-b', leaseExpiresAt: at(1) }));
      await use().insertJob(
        makeJob('job-done', { owner: 'bot-a', leaseExpiresAt: at(1), state: 'succeeded' }),
      );
      expect(await use().renewJobLeases('bot-a', at(5))).toBe(1);
      const a = await use().getJob('job-a');
      expect(a?.leaseExpiresAt).toEqual(at(5));
      expect(a?.version).toBe(1);
      expect((await use().getJob('job-b'))?.leaseExpiresAt).toEqual(at(1));
      expect((await use().getJob('job-done'))?.leaseExpiresAt).toEqual(at(1));
    });

    it('lets one of many claimants take over a job', async () => {
      await use().insertJob(makeJob('job-x', { owner: 'bot-dead', leaseExpiresAt: at(1) }));
      const claims = await Promise.all(
        Array.from({ length: RACERS }, (_v, i) =>
          use().updateJob(
            'job-x',
            { version: 1, states: ['running'] },
            { owner: `bot-${i}`, leaseExpiresAt: at(3) },
          ),
        ),
      );
      const winners = claims.filter((c) => c !== undefined);
      expect(winners).toHaveLength(1);
      expect((await use().getJob('job-x'))?.owner).toBe(winners[0]?.owner);
    });
  });
}

function describeDrillReports(use: () => StorePort): void {
  describe('drill reports', () => {
    const report = (id: string, app: string, hours: number) => ({
      id,
      app,
      result: 'succeeded',
      createdAt: at(hours),
      body: { app, rtoSeconds: 300 + hours, when: at(hours) },
    });

    it('reads a report back exactly, lists newest first, filters by app in any case', async () => {
      await use().insertDrillReport({ ...report('dr-1', 'shop', 1), drillJobId: 'job-1' });
      await use().insertDrillReport(report('dr-2', 'crm', 2));
      await use().insertDrillReport(report('dr-3', 'shop', 3));
      expect(await use().getDrillReport('dr-1')).toStrictEqual({
        ...report('dr-1', 'shop', 1),
        drillJobId: 'job-1',
      });
      expect((await use().listDrillReports()).map((r) => r.id)).toEqual(['dr-3', 'dr-2', 'dr-1']);
      expect((await use().listDrillReports({ app: 'SHOP' })).map((r) => r.id)).toEqual(['dr-3', 'dr-1']);
      expect((await use().listDrillReports({ limit: 1 })).map((r) => r.id)).toEqual(['dr-3']);
      expect(await use().getDrillReport('dr-unknown')).toBeUndefined();
    });

    it('writes a report once: a second insert of the same id fails and keeps the first', async () => {
      await use().insertDrillReport(report('dr-1', 'shop', 1));
      await expect(use().insertDrillReport(report('dr-1', 'crm', 2))).rejects.toThrow();
      expect((await use().getDrillReport('dr-1'))?.app).toBe('shop');
    });
  });
}

function describeApprovals(use: () => StorePort): void {
  describe('approvals', () => {
    it('reads back exactly what was inserted, nested JSON and Dates included', async () => {
      const full = makeApproval('a-full', { jobId: 'j-1' });
      const minimal = makeMinimalApproval('a-min');
      await use().insertApproval(full);
      await use().insertApproval(minimal);
      expect(await use().getApproval('a-full')).toStrictEqual(full);
      expect(await use().getApproval('a-min')).toStrictEqual(minimal);
      const decision = (await use().getApproval('a-full'))?.decisions[0];
      expect(decision?.at).toBeInstanceOf(Date);
    });

    it('refuses a second insert with the same id and keeps the first', async () => {
      await use().insertApproval(makeApproval('a-1'));
      await expect(use().insertApproval(makeApproval('a-1', { commandText: 'other' }))).rejects.toThrow();
      expect((await use().getApproval('a-1'))?.commandText).toBe(makeApproval('a-1').commandText);
    });

    it('lists newest first, filtered by state, up to a limit', async () => {
      await use().insertApproval(makeApproval('old', { createdAt: at(1) }));
      await use().insertApproval(makeApproval('new', { createdAt: at(3), state: 'executing' }));
      await use().insertApproval(makeApproval('mid', { createdAt: at(2), state: 'rejected' }));
      const ids = async (filter?: Parameters<StorePort['listApprovals']>[0]) =>
        (await use().listApprovals(filter)).map((a) => a.id);
      expect(await ids()).toEqual(['new', 'mid', 'old']);
      expect(await ids({ limit: 2 })).toEqual(['new', 'mid']);
      expect(await ids({ states: ['requested', 'rejected'] })).toEqual(['mid', 'old']);
      expect(await ids({ states: ['requested', 'rejected'], limit: 1 })).toEqual(['mid']);
      expect(await ids({ states: ['expired'] })).toEqual([]);
      expect(await ids({ states: [] })).toEqual([]);
    });

    it(`lets exactly one of ${RACERS} racing updates from the same version win`, async () => {
      await use().insertApproval(makeApproval('race'));
      const results = await Promise.all(
        Array.from({ length: RACERS }, () =>
          use().updateApproval('race', { version: 1, states: ['requested'] }, { state: 'executing' }),
        ),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(1);
      expect(results.filter((r) => r === undefined)).toHaveLength(RACERS - 1);
      const final = await use().getApproval('race');
      expect(final).toMatchObject({ state: 'executing', version: 2 });
      expect(results.find((r) => r !== undefined)).toStrictEqual(final);
    });

    it('changes only the given fields, bumps the version and updatedAt, and returns the record', async () => {
      await use().insertApproval(makeMinimalApproval('a-1'));
      const decisions = [{ actor: alice, decision: 'approve' as const, at: at(5) }];
      const updated = await use().updateApproval('a-1', { version: 1 }, { decisions, message: undefined });
      expect(updated).toMatchObject({
        version: 2,
        state: 'requested',
        decisions,
        commandText: 'dr drill shop',
      });
      expect(updated?.updatedAt.getTime()).toBeGreaterThan(T0.getTime());
      expect(updated).not.toHaveProperty('message');
      const next = await use().updateApproval('a-1', { version: 2 }, { state: 'approved', jobId: 'j-9' });
      expect(next).toMatchObject({ version: 3, state: 'approved', jobId: 'j-9', decisions });
      expect(await use().getApproval('a-1')).toStrictEqual(next);
    });

    it('changes nothing when the version or the state is not the expected one', async () => {
      const record = makeApproval('a-1');
      await use().insertApproval(record);
      expect(await use().updateApproval('a-1', { version: 2 }, { state: 'cancelled' })).toBeUndefined();
      const wrongState = { version: 1, states: ['approved' as const] };
      expect(await use().updateApproval('a-1', wrongState, { state: 'executing' })).toBeUndefined();
      expect(
        await use().updateApproval('a-1', { version: 1, states: [] }, { state: 'expired' }),
      ).toBeUndefined();
      expect(await use().getApproval('a-1')).toStrictEqual(record);
    });

    it('answers undefined for unknown ids', async () => {
      expect(await use().getApproval('nope')).toBeUndefined();
      expect(await use().updateApproval('nope', { version: 1 }, { state: 'cancelled' })).toBeUndefined();
    });
  });
}

function describeJobs(use: () => StorePort): void {
  describe('jobs', () => {
    it('reads back exactly what was inserted, handle, messages and result included', async () => {
      await use().insertApproval(makeApproval('a-1'));
      const job = makeJob('j-1', {
        approvalId: 'a-1',
        result: { ok: true, finishedAt: at(9), rows: [[1, 'x']] },
      });
      await use().insertJob(job);
      await use().insertJob(makeJob('j-2'));
      expect(await use().getJob('j-1')).toStrictEqual(job);
      expect(await use().getJob('j-2')).toStrictEqual(makeJob('j-2'));
    });

    it('refuses a job that names an approval the store does not have', async () => {
      await expect(use().insertJob(makeJob('j-1', { approvalId: 'missing' }))).rejects.toThrow();
      expect(await use().getJob('j-1')).toBeUndefined();
    });

    it('lists newest first, filtered by state, up to a limit', async () => {
      await use().insertJob(makeJob('old', { createdAt: at(1) }));
      await use().insertJob(makeJob('new', { createdAt: at(3), state: 'succeeded' }));
      await use().insertJob(makeJob('mid', { createdAt: at(2) }));
      const ids = async (filter?: Parameters<StorePort['listJobs']>[0]) =>
        (await use().listJobs(filter)).map((j) => j.id);
      expect(await ids()).toEqual(['new', 'mid', 'old']);
      expect(await ids({ states: ['running'] })).toEqual(['mid', 'old']);
      expect(await ids({ states: ['running'], limit: 1 })).toEqual(['mid']);
      expect(await ids({ limit: 0 })).toEqual([]);
    });

    it(`lets exactly one of ${RACERS} racing updates from the same version win`, async () => {
      await use().insertJob(makeJob('race'));
      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, n) =>
          use().updateJob('race', { version: 1, states: ['running'] }, { state: 'succeeded', result: { n } }),
        ),
      );
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect(await use().getJob('race')).toStrictEqual(winners[0]);
      expect(winners[0]?.version).toBe(2);
    });

    it('changes nothing when the version or the state is not the expected one', async () => {
      const job = makeJob('j-1');
      await use().insertJob(job);
      expect(await use().updateJob('j-1', { version: 7 }, { state: 'failed' })).toBeUndefined();
      expect(
        await use().updateJob('j-1', { version: 1, states: ['succeeded'] }, { state: 'failed' }),
      ).toBeUndefined();
      expect(await use().getJob('j-1')).toStrictEqual(job);
      const messages = [...job.messages].reverse();
      const updated = await use().updateJob(
        'j-1',
        { version: 1 },
        { handle: { step: 2, at: at(4) }, messages },
      );
      expect(updated).toMatchObject({
        version: 2,
        state: 'running',
        handle: { step: 2, at: at(4) },
        messages,
      });
    });

    it('withdraws a running job only at the version read, and never one that ended', async () => {
      await use().insertJob(makeJob('refused'));
      await use().insertJob(makeJob('taken'));
      await use().insertJob(makeJob('ended', { state: 'failed' }));
      await use().updateJob('taken', { version: 1 }, { owner: 'another' });
      expect(await use().withdrawJob('taken', { version: 1 })).toBe(false);
      expect(await use().withdrawJob('ended', { version: 1 })).toBe(false);
      expect(await use().withdrawJob('nope', { version: 1 })).toBe(false);
      expect(await use().withdrawJob('refused', { version: 1 })).toBe(true);
      expect(await use().getJob('refused')).toBeUndefined();
      expect((await use().listJobs()).map((j) => j.id).sort()).toEqual(['ended', 'taken']);
    });

    it('answers undefined for unknown ids', async () => {
      expect(await use().getJob('nope')).toBeUndefined();
      expect(await use().updateJob('nope', { version: 1 }, { state: 'failed' })).toBeUndefined();
    });
  });
}

function describeAudit(use: () => StorePort): void {
  describe('audit', () => {
    it('assigns a sequence and reads entries back exactly', async () => {
      const entry = makeAuditEntry({ approvalId: 'a-1', jobId: 'j-1', armRequestId: 'arm-1' });
      const appended = await use().appendAudit(entry);
      expect(appended).toStrictEqual({ ...entry, sequence: appended.sequence });
      const minimal = makeAuditEntry({ channel: undefined, commandId: undefined, commandText: undefined });
      delete minimal.detail;
      const second = await use().appendAudit(minimal);
      expect(await use().listAudit()).toStrictEqual([second, appended]);
      expect(second).not.toHaveProperty('channel');
    });

    it('numbers entries strictly increasing and lists them newest first, up to a limit', async () => {
      const appended = [];
      for (let n = 0; n < 5; n++)
        appended.push(await use().appendAudit(makeAuditEntry({ outcome: `n${n}` })));
      const sequences = appended.map((e) => e.sequence);
      for (let n = 1; n < sequences.length; n++) expect(sequences[n]).toBeGreaterThan(sequences[n - 1] ?? 0);
      expect((await use().listAudit()).map((e) => e.outcome)).toEqual(['n4', 'n3', 'n2', 'n1', 'n0']);
      expect((await use().listAudit({ limit: 2 })).map((e) => e.outcome)).toEqual(['n4', 'n3']);
    });

    it('lists only entries at or after `since`', async () => {
      for (const minute of [1, 2, 3, 4])
        await use().appendAudit(makeAuditEntry({ at: at(minute), outcome: `m${minute}` }));
      expect((await use().listAudit({ since: at(2) })).map((e) => e.outcome)).toEqual(['m4', 'm3', 'm2']);
      expect((await use().listAudit({ since: at(2), limit: 1 })).map((e) => e.outcome)).toEqual(['m4']);
      expect(await use().listAudit({ since: at(60) })).toEqual([]);
    });

    it('pages back with `before`: only entries older than a sequence, newest first', async () => {
      const appended = [];
      for (const minute of [1, 2, 3, 4, 5])
        appended.push(await use().appendAudit(makeAuditEntry({ at: at(minute), outcome: `p${minute}` })));
      const fourth = appended[3]?.sequence ?? 0;
      const outcomes = async (filter: Parameters<StorePort['listAudit']>[0]) =>
        (await use().listAudit(filter)).map((e) => e.outcome);
      expect(await outcomes({ before: fourth, limit: 2 })).toEqual(['p3', 'p2']);
      expect(await outcomes({ before: fourth, since: at(2) })).toEqual(['p3', 'p2']);
      expect(await outcomes({ before: appended[0]?.sequence ?? 0 })).toEqual([]);
    });

    it('offers no way to change or delete an entry', () => {
      const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(use()));
      expect(methods.filter((m) => /audit/i.test(m))).toEqual(
        expect.arrayContaining(['appendAudit', 'listAudit']),
      );
      expect(methods.filter((m) => /(update|delete|remove|clear).*audit/i.test(m))).toEqual([]);
    });
  });
}

function describeConversationsAndKeys(use: () => StorePort): void {
  describe('conversations', () => {
    it('reads back a saved reference exactly, and a later save overwrites it', async () => {
      await use().saveConversation(teamsConversation);
      expect(await use().getConversation('teams', teamsConversation.conversationId)).toStrictEqual(
        teamsConversation,
      );
      const moved = {
        platform: 'teams' as const,
        conversationId: teamsConversation.conversationId,
        reference: { v: 2 },
      };
      await use().saveConversation(moved);
      expect(await use().getConversation('teams', teamsConversation.conversationId)).toStrictEqual(moved);
    });

    it('keys references by platform and conversation id', async () => {
      await use().saveConversation(teamsConversation);
      expect(await use().getConversation('slack', teamsConversation.conversationId)).toBeUndefined();
      expect(await use().getConversation('teams', 'unknown')).toBeUndefined();
    });
  });

  describe('idempotency keys and health', () => {
    it('claims a key once within its lifetime, and again after it expires', async () => {
      const ttlMs = 60_000;
      expect(await use().claimIdempotencyKey('click-1', ttlMs, T0)).toBe(true);
      expect(await use().claimIdempotencyKey('click-1', ttlMs, at(0.5))).toBe(false);
      expect(await use().claimIdempotencyKey('click-2', ttlMs, at(0.5))).toBe(true);
      expect(await use().claimIdempotencyKey('click-1', ttlMs, at(1))).toBe(true);
      expect(await use().claimIdempotencyKey('click-1', ttlMs, at(1.5))).toBe(false);
    });

    it(`grants one of ${RACERS} racing claims of the same key`, async () => {
      const claims = await Promise.all(
        Array.from({ length: RACERS }, () => use().claimIdempotencyKey('retry', 60_000, T0)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('answers ping', async () => {
      expect(await use().ping()).toBe(true);
    });
  });
}
