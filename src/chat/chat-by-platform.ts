import type { Actor, ConversationRef, MessageRef, Platform } from './chat-event.js';
import type { ChatPort } from './chat-port.js';
import type { View } from './view.js';

/**
 * One ChatPort for the router over every adapter: each message goes out through the adapter of
 * the platform it belongs to. A platform that is not configured is an error the caller logs
 * (a job resumed after Slack was switched off, say), never a silent drop.
 */
export function chatByPlatform(ports: Partial<Record<Platform, ChatPort>>): ChatPort {
  const portFor = (platform: Platform): ChatPort => {
    const port = ports[platform];
    if (!port) throw new Error(`No ${platform} channel is configured; cannot deliver to it`);
    return port;
  };
  return {
    post: (conversation: ConversationRef, view: View) =>
      portFor(conversation.platform).post(conversation, view),
    update: (message: MessageRef, view: View) => portFor(message.platform).update(message, view),
    postPrivate: (actor: Actor, conversation: ConversationRef, view: View) =>
      portFor(conversation.platform).postPrivate(actor, conversation, view),
    channelOf: (conversation: ConversationRef) => portFor(conversation.platform).channelOf(conversation),
    threadOf: (message: MessageRef) => portFor(message.platform).threadOf(message),
  };
}
