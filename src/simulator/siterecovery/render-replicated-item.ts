import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { type ReplicationStatus, replicationStatusOf } from './replication-lag.js';
import { scenarioNameOf } from './scenario-names.js';
import { policyName } from './site-recovery-names.js';
import type { ReplicatedItemRecord, SiteRecoveryVaultRecord } from './site-recovery-state.js';

/**
 * An A2A replicated VM as `ReplicationProtectedItem` (REST spec's ReplicationProtectedItems_Get
 * example, with `providerSpecificDetails` as `A2AReplicationDetails`). While the item replicates
 * (Protected) Azure recalculates its RPO continuously: `lastRpoCalculatedTime` and `lastHeartbeat`
 * are the simulator's clock; otherwise they stay at the record's last calculation. A replication lag
 * (an injected fault) grows the RPO and degrades the health (replication-lag.ts).
 */
export const asrAgentVersion = '9.62.7172.1';
/** What ASR reports as `currentScenario` when no operation is running (REST spec examples). */
export function noScenario(vaultId: string): unknown {
  return {
    scenarioName: 'None',
    jobId: `${vaultId}/replicationJobs/None`,
    startTime: '1753-01-01T01:01:01Z',
  };
}

export function renderReplicatedItem(
  state: SimulatorState,
  item: ReplicatedItemRecord,
  nowMs: number,
): unknown {
  const slice = state.siteRecovery;
  const vault = ownValue(slice.vaults, item.vaultKey);
  const primary = ownValue(slice.fabrics, item.primaryFabricKey);
  const recovery = ownValue(slice.fabrics, item.recoveryFabricKey);
  const container = ownValue(slice.containers, item.containerKey);
  const recoveryContainer = ownValue(slice.containers, item.recoveryContainerKey);
  const job = item.currentJobKey ? ownValue(slice.jobs, item.currentJobKey) : undefined;
  const vaultId = vault?.id ?? '';
  const status = replicationStatusOf(state, item, nowMs);
  return {
    id: item.id,
    name: item.name,
    type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems',
    properties: {
      friendlyName: item.vmName,
      primaryFabricFriendlyName: primary?.friendlyName ?? '',
      primaryFabricProvider: 'Azure',
      recoveryFabricFriendlyName: recovery?.friendlyName ?? '',
      recoveryFabricId: recovery?.id ?? '',
      primaryProtectionContainerFriendlyName: container?.name ?? '',
      recoveryProtectionContainerFriendlyName: recoveryContainer?.name ?? '',
      protectionState: item.protectionState,
      protectionStateDescription: item.protectionStateDescription,
      activeLocation: item.activeLocation,
      testFailoverState: item.testFailoverState,
      testFailoverStateDescription: item.testFailoverStateDescription,
      allowedOperations: item.allowedOperations,
      replicationHealth: status.health,
      failoverHealth: item.failoverHealth,
      healthErrors: status.healthErrors,
      policyId: vault?.policyId ?? '',
      policyFriendlyName: policyName,
      ...optionalTime('lastSuccessfulFailoverTime', item.lastSuccessfulFailoverMs),
      ...optionalTime('lastSuccessfulTestFailoverTime', item.lastSuccessfulTestFailoverMs),
      currentScenario: job
        ? {
            scenarioName: scenarioNameOf(job.scenarioName),
            jobId: job.id,
            startTime: new Date(job.startMs).toISOString(),
          }
        : noScenario(vaultId),
      providerSpecificDetails: a2aDetails(item, {
        vault,
        nowMs,
        primary,
        recovery,
        status,
        disks: protectedManagedDisks(state, item),
      }),
      recoveryContainerId: recoveryContainer?.id ?? '',
    },
  };
}

function a2aDetails(
  item: ReplicatedItemRecord,
  context: {
    vault: SiteRecoveryVaultRecord | undefined;
    nowMs: number;
    primary: { location: string } | undefined;
    recovery: { location: string } | undefined;
    status: ReplicationStatus;
    disks: unknown[];
  },
): unknown {
  const replicating = item.protectionState === 'Protected';
  const calculated = new Date(replicating ? context.nowMs : item.lastRpoCalculatedMs).toISOString();
  return {
    instanceType: 'A2A',
    fabricObjectId: item.vmId,
    initialPrimaryFabricLocation: context.primary?.location ?? '',
    initialRecoveryFabricLocation: context.recovery?.location ?? '',
    primaryFabricLocation: context.primary?.location ?? '',
    recoveryFabricLocation: context.recovery?.location ?? '',
    osType: item.osType,
    recoveryAzureVMSize: item.vmSize,
    recoveryAzureVMName: item.recoveryVmName,
    recoveryAzureResourceGroupId: item.recoveryResourceGroupId,
    ...(item.recoveryNetworkId ? { selectedRecoveryAzureNetworkId: item.recoveryNetworkId } : {}),
    ...(context.vault ? { selectedTfoAzureNetworkId: context.vault.testNetworkId } : {}),
    monitoringPercentageCompletion: 0,
    lastHeartbeat: calculated,
    agentVersion: asrAgentVersion,
    isReplicationAgentUpdateRequired: false,
    vmProtectionState: item.protectionState,
    vmProtectionStateDescription: item.protectionStateDescription,
    rpoInSeconds: context.status.rpoSeconds,
    lastRpoCalculatedTime: calculated,
    // Managed disks are listed here; `protectedDisks` is for unmanaged (storage account) disks.
    protectedDisks: [],
    protectedManagedDisks: context.disks,
  };
}

/**
 * The source VM's managed disks as `A2AProtectedManagedDiskDetails`: their replicas in the recovery
 * resource group are `{disk}-ASRReplica` (what a failover attaches to the recovery VM), a test
 * failover's `{disk}-ASRReplica-test` (recovery-vms.ts).
 */
function protectedManagedDisks(state: SimulatorState, item: ReplicatedItemRecord): unknown[] {
  const vm = ownValue(state.compute.virtualMachines, resourceKey(item.vmId));
  if (!vm) return [];
  const diskIds = [vm.osDiskId, ...vm.dataDisks.map((disk) => disk.diskId)];
  return diskIds.flatMap((diskId) => {
    const disk = ownValue(state.compute.disks, resourceKey(diskId));
    if (!disk) return [];
    return [
      {
        diskId: disk.id,
        diskName: disk.name,
        diskCapacityInBytes: disk.sizeGB * 1024 ** 3,
        diskType: disk.sku,
        diskState: 'Protected',
        recoveryResourceGroupId: item.recoveryResourceGroupId,
        recoveryReplicaDiskId: `${item.recoveryResourceGroupId}/providers/Microsoft.Compute/disks/${disk.name}-ASRReplica`,
        recoveryReplicaDiskAccountType: disk.sku,
        recoveryTargetDiskAccountType: disk.sku,
        failoverDiskName: `${disk.name}-ASRReplica`,
        tfoDiskName: `${disk.name}-ASRReplica-test`,
        resyncRequired: false,
        monitoringPercentageCompletion: 0,
        dataPendingInStagingStorageAccountInMB: 0,
        dataPendingAtSourceAgentInMB: 0,
        isDiskEncrypted: false,
        isDiskKeyEncrypted: false,
        allowedDiskLevelOperation: [],
      },
    ];
  });
}

export function optionalTime(name: string, ms: number | undefined): Record<string, string> {
  return ms === undefined ? {} : { [name]: new Date(ms).toISOString() };
}
