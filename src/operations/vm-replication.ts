import { type AzurePort, AzureRequestError, type VmSummary } from '../azure/azure-port.js';
import type { RecoveryPlanInfo, ReplicatedVm } from '../azure/site-recovery-port.js';

/**
 * What Site Recovery knows of one VM, as `dr status` reads it: the replicated item it is the
 * source (or the failover copy) of and the apps (recovery plans) it belongs to; or the item it is
 * a drill copy of (a test failover's `<vm>-test` in the recovery resource group). Two list calls
 * per vault, and none when no Site Recovery vault is configured. Shared by `status <vm>` and any
 * card that must say which copy of a VM it means.
 */
export type VmReplication =
  | { kind: 'not-configured' }
  | { kind: 'unknown'; problem: string }
  | { kind: 'not-replicated' }
  | ReplicatedCopy<'source'>
  | ReplicatedCopy<'failover-copy'>
  | ReplicatedCopy<'drill-copy'>;

export interface ReplicatedCopy<K extends 'source' | 'failover-copy' | 'drill-copy'> {
  kind: K;
  item: ReplicatedVm;
  apps: RecoveryPlanInfo[];
}

export async function replicationOfVm(
  azure: AzurePort,
  vm: VmSummary,
  signal?: AbortSignal,
): Promise<VmReplication> {
  if (azure.siteRecovery.vaults.length === 0) return { kind: 'not-configured' };
  let items: ReplicatedVm[];
  let plans: RecoveryPlanInfo[];
  try {
    [items, plans] = await Promise.all([
      azure.siteRecovery.listReplicatedVms({ abortSignal: signal }),
      azure.siteRecovery.listRecoveryPlans({ abortSignal: signal }),
    ]);
  } catch (error) {
    if (error instanceof AzureRequestError) return { kind: 'unknown', problem: error.message };
    throw error;
  }
  const appsOf = (item: ReplicatedVm) =>
    plans.filter((plan) => plan.groups.some((g) => g.itemIds.some((id) => same(id, item.id))));
  for (const item of items) {
    if (same(item.vmId, vm.id)) return { kind: 'source', item, apps: appsOf(item) };
    if (!inRecoveryGroup(item, vm)) continue;
    if (item.recoveryVmName && same(item.recoveryVmName, vm.name))
      return { kind: 'failover-copy', item, apps: appsOf(item) };
    if (same(`${item.recoveryVmName ?? item.vmName}-test`, vm.name) || same(`${item.vmName}-test`, vm.name))
      return { kind: 'drill-copy', item, apps: appsOf(item) };
  }
  return { kind: 'not-replicated' };
}

/** "the recovery region (northeurope, rg-bcdr-neu)": where a replicated VM's copies are made. */
export function recoverySideOf(item: ReplicatedVm): string {
  const group = item.recoveryResourceGroupId?.split('/').at(-1);
  const where = [item.recoveryRegion, group].filter(Boolean).join(', ');
  return where ? `the recovery region (${where})` : 'the recovery region';
}

function inRecoveryGroup(item: ReplicatedVm, vm: VmSummary): boolean {
  if (!item.recoveryResourceGroupId) return false;
  return same(
    item.recoveryResourceGroupId,
    `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}`,
  );
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
