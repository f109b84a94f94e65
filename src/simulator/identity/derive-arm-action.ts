/**
 * The RBAC action and scope of an ARM request, derived generically from its method and path as ARM
 * does: the provider namespace and the resource-type path after the last `/providers/` (names
 * dropped), then `read` (GET, HEAD), `write` (PUT, PATCH), `delete` (DELETE) or, for POST, the last
 * segment followed by `/action`:
 *
 * - GET  .../providers/Microsoft.Compute/virtualMachines/vm1 -> Microsoft.Compute/virtualMachines/read
 * - POST .../providers/Microsoft.Compute/virtualMachines/vm1/start -> Microsoft.Compute/virtualMachines/start/action
 * - GET  /subscriptions/s/resourcegroups -> Microsoft.Resources/subscriptions/resourceGroups/read
 *
 * Paths without a provider type are Microsoft.Resources' own (subscriptions, resource groups,
 * tenants). The scope is the request path; for POST, the path of the resource acted on.
 */
export interface ArmRequestAction {
  action: string;
  scope: string;
  /** GET of a long-running operation's status: open to any signed-in caller (README). */
  operationStatus: boolean;
}

/** Microsoft.Resources path words in their canonical casing (action names show them so). */
const resourcesWords: Readonly<Record<string, string>> = {
  subscriptions: 'subscriptions',
  resourcegroups: 'resourceGroups',
  resources: 'resources',
  providers: 'providers',
  tenants: 'tenants',
  locations: 'locations',
  tags: 'tags',
  deployments: 'deployments',
};

/** Resource types whose GET reports the status of an operation someone started. */
const operationStatusTypes = new Set([
  'operations',
  'operationresults',
  'operationsstatus',
  'operationstatus',
  'operationstatuses',
  'asyncoperations',
  'backupoperations',
  'backupoperationresults',
  'replicationoperationresults',
  'replicationoperationstatus',
]);

export function deriveArmAction(method: string, segments: readonly string[]): ArmRequestAction {
  const verb = method.toUpperCase();
  const isPost = verb === 'POST';
  const { namespace, rest } = splitProviderPath(segments);
  const typePath = isPost ? rest.slice(0, -1) : rest;
  const types = typePath.filter((_, index) => index % 2 === 0);
  const suffix = isPost ? `${rest.at(-1) ?? ''}/action` : verbSuffix(verb);
  const action = [namespace, ...types, suffix].join('/');
  const scopeSegments = isPost ? segments.slice(0, -1) : segments;
  const lastType = types.at(-1)?.toLowerCase() ?? '';
  return {
    action,
    scope: `/${scopeSegments.join('/')}`,
    operationStatus: (verb === 'GET' || verb === 'HEAD') && operationStatusTypes.has(lastType),
  };
}

function verbSuffix(verb: string): string {
  if (verb === 'PUT' || verb === 'PATCH') return 'write';
  if (verb === 'DELETE') return 'delete';
  return 'read';
}

/**
 * The namespace and the type/name segments after it. A `providers` segment counts when a
 * namespace and at least one type follow it (`/subscriptions/s/providers/Microsoft.Compute` alone is
 * Microsoft.Resources' provider registration).
 */
function splitProviderPath(segments: readonly string[]): { namespace: string; rest: readonly string[] } {
  for (let index = segments.length - 3; index >= 0; index -= 1) {
    if (segments[index]?.toLowerCase() === 'providers') {
      return { namespace: segments[index + 1] ?? '', rest: segments.slice(index + 2) };
    }
  }
  return {
    namespace: 'Microsoft.Resources',
    rest: segments.map((segment, index) =>
      index % 2 === 0 ? (resourcesWords[segment.toLowerCase()] ?? segment) : segment,
    ),
  };
}
