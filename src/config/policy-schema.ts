import { z } from 'zod';
import { parseDuration } from '../commands/parse-duration.js';

/**
 * The shape of config/policy.yaml. Validation messages are phrased as the fix, because the loader
 * prints them after the file, line and offending value ("... line 4: "x" is not accepted. Fix: ...").
 */
export const roles = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof roles)[number];

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MINUTE_MS = 60_000;
/** An approval card that waits longer than a week is forgotten, not pending. */
const MAX_EXPIRY_MS = 7 * 24 * 60 * MINUTE_MS;

export const roleSchema = z.enum(roles, { error: `use one of ${roles.join(', ')}` });

const guidSchema = (what: string) =>
  z.string().regex(guid, `${what} is an Entra object id, a GUID like 00000000-0000-0000-0000-0000000a11ce`);

const memberSchema = z
  .strictObject({
    name: z.string().min(1, 'give the member a name').max(64, 'keep the name under 64 characters'),
    /** One role; `roles` gives several (each also grants the roles below it). */
    role: roleSchema.optional(),
    roles: z
      .array(roleSchema)
      .min(1, `list at least one role: [${roles.join(', ')}]`)
      .optional(),
    console: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'a console name is letters, digits, dot, dash or underscore')
      .optional(),
    slack: z
      .string()
      .regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id looks like U0ALICE (U or W, then capitals and digits)')
      .optional(),
    teams: guidSchema('a Teams member').optional(),
    /** Everyone in these Entra groups is this member (name the entry after the group). */
    teamsGroups: z.array(guidSchema('an Entra group')).min(1, 'list at least one Entra group id').optional(),
  })
  .superRefine((member, context) => {
    if (!member.role && !member.roles) {
      context.addIssue({ code: 'custom', path: ['role'], message: `add role: <${roles.join('|')}>` });
    }
    if (!member.console && !member.slack && !member.teams && !member.teamsGroups) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: 'give the member at least one id: console, slack, teams or teamsGroups',
      });
    }
  });

const conversationIds = (pattern: RegExp, fix: string) => z.array(z.string().regex(pattern, fix)).default([]);

/** Conversations a command is restricted to, per platform; a platform left out allows none. */
const channelsSchema = z
  .strictObject({
    slack: conversationIds(
      /^[CGD][A-Z0-9]{2,}$/,
      'a Slack channel id looks like C0123ABCD (C, G or D, then capitals)',
    ),
    teams: conversationIds(/^\S{1,512}$/, 'a Teams conversation id looks like 19:abc@thread.tacv2'),
    console: conversationIds(/^\S{1,256}$/, 'a console conversation id has no spaces'),
  })
  // An empty list would silently disable the command everywhere; say so instead.
  .refine((channels) => channels.slack.length + channels.teams.length + channels.console.length > 0, {
    error: 'list at least one conversation id, or remove channels to allow the command everywhere',
  });

const expirySchema = z
  .string({ error: 'write the expiry as a duration like 30m, 2h or 1d' })
  .transform((text, context) => {
    const duration = parseDuration(text);
    if (!duration || duration.milliseconds < MINUTE_MS || duration.milliseconds > MAX_EXPIRY_MS) {
      context.addIssue({
        code: 'custom',
        message: 'write the expiry as a duration from 1m to 7d, like 30m or 2h',
      });
      return z.NEVER;
    }
    return duration.milliseconds;
  });

const commandSettingsSchema = z
  .strictObject({
    role: roleSchema.optional(),
    approvals: z
      .union([z.literal(0), z.literal(1), z.literal(2)], { error: 'approvals is 0, 1 or 2' })
      .optional(),
    expiry: expirySchema.optional(),
    channels: channelsSchema.optional(),
  })
  .nullish();

/** `commands:` with every entry commented out reads as null; that means "no overrides". */
export const policyFileSchema = z.strictObject({
  members: z
    .array(memberSchema)
    .nullish()
    .transform((members) => members ?? []),
  commands: z
    .record(z.string(), commandSettingsSchema)
    .nullish()
    .transform((commands) => commands ?? {}),
});

export type PolicyFile = z.infer<typeof policyFileSchema>;
export type PolicyFileMember = PolicyFile['members'][number];
export type CommandOverride = NonNullable<PolicyFile['commands'][string]>;
