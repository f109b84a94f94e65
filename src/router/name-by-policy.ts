import type { ChatEvent } from '../chat/chat-event.js';
import type { Policy } from '../config/policy.js';

/**
 * Slack vouches for a user id, not for a name: the display name is whatever its owner typed, so
 * alice could call herself "bob" and a card would say "Requested by bob". A Slack person the policy
 * knows is named by the policy's name for their id (requester, approver, every line that names
 * them); one it does not know keeps Slack's name, and may do nothing anyway.
 */
export function nameByPolicy<E extends ChatEvent>(event: E, policy: Policy): E {
  if (event.actor.platform !== 'slack') return event;
  const member = policy.memberFor(event.actor);
  if (!member || member.name === event.actor.displayName) return event;
  return { ...event, actor: { ...event.actor, displayName: member.name } };
}
