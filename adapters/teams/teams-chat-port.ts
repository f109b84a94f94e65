import {
  type Activity,
  CardFactory,
  type CloudAdapter,
  type ConversationParameters,
  type TurnContext,
} from 'botbuilder';
import { renderAdaptiveCard } from '../../cards/render-adaptive-card.js';
import type { Actor, ConversationRef, MessageRef } from '../../src/chat/chat-event.js';
import type { ChatPort } from '../../src/chat/chat-port.js';
import { type View, viewToPlainText } from '../../src/chat/view.js';
import type { Logger } from '../../src/observability/create-logger.js';
import { referenceOf, teamIdOf, threadMarker } from './activity-to-chat-event.js';
import type { TeamsUserDirectory } from './teams-user-directory.js';

/**
 * A View as a Bot Framework message: one Adaptive Card, with a plain-text summary for
 * notifications. `personalFor` (Teams user ids) makes a card with personal versions a Teams
 * user-specific view; without it every viewer sees every button (the local page).
 */
export function viewToActivity(view: View, personalFor?: string[]): Partial<Activity> {
  return {
    type: 'message',
    summary: viewToPlainText(view).slice(0, 250),
    attachments: [CardFactory.adaptiveCard(renderAdaptiveCard(view, { personalFor }))],
  };
}

export interface TeamsChatPortOptions {
  appId: string;
  /** Who outbound tokens are for (the Bot Connector's OAuth scope), for new private chats. */
  audience: string;
  directory: TeamsUserDirectory;
  log: Logger;
}

/**
 * Replies go out as proactive messages on the stored conversation reference, so an operation can
 * post and update long after the request that started it has been answered (Teams wants an HTTP
 * answer within seconds; a snapshot takes minutes), and after a restart.
 */
