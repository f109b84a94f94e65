import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type { FabricRecord, ProtectionContainerRecord } from './site-recovery-state.js';

/**
 * An A2A fabric (REST spec's ReplicationFabrics_Get example, with `customDetails` as
 * `AzureFabricSpecificDetails`) and its protection container (ReplicationProtectionContainers_Get).
 */
export function renderFabric(fabric: FabricRecord): unknown {
  return {
    id: fabric.id,
    name: fabric.name,
    type: 'Microsoft.RecoveryServices/vaults/replicationFabrics',
    properties: {
      friendlyName: fabric.friendlyName,
      encryptionDetails: { kekState: 'None' },
      rolloverEncryptionDetails: { kekState: 'None' },
      internalIdentifier: fabric.internalIdentifier,
      bcdrState: 'Valid',
      customDetails: { instanceType: 'Azure', location: fabric.location },
      healthErrorDetails: [],
      health: 'Normal',
    },
  };
}

export function renderContainer(
  state: SimulatorState,
  container: ProtectionContainerRecord,
  fabric: FabricRecord,
): unknown {
  const items = Object.values(state.siteRecovery.replicatedItems);
  const key = resourceKey(container.id);
  const protectedItemCount = items.filter((item) => item.containerKey === key).length;
  const isRecovery = items.some((item) => item.recoveryContainerKey === key);
  return {
    id: container.id,
    name: container.name,
    type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers',
    properties: {
      fabricFriendlyName: fabric.friendlyName,
      friendlyName: container.name,
      fabricType: 'Azure',
      protectedItemCount,
      pairingStatus: protectedItemCount > 0 || isRecovery ? 'Paired' : 'NotPaired',
      role: protectedItemCount > 0 ? 'Primary' : isRecovery ? 'Recovery' : '',
    },
  };
}
