import { ArmError } from '../core/arm-error.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { RouteContext } from '../core/route-types.js';
import { resourceGroupKey } from '../core/simulator-state.js';
import { siteRecoveryErrors } from './site-recovery-errors.js';
import { jobId, recoveryPlanId, vaultId } from './site-recovery-names.js';
import type {
  FabricRecord,
  ProtectionContainerRecord,
  RecoveryPlanRecord,
  ReplicatedItemRecord,
  SiteRecoveryJobRecord,
} from './site-recovery-state.js';

/**
 * Looks up what a Site Recovery request names, answering Azure's errors when it is absent. The vault
 * is the Microsoft.RecoveryServices/vaults resource (kept in the `backup` slice, which serves it);
 * a vault without Site Recovery data answers empty lists, as Azure does.
 */
export interface VaultScope {
  /** Canonical id. */
  id: string;
  key: string;
  name: string;
}

export function requireVault(context: RouteContext): VaultScope {
  const { subscriptionId = '', resourceGroupName = '', vaultName = '' } = context.params;
  const group = ownValue(context.state.resourceGroups, resourceGroupKey(subscriptionId, resourceGroupName));
  const vault = ownValue(
    context.state.backup.vaults,
    resourceKey(vaultId(subscriptionId, group?.name ?? resourceGroupName, vaultName)),
  );
  if (!vault) {
    throw ArmError.resourceNotFound(
      `Microsoft.RecoveryServices/vaults/${vaultName}`,
      group?.name ?? resourceGroupName,
    );
  }
  return { id: vault.id, key: resourceKey(vault.id), name: vault.name };
}

export function requireFabric(context: RouteContext, vault: VaultScope): FabricRecord {
  const name = context.params.fabricName ?? '';
  const fabric = ownValue(
    context.state.siteRecovery.fabrics,
    resourceKey(`${vault.id}/replicationFabrics/${name}`),
  );
  if (!fabric) throw siteRecoveryErrors.notFound('fabric', name, vault.name, context.requestId);
  return fabric;
}

export function requireContainer(
  context: RouteContext,
  vault: VaultScope,
): { fabric: FabricRecord; container: ProtectionContainerRecord } {
  const fabric = requireFabric(context, vault);
  const name = context.params.containerName ?? '';
  const key = resourceKey(`${fabric.id}/replicationProtectionContainers/${name}`);
  const container = ownValue(context.state.siteRecovery.containers, key);
  if (!container)
    throw siteRecoveryErrors.notFound('protection container', name, vault.name, context.requestId);
  return { fabric, container };
}

export function requireReplicatedItem(context: RouteContext, vault: VaultScope): ReplicatedItemRecord {
  const { container } = requireContainer(context, vault);
  const name = context.params.itemName ?? '';
  const key = resourceKey(`${container.id}/replicationProtectedItems/${name}`);
  const item = ownValue(context.state.siteRecovery.replicatedItems, key);
  if (!item) {
    throw siteRecoveryErrors.notFound('replication protected item', name, vault.name, context.requestId);
  }
  return item;
}

export function requireRecoveryPlan(context: RouteContext, vault: VaultScope): RecoveryPlanRecord {
  const name = context.params.planName ?? '';
  const plan = ownValue(
    context.state.siteRecovery.recoveryPlans,
    resourceKey(recoveryPlanId(vault.id, name)),
  );
  if (!plan) throw siteRecoveryErrors.notFound('recovery plan', name, vault.name, context.requestId);
  return plan;
}

export function requireJob(context: RouteContext, vault: VaultScope): SiteRecoveryJobRecord {
  const name = context.params.jobName ?? '';
  const job = ownValue(context.state.siteRecovery.jobs, resourceKey(jobId(vault.id, name)));
  if (!job) throw siteRecoveryErrors.notFound('job', name, vault.name, context.requestId);
  return job;
}

/** The vault's records of one slice collection, sorted by id (list answers). */
export function recordsOfVault<T extends { id: string; vaultKey: string }>(
  records: Readonly<Record<string, T>>,
  vault: VaultScope,
): T[] {
  return Object.values(records)
    .filter((record) => record.vaultKey === vault.key)
    .sort((a, b) => a.id.localeCompare(b.id));
}
