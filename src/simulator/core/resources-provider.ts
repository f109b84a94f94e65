import { ArmError } from './arm-error.js';
import { ownValue } from './own-property.js';
import { paginateList } from './paginate-list.js';
import { getProvider, listProviders } from './provider-handlers.js';
import { listResources } from './resource-list-handlers.js';
import type { ResourceProvider, RouteContext } from './route-types.js';
import { type ResourceGroupRecord, resourceGroupKey, type SubscriptionRecord } from './simulator-state.js';

/**
 * The subscription, tenant and resource group reads of Microsoft.Resources, so that generic Azure
 * clients (and the bot, to discover subscriptions) can look around the simulated estate. Read-only.
 * With sign-in on, the subscription list shows only what the caller has a role in.
 */
/** Every stable version of the subscriptions spec (the Azure CLI 2.45 lists with 2019-11-01). */
const subscriptionApiVersions = [
  '2015-11-01',
  '2016-06-01',
  '2018-06-01',
  '2019-06-01',
  '2019-11-01',
  '2020-01-01',
  '2021-01-01',
  '2022-12-01',
];
/**
 * Every version of the resources spec (resource groups, resources, providers: the readme tags of
 * specification/resources/resource-manager/Microsoft.Resources/resources/readme.md); the Azure CLI
 * 2.45 sends 2021-04-01 (its profile's MGMT_RESOURCE_RESOURCES), Python's azure-mgmt-resource 22
 * 2022-09-01.
 */
const resourceGroupApiVersions = [
  '2015-11-01',
  '2016-02-01',
  '2016-07-01',
  '2016-09-01',
  '2017-05-10',
  '2018-02-01',
  '2018-05-01',
  '2019-03-01',
  '2019-05-01',
  '2019-05-10',
  '2019-07-01',
  '2019-08-01',
  '2019-10-01',
  '2020-06-01',
  '2020-08-01',
  '2020-10-01',
  '2021-01-01',
  '2021-04-01',
  '2022-09-01',
  '2023-07-01',
  '2024-03-01',
  '2024-07-01',
  '2024-11-01',
  '2025-03-01',
  '2025-04-01',
];

function renderSubscription(subscription: SubscriptionRecord, tenantId: string): unknown {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    subscriptionId: subscription.subscriptionId,
    tenantId,
    displayName: subscription.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
    managedByTenants: [],
  };
}

/** The directory's tenant, as `GET /tenants` shows it (the 2022-12-01 example's fields). */
function renderTenant(tenantId: string): unknown {
  return {
    id: `/tenants/${tenantId}`,
    tenantId,
    countryCode: 'US',
    displayName: 'Azure simulator',
    domains: ['simulator.onmicrosoft.com'],
    defaultDomain: 'simulator.onmicrosoft.com',
    tenantCategory: 'Home',
    tenantType: 'AAD',
  };
}

/** The subscriptions the caller has a role in (all of them without sign-in), as ARM lists them. */
function visibleSubscriptions(context: RouteContext): SubscriptionRecord[] {
  return Object.values(context.state.subscriptions).filter((subscription) =>
    context.access.canSee(`/subscriptions/${subscription.subscriptionId}`),
  );
}

function renderResourceGroup(group: ResourceGroupRecord): unknown {
  return {
    id: group.id,
    name: group.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: group.location,
    tags: group.tags,
    properties: { provisioningState: 'Succeeded' },
  };
}

function subscriptionOf(context: RouteContext): SubscriptionRecord {
  const id = context.params.subscriptionId ?? '';
  const subscription = ownValue(context.state.subscriptions, id.toLowerCase());
  if (!subscription) throw ArmError.subscriptionNotFound(id);
  return subscription;
}

/** The generic resource list and the provider registrations (resource-list-handlers.ts, provider-handlers.ts). */
const sub = '/subscriptions/{subscriptionId}';

export const resourcesProvider: ResourceProvider = {
  operationHandlers: {},
  routes: [
    {
      method: 'GET',
      pattern: '/subscriptions',
      apiVersions: subscriptionApiVersions,
      handle: (context) =>
        paginateList(context, visibleSubscriptions(context), (subscription) =>
          renderSubscription(subscription, context.access.tenantId),
        ),
    },
    {
      method: 'GET',
      pattern: '/subscriptions/{subscriptionId}',
      apiVersions: subscriptionApiVersions,
      handle: (context) => ({
        status: 200,
        body: renderSubscription(subscriptionOf(context), context.access.tenantId),
      }),
    },
    {
      method: 'GET',
      pattern: '/tenants',
      apiVersions: subscriptionApiVersions,
      handle: (context) => paginateList(context, [renderTenant(context.access.tenantId)]),
    },
    {
      method: 'GET',
      pattern: '/subscriptions/{subscriptionId}/resourcegroups',
      apiVersions: resourceGroupApiVersions,
      handle: (context) => {
        const subscription = subscriptionOf(context);
        const groups = Object.values(context.state.resourceGroups).filter(
          (g) => g.subscriptionId === subscription.subscriptionId,
        );
        return paginateList(context, groups.map(renderResourceGroup));
      },
    },
    {
      method: 'GET',
      pattern: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}',
      apiVersions: resourceGroupApiVersions,
      handle: (context) => {
        const group = ownValue(
          context.state.resourceGroups,
          resourceGroupKey(context.params.subscriptionId ?? '', context.params.resourceGroupName ?? ''),
        );
        if (!group) throw ArmError.resourceGroupNotFound(context.params.resourceGroupName ?? '');
        return { status: 200, body: renderResourceGroup(group) };
      },
    },
    {
      method: 'GET',
      pattern: `${sub}/resources`,
      apiVersions: resourceGroupApiVersions,
      handle: listResources,
    },
    {
      method: 'GET',
      pattern: `${sub}/resourcegroups/{resourceGroupName}/resources`,
      apiVersions: resourceGroupApiVersions,
      handle: listResources,
    },
    {
      method: 'GET',
      pattern: `${sub}/providers`,
      apiVersions: resourceGroupApiVersions,
      handle: listProviders,
    },
    {
      method: 'GET',
      pattern: `${sub}/providers/{resourceProviderNamespace}`,
      apiVersions: resourceGroupApiVersions,
      handle: getProvider,
    },
  ],
};
