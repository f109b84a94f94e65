import { paginateList } from '../core/paginate-list.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { requireVault } from './backup-scope.js';
import type { ProtectedItemRecord } from './backup-state.js';
import { readODataFilter } from './read-odata-filter.js';

/**
 * GET `V/backupProtectionContainers` (`az backup container list`, backupProtectionContainers.list):
 * the vault's containers, one per protected VM (`IaasVMContainer;iaasvmcontainerv2;{rg};{vm}` in
 * fabric Azure), as `AzureIaaSComputeVMContainer` (the SDK models' discriminator
 * `containerType: "Microsoft.Compute/virtualMachines"`). `$filter` on backupManagementType,
 * friendlyName, registrationStatus and status (the CLI sends `backupManagementType eq 'AzureIaasVM'
 * and status eq 'Registered'`).
 */
export function listProtectionContainers(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const filter = readODataFilter(context.url.searchParams.get('$filter'), [
    'backupManagementType',
    'friendlyName',
    'registrationStatus',
    'status',
  ]);
  const same = (name: string, actual: string) => {
    const wanted = filter.get(name)?.toLowerCase();
    return wanted === undefined || wanted === actual.toLowerCase();
  };
  const items = Object.values(context.state.backup.protectedItems)
    .filter((item) => item.vaultKey === resourceKey(vault.id))
    .filter(
      (item) =>
        same('backupManagementType', 'AzureIaasVM') &&
        same('friendlyName', item.vmName) &&
        same('registrationStatus', 'Registered') &&
        same('status', 'Registered'),
    )
    .sort((a, b) => a.containerName.localeCompare(b.containerName));
  return paginateList(context, items, renderProtectionContainer);
}

function renderProtectionContainer(item: ProtectedItemRecord): unknown {
  const containerId = item.id.slice(0, item.id.toLowerCase().lastIndexOf('/protecteditems/'));
  return {
    id: containerId,
    name: item.containerName,
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers',
    properties: {
      friendlyName: item.vmName,
      backupManagementType: 'AzureIaasVM',
      registrationStatus: 'Registered',
      healthStatus: item.lastBackupStatus === 'Failed' ? 'Unhealthy' : 'Healthy',
      containerType: 'Microsoft.Compute/virtualMachines',
      protectableObjectType: 'Microsoft.Compute/virtualMachines',
      virtualMachineId: item.vmId,
      virtualMachineVersion: 'Compute',
      resourceGroup: item.vmResourceGroup,
    },
  };
}
