import type { Actor, ConversationRef, MessageRef } from './chat-event.js';
import type { View } from './view.js';

/** What the router and jobs use to talk back. One implementation per adapter. */
export interface ChatPort {
  /** Posts a new message (in the command's thread, when the conversation has one). */
  post(conversation: ConversationRef, view: View): Promise<MessageRef>;
  /** Replaces a message the bot posted earlier (progress, outcome). */
  update(message: MessageRef, view: View): Promise<void>;
  /** Shows a view to one person only (secrets, refusals); rejects when it could not reach them privately. */
  postPrivate(actor: Actor, conversation: ConversationRef, view: View): Promise<void>;
  /** The conversation itself, out of any thread: where a new post starts its own thread (alerts). */
  channelOf(conversation: ConversationRef): ConversationRef;
  /** The thread under a message the bot posted: where what follows it goes ("resolved"). */
  threadOf(message: MessageRef): ConversationRef;
}
