import type { Actor, MessageRef } from '../../src/chat/chat-event.js';
import type { JobRecord } from '../../src/store/store-port.js';
import type { FakeBotConnector } from './fake-bot-connector.js';

/**
 * Jobs a dead bot process left in the store, for resume tests: a running job record with its
 * handle, and the chat message (in the fake connector) that showed it.
 */
export const alice: Actor = {
  platform: 'teams',
  id: '29:alice',
  displayName: 'alice',
  aadObjectId: '00000000-0000-0000-0000-0000000a11ce',
};

/** A progress message the dead process had posted in `conversationId`. */
export function messageIn(connector: FakeBotConnector, conversationId: string): MessageRef {
  connector.messages.push({
    id: `old-${conversationId}`,
    conversationId,
    versions: [{ text: 'in progress' }],
  });
  const reference = {
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: conversationId },
    bot: { id: '28:bot', name: 'Recovery bot' },
    user: { id: alice.id, name: alice.displayName },
  };
  return { platform: 'teams', conversationId, messageId: `old-${conversationId}`, reference };
}

export function runningJob(
  id: string,
  commandId: string,
  commandText: string,
  handle: unknown,
  message: MessageRef,
): JobRecord {
  const at = new Date();
  return {
    id,
    commandId,
    commandText,
    requester: alice,
    correlationId: `ref-${id}`,
    state: 'running',
    handle,
    messages: [message],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}
