import { ArmError } from './arm-error.js';
import { ownValue } from './own-property.js';
import { paginateList } from './paginate-list.js';
import type { ResourceProvider, RouteContext } from './route-types.js';
import { type ResourceGroupRecord, resourceGroupKey, type SubscriptionRecord } from './simulator-state.js';

/**
 * The subscription and resource group reads of Microsoft.Resources, so that generic Azure clients
 * (and the bot, to discover subscriptions) can look around the simulated estate. Read-only.
 */
const subscriptionApiVersions = ['2016-06-01', '2020-01-01', '2021-01-01', '2022-12-01'];
const resourceGroupApiVersions = [
  '2021-04-01',
  '2022-09-01',
  '2023-07-01',
  '2024-03-01',
  '2024-07-01',
  '2024-11-01',
  '2025-03-01',
  '2025-04-01',
];

function renderSubscription(subscription: SubscriptionRecord): unknown {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    subscriptionId: subscription.subscriptionId,
    displayName: subscription.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
  };
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

export const resourcesProvider: ResourceProvider = {
  operationHandlers: {},
  routes: [
    {
      method: 'GET',
      pattern: '/subscriptions',
      apiVersions: subscriptionApiVersions,
      handle: (context) =>
        paginateList(context, Object.values(context.state.subscriptions).map(renderSubscription)),
    },
    {
      method: 'GET',
      pattern: '/subscriptions/{subscriptionId}',
      apiVersions: subscriptionApiVersions,
      handle: (context) => ({ status: 200, body: renderSubscription(subscriptionOf(context)) }),
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
  ],
};
