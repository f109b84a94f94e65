import { ArmError } from './arm-error.js';
import { azureRegionNames } from './azure-regions.js';
import { ownValue } from './own-property.js';
import type { RouteDefinition } from './route-types.js';
import { resourceGroupKey, type SimulatorState } from './simulator-state.js';

/**
 * A resource provider's registration as ARM keeps it (its manifest): the resource types it serves,
 * each with the api-versions it is registered for. ARM refuses an api-version a provider's type
 * does not have with 400 NoRegisteredProviderFound ("No registered resource provider found for
 * location 'westeurope' and API version '2019-01-01' for type 'virtualMachines'. The supported
 * api-versions are '...'. The supported locations are '...'."), whereas its own Microsoft.Resources
 * answers InvalidApiVersionParameter (the core's check). `GET /subscriptions/{s}/providers/{ns}`
 * shows the same registration.
 */
export interface ResourceTypeRegistration {
  /** As ARM names it: `virtualMachines`, `restorePointCollections/restorePoints`, `locations/operations`. */
  resourceType: string;
  apiVersions: readonly string[];
}

export interface ProviderRegistration {
  namespace: string;
  resourceTypes: readonly ResourceTypeRegistration[];
}

/** The provider's routes, each marked with the registered type it belongs to (its api-version refusal). */
export function registeredRoutes(
  registration: ProviderRegistration,
  routes: readonly RouteDefinition[],
): RouteDefinition[] {
  return routes.map((route) => ({ ...route, registeredType: registeredTypeOf(registration, route.pattern) }));
}

/**
 * The registered type a route pattern belongs to: the longest registered chain of the types in its
 * path (`restorePointCollections/restorePoints`), else the first (`virtualMachines` for its
 * `/start` action, `vaults` for everything under a Recovery Services vault).
 */
function registeredTypeOf(registration: ProviderRegistration, pattern: string): string {
  const segments = pattern.split('/').filter((segment) => segment !== '');
  const at = segments.findIndex((segment) => segment.toLowerCase() === 'providers');
  const types = segments.slice(at + 2).filter((_, position) => position % 2 === 0);
  const registered = new Set(registration.resourceTypes.map((type) => type.resourceType.toLowerCase()));
  for (let length = types.length; length > 0; length -= 1) {
    const chain = types.slice(0, length).join('/');
    if (registered.has(chain.toLowerCase())) return chain;
  }
  return types[0] ?? '';
}

/**
 * ARM's wording. The region is the request's: the `locations/{location}` it names, else its resource
 * group's; a subscription-wide request names none (the simulator's choice, ARM's is not documented).
 */
export function noRegisteredProviderFound(
  request: { apiVersion: string; params: Readonly<Record<string, string>>; state: SimulatorState },
  resourceType: string,
  accepted: readonly string[],
): ArmError {
  return ArmError.gateway(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for location '${requestLocation(request)}' and API version ` +
      `'${request.apiVersion}' for type '${resourceType}'. The supported api-versions are ` +
      `'${accepted.join(', ')}'. The supported locations are '${azureRegionNames.join(', ')}'.`,
  );
}

function requestLocation(request: {
  params: Readonly<Record<string, string>>;
  state: SimulatorState;
}): string {
  const named = request.params.location ?? request.params.azureRegion;
  if (named) return named.replace(/\s+/g, '').toLowerCase();
  const { subscriptionId, resourceGroupName } = request.params;
  if (subscriptionId === undefined || resourceGroupName === undefined) return '';
  return (
    ownValue(request.state.resourceGroups, resourceGroupKey(subscriptionId, resourceGroupName))?.location ??
    ''
  );
}
