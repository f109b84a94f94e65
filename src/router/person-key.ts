import type { Actor } from '../chat/chat-event.js';
import type { Policy } from '../config/policy.js';

/**
 * The key a person's commands are counted under by the rate limits, whatever platform they type
 * on: their policy member (alice on Teams, Slack and the local page is one alice), else their Entra
 * object id (Teams and the local page share it), else the platform's own id. Never a group entry:
 * everyone in a group is not one person.
 */
export function personKeyOf(policy: Policy, actor: Actor): string {
  const member = policy.personFor(actor);
  if (member) return `member:${member.name.toLowerCase()}`;
  if (actor.aadObjectId) return `entra:${actor.aadObjectId.toLowerCase()}`;
  return `${actor.platform}:${actor.id}`;
}
