import type { VirtualMachineRecord } from '../compute/compute-state.js';
import { ownValue } from '../core/own-property.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { containerName, protectedItemName, shortContainerName } from './backup-names.js';
import { itemRefOf, liveRecoveryPoints } from './backup-scope.js';
import type { ProtectedItemRecord, VaultRecord } from './backup-state.js';

/** Before its first backup Azure reports this lastBackupTime (and an empty lastBackupStatus). */
const neverBackedUp = Date.UTC(2001, 0, 1);

/** A protected VM as `AzureIaaSVMProtectedItem` (REST spec's Compute_ProtectedItem_Get example). */
export function renderProtectedItem(
  state: SimulatorState,
  item: ProtectedItemRecord,
  nowMs: number,
): unknown {
  const points = liveRecoveryPoints(state, item, nowMs);
  const policy = item.policyKey ? ownValue(state.backup.policies, item.policyKey) : undefined;
  const vault = ownValue(state.backup.vaults, item.vaultKey);
  const healthy = item.lastBackupStatus !== 'Failed';
  const oldest = points[points.length - 1];
  return {
    id: item.id,
    name: item.name,
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
    properties: {
      friendlyName: item.vmName,
      virtualMachineId: item.vmId,
      protectionStatus: healthy ? 'Healthy' : 'Unhealthy',
      protectionState: item.protectionState,
      healthStatus: healthy ? 'Passed' : 'ActionRequired',
      lastBackupStatus: item.lastBackupStatus,
      lastBackupTime: new Date(item.lastBackupTimeMs ?? neverBackedUp).toISOString(),
      protectedItemDataId: item.protectedItemDataId,
      protectedItemType: 'Microsoft.Compute/virtualMachines',
      backupManagementType: 'AzureIaasVM',
      workloadType: 'VM',
      containerName: shortContainerName(itemRefOf(item)),
      sourceResourceId: item.vmId,
      policyId: policy?.id ?? '',
      policyName: policy?.name ?? '',
      ...(points[0] ? { lastRecoveryPoint: new Date(points[0].timeMs).toISOString() } : {}),
      extendedInfo: {
        ...(oldest ? { oldestRecoveryPoint: new Date(oldest.timeMs).toISOString() } : {}),
        recoveryPointCount: points.length,
        policyInconsistent: false,
      },
      isScheduledForDeferredDelete: false,
      ...(vault ? { vaultId: vault.id } : {}),
    },
  };
}

/** An unprotected VM as `IaaSVMProtectableItem` (as Microsoft's REST tutorial shows it). */
export function renderProtectableItem(vault: VaultRecord, vm: VirtualMachineRecord): unknown {
  const ref = { resourceGroup: vm.resourceGroup, vmName: vm.name };
  const container = containerName(ref);
  const item = protectedItemName(ref).replace(/^VM;/, 'vm;');
  return {
    id: `${vault.id}/backupFabrics/Azure/protectionContainers/${container}/protectableItems/${item}`,
    name: shortContainerName(ref),
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectableItems',
    properties: {
      virtualMachineId: vm.id,
      virtualMachineVersion: 'Compute',
      resourceGroup: vm.resourceGroup,
      backupManagementType: 'AzureIaasVM',
      workloadType: 'VM',
      protectableItemType: 'Microsoft.Compute/virtualMachines',
      friendlyName: vm.name,
      protectionState: 'NotProtected',
    },
  };
}
