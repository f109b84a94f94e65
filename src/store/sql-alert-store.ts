import type { Platform } from '../chat/chat-event.js';
import {
  type AlertRow,
  alertChangesToColumns,
  alertToRow,
  type MuteRow,
  muteToRow,
  rowToAlert,
  rowToMute,
  rowToSchedule,
  rowToSubscription,
  type ScheduleRow,
  type SubscriptionRow,
  scheduleChangesToColumns,
  scheduleToRow,
  subscriptionToRow,
} from './alert-rows.js';
import type {
  AlertChanges,
  AlertMute,
  AlertRecord,
  AlertState,
  AlertStorePort,
  AlertSubscription,
  ScheduleChanges,
  ScheduleRecord,
} from './alert-store-port.js';
import { buildConditionalUpdate } from './build-conditional-update.js';
import { toMs } from './sqlite-rows.js';

/**
 * Runs one statement written with `?` placeholders and returns its rows (RETURNING included).
 * Each store gives its own: SQLite binds `?` as is, PostgreSQL numbers them.
 */
export type SqlRunner = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;

/** `?` -> `$1, $2, ...` (the statements here have no `?` inside literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * AlertStorePort in portable SQL: the statements are the same on SQLite and PostgreSQL (upserts
 * with ON CONFLICT, RETURNING, a partial unique index for "one open alert per incident").
 */
export class SqlAlertStore implements AlertStorePort {
  constructor(
    private readonly sql: SqlRunner,
    private readonly now: () => Date,
  ) {}

  async addSubscription(subscription: AlertSubscription): Promise<boolean> {
    const row = subscriptionToRow(subscription);
    const added = await this.insert('alert_subscriptions', row, ' ON CONFLICT DO NOTHING RETURNING id');
    return added.length > 0;
  }

  async removeSubscriptions(
    platform: Platform,
    conversationId: string,
    kind: string,
    scope: string | undefined,
  ): Promise<number> {
    const params: unknown[] = [platform, conversationId];
    let sql = 'DELETE FROM alert_subscriptions WHERE platform = ? AND conversation_id = ?';
    if (scope !== undefined) {
      sql += ' AND scope = ?';
      params.push(scope.toLowerCase());
    }
    if (kind !== 'all') {
      sql += ' AND kind = ?';
      params.push(kind);
    }
    return (await this.sql(`${sql} RETURNING id`, params)).length;
  }

  async listSubscriptions(
    filter: { platform?: Platform; conversationId?: string } = {},
  ): Promise<AlertSubscription[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.platform !== undefined) {
      where.push('platform = ?');
      params.push(filter.platform);
    }
    if (filter.conversationId !== undefined) {
      where.push('conversation_id = ?');
      params.push(filter.conversationId);
    }
    const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
    const sql = `SELECT * FROM alert_subscriptions${clause} ORDER BY created_at, id`;
    return (await this.sql<SubscriptionRow>(sql, params)).map(rowToSubscription);
  }

  async setMute(mute: AlertMute): Promise<void> {
    await this.insert(
      'alert_mutes',
      muteToRow(mute),
      ' ON CONFLICT (platform, conversation_id, kind) DO UPDATE SET muted_until = excluded.muted_until, muted_by = excluded.muted_by',
    );
  }

  async listMutes(now: Date): Promise<AlertMute[]> {
    const rows = await this.sql<MuteRow>(
      'SELECT * FROM alert_mutes WHERE muted_until > ? ORDER BY muted_until',
      [toMs(now, 'now')],
    );
    return rows.map(rowToMute);
  }

  async openAlert(record: AlertRecord): Promise<boolean> {
    if (record.state !== 'open') throw new RangeError('openAlert takes an open alert.');
    const opened = await this.insert('alerts', alertToRow(record), ' ON CONFLICT DO NOTHING RETURNING id');
    return opened.length > 0;
  }

  async getAlert(id: string): Promise<AlertRecord | undefined> {
    const [row] = await this.sql<AlertRow>('SELECT * FROM alerts WHERE id = ?', [id]);
    return row && rowToAlert(row);
  }

  async listAlerts(filter: { state?: AlertState; limit?: number } = {}): Promise<AlertRecord[]> {
    const params: unknown[] = [];
    let sql = 'SELECT * FROM alerts';
    if (filter.state !== undefined) {
      sql += ' WHERE state = ?';
      params.push(filter.state);
    }
    sql += ' ORDER BY first_seen_at DESC, id DESC';
    if (filter.limit !== undefined) {
      if (!Number.isInteger(filter.limit) || filter.limit < 0)
        throw new RangeError(`limit must be a whole number >= 0, got ${filter.limit}.`);
      sql += ' LIMIT ?';
      params.push(filter.limit);
    }
    return (await this.sql<AlertRow>(sql, params)).map(rowToAlert);
  }

  async updateAlert(
    id: string,
    expected: { version: number },
    changes: AlertChanges,
  ): Promise<AlertRecord | undefined> {
    const [row] = await this.conditionalUpdate<AlertRow>(
      'alerts',
      id,
      expected.version,
      alertChangesToColumns(changes),
    );
    return row && rowToAlert(row);
  }

  async insertSchedule(record: ScheduleRecord): Promise<void> {
    await this.insert('schedules', scheduleToRow(record));
  }

  async getSchedule(id: string): Promise<ScheduleRecord | undefined> {
    const [row] = await this.sql<ScheduleRow>('SELECT * FROM schedules WHERE id = ?', [id]);
    return row && rowToSchedule(row);
  }

  async listSchedules(filter: { state?: ScheduleRecord['state'] } = {}): Promise<ScheduleRecord[]> {
    const where = filter.state !== undefined ? ' WHERE state = ?' : '';
    const params = filter.state !== undefined ? [filter.state] : [];
    const rows = await this.sql<ScheduleRow>(
      `SELECT * FROM schedules${where} ORDER BY created_at, id`,
      params,
    );
    return rows.map(rowToSchedule);
  }

  async updateSchedule(
    id: string,
    expected: { version: number },
    changes: ScheduleChanges,
  ): Promise<ScheduleRecord | undefined> {
    const sets = scheduleChangesToColumns(changes);
    const [row] = await this.conditionalUpdate<ScheduleRow>('schedules', id, expected.version, sets);
    return row && rowToSchedule(row);
  }

  async claimLease(name: string, owner: string, until: Date, now: Date): Promise<boolean> {
    const sql =
      'INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE ' +
      'SET owner = excluded.owner, expires_at = excluded.expires_at ' +
      'WHERE leases.expires_at <= ? OR leases.owner = excluded.owner RETURNING name';
    const rows = await this.sql(sql, [name, owner, toMs(until, 'until'), toMs(now, 'now')]);
    return rows.length > 0;
  }

  private conditionalUpdate<Row>(
    table: 'alerts' | 'schedules',
    id: string,
    version: number,
    sets: ReadonlyArray<readonly [string, unknown]>,
  ): Promise<Row[]> {
    const update = buildConditionalUpdate({ table, sets, id, version, updatedAt: toMs(this.now(), 'now') });
    return this.sql<Row>(update.sql, update.params);
  }

  private insert<Row = unknown>(table: string, row: object, suffix = ''): Promise<Row[]> {
    const columns = Object.keys(row);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${suffix}`;
    return this.sql<Row>(sql, Object.values(row));
  }
}
