import type { WebClient } from '@slack/web-api';
import { renderBlockKit } from '../../cards/render-block-kit.js';
import type { Actor, ConversationRef, MessageRef } from '../../src/chat/chat-event.js';
import type { ChatPort } from '../../src/chat/chat-port.js';
import type { View } from '../../src/chat/view.js';

/** Where a Slack message goes: a channel (or DM), and the thread in it, when there is one. */
export interface SlackAddress {
  channel: string;
  threadTs?: string;
}

export function slackAddressOf(ref: { reference: Record<string, unknown> }): SlackAddress {
  const { channel, threadTs } = ref.reference;
  return {
    channel: typeof channel === 'string' ? channel : '',
    threadTs: typeof threadTs === 'string' && threadTs.length > 0 ? threadTs : undefined,
  };
}

/**
 * Replies through the Web API with the bot token, so jobs can post and update long after the
 * request (and after a restart): `chat.postMessage` in the command's thread, `chat.update` for
 * progress and outcomes, `chat.postEphemeral` for what only one person may see (refusals,
 * secrets). The WebClient waits out Slack's 429s (Retry-After) and retries; progress updates are
 * already coalesced by the router.
 */
export class SlackChatPort implements ChatPort {
  constructor(private readonly client: WebClient) {}

  async post(conversation: ConversationRef, view: View): Promise<MessageRef> {
    const { channel, threadTs } = slackAddressOf(conversation);
    const message = renderBlockKit(view);
    const answer = await this.client.chat.postMessage({
      channel,
      thread_ts: threadTs,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    return {
      platform: 'slack',
      conversationId: conversation.conversationId,
      messageId: answer.ts ?? '',
      reference: { channel: answer.channel ?? channel, threadTs },
    };
  }

  channelOf(conversation: ConversationRef): ConversationRef {
    const { channel } = slackAddressOf(conversation);
    return {
      ...conversation,
      threadId: undefined,
      reference: { ...conversation.reference, channel, threadTs: undefined },
    };
  }

  /** A message's own ts names its thread. */
  threadOf(message: MessageRef): ConversationRef {
    const { channel } = slackAddressOf(message);
    return {
      platform: 'slack',
      conversationId: message.conversationId,
      threadId: message.messageId,
      reference: { channel, threadTs: message.messageId },
    };
  }

  async update(message: MessageRef, view: View): Promise<void> {
    const { channel } = slackAddressOf(message);
    const rendered = renderBlockKit(view);
    await this.client.chat.update({
      channel,
      ts: message.messageId,
      text: rendered.text,
      blocks: rendered.blocks,
    });
  }

  /** Ephemeral: shown to that one person, in the channel and thread of the command, and never stored. */
  async postPrivate(actor: Actor, conversation: ConversationRef, view: View): Promise<void> {
    const { channel, threadTs } = slackAddressOf(conversation);
    const message = renderBlockKit(view);
    await this.client.chat.postEphemeral({
      channel,
      user: actor.id,
      thread_ts: threadTs,
      text: message.text,
      blocks: message.blocks,
    });
  }

  /** Posts a line in a channel (the echo of a slash command); resolves with its ts, the thread to answer in. */
  async announce(channel: string, text: string): Promise<string> {
    const answer = await this.client.chat.postMessage({
      channel,
      text,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!answer.ts) throw new Error('chat.postMessage answered without a ts');
    return answer.ts;
  }

  /** A one-line ephemeral answer (a click's acknowledgement or refusal). */
  async tell(actor: Actor, conversation: ConversationRef, text: string): Promise<void> {
    const { channel, threadTs } = slackAddressOf(conversation);
    await this.client.chat.postEphemeral({ channel, user: actor.id, thread_ts: threadTs, text });
  }
}
