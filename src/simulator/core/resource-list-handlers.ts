import { vaultGenericResources } from '../backup/vault-generic-resources.js';
import { computeGenericResources } from '../compute/compute-generic-resources.js';
import { networkGenericResources } from '../network/network-generic-resources.js';
import { ArmError } from './arm-error.js';
import { type GenericExpansion, type GenericResource, renderGenericResource } from './generic-resource.js';
import { paginateList } from './paginate-list.js';
import { readResourceFilter } from './read-resource-filter.js';
import type { ArmResult, RouteContext } from './route-types.js';

/**
 * Microsoft.Resources' generic resource lists: `GET /subscriptions/{s}/resources` and
 * `.../resourceGroups/{rg}/resources` (Resources_List, Resources_ListByResourceGroup; what
 * `az resource list` and Get-AzResource call): every resource the simulator serves, in ARM's
 * envelope (`GenericResourceExpanded`), ordered by id, with `$filter` (read-resource-filter.ts),
 * `$top` and `$expand` (createdTime, changedTime, provisioningState).
 */
export function listResources(context: RouteContext): ArmResult {
  const subscriptionId = (context.params.subscriptionId ?? '').toLowerCase();
  const group = context.params.resourceGroupName?.toLowerCase();
  const wanted = readResourceFilter(context.url.searchParams.get('$filter'));
  const resources = allResources(context)
    .filter(
      (resource) =>
        resource.subscriptionId.toLowerCase() === subscriptionId &&
        (group === undefined || resource.resourceGroup.toLowerCase() === group) &&
        wanted(resource),
    )
    .sort((a, b) => a.id.toLowerCase().localeCompare(b.id.toLowerCase()));
  const top = readTop(context.url.searchParams.get('$top'));
  const expand = readExpand(context.url.searchParams.get('$expand'));
  return paginateList(context, top === undefined ? resources : resources.slice(0, top), (resource) =>
    renderGenericResource(resource, expand),
  );
}

function allResources(context: RouteContext): GenericResource[] {
  return [
    ...computeGenericResources(context.state),
    ...networkGenericResources(context.state),
    ...vaultGenericResources(context.state),
  ];
}

function readTop(value: string | null): number | undefined {
  if (value === null) return undefined;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1)
    throw ArmError.invalidParameter(`The value '${value}' of parameter '$top' is invalid.`, '$top');
  return top;
}

function readExpand(value: string | null): GenericExpansion {
  const known = ['createdTime', 'changedTime', 'provisioningState'] as const;
  const wanted = new Set<(typeof known)[number]>();
  for (const part of (value ?? '').split(',')) {
    const name = known.find((candidate) => candidate.toLowerCase() === part.trim().toLowerCase());
    if (name) wanted.add(name);
  }
  return wanted;
}