export class TeamsChatPort implements ChatPort {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly options: TeamsChatPortOptions,
  ) {}

  async post(conversation: ConversationRef, view: View): Promise<MessageRef> {
    let messageId = '';
    await this.continueWith(conversation, async (context) => {
      const personalFor = await this.personalFor(view, conversation, context);
      const response = await context.sendActivity(viewToActivity(view, personalFor));
      // A message without an id could never be updated: treat it as not delivered.
      if (!response?.id) throw new Error('Teams accepted the message without an id');
      messageId = response.id;
    });
    return {
      platform: conversation.platform,
      conversationId: conversation.conversationId,
      messageId,
      reference: conversation.reference,
    };
  }

  /** In a channel, the conversation id without `;messageid=`: a post there starts a new thread. */
  channelOf(conversation: ConversationRef): ConversationRef {
    return { ...conversation, threadId: undefined, reference: inThread(conversation.reference, undefined) };
  }

  /** In a channel, `;messageid=` of the message names its thread; a chat has no threads. */
  threadOf(message: MessageRef): ConversationRef {
    return {
      platform: message.platform,
      conversationId: message.conversationId,
      threadId: message.messageId,
      reference: inThread(message.reference, message.messageId),
    };
  }

  async update(message: MessageRef, view: View): Promise<void> {
    await this.continueWith(message, async (context) => {
      const personalFor = await this.personalFor(view, message, context);
      await context.updateActivity({ ...viewToActivity(view, personalFor), id: message.messageId });
    });
  }

  /**
   * Bot Framework has no ephemeral messages. A personal chat (and the local page) is private
   * already; from a channel or group chat the view goes to the person's own chat with the bot, and
   * the thread only learns that an answer went there. Should Teams refuse the private chat, the
   * thread is told how to get the answer, never the answer itself (it may hold a secret), and the
   * call rejects.
   */
  async postPrivate(actor: Actor, conversation: ConversationRef, view: View): Promise<void> {
    const reference = referenceOf(conversation);
    const type = reference.conversation?.conversationType;
    if (conversation.platform !== 'teams' || (type !== 'channel' && type !== 'groupChat')) {
      await this.post(conversation, view);
      return;
    }
    const delivered = await this.postToPersonalChat(actor, conversation, view).then(
      () => true,
      (error: unknown) => {
        this.options.log.warn({ err: error, actor: actor.id }, 'could not open a private chat with a user');
        return false;
      },
    );
    await this.post(conversation, delivered ? sentPrivately(actor) : notSentPrivately(actor));
    // The caller must know: a file-restore script that reached nobody is revoked again.
    if (!delivered) throw new Error(`The private answer could not be delivered to ${actor.displayName}.`);
  }

  private async postToPersonalChat(actor: Actor, conversation: ConversationRef, view: View): Promise<void> {
    const reference = referenceOf(conversation);
    const tenantId = reference.conversation?.tenantId;
    const parameters = {
      isGroup: false,
      bot: reference.bot,
      members: [{ id: actor.id, name: actor.displayName }],
      tenantId,
      channelData: tenantId ? { tenant: { id: tenantId } } : undefined,
    } as ConversationParameters;
    await surfaced(
      (wrapped) =>
        this.adapter.createConversationAsync(
          this.options.appId,
          reference.channelId ?? 'msteams',
          reference.serviceUrl ?? '',
          this.options.audience,
          parameters,
          wrapped,
        ),
      async (context) => {
        const sent = await context.sendActivity(viewToActivity(view));
        if (!sent?.id) throw new Error('Teams accepted the private message without an id');
      },
    );
  }

  /** Teams ids of a personal card's viewers; undefined for cards without, and off Teams. */
  private async personalFor(
    view: View,
    ref: ConversationRef | MessageRef,
    context: TurnContext,
  ): Promise<string[] | undefined> {
    if (!view.personal || ref.platform !== 'teams') return undefined;
    const conversationId = referenceOf(ref).conversation?.id ?? ref.conversationId;
    const rosterId = teamIdOf(ref) ?? conversationId.split(';messageid=')[0] ?? conversationId;
    return this.options.directory.teamsIdsOf(view.personal.viewers, context, rosterId, (error) =>
      this.options.log.debug({ err: error }, 'a card viewer is not in the Teams roster'),
    );
  }

  private continueWith(
    ref: { reference: Record<string, unknown> },
    logic: (context: TurnContext) => Promise<void>,
  ) {
    return surfaced(
      (wrapped) => this.adapter.continueConversationAsync(this.options.appId, referenceOf(ref), wrapped),
      logic,
    );
  }
}

function sentPrivately(actor: Actor): View {
  return {
    kind: 'sent-privately',
    title: `${actor.displayName}, I answered you in our private chat.`,
    tone: 'neutral',
  };
}

function notSentPrivately(actor: Actor): View {
  return {
    kind: 'private-chat-failed',
    title: `${actor.displayName}, I could not message you privately`,
    tone: 'warning',
    summary:
      'The answer is only for you, so it is not shown here. Open a chat with the bot (Apps > Recovery bot) and run the command there.',
  };
}

/**
 * botbuilder hands an error thrown in proactive logic to `onTurnError` and resolves as if all went
 * well; a post the connector refused would look delivered (an approval card never shown, a result
 * counted as given). This keeps the error and throws it once botbuilder has returned.
 */
async function surfaced(
  call: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failed = false;
  let failure: unknown;
  await call(async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failed = true;
      failure = error;
    }
  });
  if (failed) throw failure;
}

/** A conversation reference pointed at a thread of its channel (or at the channel itself). */
function inThread(reference: Record<string, unknown>, rootId: string | undefined): Record<string, unknown> {
  const conversation = referenceOf({ reference }).conversation;
  if (conversation?.conversationType !== 'channel') return reference;
  const [channelId = ''] = conversation.id.split(threadMarker);
  const id = rootId ? `${channelId}${threadMarker}${rootId}` : channelId;
  return { ...reference, conversation: { ...conversation, id } };
}
