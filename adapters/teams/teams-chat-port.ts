import { type Activity, CardFactory, type CloudAdapter, type TurnContext } from 'botbuilder';
import { renderAdaptiveCard } from '../../cards/render-adaptive-card.js';
import type { Actor, ConversationRef, MessageRef } from '../../src/chat/chat-event.js';
import type { ChatPort } from '../../src/chat/chat-port.js';
import { type View, viewToPlainText } from '../../src/chat/view.js';
import { referenceOf } from './activity-to-chat-event.js';

/** A View as a Bot Framework message: one Adaptive Card, with a plain-text summary for notifications. */
export function viewToActivity(view: View): Partial<Activity> {
  return {
    type: 'message',
    summary: viewToPlainText(view).slice(0, 250),
    attachments: [CardFactory.adaptiveCard(renderAdaptiveCard(view))],
  };
}

/**
 * Replies go out as proactive messages on the stored conversation reference, so an operation can
 * post and update long after the request that started it has been answered (Teams wants an HTTP
 * answer within seconds; a snapshot takes minutes).
 */
export class TeamsChatPort implements ChatPort {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async post(conversation: ConversationRef, view: View): Promise<MessageRef> {
    let messageId = '';
    await this.continueWith(conversation, async (context) => {
      const response = await context.sendActivity(viewToActivity(view));
      messageId = response?.id ?? '';
    });
    return {
      platform: conversation.platform,
      conversationId: conversation.conversationId,
      messageId,
      reference: conversation.reference,
    };
  }

  async update(message: MessageRef, view: View): Promise<void> {
    await this.continueWith(message, async (context) => {
      await context.updateActivity({ ...viewToActivity(view), id: message.messageId });
    });
  }

  /**
   * Bot Framework has no ephemeral messages. In the console and in personal chats the conversation
   * is already private; group chats and channels get their private path with the Teams issue.
   */
  async postPrivate(_actor: Actor, conversation: ConversationRef, view: View): Promise<void> {
    await this.post(conversation, view);
  }

  private continueWith(
    ref: { reference: Record<string, unknown> },
    logic: (context: TurnContext) => Promise<void>,
  ) {
    return this.adapter.continueConversationAsync(this.appId, referenceOf(ref), logic);
  }
}
