import { type PolicyLocator, policyError } from './policy-error.js';
import type { PolicyMember } from './policy-model.js';
import { type PolicyFileMember, type Role, roles } from './policy-schema.js';

/**
 * Normalizes the validated member entries (one `role` or several `roles`) and refuses duplicates:
 * two entries with one name, or one platform id given twice, would make "who is this?" ambiguous
 * and a person's roles depend on the order of the file.
 */
export function readPolicyMembers(
  entries: readonly PolicyFileMember[],
  locator: PolicyLocator,
): PolicyMember[] {
  const seen = new Map<string, { index: number; name: string; what: string }>();
  return entries.map((entry, index) => {
    for (const { key, field, what } of identityKeys(entry)) {
      const first = seen.get(key);
      if (first) throw duplicateError(locator, index, field, what, first);
      seen.set(key, { index, name: entry.name, what });
    }
    return normalize(entry);
  });
}

interface IdentityKey {
  key: string;
  /** The field that holds it, to point at its line. */
  field: (string | number)[];
  what: string;
}

function identityKeys(entry: PolicyFileMember): IdentityKey[] {
  const keys: IdentityKey[] = [
    { key: `name:${entry.name.toLowerCase()}`, field: ['name'], what: `the name ${entry.name}` },
  ];
  // Console names and GUIDs are case-insensitive where they are compared; Slack ids are not.
  if (entry.console) {
    keys.push({
      key: `console:${entry.console.toLowerCase()}`,
      field: ['console'],
      what: `the console name ${entry.console}`,
    });
  }
  if (entry.slack)
    keys.push({ key: `slack:${entry.slack}`, field: ['slack'], what: `the Slack id ${entry.slack}` });
  if (entry.teams) {
    keys.push({
      key: `teams:${entry.teams.toLowerCase()}`,
      field: ['teams'],
      what: `the Entra object id ${entry.teams}`,
    });
  }
  for (const [position, group] of (entry.teamsGroups ?? []).entries()) {
    keys.push({
      key: `group:${group.toLowerCase()}`,
      field: ['teamsGroups', position],
      what: `the Entra group ${group}`,
    });
  }
  return keys;
}

function duplicateError(
  locator: PolicyLocator,
  index: number,
  field: (string | number)[],
  what: string,
  first: { index: number; name: string },
) {
  const firstLine = locator.lineOf(['members', first.index]);
  const path = ['members', index, ...field];
  return policyError(
    locator,
    locator.lineOf(path),
    `members[${index}]`,
    `duplicate member: ${what} is already used by ${first.name} (line ${firstLine})`,
    'keep one entry per person; give someone several roles with roles: [operator, approver]',
  );
}

function normalize(entry: PolicyFileMember): PolicyMember {
  const held = new Set<Role>([...(entry.roles ?? []), ...(entry.role ? [entry.role] : [])]);
  const ordered = roles.filter((role) => held.has(role));
  const member: PolicyMember = { name: entry.name, role: ordered.at(-1) ?? 'viewer', roles: ordered };
  if (entry.console) member.console = entry.console;
  if (entry.slack) member.slack = entry.slack;
  if (entry.teams) member.teams = entry.teams;
  if (entry.teamsGroups) member.teamsGroups = [...entry.teamsGroups];
  return member;
}
