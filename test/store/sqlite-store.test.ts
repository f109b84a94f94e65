import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { SchemaTooNewError, StoreUnavailableError } from '../../src/store/store-errors.js';
import { describeStoreContract } from './store-contract.js';
import { at, makeApproval, makeAuditEntry, makeJob, T0 } from './store-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
let files = 0;
const tempFile = (): string => join(dir, `store-${++files}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('SQLite in memory', () => SqliteStore.open({ file: ':memory:' }));
describeStoreContract('SQLite file', () => SqliteStore.open({ file: tempFile() }));

/** Stores opened by a test, closed after it even when it fails. */
const opened: SqliteStore[] = [];
async function open(
  file: string,
  options: { now?: () => Date; busyTimeoutMs?: number } = {},
): Promise<SqliteStore> {
  const store = await SqliteStore.open({ file, ...options });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

function readRaw<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], T>(sql).all();
  } finally {
    db.close();
  }
}

describe('SqliteStore migrations', () => {
  it('applies each migration once and records it; reopening applies nothing and keeps the data', async () => {
    const file = tempFile();
    const first = await open(file, { now: () => T0 });
    await first.insertApproval(makeApproval('a-1'));
    await first.appendAudit(makeAuditEntry());
    await first.close();
    await open(file, { now: () => at(60) });
    const rows = readRaw<{ version: number; applied_at: number }>(file, 'SELECT * FROM schema_migrations');
    expect(rows).toEqual(
      MIGRATIONS.map((m) => expect.objectContaining({ version: m.version, applied_at: T0.getTime() })),
    );
    const reopened = opened.at(-1);
    expect(await reopened?.getApproval('a-1')).toStrictEqual(makeApproval('a-1'));
    expect(await reopened?.listAudit()).toHaveLength(1);
  });

  it('refuses to open a database migrated by a newer bot, and leaves it untouched', async () => {
    const file = tempFile();
    await (await open(file)).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, 0)').run(
      'from the future',
    );
    db.close();
    const opening = SqliteStore.open({ file });
    await expect(opening).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(opening).rejects.toThrow(
      `The database at ${file} has schema version 999, newer than this bot`,
    );
    expect(readRaw(file, 'SELECT version FROM schema_migrations')).toHaveLength(MIGRATIONS.length + 1);
  });

  it('turns on WAL, so readers never wait for the writer', async () => {
    const file = tempFile();
    await (await open(file)).insertJob(makeJob('j-1'));
    expect(readRaw<{ journal_mode: string }>(file, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(existsSync(`${file}-wal`)).toBe(true);
  });
});

describe('SqliteStore integrity', () => {
  it('refuses to change or delete audit entries even through raw SQL', async () => {
    const file = tempFile();
    await (await open(file)).appendAudit(makeAuditEntry());
    const db = new Database(file);
    try {
      expect(() => db.exec("UPDATE audit_entries SET outcome = 'forged'")).toThrow('append-only');
      expect(() => db.exec('DELETE FROM audit_entries')).toThrow('append-only');
    } finally {
      db.close();
    }
  });

  it('lets one of two connections win a racing conditional update', async () => {
    const file = tempFile();
    const [a, b] = [await open(file), await open(file)];
    await a.insertApproval(makeApproval('race'));
    const expected = { version: 1, states: ['requested' as const] };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        (n % 2 ? a : b).updateApproval('race', expected, { state: 'executing' }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await b.getApproval('race'))?.version).toBe(2);
  });

  it('prunes expired idempotency keys only', async () => {
    const store = await open(':memory:');
    await store.claimIdempotencyKey('short', 1_000, T0);
    await store.claimIdempotencyKey('long', 60_000, T0);
    expect(store.pruneIdempotencyKeys(at(0.5))).toBe(1);
    expect(await store.claimIdempotencyKey('long', 60_000, at(0.5))).toBe(false);
    expect(await store.claimIdempotencyKey('short', 1_000, at(0.5))).toBe(true);
  });
});

describe('SqliteStore when the database cannot be used', () => {
  it('says the database is locked, records nothing, and works once the lock is gone', async () => {
    const file = tempFile();
    const store = await open(file, { busyTimeoutMs: 50 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const failed = store.insertApproval(makeApproval('a-1'));
    await expect(failed).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(failed).rejects.toThrow(`the database at ${file} is locked by another process`);
    other.exec('ROLLBACK');
    other.close();
    expect(await store.getApproval('a-1')).toBeUndefined();
    await store.insertApproval(makeApproval('a-1'));
    expect(await store.getApproval('a-1')).toStrictEqual(makeApproval('a-1'));
  });

  it('says the file is read-only and changes nothing', async (context) => {
    const file = tempFile();
    const store = await open(file);
    await store.insertApproval(makeApproval('a-1'));
    await store.close();
    if (!makeReadOnly(file)) context.skip();
    try {
      const readOnly = await open(file);
      expect(await readOnly.getApproval('a-1')).toBeDefined();
      const failed = readOnly.updateApproval('a-1', { version: 1 }, { state: 'executing' });
      await expect(failed).rejects.toMatchObject({ reason: 'read-only' });
      await expect(failed).rejects.toThrow(
        `The bot cannot write its records right now: the database at ${file} is read-only.`,
      );
      expect((await readOnly.getApproval('a-1'))?.state).toBe('requested');
    } finally {
      undoReadOnly(file);
    }
  });

  it('says the database cannot be opened when its folder cannot be made', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    await expect(SqliteStore.open({ file: join(blocker, 'chatops.db') })).rejects.toMatchObject({
      reason: 'cannot-open',
      message: expect.stringContaining('cannot be opened'),
    });
  });

  it('rejects calls after close with StoreUnavailableError, and ping answers false', async () => {
    const store = await open(':memory:');
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.getJob('j-1')).rejects.toMatchObject({ reason: 'closed' });
  });
});

/**
 * Makes `file` unwritable for this process. chmod is enough for a normal user; root ignores file
 * modes, so there we mark the file immutable (ext4 and most Linux file systems). False when neither works.
 */
function makeReadOnly(file: string): boolean {
  if (process.getuid?.() !== 0) {
    chmodSync(file, 0o444);
    chmodSync(dir, 0o555);
    return true;
  }
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'pipe' });
    return true;
  } catch (error) {
    console.warn(`read-only test skipped: chattr +i failed (${String(error)})`);
    return false;
  }
}

function undoReadOnly(file: string): void {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o755);
    chmodSync(file, 0o644);
    return;
  }
  execFileSync('chattr', ['-i', file], { stdio: 'pipe' });
}
