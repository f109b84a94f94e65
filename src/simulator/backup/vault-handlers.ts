import { paginateList } from '../core/paginate-list.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { requireVault } from './backup-scope.js';
import { renderVault } from './render-vault.js';

/** Microsoft.RecoveryServices/vaults: get, list by resource group and by subscription. */
export function listVaults(context: RouteContext): ArmResult {
  const subscriptionId = (context.params.subscriptionId ?? '').toLowerCase();
  const group = context.params.resourceGroupName?.toLowerCase();
  const vaults = Object.values(context.state.backup.vaults)
    .filter(
      (vault) =>
        vault.subscriptionId.toLowerCase() === subscriptionId &&
        (group === undefined || vault.resourceGroup.toLowerCase() === group),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
  return paginateList(context, vaults, renderVault);
}

export function getVault(context: RouteContext): ArmResult {
  return { status: 200, body: renderVault(requireVault(context)) };
}
