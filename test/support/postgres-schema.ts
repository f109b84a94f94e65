import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A schema of its own on the test run's PostgreSQL (DATABASE_URL), so tests can share the server:
 * `databaseUrl` points the bot or a store at it; `drop()` removes it with everything in it.
 */
export interface TestSchema {
  schema: string;
  databaseUrl: string;
  drop(): Promise<void>;
}

export async function createTestSchema(url: string): Promise<TestSchema> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return { schema, databaseUrl, drop: () => adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
