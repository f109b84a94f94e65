import { AdminInputError } from '../core/admin-input-error.js';
import type { Directory, RoleAssignmentView } from './create-directory.js';
import type { RoleAssignmentInput, RoleDefinition } from './identity-schema.js';

/**
 * The simulator's `identity` methods, for tests that change who may do what while a scenario runs
 * (the admin API's `/_simulator/identity/...` does the same over HTTP). They follow the current
 * directory, so they keep working after a reset. Bad input throws with the field and the reason.
 */
export interface IdentityControl {
  readonly tenantId: string;
  /** Creates or replaces a custom role, in the Azure CLI's role definition format (its `Name` names it). */
  putRoleDefinition(definition: Partial<RoleDefinition> & { Name: string }): {
    created: boolean;
    definition: RoleDefinition;
  };
  deleteRoleDefinition(name: string): void;
  roleDefinitions(): RoleDefinition[];
  addRoleAssignment(assignment: RoleAssignmentInput): RoleAssignmentView;
  removeRoleAssignment(id: string): void;
  /** Replaces every role assignment at once. */
  setRoleAssignments(assignments: readonly RoleAssignmentInput[]): RoleAssignmentView[];
  roleAssignments(): RoleAssignmentView[];
}

export function createIdentityControl(directory: () => Directory): IdentityControl {
  return {
    get tenantId() {
      return directory().tenantId;
    },
    putRoleDefinition(definition) {
      const name = definition?.Name;
      if (typeof name !== 'string' || name === '')
        throw new AdminInputError('roleDefinition.Name: give the role a Name.');
      return directory().putRoleDefinition(name, definition);
    },
    deleteRoleDefinition(name) {
      directory().deleteRoleDefinition(name);
    },
    roleDefinitions: () => directory().roleDefinitions(),
    addRoleAssignment: (assignment) => directory().addRoleAssignment(assignment),
    removeRoleAssignment(id) {
      directory().removeRoleAssignment(id);
    },
    setRoleAssignments: (assignments) => directory().replaceRoleAssignments(assignments),
    roleAssignments: () => directory().roleAssignments(),
  };
}
