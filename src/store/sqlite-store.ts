import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import type { ConversationRef, Platform } from '../chat/chat-event.js';
import type { AlertStorePort } from './alert-store-port.js';
import { buildConditionalUpdate } from './build-conditional-update.js';
import type { ChangeClaimStorePort } from './change-claim-port.js';
import { runSqliteMigrations } from './run-sqlite-migrations.js';
import { SqlAlertStore } from './sql-alert-store.js';
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
import { storeClosedError, translateSqliteError } from './translate-sqlite-error.js';

export interface SqliteStoreOptions {
  /** Path of the database file (its folder is created), or ":memory:" for tests. */
  file: string;
  now?: () => Date;
  /** How long a write waits for another connection's lock before failing as "locked". */
  busyTimeoutMs?: number;
}

/** Expired idempotency keys are deleted every this many claims: one indexed range delete. */
const PRUNE_EVERY_CLAIMS = 256;

/**
 * The embedded store: one better-sqlite3 connection in WAL mode (readers never wait for the writer).
 * The driver is synchronous, so every method runs to completion before another starts in this
 * process; exactly-once across connections still rests on the conditional UPDATE, as in PostgreSQL.
 * Driver errors that mean "the file cannot be used" become StoreUnavailableError.
 */
export class SqliteStore implements StorePort {
  private readonly statements = new Map<string, Statement<unknown[], unknown>>();
  private claimsSincePrune = 0;
  readonly alerts: AlertStorePort;
  readonly claims: ChangeClaimStorePort;

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly now: () => Date,
  ) {
    const runner = async <Row>(sql: string, params: unknown[]): Promise<Row[]> =>
      this.run(() => {
        const statement = this.statement<Row>(sql);
        if (statement.reader) return statement.all(...params);
        statement.run(...params);
        return [];
      });
    this.alerts = new SqlAlertStore(runner, now);
    this.claims = new SqlChangeClaims(runner);
  }

  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const now = options.now ?? (() => new Date());
    let db: Database.Database | undefined;
    try {
      if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
      db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 5_000 });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
      db.pragma('foreign_keys = ON');
      runSqliteMigrations(db, options.file, now());
      return new SqliteStore(db, options.file, now);
    } catch (error) {
      db?.close();
      throw translateSqliteError(error, options.file);
    }
  }

  async insertApproval(record: ApprovalRecord): Promise<void> {
    const row = approvalToRow(record);
    this.run(() => this.statement(insertSql('approvals', row)).run(row));
  }

  async getApproval(id: string): Promise<ApprovalRecord | undefined> {
    const row = this.run(() => this.statement<ApprovalRow>('SELECT * FROM approvals WHERE id = ?').get(id));
    return row && rowToApproval(row);
  }

  async listApprovals(filter: { states?: ApprovalState[]; limit?: number } = {}): Promise<ApprovalRecord[]> {
    return this.listNewestFirst<ApprovalRow>('approvals', filter).map(rowToApproval);
  }

  async updateApproval(
    id: string,
    expected: { version: number; states?: ApprovalState[] },
    changes: ApprovalChanges,
  ): Promise<ApprovalRecord | undefined> {
    const row = this.conditionalUpdate<ApprovalRow>(
      'approvals',
      id,
      expected,
      approvalChangesToColumns(changes),
    );
    return row && rowToApproval(row);
  }

  async insertJob(record: JobRecord): Promise<void> {
    const row = jobToRow(record);
    this.run(() => this.statement(insertSql('jobs', row)).run(row));
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const row = this.run(() => this.statement<JobRow>('SELECT * FROM jobs WHERE id = ?').get(id));
    return row && rowToJob(row);
  }

  async listJobs(filter: { states?: JobState[]; limit?: number } = {}): Promise<JobRecord[]> {
    return this.listNewestFirst<JobRow>('jobs', filter).map(rowToJob);
  }

  async updateJob(
    id: string,
    expected: { version: number; states?: JobState[] },
    changes: JobChanges,
  ): Promise<JobRecord | undefined> {
    const row = this.conditionalUpdate<JobRow>('jobs', id, expected, jobChangesToColumns(changes));
    return row && rowToJob(row);
  }

  async withdrawJob(id: string, expected: { version: number }): Promise<boolean> {
    const sql = "DELETE FROM jobs WHERE id = ? AND version = ? AND state = 'running'";
    return this.run(() => this.statement(sql).run(id, expected.version).changes) === 1;
  }

  async renewJobLeases(owner: string, until: Date): Promise<number> {
    const sql = "UPDATE jobs SET lease_expires_at = ? WHERE owner = ? AND state = 'running'";
    return this.run(() => this.statement(sql).run(toMs(until, 'until'), owner).changes);
  }

  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = auditToRow(entry);
    const sql = `${insertSql('audit_entries', row)} RETURNING *`;
    const inserted = this.run(() => this.returning<AuditRow>(sql, [row]));
    if (!inserted) throw new Error('SQLite returned no row for an audit INSERT ... RETURNING.');
    return rowToAudit(inserted);
  }

  async listAudit(filter: { limit?: number; since?: Date; before?: number } = {}): Promise<AuditEntry[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.since !== undefined) {
      where.push('at >= ?');
      params.push(toMs(filter.since, 'since'));
    }
    if (filter.before !== undefined) {
      where.push('sequence < ?');
      params.push(filter.before);
    }
    let sql = 'SELECT * FROM audit_entries';
    if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
    sql += ` ORDER BY sequence DESC${limitClause(filter.limit, params)}`;
    return this.run(() => this.statement<AuditRow>(sql).all(...params)).map(rowToAudit);
  }

  async insertDrillReport(record: DrillReportRecord): Promise<void> {
    const row = drillReportToRow(record);
    this.run(() => this.statement(insertSql('drill_reports', row)).run(row));
  }

  async getDrillReport(id: string): Promise<DrillReportRecord | undefined> {
    const sql = 'SELECT * FROM drill_reports WHERE id = ?';
    const row = this.run(() => this.statement<DrillReportRow>(sql).get(id));
    return row && rowToDrillReport(row);
  }

  async listDrillReports(filter: { app?: string; limit?: number } = {}): Promise<DrillReportRecord[]> {
    const params: unknown[] = [];
    let sql = 'SELECT * FROM drill_reports';
    if (filter.app !== undefined) {
      sql += ' WHERE app = ?';
      params.push(filter.app.toLowerCase());
    }
    sql += ` ORDER BY created_at DESC, id DESC${limitClause(filter.limit, params)}`;
    return this.run(() => this.statement<DrillReportRow>(sql).all(...params)).map(rowToDrillReport);
  }

  async saveConversation(conversation: ConversationRef): Promise<void> {
    const row = conversationToRow(conversation, this.now());
    const sql =
      `${insertSql('conversations', row)} ON CONFLICT (platform, conversation_id) DO UPDATE SET ` +
      'thread_id = excluded.thread_id, reference = excluded.reference, updated_at = excluded.updated_at';
    this.run(() => this.statement(sql).run(row));
  }

  async getConversation(platform: Platform, conversationId: string): Promise<ConversationRef | undefined> {
    const sql = 'SELECT * FROM conversations WHERE platform = ? AND conversation_id = ?';
    const row = this.run(() => this.statement<ConversationRow>(sql).get(platform, conversationId));
    return row && rowToConversation(row);
  }

  /**
   * One upsert: a new key is inserted; an existing key is taken over only if it has expired (the
   * DO UPDATE's WHERE); a live key matches nothing and RETURNING yields no row. Same SQL in PostgreSQL.
   */
  async claimIdempotencyKey(key: string, ttlMs: number, now: Date = this.now()): Promise<boolean> {
    if (!Number.isFinite(ttlMs) || ttlMs <= 0)
      throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}.`);
    const at = toMs(now, 'now');
    const sql =
      'INSERT INTO idempotency_keys (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE ' +
      'SET expires_at = excluded.expires_at WHERE idempotency_keys.expires_at <= ? RETURNING key';
    const claimed = this.run(() => this.returning(sql, [key, at + ttlMs, at])) !== undefined;
    this.claimsSincePrune += 1;
    if (this.claimsSincePrune >= PRUNE_EVERY_CLAIMS) this.pruneIdempotencyKeys(now);
    return claimed;
  }

  /** Deletes expired idempotency keys (an indexed range delete); returns how many. */
  pruneIdempotencyKeys(now: Date = this.now()): number {
    this.claimsSincePrune = 0;
    const sql = 'DELETE FROM idempotency_keys WHERE expires_at <= ?';
    return this.run(() => this.statement(sql).run(toMs(now, 'now')).changes);
  }

  /** False when the database cannot answer (closed, unreadable); other errors are bugs and propagate. */
  async ping(): Promise<boolean> {
    if (!this.db.open) return false;
    try {
      return this.run(() => this.statement('select 1').get()) !== undefined;
    } catch (error) {
      if (error instanceof StoreUnavailableError) return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }

  private conditionalUpdate<Row>(
    table: 'approvals' | 'jobs',
    id: string,
    expected: { version: number; states?: readonly string[] },
    sets: ReadonlyArray<readonly [string, unknown]>,
  ): Row | undefined {
    // No allowed state can match; PostgreSQL rejects `IN ()`, so both stores decide it here.
    if (expected.states && expected.states.length === 0) return undefined;
    const { sql, params } = buildConditionalUpdate({
      table,
      sets,
      id,
      version: expected.version,
      states: expected.states,
      updatedAt: toMs(this.now(), 'now'),
    });
    return this.run(() => this.returning<Row>(sql, params));
  }

  /**
   * The first row of a changing statement with RETURNING, run to its end. Not `get()`: SQLite
   * yields a RETURNING row at the first step and commits on the next, and `get()` stops after the
   * first step, so a failed commit (disk full, I/O error) was lost and the change reported done
   * although nothing was written. `all()` steps to the end and throws that error.
   */
  private returning<Row>(sql: string, params: unknown[]): Row | undefined {
    return this.statement<Row>(sql).all(...params)[0];
  }

  private listNewestFirst<Row>(
    table: 'approvals' | 'jobs',
    filter: { states?: string[]; limit?: number },
  ): Row[] {
    if (filter.states && filter.states.length === 0) return [];
    const params: unknown[] = [...(filter.states ?? [])];
    const where = filter.states ? ` WHERE state IN (${filter.states.map(() => '?').join(', ')})` : '';
    const sql = `SELECT * FROM ${table}${where} ORDER BY created_at DESC, id DESC${limitClause(filter.limit, params)}`;
    return this.run(() => this.statement<Row>(sql).all(...params));
  }

  /** Prepared statements are reused: the set of distinct statements is small and fixed. */
  private statement<Result = unknown>(sql: string): Statement<unknown[], Result> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement as Statement<unknown[], Result>;
  }

  /** Runs one driver call, turning "the file cannot be used" into StoreUnavailableError. */
  private run<T>(work: () => T): T {
    if (!this.db.open) throw storeClosedError(this.file);
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(error, this.file);
    }
  }
}

/** `INSERT INTO table (a, b) VALUES (@a, @b)` for a row object bound by name. */
function insertSql(table: string, row: object): string {
  const columns = Object.keys(row);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
}

/** ` LIMIT ?` with its parameter, or nothing; a limit must be a whole number >= 0. */
function limitClause(limit: number | undefined, params: unknown[]): string {
  if (limit === undefined) return '';
  if (!Number.isInteger(limit) || limit < 0)
    throw new RangeError(`limit must be a whole number >= 0, got ${limit}.`);
  params.push(limit);
  return ' LIMIT ?';
}
