import type { Migration } from './migrations.js';

/**
 * The PostgreSQL spelling of MIGRATIONS (migrations.ts): the same versions, names, tables, columns,
 * checks and indexes, with the dialect differences that file lists: BIGINT for epoch milliseconds
 * and versions, an identity column for the audit sequence, and a plpgsql trigger that keeps the
 * audit trail append-only. A test keeps the two lists in step (versions and names always; tables
 * and columns against a live server when DATABASE_URL is set).
 */
const APPROVAL_STATES = `'requested', 'approved', 'executing', 'succeeded', 'failed', 'rejected', 'expired', 'cancelled'`;
const JOB_STATES = `'running', 'succeeded', 'failed', 'cancelled'`;

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
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
        version BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
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
        version BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX jobs_created_at ON jobs (created_at);
      CREATE INDEX jobs_state_created_at ON jobs (state, created_at);
      CREATE INDEX jobs_approval_id ON jobs (approval_id);

      CREATE TABLE audit_entries (
        sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
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
      CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit entries are append-only'; END;
      $$;
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();

      CREATE TABLE conversations (
        platform TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        thread_id TEXT,
        reference TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (platform, conversation_id)
      );

      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
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
        created_at BIGINT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX drill_reports_app_created_at ON drill_reports (app, created_at);
      CREATE INDEX drill_reports_created_at ON drill_reports (created_at);
    `,
  },
  {
    version: 3,
    name: 'the conversation of a job',
    sql: 'ALTER TABLE jobs ADD COLUMN conversation TEXT;',
  },
  {
    version: 4,
    name: 'job leases',
    // Which process runs a job, and until when it must renew that (several replicas on PostgreSQL).
    sql: `
      ALTER TABLE jobs ADD COLUMN owner TEXT;
      ALTER TABLE jobs ADD COLUMN lease_expires_at BIGINT;
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
        created_at BIGINT NOT NULL,
        PRIMARY KEY (platform, conversation_id, kind, scope)
      );
      CREATE TABLE alert_mutes (
        platform TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        muted_until BIGINT NOT NULL,
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
        first_seen_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        resolved_at BIGINT,
        deliveries TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at BIGINT NOT NULL
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
        created_at BIGINT NOT NULL,
        next_run_at BIGINT NOT NULL,
        last_fired_at BIGINT,
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'one change at a time',
    sql: `
      CREATE TABLE change_claims (
        scope TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        command_id TEXT NOT NULL,
        command_text TEXT NOT NULL,
        requester TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX change_claims_holder ON change_claims (holder);
      ALTER TABLE approvals ADD COLUMN end_reason TEXT;
    `,
  },
];

export const POSTGRES_SCHEMA_MIGRATIONS_SQL = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
  )`;
