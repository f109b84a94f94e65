import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AdminInputError } from '../core/admin-input-error.js';
import { deterministicUuid } from '../core/deterministic-uuid.js';
import { builtInRole } from './built-in-roles.js';
import {
  type EstateIdentity,
  type EstatePrincipal,
  type RoleDefinition,
  roleAssignmentSchema,
  roleDefinitionSchema,
} from './identity-schema.js';
import { roleAllows } from './match-action.js';
import { type RegisteredCertificate, readCertificate } from './read-certificate.js';
import { findRole, resolveRoleAssignment } from './resolve-role-assignment.js';
import { scopeContains } from './scope-contains.js';

/**
 * The simulator's directory: the tenant, its principals and who may do what where (custom roles and
 * role assignments), built from the estate's identity section and changed at runtime by tests
 * through the admin API or the simulator's `identity` methods. Kept in memory only, never in the
 * state file (it holds secrets): a restart or reset starts again from the estate.
 */
export interface Principal extends EstatePrincipal {
  certificates: RegisteredCertificate[];
}

export interface RoleAssignmentView {
  id: string;
  /** The principal's name, and its object id. */
  principal: string;
  principalId: string;
  role: string;
  scope: string;
}

export interface Directory {
  /** Whether the estate has an identity section: then every ARM request needs a token and a role. */
  readonly signInRequired: boolean;
  readonly tenantId: string;
  readonly principals: readonly Principal[];
  principalByClientId(clientId: string): Principal | undefined;
  principalByObjectId(objectId: string): Principal | undefined;
  /** Whether one of the principal's roles at the scope or above allows the action. */
  isAllowed(objectId: string, action: string, scope: string): boolean;
  /** Whether the principal has any role at, above or below the scope (what ARM lists to it). */
  canSee(objectId: string, scope: string): boolean;
  roleDefinitions(): RoleDefinition[];
  /** Creates or replaces the custom role of that name (Azure CLI format); `created` when it is new. */
  putRoleDefinition(name: string, input: unknown): { created: boolean; definition: RoleDefinition };
  deleteRoleDefinition(name: string): RoleDefinition;
  roleAssignments(): RoleAssignmentView[];
  addRoleAssignment(input: unknown): RoleAssignmentView;
  removeRoleAssignment(id: string): RoleAssignmentView;
  /** Replaces every assignment at once (all checked first: nothing changes if one is refused). */
  replaceRoleAssignments(input: unknown): RoleAssignmentView[];
}

/** The tenant of an estate without an identity section (subscriptions and `/tenants` still show one). */
export const defaultTenantId = 'aaaaaaaa-0000-0000-0000-000000000000';

interface StoredAssignment {
  id: string;
  objectId: string;
  role: string;
  scope: string;
}

