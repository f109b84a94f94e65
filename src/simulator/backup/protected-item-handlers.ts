import { pollHeaders } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { operationResult, renderOperationStatus, requireBackupOperation } from './backup-async.js';
import { backupOperationHandlers } from './backup-completions.js';
import { findItem, requireItem, requireItemRef, requireVault } from './backup-scope.js';
import { readODataFilter } from './read-odata-filter.js';
import { renderProtectedItem } from './render-protected-item.js';

/**
 * backupProtectedItems list (`$filter` on backupManagementType, itemType, policyName, containerName,
 * friendlyName), protectedItems get, and the item's operationsStatus / operationResults.
 */
export function listProtectedItems(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const filter = readODataFilter(context.url.searchParams.get('$filter'), [
    'backupManagementType',
    'itemType',
    'policyName',
    'containerName',
    'friendlyName',
  ]);
  const same = (name: string, actual: string | string[]) => {
    const wanted = filter.get(name)?.toLowerCase();
    return wanted === undefined || [actual].flat().some((value) => value.toLowerCase() === wanted);
  };
  const policyName = (key: string | undefined) =>
    (key ? ownValue(context.state.backup.policies, key)?.name : undefined) ?? '';
  const items = Object.values(context.state.backup.protectedItems)
    .filter((item) => item.vaultKey === resourceKey(vault.id))
    .filter(
      (item) =>
        same('backupManagementType', 'AzureIaasVM') &&
        same('itemType', 'VM') &&
        same('policyName', policyName(item.policyKey)) &&
        same('containerName', [item.containerName, item.containerName.replace(/^IaasVMContainer;/i, '')]) &&
        same('friendlyName', item.vmName),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  return paginateList(context, items, (item) => renderProtectedItem(context.state, item, context.nowMs));
}

export function getProtectedItem(context: RouteContext): ArmResult {
  const { item } = requireItem(context);
  return { status: 200, body: renderProtectedItem(context.state, item, context.nowMs) };
}

/** The status of an operation on the item (the item may be gone: a failed enable protection). */
export function getItemOperationStatus(context: RouteContext): ArmResult {
  const operation = requireBackupOperation(context, requireVault(context));
  return {
    status: 200,
    body: renderOperationStatus(context.state, operation, backupOperationHandlers),
    ...(operation.settled ? {} : { headers: pollHeaders(context, operation) }),
  };
}

/** 202 while running; then 200 with the item for enable protection, 204 for the other operations. */
export function getItemOperationResult(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const operation = requireBackupOperation(context, vault);
  return operationResult(context, operation, () => {
    const item = findItem(context.state, vault, requireItemRef(context));
    if (operation.kind !== 'backup.configure' || !item) return { status: 204 };
    return { status: 200, body: renderProtectedItem(context.state, item, context.nowMs) };
  });
}
