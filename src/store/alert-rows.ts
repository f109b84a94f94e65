import type { Actor, ConversationRef, Platform } from '../chat/chat-event.js';
import type {
  AlertChanges,
  AlertDelivery,
  AlertMute,
  AlertRecord,
  AlertState,
  AlertSubscription,
  ScheduleChanges,
  ScheduleRecord,
} from './alert-store-port.js';
import { decodeJson, decodeJsonAs, encodeRequiredJson } from './json-codec.js';
import { toMs } from './sqlite-rows.js';

/** Alert and schedule records <-> rows, with the conventions of sqlite-rows.ts. */
export interface SubscriptionRow {
  id: string;
  platform: string;
  conversation_id: string;
  conversation: string;
  kind: string;
  scope: string;
  created_by: string;
  created_at: number;
}

export interface MuteRow {
  platform: string;
  conversation_id: string;
  kind: string;
  muted_until: number;
  muted_by: string;
}

export interface AlertRow {
  id: string;
  incident_key: string;
  kind: string;
  state: string;
  finding: string;
  occurrences: number;
  seen: string;
  first_seen_at: number;
  last_seen_at: number;
  resolved_at: number | null;
  deliveries: string;
  version: number;
  updated_at: number;
}

export interface ScheduleRow {
  id: string;
  kind: string;
  app: string;
  rule: string;
  rule_text: string;
  conversation: string;
  created_by: string;
  created_at: number;
  next_run_at: number;
  last_fired_at: number | null;
  state: string;
  version: number;
  updated_at: number;
}

/** The empty scope is stored as '' so that (channel, kind, scope) can be a primary key. */
export function subscriptionToRow(subscription: AlertSubscription): SubscriptionRow {
  return {
    id: subscription.id,
    platform: subscription.conversation.platform,
    conversation_id: subscription.conversation.conversationId,
    conversation: encodeRequiredJson(subscription.conversation, 'conversation'),
    kind: subscription.kind,
    scope: subscription.scope?.toLowerCase() ?? '',
    created_by: encodeRequiredJson(subscription.createdBy, 'createdBy'),
    created_at: toMs(subscription.createdAt, 'createdAt'),
  };
}

export function rowToSubscription(row: SubscriptionRow): AlertSubscription {
  const subscription: AlertSubscription = {
    id: row.id,
    conversation: decodeJsonAs<ConversationRef>(row.conversation, 'alert_subscriptions.conversation'),
    kind: row.kind,
    createdBy: decodeJsonAs<Actor>(row.created_by, 'alert_subscriptions.created_by'),
    createdAt: new Date(Number(row.created_at)),
  };
  if (row.scope) subscription.scope = row.scope;
  return subscription;
}

export function muteToRow(mute: AlertMute): MuteRow {
  return {
    platform: mute.platform,
    conversation_id: mute.conversationId,
    kind: mute.kind,
    muted_until: toMs(mute.until, 'until'),
    muted_by: encodeRequiredJson(mute.by, 'by'),
  };
}

export function rowToMute(row: MuteRow): AlertMute {
  return {
    platform: row.platform as Platform,
    conversationId: row.conversation_id,
    kind: row.kind,
    until: new Date(Number(row.muted_until)),
    by: decodeJsonAs<Actor>(row.muted_by, 'alert_mutes.muted_by'),
  };
}

export function alertToRow(record: AlertRecord): AlertRow {
  return {
    id: record.id,
    incident_key: record.incidentKey,
    kind: record.kind,
    state: record.state,
    finding: encodeRequiredJson(record.finding, 'finding'),
    occurrences: record.occurrences,
    seen: encodeRequiredJson(record.seen, 'seen'),
    first_seen_at: toMs(record.firstSeenAt, 'firstSeenAt'),
    last_seen_at: toMs(record.lastSeenAt, 'lastSeenAt'),
    resolved_at: record.resolvedAt ? toMs(record.resolvedAt, 'resolvedAt') : null,
    deliveries: encodeRequiredJson(record.deliveries, 'deliveries'),
    version: record.version,
    updated_at: toMs(record.lastSeenAt, 'lastSeenAt'),
  };
}

