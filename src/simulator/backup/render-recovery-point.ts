import type { RecoveryPointRecord } from './backup-state.js';

/** A recovery point as `IaasVMRecoveryPoint` (REST spec's RecoveryPoints_List / _Get examples). */
export function renderRecoveryPoint(point: RecoveryPointRecord, nowMs: number): unknown {
  const { vm } = point;
  const premium = vm.disks.some((disk) => disk.sku.startsWith('Premium'));
  return {
    id: point.id,
    name: point.name,
    type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints',
    properties: {
      objectType: 'IaasVMRecoveryPoint',
      recoveryPointType: point.type,
      recoveryPointTime: new Date(point.timeMs).toISOString(),
      recoveryPointAdditionalInfo: '',
      sourceVMStorageType: premium ? 'PremiumVMOnPartialPremiumStorage' : 'NormalStorage',
      isSourceVMEncrypted: false,
      isInstantIlrSessionActive: (point.ilrSessionEndMs ?? 0) > nowMs,
      recoveryPointTierDetails: [
        { type: 'InstantRP', status: point.instantExpiryMs > nowMs ? 'Valid' : 'Deleted' },
        { type: 'HardenedRP', status: 'Valid' },
      ],
      recoveryPointMoveReadinessInfo: {
        ArchivedRP: {
          isReadyForMove: false,
          additionalInfo:
            'Recovery point cannot be moved to Archive tier as the vault is not enabled for archive.',
        },
      },
      isManagedVirtualMachine: true,
      virtualMachineSize: vm.size,
      originalStorageAccountOption: false,
      osType: vm.osType,
      recoveryPointDiskConfiguration: {
        numberOfDisksIncludedInBackup: vm.disks.length,
        numberOfDisksAttachedToVm: vm.disks.length,
        includedDiskList: vm.disks.map((disk) => ({ lun: disk.lun ?? -1, name: disk.name })),
        excludedDiskList: [],
      },
      ...(vm.zone ? { zones: [vm.zone] } : {}),
      securityType: 'None',
      recoveryPointProperties: {
        expiryTime: new Date(point.expiryMs).toISOString(),
        ...(point.policyName ? { ruleName: point.policyName } : {}),
        isSoftDeleted: false,
      },
      isPrivateAccessEnabledOnAnyDisk: false,
    },
  };
}
