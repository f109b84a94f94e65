/**
 * The platform-neutral input of the bot. Adapters turn Bot Framework activities (Teams, the local
 * console) and Slack payloads into ChatEvents; nothing past the adapters sees a platform payload.
 */
export type Platform = 'teams' | 'slack' | 'console';

/** How a command reached us (Botkube's distinction): typed text, a button on a card, or the bot itself. */
export type Origin = 'typed' | 'button' | 'automation';

export interface Actor {
  platform: Platform;
  /** The platform's own user id: Teams `29:...`, Slack `U...`, console `console-alice`. */
  id: string;
  displayName: string;
  /** Entra object id, when the platform gives one (Teams, console). Authorization keys on it. */
  aadObjectId?: string;
}

/**
 * Where to answer. `reference` is the adapter's own serializable address (a Bot Framework
 * ConversationReference, a Slack channel + thread ts); only the adapter that made it reads it.
 */
export interface ConversationRef {
  platform: Platform;
  conversationId: string;
  /** The thread or message the command came in, when replies should go under it. */
  threadId?: string;
  reference: Record<string, unknown>;
}

interface ChatEventBase {
  platform: Platform;
  actor: Actor;
  conversation: ConversationRef;
  origin: Origin;
  /** Short id that follows the command through logs, audit and the user-facing error text. */
  correlationId: string;
  receivedAt: Date;
  /**
   * The platform's id of this delivery (Bot Framework activity id, Slack event id), when it has one:
   * a platform retry repeats it, so the router runs each delivery once.
   */
  deliveryId?: string;
}

export interface TextChatEvent extends ChatEventBase {
  kind: 'text';
  /** The command text, with platform mentions of the bot already removed. */
  text: string;
}

export interface ActionChatEvent extends ChatEventBase {
  kind: 'action';
  /** The button's verb (Adaptive Card `Action.Execute.verb`, Slack `action_id`). */
  verb: string;
  data: Record<string, string>;
  /** The message that carried the button, so the handler can update it. */
  message?: MessageRef;
}

export type ChatEvent = TextChatEvent | ActionChatEvent;

/** A message the bot posted, so it can be updated in place (progress, outcome). */
export interface MessageRef {
  platform: Platform;
  conversationId: string;
  messageId: string;
  /** Adapter-owned data needed to update it (the conversation reference, a Slack channel). */
  reference: Record<string, unknown>;
}
