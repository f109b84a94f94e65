import { recoveryServicesRegistration } from '../backup/backup-api-versions.js';
import { computeRegistration } from '../compute/compute-api-versions.js';
import { networkRegistration } from '../network/network-api-versions.js';
import { ArmError } from './arm-error.js';
import { azureRegionNames, regionDisplayName } from './azure-regions.js';
import { paginateList } from './paginate-list.js';
import type { ProviderRegistration } from './provider-registration.js';
import type { ArmResult, RouteContext } from './route-types.js';

/**
 * Microsoft.Resources' provider reads: `GET /subscriptions/{s}/providers` and
 * `.../providers/{namespace}` (Providers_List / Providers_Get; what `az provider show` and the
 * SDKs' api-version resolution read): each namespace the simulator serves, Registered, with its
 * resource types, their regions (display names) and api-versions (newest first), from the same
 * registrations the routes check api-versions against (provider-registration.ts). An unknown
 * namespace: ARM's 404 InvalidResourceNamespace.
 */
const registrations: readonly ProviderRegistration[] = [
  computeRegistration,
  networkRegistration,
  recoveryServicesRegistration,
];

export function listProviders(context: RouteContext): ArmResult {
  return paginateList(context, registrations, (registration) => renderProvider(context, registration));
}

export function getProvider(context: RouteContext): ArmResult {
  const namespace = context.params.resourceProviderNamespace ?? '';
  const registration = registrations.find(
    (candidate) => candidate.namespace.toLowerCase() === namespace.toLowerCase(),
  );
  if (!registration) {
    throw ArmError.gateway(
      404,
      'InvalidResourceNamespace',
      `The resource namespace '${namespace}' is invalid.`,
    );
  }
  return { status: 200, body: renderProvider(context, registration) };
}

function renderProvider(context: RouteContext, registration: ProviderRegistration): unknown {
  const locations = azureRegionNames.map(regionDisplayName);
  return {
    id: `/subscriptions/${context.params.subscriptionId}/providers/${registration.namespace}`,
    namespace: registration.namespace,
    registrationState: 'Registered',
    registrationPolicy: 'RegistrationRequired',
    resourceTypes: registration.resourceTypes.map((type) => ({
      resourceType: type.resourceType,
      locations,
      apiVersions: [...type.apiVersions].sort().reverse(),
      capabilities: 'None',
    })),
  };
}
