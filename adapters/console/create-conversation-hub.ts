import { randomUUID } from 'node:crypto';

/**
 * Per-conversation fan-out of connector events to the page's Server-Sent Event streams, with a
 * small replay buffer: the bot often answers before the page's stream is open (first message of a
 * tab) or while it reloads, and those replies must not be lost.
 */
export type HubEventType = 'activity' | 'update' | 'delete';

export interface HubEvent {
  /** Increasing across the hub; with the epoch, the SSE event id, so a reconnect asks for what came after. */
  seq: number;
  type: HubEventType;
  activity: Record<string, unknown>;
}

export type HubListener = (event: HubEvent) => void;

export interface ConversationHub {
  /** Random per hub instance: a seq from before a restart of the bot means nothing to this one. */
  readonly epoch: string;
  publish(conversationId: string, type: HubEventType, activity: Record<string, unknown>): HubEvent;
  /** Replays buffered events with seq > afterSeq, then delivers live ones; returns the unsubscribe. */
  subscribe(conversationId: string, afterSeq: number, listener: HubListener): () => void;
  close(): void;
}

export interface ConversationHubOptions {
  /** Events kept per conversation for replay. */
  bufferSize?: number;
  /** Conversations kept; the least recently used idle one goes first. */
  maxConversations?: number;
}

interface Conversation {
  buffer: HubEvent[];
  listeners: Set<HubListener>;
}

export function createConversationHub(options: ConversationHubOptions = {}): ConversationHub {
  const bufferSize = options.bufferSize ?? 100;
  const maxConversations = options.maxConversations ?? 500;
  const conversations = new Map<string, Conversation>();
  let nextSeq = 1;

  function touch(conversationId: string): Conversation {
    let conversation = conversations.get(conversationId);
    if (conversation) {
      // Re-insert to keep the Map in least-recently-used order.
      conversations.delete(conversationId);
    } else {
      conversation = { buffer: [], listeners: new Set() };
      evictIdle(conversations, maxConversations - 1);
    }
    conversations.set(conversationId, conversation);
    return conversation;
  }

  return {
    epoch: randomUUID().slice(0, 8),
    publish(conversationId, type, activity) {
      const conversation = touch(conversationId);
      const event: HubEvent = { seq: nextSeq++, type, activity };
      // Typing indicators are momentary: replaying one after a reload would only mislead.
      if (activity.type !== 'typing') {
        conversation.buffer.push(event);
        if (conversation.buffer.length > bufferSize) conversation.buffer.shift();
      }
      for (const listener of conversation.listeners) listener(event);
      return event;
    },
    subscribe(conversationId, afterSeq, listener) {
      const conversation = touch(conversationId);
      for (const event of conversation.buffer) if (event.seq > afterSeq) listener(event);
      conversation.listeners.add(listener);
      return () => conversation.listeners.delete(listener);
    },
    close() {
      for (const conversation of conversations.values()) conversation.listeners.clear();
      conversations.clear();
    },
  };
}

function evictIdle(conversations: Map<string, Conversation>, keep: number): void {
  for (const [id, conversation] of conversations) {
    if (conversations.size <= keep) return;
    if (conversation.listeners.size === 0) conversations.delete(id);
  }
}
