import { identities, teamsIdOf, type User } from './start-test-bot.js';

/** Activities shaped as Teams sends them: a channel of a team, a group chat, a personal chat. */
export const tenantId = '00000000-0000-0000-0000-00000000aaaa';
export const teamId = '19:team-ops@thread.tacv2';
export const channelId = '19:channel-ops@thread.tacv2';
export const botAccount = { id: '28:bot', name: 'Recovery bot' };

let counter = 0;

/** A fresh activity id (Teams' are numeric strings; ours only need to be unique). */
export function nextActivityId(): string {
  counter += 1;
  return `${Date.now()}${String(counter).padStart(4, '0')}`;
}

export function fromUser(user: User) {
  return { id: teamsIdOf(user), name: user, aadObjectId: identities[user] };
}

const botMention = { type: 'mention', mentioned: botAccount, text: `<at>${botAccount.name}</at>` };

/**
 * A channel post (a new thread) or, with `root`, a reply in that thread. Teams names the thread in
 * the conversation id: `{channel};messageid={root post id}`.
 */
export function channelMessage(user: User, text: string, options: { root?: string; mention?: boolean } = {}) {
  const id = nextActivityId();
  const mention = options.mention ?? true;
  return {
    type: 'message',
    id,
    from: fromUser(user),
    conversation: {
      id: `${channelId};messageid=${options.root ?? id}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId,
    },
    channelData: { team: { id: teamId }, channel: { id: channelId }, tenant: { id: tenantId } },
    text: mention ? `<at>${botAccount.name}</at> ${text}` : text,
    entities: mention ? [botMention] : [],
  };
}

export function groupChatMessage(user: User, conversationId: string, text: string, mention = true) {
  return {
    type: 'message',
    id: nextActivityId(),
    from: fromUser(user),
    conversation: { id: conversationId, conversationType: 'groupChat', isGroup: true, tenantId },
    channelData: { tenant: { id: tenantId } },
    text: mention ? `<at>${botAccount.name}</at>&nbsp;${text}` : text,
    entities: mention ? [botMention] : [],
  };
}

/** An Action.Execute click, as the invoke Teams sends (`replyToId` is the card's message). */
export function executeInvoke(
  user: User,
  conversation: Record<string, unknown>,
  verb: string,
  data: Record<string, string>,
  options: { id?: string; replyToId?: string; trigger?: 'manual' | 'automatic' } = {},
) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: options.id ?? nextActivityId(),
    from: fromUser(user),
    conversation,
    replyToId: options.replyToId,
    channelData: { tenant: { id: tenantId } },
    value: {
      action: { type: 'Action.Execute', verb, data: { verb, ...data } },
      trigger: options.trigger ?? 'manual',
    },
  };
}

/** The Action.Submit fallback: a message with no text, the button's data as value. */
export function submitMessage(
  user: User,
  conversation: Record<string, unknown>,
  verb: string,
  data: Record<string, string>,
  replyToId?: string,
) {
  return {
    type: 'message',
    id: nextActivityId(),
    from: fromUser(user),
    conversation,
    replyToId,
    channelData: { tenant: { id: tenantId } },
    text: '',
    value: { verb, ...data },
  };
}

/** The card an invoke response or a connector message carries. */
export function cardOf(activityOrBody: unknown): Record<string, unknown> | undefined {
  const body = activityOrBody as { type?: string; value?: unknown; attachments?: { content?: unknown }[] };
  if (body?.type === 'application/vnd.microsoft.card.adaptive') return body.value as Record<string, unknown>;
  return body?.attachments?.[0]?.content as Record<string, unknown> | undefined;
}

/** Button titles of a card (Execute and ShowCard alike). */
export function buttonsOf(card: Record<string, unknown> | undefined): string[] {
  const actions = (card?.actions as { title?: string }[] | undefined) ?? [];
  return actions.map((action) => (action.title ?? '').replace(/…$/, ''));
}
