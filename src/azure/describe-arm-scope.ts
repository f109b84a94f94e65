/**
 * An ARM scope as people name it: "snapshot vm-sql-01-...-os in resource group rg-shop-prod" rather
 * than the id, for messages about a resource (a permission Azure refused on it). The words for the
 * resource types the bot touches are its own; any other type keeps Azure's name.
 */

export interface ArmScopeParts {
  subscriptionId?: string;
  resourceGroup?: string;
  /** The resource the scope ends at, in words: `snapshot vm-sql-01-...-os`; undefined for a group or subscription. */
  resource?: string;
  /** The top-level resource it belongs to, when the scope is below one: `vault rsv-prod-weu`. */
  parent?: string;
}

const typeWords: Record<string, string> = {
  virtualmachines: 'VM',
  disks: 'disk',
  snapshots: 'snapshot',
  restorepointcollections: 'restore point collection',
  restorepoints: 'restore point',
  vaults: 'vault',
  protecteditems: 'backup item',
  recoverypoints: 'recovery point',
  backupjobs: 'backup job',
  replicationrecoveryplans: 'recovery plan',
  replicationjobs: 'Site Recovery job',
  replicationprotecteditems: 'replicated item',
  virtualnetworks: 'virtual network',
  subnets: 'subnet',
  networkinterfaces: 'network interface',
  storageaccounts: 'storage account',
};

/** Splits a scope into its subscription, group and resources, in words. */
export function readArmScope(scope: string): ArmScopeParts {
  const segments = scope
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => safeDecode(segment));
  const at = (key: string) => segments.findIndex((segment) => segment.toLowerCase() === key);
  const subscriptionAt = at('subscriptions');
  const groupAt = at('resourcegroups');
  const providerAt = segments.findLastIndex((segment) => segment.toLowerCase() === 'providers');
  const pairs: [string, string][] = [];
  if (providerAt >= 0) {
    const rest = segments.slice(providerAt + 2);
    for (let index = 0; index + 1 < rest.length; index += 2)
      pairs.push([rest[index] ?? '', rest[index + 1] ?? '']);
  }
  const named = (pair: [string, string] | undefined) =>
    pair ? `${typeWords[pair[0].toLowerCase()] ?? pair[0]} ${itemName(pair)}` : undefined;
  const last = pairs.at(-1);
  return {
    ...(subscriptionAt >= 0 && segments[subscriptionAt + 1]
      ? { subscriptionId: segments[subscriptionAt + 1] }
      : {}),
    ...(groupAt >= 0 && segments[groupAt + 1] ? { resourceGroup: segments[groupAt + 1] } : {}),
    ...(last ? { resource: named(last) } : {}),
    ...(pairs.length > 1 ? { parent: named(pairs[0]) } : {}),
  };
}

/** The whole scope in words: "backup item of VM vm-web-01 in vault rsv-prod-weu, resource group rg-bcdr-weu". */
export function describeArmScope(scope: string): string {
  const parts = readArmScope(scope);
  const where = [
    parts.parent ? `in ${parts.parent}` : undefined,
    parts.resourceGroup ? `${parts.parent ? '' : 'in '}resource group ${parts.resourceGroup}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  if (parts.resource) return `${parts.resource}${where ? ` ${where}` : ''}`;
  if (parts.resourceGroup) return `resource group ${parts.resourceGroup}`;
  if (parts.subscriptionId) return `subscription ${parts.subscriptionId}`;
  return scope;
}

/** Azure Backup's item names say which VM they hold: `vm;iaasvmcontainerv2;rg;vm-web-01` -> `of VM vm-web-01`. */
function itemName([type, name]: [string, string]): string {
  const vm = /^vm;iaasvmcontainerv2;[^;]+;([^;]+)$/i.exec(name)?.[1];
  return type.toLowerCase() === 'protecteditems' && vm ? `of VM ${vm}` : name;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return segment;
    throw error;
  }
}
