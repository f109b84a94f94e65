import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres-migrations.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { runSqliteMigrations } from '../../src/store/run-sqlite-migrations.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import { describeStoreContract } from './store-contract.js';
import { makeAuditEntry } from './store-fixtures.js';

/**
 * PostgresStore: the same contract as SQLite against a real server (DATABASE_URL; `.ci/run` sets it
 * to the machine's PostgreSQL), each store in a schema of its own, dropped afterwards; and the two
 * dialects' migrations kept in step.
 */
const url = process.env.DATABASE_URL;
const schemas: string[] = [];

function newSchema(): string {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

afterAll(async () => {
  if (!url || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

describe('PostgreSQL migrations', () => {
  it('keep the versions and names of the SQLite ones', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(
      MIGRATIONS.map((m) => [m.version, m.name]),
    );
  });
});

describe.runIf(url)('PostgresStore against DATABASE_URL', () => {
  describeStoreContract('PostgreSQL', () =>
    PostgresStore.open({ connectionString: url ?? '', schema: newSchema() }),
  );

  it('has the tables and columns of the SQLite schema', async () => {
    const schema = newSchema();
    const store = await PostgresStore.open({ connectionString: url ?? '', schema });
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const result = await client.query<{ table_name: string; column_name: string }>(
      'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1',
      [schema],
    );
    await client.end();
    const postgres = result.rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
    const sqlite = new Database(':memory:');
    runSqliteMigrations(sqlite, ':memory:', new Date());
    const tables = sqlite
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    const columns = tables.flatMap(({ name }) =>
      sqlite
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
        .all()
        .map((c) => `${name}.${c.name}`),
    );
    sqlite.close();
    expect(postgres).toEqual(columns.sort());
  });

  it('keeps the audit trail append-only even for raw SQL', async () => {
    const schema = newSchema();
    const store = await PostgresStore.open({ connectionString: url ?? '', schema });
    await store.appendAudit(makeAuditEntry());
    await store.close();
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    await expect(client.query("UPDATE audit_entries SET outcome = 'forged'")).rejects.toThrow(/append-only/);
    await expect(client.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
    await client.end();
  });

  it('migrates once when several replicas open the same database at the same moment', async () => {
    const schema = newSchema();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () =>
        PostgresStore.open({ connectionString: url ?? '', schema, poolSize: 2 }),
      ),
    );
    for (const store of stores) await store.close();
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    const versions = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    await client.end();
    expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('PostgresStore without a server', () => {
  it('says the database is not answering, with the fix, and never the password', async () => {
    const opening = PostgresStore.open({
      connectionString: 'postgres://bot:s3cret-password@127.0.0.1:1/chatops',
      connectTimeoutMs: 2_000,
    });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    const error = (await opening.catch((e: unknown) => e)) as StoreUnavailableError;
    expect(error.message).toContain('is not answering');
    expect(error.message).not.toContain('s3cret-password');
  });
});
