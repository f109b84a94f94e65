import { builtInRole } from './built-in-roles.js';
import type { EstateIdentity } from './identity-schema.js';
import { certificateProblem } from './read-certificate.js';
import { resolveRoleAssignment } from './resolve-role-assignment.js';

/**
 * What zod cannot see in the estate's identity section: unique principals (a clientId, objectId or
 * name names one principal only), readable certificates, custom role names that are unique and not a
 * built-in role's, and assignments that resolve (resolve-role-assignment.ts). Each problem names its
 * JSON path, as the rest of the estate's checks do.
 */
export function findIdentityProblems(identity: EstateIdentity, subscriptionIds: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  identity.principals.forEach((principal, p) => {
    const where = `identity.principals[${p}]`;
    for (const [field, value] of [
      ['name', principal.name],
      ['clientId', principal.clientId],
      ['objectId', principal.objectId],
    ] as const) {
      const key = value.toLowerCase();
      const earlier = seen.get(key);
      if (earlier) problems.push(`${where}.${field}: '${value}' already names ${earlier}`);
      else seen.set(key, `${where} (${principal.name})`);
    }
    const certificate = principal.certificate && certificateProblem(principal.certificate);
    if (certificate) problems.push(`${where}.certificate: ${certificate}`);
  });
  const roleNames = new Set<string>();
  identity.roleDefinitions.forEach((role, r) => {
    const where = `identity.roleDefinitions[${r}].Name`;
    const key = role.Name.toLowerCase();
    if (builtInRole(role.Name)) problems.push(`${where}: '${role.Name}' is a built-in role's name`);
    else if (roleNames.has(key)) problems.push(`${where}: duplicate role '${role.Name}'`);
    roleNames.add(key);
  });
  const known = new Set(subscriptionIds.map((id) => id.toLowerCase()));
  const context = {
    principals: identity.principals,
    customRoles: identity.roleDefinitions,
    subscriptionExists: (id: string) => known.has(id.toLowerCase()),
  };
  const assigned = new Set<string>();
  identity.roleAssignments.forEach((assignment, a) => {
    const where = `identity.roleAssignments[${a}]`;
    const resolved = resolveRoleAssignment(assignment, context);
    if (!resolved.ok) {
      problems.push(`${where}.${resolved.field}: ${resolved.problem}`);
      return;
    }
    const key = `${resolved.principal.objectId}|${resolved.role.Name}|${resolved.scope}`.toLowerCase();
    if (assigned.has(key)) problems.push(`${where}: the same assignment is listed twice`);
    assigned.add(key);
  });
  return problems;
}
