import type { ChatEvent } from '../chat/chat-event.js';
import type { Logger } from '../observability/create-logger.js';
import type { AuditEntry, NewAuditEntry, StorePort } from '../store/store-port.js';

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
 */
export class AuditLog {
  constructor(
    private readonly store: StorePort,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: Omit<NewAuditEntry, 'at'>): Promise<AuditEntry> {
    try {
      return await this.store.appendAudit({ ...entry, at: this.now() });
    } catch (error) {
      this.log.error(
        { err: error, kind: entry.kind, correlationId: entry.correlationId },
        'audit entry not recorded',
      );
      throw error;
    }
  }

  recent(limit: number): Promise<AuditEntry[]> {
    return this.store.listAudit({ limit });
  }

  since(since: Date): Promise<AuditEntry[]> {
    return this.store.listAudit({ since });
  }
}
