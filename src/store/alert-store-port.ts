import type { Actor, ConversationRef, MessageRef, Platform } from '../chat/chat-event.js';

/**
 * What the bot keeps for alerts and schedules (src/alerts, src/schedules): which channels hear
 * which alerts, the alerts themselves (one row per incident), drill schedules, and the leases that
 * let one replica at a time poll Azure. One SQL implementation (sql-alert-store.ts) serves SQLite
 * and PostgreSQL; the store contract suite pins its behaviour on both.
 */
export interface AlertSubscription {
  id: string;
  /** Where alerts go: the channel itself (never a thread). */
  conversation: ConversationRef;
  /** An alert kind (`backup-failed`, ...) or `all`. */
  kind: string;
  /** An app, resource group or VM name (lower case); absent: everything. */
  scope?: string;
  createdBy: Actor;
  createdAt: Date;
}

export interface AlertMute {
  platform: Platform;
  conversationId: string;
  /** An alert kind or `all`. */
  kind: string;
  until: Date;
  by: Actor;
}

export type AlertState = 'open' | 'resolved';

/** Where an alert was posted, so later polls update that message and reply in its thread. */
export interface AlertDelivery {
  platform: Platform;
  conversationId: string;
  message: MessageRef;
  /** Which state of the alert the message shows (a digest of what the card draws). */
  shown: string;
  /** Whether the "resolved" reply went out. */
  resolvedShown?: boolean;
}

export interface AlertRecord {
  /** `al-` + 8 hex: quoted by people. */
  id: string;
  /** What makes two findings the same incident: `backup-failed:vm-web-01`. */
  incidentKey: string;
  kind: string;
  state: AlertState;
  /** The latest finding (facts, subjects, actions). JSON. */
  finding: unknown;
  /** How many times it happened during this incident (failed jobs, polls that saw it). */
  occurrences: number;
  /** Ids of the occurrences counted (job ids), the latest few. */
  seen: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt?: Date;
  deliveries: AlertDelivery[];
  version: number;
}

export type AlertChanges = Partial<
  Pick<AlertRecord, 'state' | 'finding' | 'occurrences' | 'seen' | 'lastSeenAt' | 'resolvedAt' | 'deliveries'>
>;

export interface ScheduleRecord {
  /** `sc-` + 6 hex. */
  id: string;
  /** What it runs: `drill`. */
  kind: 'drill';
  /** The recovery plan, lower case. */
  app: string;
  /** The rule as parsed (src/schedules/schedule-rule.ts). JSON. */
  rule: unknown;
  /** The rule in words, as it was confirmed. */
  ruleText: string;
  conversation: ConversationRef;
  createdBy: Actor;
  createdAt: Date;
  /** When it fires next (UTC). */
  nextRunAt: Date;
  lastFiredAt?: Date;
  state: 'active' | 'deleted';
  version: number;
}

export type ScheduleChanges = Partial<Pick<ScheduleRecord, 'nextRunAt' | 'lastFiredAt' | 'state'>>;

export interface AlertStorePort {
  /** False when the channel already has this subscription (kind and scope). */
  addSubscription(subscription: AlertSubscription): Promise<boolean>;
  /** Removes the channel's subscriptions of `kind` (any kind for `all`) with that scope (any scope when undefined); returns how many. */
  removeSubscriptions(
    platform: Platform,
    conversationId: string,
    kind: string,
    scope: string | undefined,
  ): Promise<number>;
  /** Oldest first; all channels, or one. */
  listSubscriptions(filter?: { platform?: Platform; conversationId?: string }): Promise<AlertSubscription[]>;
  /** Sets (or replaces) a channel's mute of a kind. */
  setMute(mute: AlertMute): Promise<void>;
  /** Mutes still in force at `now`. */
  listMutes(now: Date): Promise<AlertMute[]>;

  /** Opens an incident; false when an open alert with the same incident key exists already. */
  openAlert(record: AlertRecord): Promise<boolean>;
  getAlert(id: string): Promise<AlertRecord | undefined>;
  /** Newest first. */
  listAlerts(filter?: { state?: AlertState; limit?: number }): Promise<AlertRecord[]>;
  /** Conditional on the version read, as approvals and jobs are. */
  updateAlert(
    id: string,
    expected: { version: number },
    changes: AlertChanges,
  ): Promise<AlertRecord | undefined>;

  insertSchedule(record: ScheduleRecord): Promise<void>;
  getSchedule(id: string): Promise<ScheduleRecord | undefined>;
  /** Oldest first. */
  listSchedules(filter?: { state?: ScheduleRecord['state'] }): Promise<ScheduleRecord[]>;
  updateSchedule(
    id: string,
    expected: { version: number },
    changes: ScheduleChanges,
  ): Promise<ScheduleRecord | undefined>;

  /**
   * Takes or renews a named lease until `until`: true when `owner` holds it now (it was free,
   * expired at `now`, or already `owner`'s). One replica polls Azure for alerts at a time.
   */
  claimLease(name: string, owner: string, until: Date, now: Date): Promise<boolean>;
}
