import type { RoleDefinition } from './identity-schema.js';

/**
 * The built-in roles the estate can assign by name, as Microsoft's "Azure built-in roles" page lists
 * them (ids, actions and not-actions), in the same shape as custom roles.
 */
export const builtInRoles: readonly RoleDefinition[] = [
  {
    Name: 'Owner',
    Id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    IsCustom: false,
    Description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    Actions: ['*'],
    NotActions: [],
    DataActions: [],
    NotDataActions: [],
    AssignableScopes: ['/'],
  },
  {
    Name: 'Contributor',
    Id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    IsCustom: false,
    Description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    Actions: ['*'],
    NotActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
      'Microsoft.Purview/consents/write',
      'Microsoft.Purview/consents/delete',
    ],
    DataActions: [],
    NotDataActions: [],
    AssignableScopes: ['/'],
  },
  {
    Name: 'Reader',
    Id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    IsCustom: false,
    Description: 'View all resources, but does not allow you to make any changes.',
    Actions: ['*/read'],
    NotActions: [],
    DataActions: [],
    NotDataActions: [],
    AssignableScopes: ['/'],
  },
];

/** The built-in role of that name (case-insensitive), if any. */
export function builtInRole(name: string): RoleDefinition | undefined {
  const wanted = name.toLowerCase();
  return builtInRoles.find((role) => role.Name.toLowerCase() === wanted);
}
