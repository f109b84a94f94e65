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
    displayName: from?.name || from?.id || 'unknown',
    aadObjectId: from?.aadObjectId,
  };
}

/** Teams posts in a channel thread to `{channel id};messageid={root message id}`. */
export const threadMarker = ';messageid=';

/**
 * Where to answer. In a Teams channel the answer goes to the thread of the command: the
 * conversation id Teams sends already names the thread (`;messageid=` of its root post), and a
 * new post is the root of its own thread. `conversationId` is the channel itself (what policy
 * allow-lists name); the reference keeps the thread, and the team, for member look-ups.
 */
export function conversationOf(activity: Partial<Activity>): ConversationRef {
  const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
  const fullId = activity.conversation?.id ?? '';
  const [channelId = '', rootId] = fullId.split(threadMarker);
  const inChannel = activity.conversation?.conversationType === 'channel';
  // A new post is the root of its own thread; an install or membership event is no post, and
  // what the bot says then goes to the channel itself.
  const isPost = activity.type === 'message' || activity.type === 'invoke';
  const threadRoot = inChannel ? (rootId ?? (isPost ? activity.id : undefined)) : undefined;
  if (inChannel && threadRoot && reference.conversation) {
    reference.conversation = { ...reference.conversation, id: `${channelId}${threadMarker}${threadRoot}` };
  }
  const teamId = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return {
    platform: platformOf(activity),
    conversationId: inChannel ? channelId : fullId,
    threadId: inChannel ? threadRoot : activity.id,
    reference: {
      ...(reference as Record<string, unknown>),
      ...(typeof teamId === 'string' ? { teamsTeamId: teamId } : {}),
    },
  };
}

/**
 * Whether a message is for the bot: always in a personal chat (and on the local page); in group
 * chats and channels only when it @mentions the bot, as Teams users expect of a bot there.
 */
export function isAddressedToBot(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return true;
  const botId = activity.recipient?.id;
  return TurnContext.getMentions(activity).some((mention) => mention.mentioned?.id === botId);
}

/** The command text: the bot's @mention removed, Teams' non-breaking spaces made plain. */
export function commandTextOf(activity: Activity): string {
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return text.replaceAll('&nbsp;', ' ').replaceAll('\u00a0', ' ').trim();
}

export function textEventOf(activity: Activity, correlationId: string): TextChatEvent {
  return {
    kind: 'text',
    platform: platformOf(activity),
    actor: actorOf(activity),
    conversation: conversationOf(activity),
    origin: 'typed',
    correlationId,
    receivedAt: new Date(),
    deliveryId: activity.id,
    text: commandTextOf(activity),
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

/** The Bot Framework reference stored in a ConversationRef or MessageRef, without our own keys. */
export function referenceOf(ref: { reference: Record<string, unknown> }): Partial<ConversationReference> {
  const { teamsTeamId: _team, ...reference } = ref.reference;
  return reference as Partial<ConversationReference>;
}

/** The team of a channel conversation, when Teams said (member look-ups go to the team). */
export function teamIdOf(ref: { reference: Record<string, unknown> }): string | undefined {
  const teamId = ref.reference.teamsTeamId;
  return typeof teamId === 'string' ? teamId : undefined;
}
