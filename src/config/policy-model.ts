import type { Actor, Platform } from '../chat/chat-event.js';
import type { Role } from './policy-schema.js';

/** A member of the policy, as loaded: several roles are allowed; `role` is the highest of them. */
export interface PolicyMember {
  name: string;
  /** The highest role held, for one-word answers (`whoami`, refusals). */
  role: Role;
  /** The roles given in the file, lowest first; each also grants the roles below it. */
  roles: Role[];
  console?: string;
  slack?: string;
  teams?: string;
  /** Entra group object ids: everyone in them is this member. */
  teamsGroups?: string[];
}

/** An actor, plus the Entra groups the adapter resolved for them, when it did. */
export type PolicyActor = Actor & { aadGroupIds?: readonly string[] };

/** Conversation ids a command may run in, per platform. */
export type ChannelAllowList = Partial<Record<Platform, readonly string[]>>;

export interface CommandSettings {
  /** The role needed to run the command. */
  role: Role;
  /** Approvals needed before it runs. */
  approvals: 0 | 1 | 2;
  /** How long an approval request stays open. */
  expiryMs: number;
  /** Present only when the policy restricts the command to listed conversations. */
  channels?: ChannelAllowList;
}

export interface Policy {
  members: PolicyMember[];
  /** The member an actor is, by the id their platform vouches for; undefined for strangers. */
  memberFor(actor: PolicyActor): PolicyMember | undefined;
  /**
   * The member entry that names this person by a platform id, never through a group: the same
   * person on Teams, Slack and the local page is one member (rate limits count them once).
   */
  personFor(actor: PolicyActor): PolicyMember | undefined;
  /** Whether the actor holds `role` (or a higher one), directly or through an Entra group. */
  holds(actor: PolicyActor, role: Role): boolean;
  /** Whether a member entry holds `role` (or a higher one). */
  holdsRole(member: PolicyMember, role: Role): boolean;
  /** Every role the actor holds, including those implied by a higher one, lowest first. */
  rolesOf(actor: PolicyActor): Role[];
  /** Role, approvals, expiry and channels for a catalog command id: the catalog's defaults, overridden. */
  settingsFor(commandId: string): CommandSettings;
  /** Whether the command may run in this conversation (true unless the policy restricts it). */
  allowedIn(commandId: string, platform: Platform, conversationId: string): boolean;
}
