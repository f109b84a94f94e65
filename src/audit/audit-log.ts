import type { ChatEvent } from '../chat/chat-event.js';
import type { Logger } from '../observability/create-logger.js';
import { StoreUnavailableError } from '../store/store-errors.js';
import type { AuditEntry, NewAuditEntry, StorePort } from '../store/store-port.js';

/** How many entries wait for the store at most; beyond, the oldest are dropped (and logged). */
const maxPending = 10_000;

/** What every entry about one chat event shares: who, where, how, and its correlation id. */
export function auditContextOf(
  event: ChatEvent,
): Pick<NewAuditEntry, 'actor' | 'platform' | 'channel' | 'origin' | 'correlationId'> {
  return {
    actor: event.actor,
    platform: event.platform,
    channel: event.conversation.conversationId,
    origin: event.origin,
    correlationId: event.correlationId,
  };
}

/**
 * The append-only audit trail: every command (accepted or refused), decision, state change and
 * changing Azure call. Entries never carry secrets: callers pass ids and outcomes, never payloads.
 * A failure to record is logged and rethrown, so a change that cannot be audited does not run.
 *
 * An entry the store could not take (disk full, database unreachable) is also kept, with its time,
 * and written before the next entry once the store answers again. So a change accepted just before
 * the disk filled up still gets its outcome in the trail, instead of a lone "accepted".
 */
export class AuditLog {
  private readonly pending: NewAuditEntry[] = [];
  /** The flush under way: entries recorded meanwhile wait for it, so none is written twice. */
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: StorePort,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: Omit<NewAuditEntry, 'at'>): Promise<AuditEntry> {
    const full = { ...entry, at: this.now() };
    try {
      await this.flushPending();
      return await this.store.appendAudit(full);
    } catch (error) {
      this.log.error(
        { err: error, kind: entry.kind, correlationId: entry.correlationId },
        'audit entry not recorded',
      );
      if (error instanceof StoreUnavailableError) this.keep(full);
      throw error;
    }
  }

  /** Entries still waiting for the store (tests). */
  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Writes the entries kept while the store was unavailable, oldest first; stops at the first
   * failure. One flush at a time: two records at once would otherwise both write the oldest entry.
   */
  private flushPending(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    this.flushing ??= this.writePending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const next = this.pending[0] as NewAuditEntry;
      try {
        await this.store.appendAudit(next);
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw error;
        // Not an outage (a bug, a constraint): it would never go in, so it must not block the rest.
        this.log.error({ err: error, kind: next.kind }, 'a kept audit entry could not be recorded; dropped');
      }
      this.pending.shift();
      if (this.pending.length === 0) this.log.info('audit entries kept during a store outage are recorded');
    }
  }

  /**
   * At shutdown: writes what was kept if the store takes it now; otherwise logs each entry (ids,
   * kinds and outcomes; entries hold no secrets), so the trail can be completed by hand.
   */
  async flushBeforeClose(): Promise<void> {
    await this.flushPending().catch(() => undefined);
    if (this.pending.length === 0) return;
    this.log.error(
      {
        entries: this.pending.map(({ at, kind, correlationId, commandText, outcome }) => ({
          at,
          kind,
          correlationId,
          commandText,
          outcome,
        })),
      },
      `${this.pending.length} audit entries could not be recorded before shutdown`,
    );
  }

  private keep(entry: NewAuditEntry): void {
    this.pending.push(entry);
    if (this.pending.length > maxPending) {
      const dropped = this.pending.shift();
      this.log.error(
        { at: dropped?.at, kind: dropped?.kind },
        'audit entry dropped: too many waiting for the store',
      );
    }
  }

  recent(limit: number): Promise<AuditEntry[]> {
    return this.store.listAudit({ limit });
  }

  since(since: Date): Promise<AuditEntry[]> {
    return this.store.listAudit({ since });
  }
}
