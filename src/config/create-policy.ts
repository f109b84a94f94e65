import type { Platform } from '../chat/chat-event.js';
import type { CommandSettings, Policy, PolicyActor, PolicyMember } from './policy-model.js';
import { type Role, roles } from './policy-schema.js';

/** The loaded policy: who is who, what each holds, and the settings of every catalog command. */
export function createPolicy(
  members: PolicyMember[],
  settings: ReadonlyMap<string, CommandSettings>,
): Policy {
  const settingsFor = (commandId: string): CommandSettings => {
    const found = settings.get(commandId);
    // Callers pass catalog ids only; anything else is a bug, not a user's mistake.
    if (!found)
      throw new Error(`No policy settings for command id "${commandId}"; it is not in the catalog.`);
    return found;
  };
  const rolesOf = (actor: PolicyActor): Role[] => {
    const highest = Math.max(-1, ...matchingMembers(members, actor).map((member) => rank(member.role)));
    return roles.filter((role) => rank(role) <= highest);
  };
  return {
    members,
    memberFor: (actor) => directMember(members, actor) ?? groupMembers(members, actor)[0],
    personFor: (actor) => directMember(members, actor),
    holds: (actor, role) => rolesOf(actor).includes(role),
    holdsRole: (member, role) => rank(member.role) >= rank(role),
    rolesOf,
    settingsFor,
    allowedIn: (commandId, platform, conversationId) => {
      const { channels } = settingsFor(commandId);
      if (!channels) return true;
      return (channels[platform] ?? []).includes(conversationKey(platform, conversationId));
    },
  };
}

function rank(role: Role): number {
  return roles.indexOf(role);
}

/**
 * By the id the platform vouches for: the Entra object id (Teams and the local page send it), or
 * the Slack user id on Slack only, so a Slack-looking id from another platform proves nothing.
 */
function directMember(members: readonly PolicyMember[], actor: PolicyActor): PolicyMember | undefined {
  const aad = actor.aadObjectId?.toLowerCase();
  return members.find((member) => {
    if (aad && member.teams?.toLowerCase() === aad) return true;
    return actor.platform === 'slack' && member.slack === actor.id;
  });
}

function groupMembers(members: readonly PolicyMember[], actor: PolicyActor): PolicyMember[] {
  const groups = new Set((actor.aadGroupIds ?? []).map((id) => id.toLowerCase()));
  if (groups.size === 0) return [];
  return members.filter((member) => member.teamsGroups?.some((group) => groups.has(group.toLowerCase())));
}

/** The person's own entry and every group entry they fall under: their roles add up. */
function matchingMembers(members: readonly PolicyMember[], actor: PolicyActor): PolicyMember[] {
  const direct = directMember(members, actor);
  return [...(direct ? [direct] : []), ...groupMembers(members, actor)];
}

/** A Teams reply thread is `<channel id>;messageid=<n>`; the channel is what the policy lists. */
function conversationKey(platform: Platform, conversationId: string): string {
  return platform === 'teams' ? (conversationId.split(';messageid=')[0] ?? conversationId) : conversationId;
}
