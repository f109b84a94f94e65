import { ArmError } from '../core/arm-error.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { RouteContext } from '../core/route-types.js';
import { resourceGroupKey, type SimulatorState } from '../core/simulator-state.js';
import { backupErrors } from './backup-errors.js';
import {
  fabricName,
  jobId,
  parseContainerName,
  parseProtectedItemName,
  protectedItemId,
  type VmRef,
  vaultId,
} from './backup-names.js';
import type { JobRecord, ProtectedItemRecord, RecoveryPointRecord, VaultRecord } from './backup-state.js';
import { recoveryPointsOfItem } from './recovery-point-index.js';

/** Looks up what a Recovery Services request names, answering Azure's errors when it is absent. */
export function requireVault(context: RouteContext): VaultRecord {
  const { subscriptionId = '', resourceGroupName = '', vaultName = '' } = context.params;
  const group = ownValue(context.state.resourceGroups, resourceGroupKey(subscriptionId, resourceGroupName));
  const id = vaultId(subscriptionId, group?.name ?? resourceGroupName, vaultName);
  const vault = ownValue(context.state.backup.vaults, resourceKey(id));
  if (!vault) {
    throw ArmError.resourceNotFound(
      `Microsoft.RecoveryServices/vaults/${vaultName}`,
      group?.name ?? resourceGroupName,
    );
  }
  return vault;
}

/** The VM a container/item name pair names (they must agree), or Azure's item-not-found. */
export function requireItemRef(context: RouteContext): VmRef {
  const { fabricName: fabric = '', containerName = '', protectedItemName = '' } = context.params;
  const container = parseContainerName(containerName);
  const item = parseProtectedItemName(protectedItemName);
  const same =
    container &&
    item &&
    container.resourceGroup.toLowerCase() === item.resourceGroup.toLowerCase() &&
    container.vmName.toLowerCase() === item.vmName.toLowerCase();
  if (fabric.toLowerCase() !== fabricName.toLowerCase() || !same) throw backupErrors.itemNotFound();
  return container;
}

export function findItem(
  state: SimulatorState,
  vault: VaultRecord,
  ref: VmRef,
): ProtectedItemRecord | undefined {
  return ownValue(state.backup.protectedItems, resourceKey(protectedItemId(vault.id, ref)));
}

export function requireItem(context: RouteContext): { vault: VaultRecord; item: ProtectedItemRecord } {
  const vault = requireVault(context);
  const item = findItem(context.state, vault, requireItemRef(context));
  if (!item) throw backupErrors.itemNotFound();
  return { vault, item };
}

/** An item's recovery points that have not expired, newest first. */
export function liveRecoveryPoints(
  state: SimulatorState,
  item: ProtectedItemRecord,
  nowMs: number,
): RecoveryPointRecord[] {
  return recoveryPointsOfItem(state, resourceKey(item.id)).filter((point) => point.expiryMs > nowMs);
}

export function findRecoveryPoint(
  state: SimulatorState,
  item: ProtectedItemRecord,
  name: string,
  nowMs: number,
): RecoveryPointRecord | undefined {
  const point = ownValue(state.backup.recoveryPoints, resourceKey(`${item.id}/recoveryPoints/${name}`));
  return point && point.expiryMs > nowMs ? point : undefined;
}

export function requireJob(context: RouteContext, vault: VaultRecord): JobRecord {
  const name = context.params.jobName ?? '';
  const job = ownValue(context.state.backup.jobs, resourceKey(jobId(vault.id, name)));
  if (!job) throw backupErrors.jobNotFound(name);
  return job;
}

export function itemRefOf(item: ProtectedItemRecord): VmRef {
  return { resourceGroup: item.vmResourceGroup, vmName: item.vmName };
}
