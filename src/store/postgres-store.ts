import pg from 'pg';
import type { ConversationRef, Platform } from '../chat/chat-event.js';
import type { AlertStorePort } from './alert-store-port.js';
import { buildConditionalUpdate } from './build-conditional-update.js';
import type { ChangeClaimStorePort } from './change-claim-port.js';
import { planMigrations } from './migrations.js';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_MIGRATIONS_SQL } from './postgres-migrations.js';
import { numberPlaceholders, SqlAlertStore } from './sql-alert-store.js';
import { SqlChangeClaims } from './sql-change-claims.js';
import {
  type ApprovalRow,
  type AuditRow,
  approvalChangesToColumns,
  approvalToRow,
  auditToRow,
  type ConversationRow,
  conversationToRow,
  type DrillReportRow,
  drillReportToRow,
  type JobRow,
  jobChangesToColumns,
  jobToRow,
  rowToApproval,
  rowToAudit,
  rowToConversation,
  rowToDrillReport,
  rowToJob,
  toMs,
} from './sqlite-rows.js';
import { StoreUnavailableError } from './store-errors.js';
import type {
  ApprovalChanges,
  ApprovalRecord,
  ApprovalState,
  AuditEntry,
  DrillReportRecord,
  JobChanges,
  JobRecord,
  JobState,
  NewAuditEntry,
  StorePort,
} from './store-port.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` (DATABASE_URL). */
  connectionString: string;
  /** A schema to keep the tables in (created if absent); default the connection's search_path. */
  schema?: string;
  now?: () => Date;
  /** Connections per process (default 10). */
  poolSize?: number;
  /** Server-side limit for one statement (default 5 s): a stuck query fails instead of hanging a command. */
  statementTimeoutMs?: number;
  /** How long to wait for a connection (default 5 s). */
  connectTimeoutMs?: number;
}

const PRUNE_EVERY_CLAIMS = 256;
/** Serializes migrations of replicas starting at once (pg_advisory_xact_lock key). */
const MIGRATION_LOCK = 7_263_421;

/**
 * StorePort on PostgreSQL (`pg`), for several bot replicas on one database. The same rows, JSON
 * codec and conditional UPDATE as SqliteStore (sqlite-rows.ts, build-conditional-update.ts) with
 * `$n` placeholders; BIGINT columns are read back as numbers (epoch milliseconds fit exactly).
 * Every step that must happen once is one conditional statement, so it holds across replicas.
 * Losing the server (refused, reset, timeout) becomes StoreUnavailableError; constraint violations
 * stay what they are (a second report insert, an unknown approval id) and reach the caller.
 */