export function rowToAlert(row: AlertRow): AlertRecord {
  const record: AlertRecord = {
    id: row.id,
    incidentKey: row.incident_key,
    kind: row.kind,
    state: row.state as AlertState,
    finding: decodeJson(row.finding),
    occurrences: Number(row.occurrences),
    seen: decodeJsonAs<string[]>(row.seen, 'alerts.seen'),
    firstSeenAt: new Date(Number(row.first_seen_at)),
    lastSeenAt: new Date(Number(row.last_seen_at)),
    deliveries: decodeJsonAs<AlertDelivery[]>(row.deliveries, 'alerts.deliveries'),
    version: Number(row.version),
  };
  if (row.resolved_at !== null) record.resolvedAt = new Date(Number(row.resolved_at));
  return record;
}

type ColumnValues = Array<readonly [column: string, value: unknown]>;

export function alertChangesToColumns(changes: AlertChanges): ColumnValues {
  const columns: ColumnValues = [];
  if (changes.state !== undefined) columns.push(['state', changes.state]);
  if (changes.finding !== undefined)
    columns.push(['finding', encodeRequiredJson(changes.finding, 'finding')]);
  if (changes.occurrences !== undefined) columns.push(['occurrences', changes.occurrences]);
  if (changes.seen !== undefined) columns.push(['seen', encodeRequiredJson(changes.seen, 'seen')]);
  if (changes.lastSeenAt !== undefined)
    columns.push(['last_seen_at', toMs(changes.lastSeenAt, 'lastSeenAt')]);
  if (changes.resolvedAt !== undefined) columns.push(['resolved_at', toMs(changes.resolvedAt, 'resolvedAt')]);
  if (changes.deliveries !== undefined)
    columns.push(['deliveries', encodeRequiredJson(changes.deliveries, 'deliveries')]);
  return columns;
}

export function scheduleToRow(record: ScheduleRecord): ScheduleRow {
  return {
    id: record.id,
    kind: record.kind,
    app: record.app.toLowerCase(),
    rule: encodeRequiredJson(record.rule, 'rule'),
    rule_text: record.ruleText,
    conversation: encodeRequiredJson(record.conversation, 'conversation'),
    created_by: encodeRequiredJson(record.createdBy, 'createdBy'),
    created_at: toMs(record.createdAt, 'createdAt'),
    next_run_at: toMs(record.nextRunAt, 'nextRunAt'),
    last_fired_at: record.lastFiredAt ? toMs(record.lastFiredAt, 'lastFiredAt') : null,
    state: record.state,
    version: record.version,
    updated_at: toMs(record.createdAt, 'createdAt'),
  };
}

export function rowToSchedule(row: ScheduleRow): ScheduleRecord {
  const record: ScheduleRecord = {
    id: row.id,
    kind: row.kind as ScheduleRecord['kind'],
    app: row.app,
    rule: decodeJson(row.rule),
    ruleText: row.rule_text,
    conversation: decodeJsonAs<ConversationRef>(row.conversation, 'schedules.conversation'),
    createdBy: decodeJsonAs<Actor>(row.created_by, 'schedules.created_by'),
    createdAt: new Date(Number(row.created_at)),
    nextRunAt: new Date(Number(row.next_run_at)),
    state: row.state as ScheduleRecord['state'],
    version: Number(row.version),
  };
  if (row.last_fired_at !== null) record.lastFiredAt = new Date(Number(row.last_fired_at));
  return record;
}

export function scheduleChangesToColumns(changes: ScheduleChanges): ColumnValues {
  const columns: ColumnValues = [];
  if (changes.nextRunAt !== undefined) columns.push(['next_run_at', toMs(changes.nextRunAt, 'nextRunAt')]);
  if (changes.lastFiredAt !== undefined)
    columns.push(['last_fired_at', toMs(changes.lastFiredAt, 'lastFiredAt')]);
  if (changes.state !== undefined) columns.push(['state', changes.state]);
  return columns;
}