export function createDirectory(
  identity: EstateIdentity | undefined,
  subscriptionExists: (subscriptionId: string) => boolean,
): Directory {
  const principals: Principal[] = (identity?.principals ?? []).map(withCertificates);
  const customRoles: RoleDefinition[] = [...(identity?.roleDefinitions ?? [])];
  const assignments: StoredAssignment[] = [];
  const context = { principals, customRoles, subscriptionExists };
  const resolve = (input: unknown) => {
    const parsed = parseInput(roleAssignmentSchema, input, 'roleAssignment');
    const resolved = resolveRoleAssignment(parsed, context);
    if (!resolved.ok) throw new AdminInputError(`roleAssignment.${resolved.field}: ${resolved.problem}`);
    return resolved;
  };
  for (const input of identity?.roleAssignments ?? []) {
    const resolved = resolve(input);
    const seed = `${resolved.principal.objectId}|${resolved.role.Name}|${resolved.scope}`.toLowerCase();
    assignments.push(stored(resolved, deterministicUuid(seed)));
  }
  const requireIdentity = () => {
    if (!identity)
      throw new AdminInputError(
        'The estate has no identity section: the simulator accepts any token and has no roles to change.',
        409,
      );
  };
  const view = (assignment: StoredAssignment): RoleAssignmentView => ({
    id: assignment.id,
    principal: principals.find((p) => p.objectId === assignment.objectId)?.name ?? assignment.objectId,
    principalId: assignment.objectId,
    role: assignment.role,
    scope: assignment.scope,
  });
  const lower = (value: string) => value.toLowerCase();
  return {
    signInRequired: identity !== undefined,
    tenantId: identity?.tenantId ?? defaultTenantId,
    principals,
    principalByClientId: (clientId) => principals.find((p) => lower(p.clientId) === lower(clientId)),
    principalByObjectId: (objectId) => principals.find((p) => lower(p.objectId) === lower(objectId)),
    isAllowed(objectId, action, scope) {
      return assignments.some((assignment) => {
        if (lower(assignment.objectId) !== lower(objectId) || !scopeContains(assignment.scope, scope))
          return false;
        const role = findRole(customRoles, assignment.role);
        return role !== undefined && roleAllows(role, action);
      });
    },
    canSee(objectId, scope) {
      return assignments.some(
        (assignment) =>
          lower(assignment.objectId) === lower(objectId) &&
          (scopeContains(assignment.scope, scope) || scopeContains(scope, assignment.scope)),
      );
    },
    roleDefinitions: () => customRoles.map((role) => ({ ...role })),
    putRoleDefinition(name, input) {
      requireIdentity();
      const body = input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {};
      const definition = parseInput(roleDefinitionSchema, { Name: name, ...body }, 'roleDefinition');
      if (lower(definition.Name) !== lower(name))
        throw new AdminInputError(
          `roleDefinition.Name: '${definition.Name}' differs from '${name}' in the path.`,
        );
      if (builtInRole(name))
        throw new AdminInputError(`roleDefinition.Name: '${name}' is a built-in role; it cannot be changed.`);
      const index = customRoles.findIndex((role) => lower(role.Name) === lower(name));
      const outside = assignments.filter(
        (a) =>
          lower(a.role) === lower(name) &&
          !definition.AssignableScopes.some((assignable) => scopeContains(assignable, a.scope)),
      );
      if (index >= 0 && outside.length > 0)
        throw new AdminInputError(
          `roleDefinition.AssignableScopes: role '${name}' is assigned at ${outside.map((a) => a.scope).join(', ')}, outside the new AssignableScopes; remove those assignments first.`,
          409,
        );
      if (index >= 0) customRoles[index] = definition;
      else customRoles.push(definition);
      return { created: index < 0, definition };
    },
    deleteRoleDefinition(name) {
      requireIdentity();
      const index = customRoles.findIndex((role) => lower(role.Name) === lower(name));
      const role = customRoles[index];
      if (!role) throw new AdminInputError(`No custom role '${name}'.`, 404);
      if (assignments.some((a) => lower(a.role) === lower(name)))
        throw new AdminInputError(`Role '${name}' is assigned; remove its assignments first.`, 409);
      customRoles.splice(index, 1);
      return role;
    },
    roleAssignments: () => assignments.map(view),
    addRoleAssignment(input) {
      requireIdentity();
      const resolved = resolve(input);
      const existing = assignments.find(
        (a) =>
          lower(a.objectId) === lower(resolved.principal.objectId) &&
          lower(a.role) === lower(resolved.role.Name) &&
          lower(a.scope) === lower(resolved.scope),
      );
      if (existing) throw new AdminInputError(`The role assignment already exists (${existing.id}).`, 409);
      const assignment = stored(resolved, randomUUID());
      assignments.push(assignment);
      return view(assignment);
    },
    removeRoleAssignment(id) {
      requireIdentity();
      const index = assignments.findIndex((a) => lower(a.id) === lower(id));
      const [removed] = index >= 0 ? assignments.splice(index, 1) : [];
      if (!removed) throw new AdminInputError(`No role assignment ${id}.`, 404);
      return view(removed);
    },
    replaceRoleAssignments(input) {
      requireIdentity();
      if (!Array.isArray(input)) throw new AdminInputError('roleAssignments: give an array of assignments.');
      const fresh = input.map((entry) => stored(resolve(entry), randomUUID()));
      assignments.splice(0, assignments.length, ...fresh);
      return assignments.map(view);
    },
  };
}

function withCertificates(principal: EstatePrincipal): Principal {
  const certificates: RegisteredCertificate[] = [];
  if (principal.certificate) certificates.push(readCertificate(principal.certificate));
  if (principal.certificateThumbprint) certificates.push({ sha1: principal.certificateThumbprint });
  return { ...principal, certificates };
}

function stored(
  resolved: { principal: EstatePrincipal; role: RoleDefinition; scope: string },
  id: string,
): StoredAssignment {
  return { id, objectId: resolved.principal.objectId, role: resolved.role.Name, scope: resolved.scope };
}

/** Parses runtime input, answering a bad field as a 400 that names it. */
function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((issue) => `${[what, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
  throw new AdminInputError(message);
}
