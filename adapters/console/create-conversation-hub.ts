import { randomUUID } from 'node:crypto';

/**
 * Per-conversation fan-out of connector events to the page's Server-Sent Event streams, with a
 * small replay buffer: the bot often answers before the page's stream is open (first message of a
 * tab) or while it reloads, and those replies must not be lost.
 */
export type HubEventType = 'activity' | 'update' | 'delete';

export interface HubEvent {
  /** Increasing across the hub; with the epoch, the SSE event id, so a reconnect asks for what came after. */
  readonly seq: number;
  readonly type: HubEventType;
  /** Parsed from `json` on each read: the buffer holds only the string, which the budget counts. */
  readonly activity: Record<string, unknown>;
  /** `{type, activity}` as JSON, serialised once: the SSE data line. */
  readonly json: string;
}

class BufferedEvent implements HubEvent {
  constructor(
    readonly seq: number,
    readonly type: HubEventType,
    readonly json: string,
  ) {}

  get activity(): Record<string, unknown> {
    return (JSON.parse(this.json) as { activity: Record<string, unknown> }).activity;
  }
}

export type HubListener = (event: HubEvent) => void;

export interface ConversationHub {
  /** Random per hub instance: a seq from before a restart of the bot means nothing to this one. */
  readonly epoch: string;
  publish(conversationId: string, type: HubEventType, activity: Record<string, unknown>): HubEvent;
  /** Replays buffered events with seq > afterSeq, then delivers live ones; returns the unsubscribe. */
  subscribe(conversationId: string, afterSeq: number, listener: HubListener): () => void;
  /** Bytes of event JSON held for replay across all conversations (for tests and metrics). */
  bufferedBytes(): number;
  close(): void;
}

export interface ConversationHubOptions {
  /** Events kept per conversation for replay. */
  bufferSize?: number;
  /** Conversations kept; the least recently used idle one goes first. */
  maxConversations?: number;
  /**
   * Bytes of event JSON kept for replay across all conversations. Over it, least recently used idle
   * conversations go first, then the oldest events of any conversation.
   */
  maxBytes?: number;
}

interface Conversation {
  buffer: HubEvent[];
  listeners: Set<HubListener>;
}

/** 500 conversations x 100 events of up to 64 KB would be 3 GB; the replay buffer needs far less. */
export const DEFAULT_MAX_HUB_BYTES = 32 * 1024 * 1024;

export function createConversationHub(options: ConversationHubOptions = {}): ConversationHub {
  const bufferSize = options.bufferSize ?? 100;
  const maxConversations = options.maxConversations ?? 500;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_HUB_BYTES;
  const conversations = new Map<string, Conversation>();
  let nextSeq = 1;
  let totalBytes = 0;

  function touch(conversationId: string): Conversation {
    let conversation = conversations.get(conversationId);
    if (conversation) {
      // Re-insert to keep the Map in least-recently-used order.
      conversations.delete(conversationId);
    } else {
      conversation = { buffer: [], listeners: new Set() };
      evictIdle(() => conversations.size < maxConversations);
    }
    conversations.set(conversationId, conversation);
    return conversation;
  }

  function dropConversation(id: string, conversation: Conversation): void {
    for (const event of conversation.buffer) totalBytes -= event.json.length;
    conversations.delete(id);
  }

  /** Drops idle conversations (but `spare`), least recently used first, until `enough()`. */
  function evictIdle(enough: () => boolean, spare?: Conversation): void {
    for (const [id, conversation] of conversations) {
      if (enough()) return;
      if (conversation.listeners.size === 0 && conversation !== spare) dropConversation(id, conversation);
    }
  }

  /** Oldest event of any conversation (lowest seq): the one a reconnecting page least likely needs. */
  function dropOldestEvent(): boolean {
    let oldest: Conversation | undefined;
    for (const conversation of conversations.values()) {
      const first = conversation.buffer[0];
      if (first && (!oldest || first.seq < (oldest.buffer[0]?.seq ?? Number.POSITIVE_INFINITY))) {
        oldest = conversation;
      }
    }
    const dropped = oldest?.buffer.shift();
    if (dropped) totalBytes -= dropped.json.length;
    return dropped !== undefined;
  }

  function enforceBudget(current: Conversation): void {
    if (totalBytes <= maxBytes) return;
    evictIdle(() => totalBytes <= maxBytes, current);
    while (totalBytes > maxBytes && dropOldestEvent()) {
      // dropOldestEvent shrinks totalBytes.
    }
  }

  return {
    epoch: randomUUID().slice(0, 8),
    publish(conversationId, type, activity) {
      const conversation = touch(conversationId);
      const event = new BufferedEvent(nextSeq++, type, JSON.stringify({ type, activity }));
      // Typing indicators are momentary: replaying one after a reload would only mislead.
      if (activity.type !== 'typing') {
        conversation.buffer.push(event);
        // Counted in UTF-16 code units: close enough to bytes for a budget, and free to compute.
        totalBytes += event.json.length;
        if (conversation.buffer.length > bufferSize) {
          const dropped = conversation.buffer.shift();
          if (dropped) totalBytes -= dropped.json.length;
        }
        enforceBudget(conversation);
      }
      if (conversation.listeners.size > 0) {
        // Listeners get the caller's object too, without a parse per listener.
        const live: HubEvent = { seq: event.seq, type, activity, json: event.json };
        for (const listener of conversation.listeners) listener(live);
      }
      return event;
    },
    subscribe(conversationId, afterSeq, listener) {
      const conversation = touch(conversationId);
      for (const event of conversation.buffer) if (event.seq > afterSeq) listener(event);
      conversation.listeners.add(listener);
      return () => conversation.listeners.delete(listener);
    },
    bufferedBytes: () => totalBytes,
    close() {
      for (const conversation of conversations.values()) conversation.listeners.clear();
      conversations.clear();
      totalBytes = 0;
    },
  };
}
