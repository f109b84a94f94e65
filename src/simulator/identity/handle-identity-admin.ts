import { AdminInputError } from '../core/admin-input-error.js';
import { builtInRoles } from './built-in-roles.js';
import type { Directory } from './create-directory.js';

/**
 * The admin API's `/_simulator/identity` endpoints (README, "Sign-in and permissions"): read the
 * directory (never a secret), create, replace or delete a custom role by name, and add, replace or
 * remove role assignments. Changes apply to the next request; they last until a reset or restart.
 */
export const identityAdminPrefix = '/_simulator/identity';

export function handleIdentityAdmin(
  call: { method: string; path: string; body: () => Record<string, unknown> },
  directory: Directory,
): { status: number; body: unknown } {
  const { method } = call;
  const rest = call.path
    .slice(identityAdminPrefix.length)
    .split('/')
    .filter((s) => s !== '');
  const [collection, rawId, ...extra] = rest;
  const id = rawId === undefined ? undefined : decodeSegment(rawId);
  if (extra.length > 0) throw new AdminInputError(`No admin endpoint ${method} ${call.path}.`, 404);
  if (collection === undefined) {
    if (method !== 'GET') throw new AdminInputError(`${method} is not supported on ${identityAdminPrefix}.`);
    return { status: 200, body: describe(directory) };
  }
  if (collection === 'roleDefinitions') return roleDefinitions(method, id, call.body, directory);
  if (collection === 'roleAssignments') return roleAssignments(method, id, call.body, directory);
  throw new AdminInputError(`No admin endpoint ${method} ${call.path}. See src/simulator/README.md.`, 404);
}

function roleDefinitions(
  method: string,
  name: string | undefined,
  body: () => Record<string, unknown>,
  directory: Directory,
): { status: number; body: unknown } {
  if (name === undefined) {
    if (method !== 'GET')
      throw new AdminInputError(
        `${method} is not supported on roleDefinitions; PUT or DELETE roleDefinitions/{name}.`,
      );
    return { status: 200, body: { roleDefinitions: directory.roleDefinitions(), builtIn: builtInRoles } };
  }
  if (method === 'PUT') {
    const { created, definition } = directory.putRoleDefinition(name, body());
    return { status: created ? 201 : 200, body: definition };
  }
  if (method === 'DELETE') {
    directory.deleteRoleDefinition(name);
    return { status: 200, body: { roleDefinitions: directory.roleDefinitions() } };
  }
  throw new AdminInputError(`${method} is not supported on a role definition; PUT or DELETE it.`);
}

function roleAssignments(
  method: string,
  id: string | undefined,
  body: () => Record<string, unknown>,
  directory: Directory,
): { status: number; body: unknown } {
  if (id !== undefined) {
    if (method !== 'DELETE')
      throw new AdminInputError(`${method} is not supported on a role assignment; DELETE it.`);
    directory.removeRoleAssignment(id);
  } else if (method === 'POST') {
    return { status: 201, body: directory.addRoleAssignment(body()) };
  } else if (method === 'PUT') {
    directory.replaceRoleAssignments(body().roleAssignments);
  } else if (method === 'DELETE') {
    directory.replaceRoleAssignments([]);
  } else if (method !== 'GET') {
    throw new AdminInputError(`${method} is not supported on roleAssignments.`);
  }
  return { status: 200, body: { roleAssignments: directory.roleAssignments() } };
}

/** The directory without secrets: principals say how they can sign in, not with what. */
function describe(directory: Directory): unknown {
  return {
    tenantId: directory.tenantId,
    signInRequired: directory.signInRequired,
    principals: directory.principals.map((principal) => ({
      name: principal.name,
      clientId: principal.clientId,
      objectId: principal.objectId,
      credentials: [
        ...(principal.clientSecret ? ['clientSecret'] : []),
        ...principal.certificates.map((certificate) => `certificate ${certificate.sha1}`),
      ],
    })),
    roleDefinitions: directory.roleDefinitions(),
    roleAssignments: directory.roleAssignments(),
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AdminInputError(`The path segment '${segment}' is not valid percent-encoding.`);
  }
}
