import type { Actor, ConversationRef, MessageRef, Origin, Platform } from '../chat/chat-event.js';
import { decodeJson, decodeJsonAs, encodeJson, encodeRequiredJson } from './json-codec.js';
import type {
  ApprovalChanges,
  ApprovalRecord,
  ApprovalState,
  AuditEntry,
  AuditKind,
  Decision,
  DrillReportRecord,
  JobChanges,
  JobRecord,
  JobState,
  NewAuditEntry,
} from './store-port.js';

/**
 * Records <-> rows. Columns are snake_case, timestamps epoch milliseconds, JSON columns go through
 * json-codec (Dates kept as Dates), and an absent optional field is SQL NULL, read back as an absent
 * key, so a record read back deep-equals the one written.
 */
export interface ApprovalRow {
  id: string;
  command_id: string;
  command_text: string;
  plan: string | null;
  requester: string;
  reason: string | null;
  conversation: string;
  message: string | null;
  approvals_needed: number;
  decisions: string;
  state: string;
  version: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
  job_id: string | null;
  end_reason?: string | null;
}

export interface JobRow {
  id: string;
  command_id: string;
  command_text: string;
  requester: string;
  approval_id: string | null;
  correlation_id: string;
  state: string;
  handle: string | null;
  messages: string;
  result: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  conversation: string | null;
  owner: string | null;
  lease_expires_at: number | null;
}

export interface AuditRow {
  sequence: number;
  at: number;
  kind: string;
  actor: string;
  platform: string;
  channel: string | null;
  origin: string;
  command_id: string | null;
  command_text: string | null;
  approval_id: string | null;
  job_id: string | null;
  correlation_id: string;
  arm_request_id: string | null;
  outcome: string;
  detail: string | null;
}

export interface ConversationRow {
  platform: string;
  conversation_id: string;
  thread_id: string | null;
  reference: string;
  updated_at: number;
}

/** Epoch ms of a Date the port requires; an invalid Date would be stored as NULL or NaN, so refuse it. */
export function toMs(date: Date, field: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new TypeError(`Store field ${field} must be a valid Date.`);
  return ms;
}

