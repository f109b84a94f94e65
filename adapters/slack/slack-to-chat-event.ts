import type { ActionChatEvent, Actor, ConversationRef, TextChatEvent } from '../../src/chat/chat-event.js';

/**
 * Slack's text as the command parser wants it: Slack sends `&`, `<` and `>` as entities, wraps
 * mentions, channels and links in `<...>`, and puts the bot's own mention first in an
 * app_mention. The bot's mention goes; others read as their label; entities are decoded.
 */
export function commandTextOfSlack(text: string, botUserId?: string): string {
  let clean = text;
  if (botUserId) clean = clean.replaceAll(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ');
  clean = clean
    .replace(/<(?:[@#!][^|>]*\|)?([^<>|]*)>/g, (_match, label: string) => label)
    .replace(/<([^<>|]*)\|([^<>]*)>/g, (_match, _target: string, label: string) => label);
  return clean
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replaceAll('\u00a0', ' ')
    .trim();
}

export function slackActor(userId: string, displayName?: string): Actor {
  return { platform: 'slack', id: userId, displayName: displayName || userId };
}

/** A channel or DM, and the thread replies go to (none: the channel itself). */
export function slackConversation(channel: string, threadTs: string | undefined): ConversationRef {
  return {
    platform: 'slack',
    conversationId: channel,
    threadId: threadTs,
    reference: threadTs ? { channel, threadTs } : { channel },
  };
}

export function slackTextEvent(options: {
  actor: Actor;
  conversation: ConversationRef;
  text: string;
  deliveryId: string | undefined;
  correlationId: string;
}): TextChatEvent {
  return {
    kind: 'text',
    platform: 'slack',
    actor: options.actor,
    conversation: options.conversation,
    origin: 'typed',
    correlationId: options.correlationId,
    receivedAt: new Date(),
    deliveryId: options.deliveryId,
    text: options.text,
  };
}

export function slackActionEvent(options: {
  actor: Actor;
  conversation: ConversationRef;
  messageTs: string | undefined;
  verb: string;
  data: Record<string, string>;
  deliveryId: string | undefined;
  correlationId: string;
}): ActionChatEvent {
  const { conversation, messageTs } = options;
  return {
    kind: 'action',
    platform: 'slack',
    actor: options.actor,
    conversation,
    origin: 'button',
    correlationId: options.correlationId,
    receivedAt: new Date(),
    deliveryId: options.deliveryId,
    verb: options.verb,
    data: options.data,
    message: messageTs
      ? {
          platform: 'slack',
          conversationId: conversation.conversationId,
          messageId: messageTs,
          reference: conversation.reference,
        }
      : undefined,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
