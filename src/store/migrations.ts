import { SchemaTooNewError } from './store-errors.js';

/**
 * The store's schema, as an ordered list of migrations. Each runs once, inside a transaction, and is
 * recorded in `schema_migrations`; a database that records a version this list does not know was
 * written by newer code and is refused (see planMigrations).
 *
 * Portability: the statements are written for SQLite AND PostgreSQL, so the PostgreSQL store can
 * keep the same versions, names and statements with these differences only:
 * - `INTEGER PRIMARY KEY AUTOINCREMENT` (audit sequence) -> `BIGINT GENERATED ALWAYS AS IDENTITY
 *   PRIMARY KEY` (or BIGSERIAL);
 * - `INTEGER` epoch-millisecond columns -> `BIGINT` (SQLite's INTEGER is already 64-bit);
 * - JSON columns are `TEXT` here -> `JSONB` there if it wants to query into them (the codec in
 *   json-codec.ts is the same: write its text with `$1::jsonb`, read `col::text`);
 * - the audit append-only triggers: SQLite's `RAISE(ABORT, ...)` -> a plpgsql trigger function (or
 *   REVOKE UPDATE, DELETE on the table).
 * Everything else is common SQL: TEXT ids, CHECK lists, ON CONFLICT upserts, UPDATE ... RETURNING.
 *
 * Timestamps are INTEGER milliseconds since the epoch (UTC), not ISO text: they compare and sort as
 * numbers in both databases with no format or time-zone rules to keep in step, they map to a JS Date
 * exactly (Date has millisecond precision), and `since` / expiry filters are plain `>=` / `<=` on an
 * index.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const APPROVAL_STATES = `'requested', 'approved', 'executing', 'succeeded', 'failed', 'rejected', 'expired', 'cancelled'`;
const JOB_STATES = `'running', 'succeeded', 'failed', 'cancelled'`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'approvals, jobs, audit, conversations, idempotency keys',
    sql: `
      CREATE TABLE approvals (
        id TEXT PRIMARY KEY,
        command_id TEXT NOT NULL,
        command_text TEXT NOT NULL,
        plan TEXT,
        requester TEXT NOT NULL,
        reason TEXT,
        conversation TEXT NOT NULL,
        message TEXT,
        approvals_needed INTEGER NOT NULL CHECK (approvals_needed >= 0),
        decisions TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN (${APPROVAL_STATES})),
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        job_id TEXT
      );
      CREATE INDEX approvals_created_at ON approvals (created_at);
      CREATE INDEX approvals_state_created_at ON approvals (state, created_at);

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        command_id TEXT NOT NULL,
        command_text TEXT NOT NULL,
        requester TEXT NOT NULL,
        approval_id TEXT REFERENCES approvals (id),
        correlation_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN (${JOB_STATES})),
        handle TEXT,
        messages TEXT NOT NULL,
        result TEXT,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX jobs_created_at ON jobs (created_at);
      CREATE INDEX jobs_state_created_at ON jobs (state, created_at);
      CREATE INDEX jobs_approval_id ON jobs (approval_id);

      CREATE TABLE audit_entries (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        platform TEXT NOT NULL,
        channel TEXT,
        origin TEXT NOT NULL,
        command_id TEXT,
        command_text TEXT,
        approval_id TEXT,
        job_id TEXT,
        correlation_id TEXT NOT NULL,
        arm_request_id TEXT,
        outcome TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX audit_entries_at ON audit_entries (at);
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

      CREATE TABLE conversations (
        platform TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        thread_id TEXT,
        reference TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (platform, conversation_id)
      );

      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
    `,
  },
  {
    version: 2,
    name: 'drill reports',
    sql: `
      CREATE TABLE drill_reports (
        id TEXT PRIMARY KEY,
        app TEXT NOT NULL,
        drill_job_id TEXT,
        result TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX drill_reports_app_created_at ON drill_reports (app, created_at);
      CREATE INDEX drill_reports_created_at ON drill_reports (created_at);
    `,
  },
  {
    version: 3,
    name: 'the conversation of a job',
    // Where the command was given: a job killed before its first message was remembered still
    // knows where to report when it is resumed.
    sql: 'ALTER TABLE jobs ADD COLUMN conversation TEXT;',
  },
  {
    version: 4,
    name: 'job leases',
    // Which process runs a job, and until when it must renew that (several replicas on PostgreSQL).
    sql: `
      ALTER TABLE jobs ADD COLUMN owner TEXT;
      ALTER TABLE jobs ADD COLUMN lease_expires_at INTEGER;
    `,
  },
  {
    version: 5,
    name: 'alerts and schedules',
    // Which channels hear which alerts, one row per incident (at most one open per key), drill
    // schedules, and named leases (one replica polls Azure for alerts at a time).
    sql: `
      CREATE TABLE alert_subscriptions (
        id TEXT NOT NULL UNIQUE,
        platform TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        conversation TEXT NOT NULL,
        kind TEXT NOT NULL,
        scope TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (platform, conversation_id, kind, scope)
      );
      CREATE TABLE alert_mutes (
        platform TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        muted_until INTEGER NOT NULL,
        muted_by TEXT NOT NULL,
        PRIMARY KEY (platform, conversation_id, kind)
      );
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        incident_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        finding TEXT NOT NULL,
        occurrences INTEGER NOT NULL,
        seen TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        resolved_at INTEGER,
        deliveries TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX alerts_one_open_per_incident ON alerts (incident_key) WHERE state = 'open';
      CREATE INDEX alerts_state_first_seen ON alerts (state, first_seen_at);
      CREATE TABLE schedules (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        app TEXT NOT NULL,
        rule TEXT NOT NULL,
        rule_text TEXT NOT NULL,
        conversation TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        next_run_at INTEGER NOT NULL,
        last_fired_at INTEGER,
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'one change at a time',
    // Which approval request or job holds an app or a VM (change-claim-port.ts), and why a request
    // was ended without a decision (the one-at-a-time rule, a policy that changed meanwhile).
    sql: `
      CREATE TABLE change_claims (
        scope TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        command_id TEXT NOT NULL,
        command_text TEXT NOT NULL,
        requester TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX change_claims_holder ON change_claims (holder);
      ALTER TABLE approvals ADD COLUMN end_reason TEXT;
    `,
  },
];

/** The bookkeeping table; the same statement runs on PostgreSQL (with BIGINT for applied_at). */
export const SCHEMA_MIGRATIONS_SQL = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`;

/**
 * Which migrations still have to run, given the versions a database records. Pure, so every store
 * shares the rule: a recorded version the code does not know means the database was migrated by a
 * newer bot, and running older code on it could corrupt it, so we refuse with what to do.
 */
export function planMigrations(
  applied: readonly number[],
  where: string,
  known: readonly Migration[] = MIGRATIONS,
): Migration[] {
  const knownVersions = new Set(known.map((migration) => migration.version));
  const unknown = applied.filter((version) => !knownVersions.has(version));
  if (unknown.length > 0) {
    throw new SchemaTooNewError(where, Math.max(...unknown), Math.max(0, ...knownVersions));
  }
  const done = new Set(applied);
  return [...known].sort((a, b) => a.version - b.version).filter((migration) => !done.has(migration.version));
}