export class PostgresStore implements StorePort {
  private claimsSincePrune = 0;
  readonly alerts: AlertStorePort;
  readonly claims: ChangeClaimStorePort;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
    private readonly now: () => Date,
  ) {
    this.alerts = new SqlAlertStore((sql, params) => this.query(numberPlaceholders(sql), params), now);
    this.claims = new SqlChangeClaims((sql, params) => this.query(numberPlaceholders(sql), params));
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const now = options.now ?? (() => new Date());
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new RangeError(`schema must be a lower-case identifier, got ${JSON.stringify(schema)}.`);
    }
    const where = describeUrl(options.connectionString);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 5_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      types: { getTypeParser: typeParser },
    });
    // An idle connection the server drops must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool, where, now);
    try {
      await store.migrate(schema);
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw translatePgError(error, where);
    }
  }

  private async migrate(schema: string | undefined): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(POSTGRES_SCHEMA_MIGRATIONS_SQL);
      const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const pending = planMigrations(
        applied.rows.map((row) => Number(row.version)),
        this.where,
        POSTGRES_MIGRATIONS,
      );
      for (const migration of pending) {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          this.now().getTime(),
        ]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async insertApproval(record: ApprovalRecord): Promise<void> {
    await this.insert('approvals', approvalToRow(record));
  }

  async getApproval(id: string): Promise<ApprovalRecord | undefined> {
    const [row] = await this.query<ApprovalRow>('SELECT * FROM approvals WHERE id = $1', [id]);
    return row && rowToApproval(row);
  }

  async listApprovals(filter: { states?: ApprovalState[]; limit?: number } = {}): Promise<ApprovalRecord[]> {
    return (await this.listNewestFirst<ApprovalRow>('approvals', filter)).map(rowToApproval);
  }

  async updateApproval(
    id: string,
    expected: { version: number; states?: ApprovalState[] },
    changes: ApprovalChanges,
  ): Promise<ApprovalRecord | undefined> {
    const row = await this.conditionalUpdate<ApprovalRow>(
      'approvals',
      id,
      expected,
      approvalChangesToColumns(changes),
    );
    return row && rowToApproval(row);
  }

  async insertJob(record: JobRecord): Promise<void> {
    await this.insert('jobs', jobToRow(record));
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const [row] = await this.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
    return row && rowToJob(row);
  }

  async listJobs(filter: { states?: JobState[]; limit?: number } = {}): Promise<JobRecord[]> {
    return (await this.listNewestFirst<JobRow>('jobs', filter)).map(rowToJob);
  }

  async updateJob(
    id: string,
    expected: { version: number; states?: JobState[] },
    changes: JobChanges,
  ): Promise<JobRecord | undefined> {
    const row = await this.conditionalUpdate<JobRow>('jobs', id, expected, jobChangesToColumns(changes));
    return row && rowToJob(row);
  }

  async withdrawJob(id: string, expected: { version: number }): Promise<boolean> {
    const sql = "DELETE FROM jobs WHERE id = $1 AND version = $2 AND state = 'running' RETURNING id";
    return (await this.query(sql, [id, expected.version])).length === 1;
  }

  async renewJobLeases(owner: string, until: Date): Promise<number> {
    const sql = "UPDATE jobs SET lease_expires_at = $1 WHERE owner = $2 AND state = 'running' RETURNING id";
    return (await this.query(sql, [toMs(until, 'until'), owner])).length;
  }

  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const [row] = await this.insert<AuditRow>('audit_entries', auditToRow(entry), ' RETURNING *');
    if (!row) throw new Error('PostgreSQL returned no row for an audit INSERT ... RETURNING.');
    return rowToAudit(row);
  }

  async listAudit(filter: { limit?: number; since?: Date; before?: number } = {}): Promise<AuditEntry[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.since !== undefined) {
      params.push(toMs(filter.since, 'since'));
      where.push(`at >= $${params.length}`);
    }
    if (filter.before !== undefined) {
      params.push(filter.before);
      where.push(`sequence < $${params.length}`);
    }
    let sql = 'SELECT * FROM audit_entries';
    if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
    sql += ` ORDER BY sequence DESC${limitClause(filter.limit, params)}`;
    return (await this.query<AuditRow>(sql, params)).map(rowToAudit);
  }

  async insertDrillReport(record: DrillReportRecord): Promise<void> {
    await this.insert('drill_reports', drillReportToRow(record));
  }

  async getDrillReport(id: string): Promise<DrillReportRecord | undefined> {
    const [row] = await this.query<DrillReportRow>('SELECT * FROM drill_reports WHERE id = $1', [id]);
    return row && rowToDrillReport(row);
  }

  async listDrillReports(filter: { app?: string; limit?: number } = {}): Promise<DrillReportRecord[]> {
    const params: unknown[] = [];
    let sql = 'SELECT * FROM drill_reports';
    if (filter.app !== undefined) {
      params.push(filter.app.toLowerCase());
      sql += ` WHERE app = $${params.length}`;
    }
    sql += ` ORDER BY created_at DESC, id DESC${limitClause(filter.limit, params)}`;
    return (await this.query<DrillReportRow>(sql, params)).map(rowToDrillReport);
  }

  async saveConversation(conversation: ConversationRef): Promise<void> {
    await this.insert(
      'conversations',
      conversationToRow(conversation, this.now()),
      ' ON CONFLICT (platform, conversation_id) DO UPDATE SET thread_id = excluded.thread_id, ' +
        'reference = excluded.reference, updated_at = excluded.updated_at',
    );
  }

  async getConversation(platform: Platform, conversationId: string): Promise<ConversationRef | undefined> {
    const sql = 'SELECT * FROM conversations WHERE platform = $1 AND conversation_id = $2';
    const [row] = await this.query<ConversationRow>(sql, [platform, conversationId]);
    return row && rowToConversation(row);
  }

  /** The same single upsert as SQLite's: a live key matches nothing and RETURNING yields no row. */
  async claimIdempotencyKey(key: string, ttlMs: number, now: Date = this.now()): Promise<boolean> {
    if (!Number.isFinite(ttlMs) || ttlMs <= 0)
      throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}.`);
    const at = toMs(now, 'now');
    const sql =
      'INSERT INTO idempotency_keys (key, expires_at) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE ' +
      'SET expires_at = excluded.expires_at WHERE idempotency_keys.expires_at <= $3 RETURNING key';
    const claimed = (await this.query(sql, [key, at + ttlMs, at])).length > 0;
    this.claimsSincePrune += 1;
    if (this.claimsSincePrune >= PRUNE_EVERY_CLAIMS) {
      this.claimsSincePrune = 0;
      await this.query('DELETE FROM idempotency_keys WHERE expires_at <= $1', [at]);
    }
    return claimed;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.pool.query('SELECT 1 AS ok')).rowCount === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async conditionalUpdate<Row>(
    table: 'approvals' | 'jobs',
    id: string,
    expected: { version: number; states?: readonly string[] },
    sets: ReadonlyArray<readonly [string, unknown]>,
  ): Promise<Row | undefined> {
    // No allowed state can match, and PostgreSQL rejects `IN ()`.
    if (expected.states && expected.states.length === 0) return undefined;
    const { sql, params } = buildConditionalUpdate({
      table,
      sets,
      id,
      version: expected.version,
      states: expected.states,
      updatedAt: toMs(this.now(), 'now'),
      placeholder: (n) => `$${n}`,
    });
    const [row] = await this.query<Row>(sql, params);
    return row;
  }

  private async listNewestFirst<Row>(
    table: 'approvals' | 'jobs',
    filter: { states?: string[]; limit?: number },
  ): Promise<Row[]> {
    if (filter.states && filter.states.length === 0) return [];
    const params: unknown[] = [...(filter.states ?? [])];
    const where = filter.states
      ? ` WHERE state IN (${filter.states.map((_s, i) => `$${i + 1}`).join(', ')})`
      : '';
    const sql = `SELECT * FROM ${table}${where} ORDER BY created_at DESC, id DESC${limitClause(filter.limit, params)}`;
    return this.query<Row>(sql, params);
  }

  /** `INSERT INTO table (a, b) VALUES ($1, $2)` for a row object, plus any suffix. */
  private insert<Row = unknown>(table: string, row: object, suffix = ''): Promise<Row[]> {
    const columns = Object.keys(row);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')})${suffix}`;
    return this.query<Row>(sql, Object.values(row));
  }

  private async query<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    try {
      const result = await this.pool.query(sql, params);
      return result.rows as Row[];
    } catch (error) {
      throw translatePgError(error, this.where);
    }
  }
}

function limitClause(limit: number | undefined, params: unknown[]): string {
  if (limit === undefined) return '';
  if (!Number.isInteger(limit) || limit < 0)
    throw new RangeError(`limit must be a whole number >= 0, got ${limit}.`);
  params.push(limit);
  return ` LIMIT $${params.length}`;
}

/** int8 (BIGINT) as a number: epoch milliseconds and versions are far below 2^53. */
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

/** The URL without its password, for messages. */
function describeUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = '';
    return url.toString();
  } catch {
    return 'the PostgreSQL server in DATABASE_URL';
  }
}

/** SQLSTATE classes and socket errors that mean "the server cannot be used now". */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled (statement timeout)
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

function translatePgError(error: unknown, where: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const lost = typeof code === 'string' && unavailableCodes.has(code);
  if (
    lost ||
    /Connection terminated|timeout exceeded when trying to connect|pool after calling end/i.test(message)
  ) {
    return new StoreUnavailableError(
      'unreachable',
      `the PostgreSQL server at ${where} is not answering (${typeof code === 'string' ? code : message.slice(0, 80)})`,
      'Check that the database server is running and reachable from the bot, then repeat the command.',
      error,
    );
  }
  return error;
}
