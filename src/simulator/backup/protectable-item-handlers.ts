import { paginateList } from '../core/paginate-list.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { acceptedOperation, operationResult, requireBackupOperation } from './backup-async.js';
import { backupErrors } from './backup-errors.js';
import { fabricName } from './backup-names.js';
import { requireVault } from './backup-scope.js';
import { readODataFilter } from './read-odata-filter.js';
import { renderProtectableItem } from './render-protected-item.js';

/**
 * backupProtectableItems list: the vault's subscription's VMs in the vault's region that no vault
 * protects. The simulator's discovery is always current, so refreshContainers (Azure's "discover
 * VMs" step) is accepted and completes, but is not needed first.
 */
export function listProtectableItems(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const filter = readODataFilter(context.url.searchParams.get('$filter'), [
    'backupManagementType',
    'workloadType',
  ]);
  const type = filter.get('backupManagementType')?.toLowerCase() ?? 'azureiaasvm';
  const workload = filter.get('workloadType')?.toLowerCase() ?? 'vm';
  const protectedVms = new Set(
    Object.values(context.state.backup.protectedItems).map((item) => resourceKey(item.vmId)),
  );
  const vms =
    type !== 'azureiaasvm' || workload !== 'vm'
      ? []
      : Object.values(context.state.compute.virtualMachines)
          .filter(
            (vm) =>
              vm.subscriptionId.toLowerCase() === vault.subscriptionId.toLowerCase() &&
              vm.location === vault.location &&
              !protectedVms.has(resourceKey(vm.id)),
          )
          .sort((a, b) => a.id.localeCompare(b.id));
  return paginateList(context, vms, (vm) => renderProtectableItem(vault, vm));
}

/** POST .../backupFabrics/Azure/refreshContainers: 202 with a Location to the fabric's operationResults. */
export function refreshContainers(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const fabric = `${vault.id}/backupFabrics/${fabricName}`;
  if ((context.params.fabricName ?? '').toLowerCase() !== fabricName.toLowerCase()) {
    throw backupErrors.invalidInput(`Fabric '${context.params.fabricName}' does not exist; use 'Azure'.`);
  }
  const operation = context.startOperation({
    namespace: 'Microsoft.RecoveryServices',
    kind: 'backup.refreshContainers',
    subscriptionId: vault.subscriptionId,
    location: vault.location,
    resourceId: fabric,
    durationSeconds: 30,
  });
  return acceptedOperation(context, operation, { resultPath: `${fabric}/operationResults/${operation.id}` });
}

export function fabricOperationResult(context: RouteContext): ArmResult {
  return operationResult(context, requireBackupOperation(context, requireVault(context)));
}
