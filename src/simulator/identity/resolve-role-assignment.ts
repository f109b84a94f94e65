import { builtInRole } from './built-in-roles.js';
import type { EstatePrincipal, RoleAssignmentInput, RoleDefinition } from './identity-schema.js';
import { scopeContains } from './scope-contains.js';

/**
 * Checks a role assignment against the directory as Azure would before accepting it: the principal
 * exists (by clientId, objectId or name), the role exists (custom or built-in), the scope's
 * subscription exists and the scope is within the role's AssignableScopes. Used for the estate and
 * for changes at runtime alike.
 */
export interface AssignmentContext {
  principals: readonly EstatePrincipal[];
  customRoles: readonly RoleDefinition[];
  subscriptionExists(subscriptionId: string): boolean;
}

export type ResolvedAssignment =
  | { ok: true; principal: EstatePrincipal; role: RoleDefinition; scope: string }
  | { ok: false; field: 'principal' | 'role' | 'scope'; problem: string };

export function findPrincipal(
  principals: readonly EstatePrincipal[],
  reference: string,
): EstatePrincipal | undefined {
  const wanted = reference.toLowerCase();
  return (
    principals.find((p) => p.clientId.toLowerCase() === wanted || p.objectId.toLowerCase() === wanted) ??
    principals.find((p) => p.name.toLowerCase() === wanted)
  );
}

export function findRole(customRoles: readonly RoleDefinition[], name: string): RoleDefinition | undefined {
  const wanted = name.toLowerCase();
  return customRoles.find((role) => role.Name.toLowerCase() === wanted) ?? builtInRole(name);
}

export function resolveRoleAssignment(
  input: RoleAssignmentInput,
  context: AssignmentContext,
): ResolvedAssignment {
  const principal = findPrincipal(context.principals, input.principal);
  if (!principal) {
    return {
      ok: false,
      field: 'principal',
      problem: `no principal '${input.principal}' in the identity section (give its clientId, objectId or name)`,
    };
  }
  const role = findRole(context.customRoles, input.role);
  if (!role) {
    return {
      ok: false,
      field: 'role',
      problem: `no role '${input.role}': define it in roleDefinitions or use a built-in role (Owner, Contributor, Reader)`,
    };
  }
  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(input.scope)?.[1];
  if (subscriptionId !== undefined && !context.subscriptionExists(subscriptionId)) {
    return { ok: false, field: 'scope', problem: `no subscription '${subscriptionId}' in the estate` };
  }
  if (!role.AssignableScopes.some((assignable) => scopeContains(assignable, input.scope))) {
    return {
      ok: false,
      field: 'scope',
      problem: `scope '${input.scope}' is not within the AssignableScopes of role '${role.Name}' (${role.AssignableScopes.join(', ')})`,
    };
  }
  return { ok: true, principal, role, scope: input.scope };
}
