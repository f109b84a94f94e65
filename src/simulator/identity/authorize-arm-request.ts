import { ArmError } from '../core/arm-error.js';
import type { Caller } from './authenticate-arm-request.js';
import type { Directory } from './create-directory.js';
import { deriveArmAction } from './derive-arm-action.js';

/**
 * ARM's authorization of a request: the caller needs a role assignment at the request's scope or
 * above whose role allows the request's action (derive-arm-action.ts); else 403 AuthorizationFailed
 * in ARM's words. Two pragmatic openings, as ARM has them: any signed-in caller may poll an
 * operation's status (it has its URL), and list subscriptions and tenants (the lists show only what
 * it has a role in; a subscription it has no role at, above or below is refused).
 */
export function authorizeArmRequest(
  caller: Caller,
  directory: Directory,
  method: string,
  segments: readonly string[],
): void {
  const { action, scope, operationStatus } = deriveArmAction(method, segments);
  if (operationStatus) return;
  const read = method.toUpperCase() === 'GET' || method.toUpperCase() === 'HEAD';
  const first = segments[0]?.toLowerCase();
  if (read && segments.length === 1 && (first === 'subscriptions' || first === 'tenants')) return;
  const allowed =
    read && segments.length === 2 && first === 'subscriptions'
      ? directory.canSee(caller.objectId, scope)
      : directory.isAllowed(caller.objectId, action, scope);
  if (allowed) return;
  throw new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${caller.objectId}' with object id '${caller.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    { headers: { 'x-ms-failure-cause': 'gateway' } },
  );
}
