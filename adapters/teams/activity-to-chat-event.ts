import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type {
  ActionChatEvent,
  Actor,
  ConversationRef,
  MessageRef,
  Platform,
  TextChatEvent,
} from '../../src/chat/chat-event.js';

/** Activities from the local chat page carry channelId "console"; everything else is Teams (or the Emulator). */
export function platformOf(activity: Partial<Activity>): Platform {
  return activity.channelId === 'console' ? 'console' : 'teams';
}

export function actorOf(activity: Partial<Activity>): Actor {
  const from = activity.from;
  return {
    platform: platformOf(activity),
    id: from?.id ?? 'unknown',
    displayName: from?.name ?? from?.id ?? 'unknown',
    aadObjectId: from?.aadObjectId,
  };
}

export function conversationOf(activity: Partial<Activity>): ConversationRef {
  const reference = TurnContext.getConversationReference(activity);
  return {
    platform: platformOf(activity),
    conversationId: activity.conversation?.id ?? '',
    threadId: activity.id,
    reference: reference as Record<string, unknown>,
  };
}

export function textEventOf(activity: Activity, correlationId: string): TextChatEvent {
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return {
    kind: 'text',
    platform: platformOf(activity),
    actor: actorOf(activity),
    conversation: conversationOf(activity),
    origin: 'typed',
    correlationId,
    receivedAt: new Date(),
    deliveryId: activity.id,
    text,
  };
}

/** Both Action.Execute (invoke value.action) and its Action.Submit fallback (message value) land here. */
export function actionEventOf(
  activity: Activity,
  action: { verb: string; data: Record<string, unknown> },
  correlationId: string,
): ActionChatEvent {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(action.data)) {
    if (typeof value === 'string' && key !== 'verb') data[key] = value;
  }
  const conversation = conversationOf(activity);
  const message: MessageRef | undefined = activity.replyToId
    ? {
        platform: conversation.platform,
        conversationId: conversation.conversationId,
        messageId: activity.replyToId,
        reference: conversation.reference,
      }
    : undefined;
  return {
    kind: 'action',
    platform: conversation.platform,
    actor: actorOf(activity),
    conversation,
    origin: 'button',
    correlationId,
    receivedAt: new Date(),
    deliveryId: activity.id,
    verb: action.verb,
    data,
    message,
  };
}

export function referenceOf(ref: { reference: Record<string, unknown> }): Partial<ConversationReference> {
  return ref.reference as Partial<ConversationReference>;
}