/** Drops keys whose value is undefined, so NULL columns read back as absent optional fields. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

export function approvalToRow(record: ApprovalRecord): ApprovalRow {
  return {
    id: record.id,
    command_id: record.commandId,
    command_text: record.commandText,
    plan: encodeJson(record.plan),
    requester: encodeRequiredJson(record.requester, 'requester'),
    reason: record.reason ?? null,
    conversation: encodeRequiredJson(record.conversation, 'conversation'),
    message: encodeJson(record.message),
    approvals_needed: record.approvalsNeeded,
    decisions: encodeRequiredJson(record.decisions, 'decisions'),
    state: record.state,
    version: record.version,
    created_at: toMs(record.createdAt, 'createdAt'),
    updated_at: toMs(record.updatedAt, 'updatedAt'),
    expires_at: toMs(record.expiresAt, 'expiresAt'),
    job_id: record.jobId ?? null,
    end_reason: record.endReason ?? null,
  };
}

export function rowToApproval(row: ApprovalRow): ApprovalRecord {
  return compact<ApprovalRecord>({
    id: row.id,
    commandId: row.command_id,
    commandText: row.command_text,
    plan: decodeJson(row.plan),
    requester: decodeJsonAs<Actor>(row.requester, 'approvals.requester'),
    reason: row.reason ?? undefined,
    conversation: decodeJsonAs<ConversationRef>(row.conversation, 'approvals.conversation'),
    message: decodeJson(row.message) as MessageRef | undefined,
    approvalsNeeded: row.approvals_needed,
    decisions: decodeJsonAs<Decision[]>(row.decisions, 'approvals.decisions'),
    state: row.state as ApprovalState,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    expiresAt: new Date(row.expires_at),
    jobId: row.job_id ?? undefined,
    endReason: row.end_reason ?? undefined,
  });
}

export function jobToRow(record: JobRecord): JobRow {
  return {
    id: record.id,
    command_id: record.commandId,
    command_text: record.commandText,
    requester: encodeRequiredJson(record.requester, 'requester'),
    approval_id: record.approvalId ?? null,
    correlation_id: record.correlationId,
    state: record.state,
    handle: encodeJson(record.handle),
    messages: encodeRequiredJson(record.messages, 'messages'),
    result: encodeJson(record.result),
    version: record.version,
    created_at: toMs(record.createdAt, 'createdAt'),
    updated_at: toMs(record.updatedAt, 'updatedAt'),
    conversation: encodeJson(record.conversation),
    owner: record.owner ?? null,
    lease_expires_at:
      record.leaseExpiresAt === undefined ? null : toMs(record.leaseExpiresAt, 'leaseExpiresAt'),
  };
}

export function rowToJob(row: JobRow): JobRecord {
  return compact<JobRecord>({
    id: row.id,
    commandId: row.command_id,
    commandText: row.command_text,
    requester: decodeJsonAs<Actor>(row.requester, 'jobs.requester'),
    approvalId: row.approval_id ?? undefined,
    correlationId: row.correlation_id,
    state: row.state as JobState,
    handle: decodeJson(row.handle),
    messages: decodeJsonAs<MessageRef[]>(row.messages, 'jobs.messages'),
    conversation:
      row.conversation === null
        ? undefined
        : decodeJsonAs<ConversationRef>(row.conversation, 'jobs.conversation'),
    owner: row.owner ?? undefined,
    leaseExpiresAt: row.lease_expires_at === null ? undefined : new Date(row.lease_expires_at),
    result: decodeJson(row.result),
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  });
}

export interface DrillReportRow {
  id: string;
  app: string;
  drill_job_id: string | null;
  result: string;
  created_at: number;
  body: string;
}

export function drillReportToRow(record: DrillReportRecord): DrillReportRow {
  return {
    id: record.id,
    app: record.app.toLowerCase(),
    drill_job_id: record.drillJobId ?? null,
    result: record.result,
    created_at: toMs(record.createdAt, 'createdAt'),
    body: encodeRequiredJson(record.body, 'body'),
  };
}

export function rowToDrillReport(row: DrillReportRow): DrillReportRecord {
  return compact<DrillReportRecord>({
    id: row.id,
    app: row.app,
    drillJobId: row.drill_job_id ?? undefined,
    result: row.result,
    createdAt: new Date(row.created_at),
    body: decodeJson(row.body),
  });
}

export function auditToRow(entry: NewAuditEntry): Omit<AuditRow, 'sequence'> {
  return {
    at: toMs(entry.at, 'at'),
    kind: entry.kind,
    actor: encodeRequiredJson(entry.actor, 'actor'),
    platform: entry.platform,
    channel: entry.channel ?? null,
    origin: entry.origin,
    command_id: entry.commandId ?? null,
    command_text: entry.commandText ?? null,
    approval_id: entry.approvalId ?? null,
    job_id: entry.jobId ?? null,
    correlation_id: entry.correlationId,
    arm_request_id: entry.armRequestId ?? null,
    outcome: entry.outcome,
    detail: encodeJson(entry.detail),
  };
}

export function rowToAudit(row: AuditRow): AuditEntry {
  return compact<AuditEntry>({
    sequence: row.sequence,
    at: new Date(row.at),
    kind: row.kind as AuditKind,
    actor: decodeJsonAs<Actor>(row.actor, 'audit_entries.actor'),
    platform: row.platform as Platform,
    channel: row.channel ?? undefined,
    origin: row.origin as Origin,
    commandId: row.command_id ?? undefined,
    commandText: row.command_text ?? undefined,
    approvalId: row.approval_id ?? undefined,
    jobId: row.job_id ?? undefined,
    correlationId: row.correlation_id,
    armRequestId: row.arm_request_id ?? undefined,
    outcome: row.outcome,
    detail: decodeJson(row.detail),
  });
}

export function conversationToRow(conversation: ConversationRef, updatedAt: Date): ConversationRow {
  return {
    platform: conversation.platform,
    conversation_id: conversation.conversationId,
    thread_id: conversation.threadId ?? null,
    reference: encodeRequiredJson(conversation.reference, 'reference'),
    updated_at: toMs(updatedAt, 'updatedAt'),
  };
}

export function rowToConversation(row: ConversationRow): ConversationRef {
  return compact<ConversationRef>({
    platform: row.platform as Platform,
    conversationId: row.conversation_id,
    threadId: row.thread_id ?? undefined,
    reference: decodeJsonAs<Record<string, unknown>>(row.reference, 'conversations.reference'),
  });
}

type ColumnValues = Array<readonly [column: string, value: unknown]>;

/** The columns a conditional approval update sets; an undefined change means "leave as is". */
export function approvalChangesToColumns(changes: ApprovalChanges): ColumnValues {
  const columns: ColumnValues = [];
  if (changes.state !== undefined) columns.push(['state', changes.state]);
  if (changes.decisions !== undefined)
    columns.push(['decisions', encodeRequiredJson(changes.decisions, 'decisions')]);
  if (changes.message !== undefined) columns.push(['message', encodeJson(changes.message)]);
  if (changes.jobId !== undefined) columns.push(['job_id', changes.jobId]);
  if (changes.endReason !== undefined) columns.push(['end_reason', changes.endReason]);
  return columns;
}

/** The columns a conditional job update sets; an undefined change means "leave as is". */
export function jobChangesToColumns(changes: JobChanges): ColumnValues {
  const columns: ColumnValues = [];
  if (changes.state !== undefined) columns.push(['state', changes.state]);
  if (changes.handle !== undefined) columns.push(['handle', encodeJson(changes.handle)]);
  if (changes.messages !== undefined)
    columns.push(['messages', encodeRequiredJson(changes.messages, 'messages')]);
  if (changes.result !== undefined) columns.push(['result', encodeJson(changes.result)]);
  if (changes.owner !== undefined) columns.push(['owner', changes.owner]);
  if (changes.leaseExpiresAt !== undefined)
    columns.push(['lease_expires_at', toMs(changes.leaseExpiresAt, 'leaseExpiresAt')]);
  return columns;
}
