import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Actor } from '../chat/chat-event.js';

export const roles = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof roles)[number];

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const memberSchema = z.strictObject({
  name: z.string().min(1).max(64),
  role: z.enum(roles),
  console: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'a console name is letters, digits, dot, dash or underscore')
    .optional(),
  slack: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id looks like U0ALICE (U or W, then capitals and digits)')
    .optional(),
  teams: z.string().regex(guid, 'a Teams member is the Entra object id, a GUID').optional(),
});

const policySchema = z.strictObject({ members: z.array(memberSchema).default([]) });

export type PolicyMember = z.infer<typeof memberSchema>;

export interface Policy {
  members: PolicyMember[];
  /** The member an actor is, by the id their platform vouches for; undefined for strangers. */
  memberFor(actor: Actor): PolicyMember | undefined;
  /** Whether the actor holds `role` (or a higher one). */
  holds(actor: Actor, role: Role): boolean;
}

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

export function loadPolicy(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError(
      `The bot cannot start: cannot read the policy file ${path} (${(error as Error).message}). Fix: create it (see config/policy.yaml in the repository) or point CHATOPS_POLICY at it.`,
    );
  }
  return parsePolicy(text, path);
}

export function parsePolicy(text: string, path: string): Policy {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first?.linePos?.[0]?.line ?? '?';
    throw new PolicyError(`The bot cannot start: ${path} line ${line} is not valid YAML: ${first?.message}`);
  }
  const parsed = policySchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const node = document.getIn(issue?.path ?? [], true) as { range?: [number] } | undefined;
    const line = node?.range ? lineOf(text, node.range[0]) : '?';
    throw new PolicyError(
      `The bot cannot start: ${path} line ${line} (${where}): ${issue?.message}. Fix the value and start again.`,
    );
  }
  return createPolicy(parsed.data.members);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function createPolicy(members: PolicyMember[]): Policy {
  const memberFor = (actor: Actor): PolicyMember | undefined =>
    members.find((member) => {
      if (actor.aadObjectId && member.teams?.toLowerCase() === actor.aadObjectId.toLowerCase()) return true;
      if (actor.platform === 'slack') return member.slack === actor.id;
      return false;
    });
  return {
    members,
    memberFor,
    holds: (actor, role) => {
      const member = memberFor(actor);
      return member !== undefined && roles.indexOf(member.role) >= roles.indexOf(role);
    },
  };
}
