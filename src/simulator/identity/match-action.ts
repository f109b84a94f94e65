import type { RoleDefinition } from './identity-schema.js';

/**
 * ARM's wildcard matching of role actions: case-insensitive, and `*` stands for any run of
 * characters, within a segment or across `/` (`Microsoft.Compute/*` covers
 * `Microsoft.Compute/virtualMachines/start/action`, `*\/read` every read).
 */
const compiled = new Map<string, RegExp>();

export function actionMatches(pattern: string, action: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}$`, 'i');
    compiled.set(pattern, regex);
  }
  return regex.test(action);
}

/** A role allows an action when one of its Actions matches it and none of its NotActions does. */
export function roleAllows(role: RoleDefinition, action: string): boolean {
  return (
    role.Actions.some((pattern) => actionMatches(pattern, action)) &&
    !role.NotActions.some((pattern) => actionMatches(pattern, action))
  );
}
