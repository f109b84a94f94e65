import type { Actor, ConversationRef, MessageRef, Origin, Platform } from '../chat/chat-event.js';
import type { AlertStorePort } from './alert-store-port.js';
import type { ChangeClaimStorePort } from './change-claim-port.js';

/**
 * The bot's durable state: approvals, jobs, audit, conversation references and idempotency keys.
 * SQLite (embedded default) and PostgreSQL (several replicas) implement it with the same SQL
 * semantics; ONE contract suite (test/store/store-contract.ts) pins the behaviour both must have.
 * Every change that must happen exactly once is a conditional update on (state, version).
 */
export type ApprovalState =
  | 'requested'
  | 'approved'
  | 'executing'
  | 'succeeded'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'cancelled';

export interface Decision {
  actor: Actor;
  decision: 'approve' | 'reject';
  at: Date;
  comment?: string;
}

export interface ApprovalRecord {
  id: string;
  commandId: string;
  /** The canonical command text, as shown on the card and in the audit. */
  commandText: string;
  /** The exact plan the approvers see and the operation runs with (resolved ids, counts...). JSON. */
  plan: unknown;
  requester: Actor;
  reason?: string;
  conversation: ConversationRef;
  /** The approval card, once posted. */
  message?: MessageRef;
  approvalsNeeded: number;
  decisions: Decision[];
  state: ApprovalState;
  /** Incremented by every update; conditional updates name the version they read. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  jobId?: string;
  /** Why the bot ended the request without a decision (the one-at-a-time rule, a changed policy). */
  endReason?: string;
}

export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobRecord {
  id: string;
  commandId: string;
  commandText: string;
  requester: Actor;
  approvalId?: string;
  correlationId: string;
  state: JobState;
  /** What is needed to resume: serialized poller states, async-operation URLs, Azure job ids. JSON. */
  handle: unknown;
  /** The chat messages that show this job (progress card, approval card). */
  messages: MessageRef[];
  /** Where the command was given, so a resumed job can report even before it had a message. */
  conversation?: ConversationRef;
  /** The process that runs the job (a replica's id), and until when it must renew that claim. */
  owner?: string;
  leaseExpiresAt?: Date;
  /** The final view or error, once done. JSON. */
  result?: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A drill report, written once by `dr cleanup` (the body is the report itself, JSON). */
export interface DrillReportRecord {
  /** `dr-20261204-shop-3f9c`: quoted by people. */
  id: string;
  /** The recovery plan, lower case. */
  app: string;
  /** The bot job of the drill it reports on, when the bot ran the drill. */
  drillJobId?: string;
  /** succeeded, warnings or failed. */
  result: string;
  createdAt: Date;
  body: unknown;
}

export type AuditKind = 'command' | 'refusal' | 'decision' | 'approval-state' | 'job-state' | 'azure-change';

export interface AuditEntry {
  /** Assigned by the store, increasing. */
  sequence: number;
  at: Date;
  kind: AuditKind;
  actor: Actor;
  platform: Platform;
  /** Conversation id, where the event happened. */
  channel?: string;
  origin: Origin;
  commandId?: string;
  commandText?: string;
  approvalId?: string;
  jobId?: string;
  correlationId: string;
  armRequestId?: string;
  outcome: string;
  /** Free-form, never secrets. JSON. */
  detail?: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'sequence'>;

/** Fields a conditional update may change; `version` and `updatedAt` are the store's. */
export type ApprovalChanges = Partial<
  Pick<ApprovalRecord, 'state' | 'decisions' | 'message' | 'jobId' | 'endReason'>
>;
export type JobChanges = Partial<
  Pick<JobRecord, 'state' | 'handle' | 'messages' | 'result' | 'owner' | 'leaseExpiresAt'>
>;

export interface StorePort {
  /** Alert subscriptions, mutes, alerts, schedules and leases (src/alerts, src/schedules). */
  readonly alerts: AlertStorePort;
  /** Which request or job holds an app or a VM: one change at a time (src/router/change-gate.ts). */
  readonly claims: ChangeClaimStorePort;
  insertApproval(record: ApprovalRecord): Promise<void>;
  getApproval(id: string): Promise<ApprovalRecord | undefined>;
  /** Newest first. */
  listApprovals(filter?: { states?: ApprovalState[]; limit?: number }): Promise<ApprovalRecord[]>;
  /**
   * Applies `changes` only if the record is still at `expected.version` (and in one of
   * `expected.states`, when given): one conditional UPDATE ... RETURNING. Returns the updated record,
   * or undefined when someone else changed it first (the caller re-reads and tells the user).
   */
  updateApproval(
    id: string,
    expected: { version: number; states?: ApprovalState[] },
    changes: ApprovalChanges,
  ): Promise<ApprovalRecord | undefined>;

  insertJob(record: JobRecord): Promise<void>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /** Newest first. */
  listJobs(filter?: { states?: JobState[]; limit?: number }): Promise<JobRecord[]>;
  updateJob(
    id: string,
    expected: { version: number; states?: JobState[] },
    changes: JobChanges,
  ): Promise<JobRecord | undefined>;
  /**
   * Removes a running job that turned out to be no job: its command was refused before Azure
   * changed anything (an unknown name, a backup already running). Only at `expected.version`, so
   * a job another process took over stays; true when it was removed. The audit keeps the command.
   */
  withdrawJob(id: string, expected: { version: number }): Promise<boolean>;

  /**
   * Extends the leases of the running jobs `owner` runs (its heartbeat); returns how many. Leaves
   * `version` alone, so the owner's own conditional updates still match.
   */
  renewJobLeases(owner: string, until: Date): Promise<number>;
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first; `before`: only entries with a lower sequence (the next page of a search). */
  listAudit(filter?: { limit?: number; since?: Date; before?: number }): Promise<AuditEntry[]>;

  /** Reports are written once: a second insert of an id fails. */
  insertDrillReport(record: DrillReportRecord): Promise<void>;
  getDrillReport(id: string): Promise<DrillReportRecord | undefined>;
  /** Newest first; `app` matches case-insensitively. */
  listDrillReports(filter?: { app?: string; limit?: number }): Promise<DrillReportRecord[]>;
  saveConversation(conversation: ConversationRef): Promise<void>;
  getConversation(platform: Platform, conversationId: string): Promise<ConversationRef | undefined>;

  /** True the first time a key is claimed within its lifetime (platform retries, duplicate clicks). */
  claimIdempotencyKey(key: string, ttlMs: number, now?: Date): Promise<boolean>;

  /** Whether the store answers (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
