/** Helpers for ARM resource ids, which are case-insensitive and compared lower-cased. */
export function resourceKey(id: string): string {
  return id.toLowerCase();
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

export function providerResourceId(
  subscriptionId: string,
  resourceGroup: string,
  namespace: string,
  ...typesAndNames: string[]
): string {
  return `${resourceGroupId(subscriptionId, resourceGroup)}/providers/${namespace}/${typesAndNames.join('/')}`;
}

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup: string;
  namespace: string;
  /** e.g. `snapshots` or `restorePointCollections/restorePoints`. */
  type: string;
  name: string;
}

/** Parses `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{type}/{name}]`. */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const parts = id.replace(/^\/+/, '').split('/');
  if (parts.length < 8 || parts.length % 2 !== 0) return undefined;
  if (parts[0]?.toLowerCase() !== 'subscriptions' || parts[2]?.toLowerCase() !== 'resourcegroups')
    return undefined;
  if (parts[4]?.toLowerCase() !== 'providers') return undefined;
  const rest = parts.slice(6);
  const types = rest.filter((_, index) => index % 2 === 0);
  const names = rest.filter((_, index) => index % 2 === 1);
  const [subscriptionId, , resourceGroup, , namespace] = [parts[1], parts[2], parts[3], parts[4], parts[5]];
  if (!subscriptionId || !resourceGroup || !namespace || names.some((n) => n === '')) return undefined;
  return {
    subscriptionId,
    resourceGroup,
    namespace,
    type: types.join('/'),
    name: names[names.length - 1] ?? '',
  };
}

/** Azure accepts display names ("West Europe") and answers with the short name ("westeurope"). */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}
