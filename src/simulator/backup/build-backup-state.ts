import type { ComputeState, VirtualMachineRecord } from '../compute/compute-state.js';
import type { Estate } from '../core/estate-schema.js';
import { ownValue } from '../core/own-property.js';
import { providerResourceId, resourceKey } from '../core/resource-id.js';
import { numericId } from './backup-ids.js';
import {
  containerName,
  policyId,
  protectedItemId,
  protectedItemName,
  vaultId,
  virtualMachineId,
} from './backup-names.js';
import {
  type BackupState,
  emptyBackupState,
  type PolicyRecord,
  type ProtectedItemRecord,
  type VaultRecord,
} from './backup-state.js';
import { captureVm } from './capture-vm.js';
import { planItemHistory } from './plan-backup-history.js';

/**
 * The Recovery Services state a fresh simulator starts with. Every vault of the estate exists (the
 * `backup` and `siteRecovery` sections alike: one resource type, Microsoft.RecoveryServices/vaults);
 * backup vaults get their policies, protected VMs and each VM's history (plan-backup-history.ts). The
 * last protected VM of each vault had a failed scheduled backup `failedDaysAgo` days ago.
 */
type BackupVaultInput = NonNullable<Estate['backup']>['vaults'][number];
const dayMs = 86_400_000;

export function buildBackupState(estate: Estate, simulatedMs: number, compute: ComputeState): BackupState {
  const backup = emptyBackupState();
  backup.networks = estateNetworks(estate);
  for (const vault of estate.siteRecovery?.vaults ?? []) addVault(backup, vault, simulatedMs);
  for (const input of estate.backup?.vaults ?? []) {
    const vault = addVault(backup, input, simulatedMs);
    const policies = new Map(input.policies.map((p) => [p.name, addPolicy(backup, vault, p)]));
    input.protectedVms.forEach((protectedVm, index) => {
      const policy = policies.get(protectedVm.policy);
      if (!policy) return;
      const failedDaysAgo = index === input.protectedVms.length - 1 && input.history.days > 9 ? 9 : undefined;
      addProtectedVm(backup, compute, {
        vault,
        policy,
        ref: protectedVm.vm,
        input,
        failedDaysAgo,
        simulatedMs,
      });
    });
  }
  return backup;
}

function addVault(
  backup: BackupState,
  input: { subscriptionId: string; resourceGroup: string; name: string; location: string },
  simulatedMs: number,
): VaultRecord {
  const id = vaultId(input.subscriptionId, input.resourceGroup, input.name);
  const vault: VaultRecord = {
    id,
    name: input.name,
    subscriptionId: input.subscriptionId,
    resourceGroup: input.resourceGroup,
    location: input.location,
    tags: {},
    createdMs: simulatedMs - 45 * dayMs,
  };
  backup.vaults[resourceKey(id)] = vault;
  return vault;
}

function addPolicy(
  backup: BackupState,
  vault: VaultRecord,
  input: BackupVaultInput['policies'][number],
): PolicyRecord {
  const id = policyId(vault.id, input.name);
  const policy: PolicyRecord = {
    id,
    name: input.name,
    vaultKey: resourceKey(vault.id),
    scheduleTimeUtc: input.scheduleTimeUtc,
    dailyRetentionDays: input.dailyRetentionDays,
    instantRestoreDays: input.instantRestoreDays,
  };
  backup.policies[resourceKey(id)] = policy;
  return policy;
}

function addProtectedVm(
  backup: BackupState,
  compute: ComputeState,
  input: {
    vault: VaultRecord;
    policy: PolicyRecord;
    ref: string;
    input: BackupVaultInput;
    failedDaysAgo: number | undefined;
    simulatedMs: number;
  },
): void {
  const { vault, policy } = input;
  const [resourceGroup = '', vmName = ''] = input.ref.split('/');
  const vm = ownValue(
    compute.virtualMachines,
    resourceKey(virtualMachineId(vault.subscriptionId, { resourceGroup, vmName })),
  );
  if (!vm) return;
  const item = itemRecord(vault, policy, vm);
  const history = planItemHistory({
    vault,
    item,
    policy,
    vm: captureVm(compute, vm),
    days: input.input.history.days,
    crashConsistentDaysAgo: input.input.history.crashConsistentDaysAgo,
    ...(input.failedDaysAgo === undefined ? {} : { failedDaysAgo: input.failedDaysAgo }),
    nowMs: input.simulatedMs,
  });
  backup.protectedItems[resourceKey(item.id)] = {
    ...item,
    createdMs: history.createdMs,
    protectionState: history.last ? 'Protected' : 'IRPending',
    lastBackupStatus: history.last?.status ?? '',
    ...(history.last ? { lastBackupTimeMs: history.last.timeMs } : {}),
    scheduledThroughMs: history.lastSlotMs,
  };
  // A fresh slice: no index of its points exists yet (recovery-point-index.ts).
  for (const point of history.recoveryPoints) backup.recoveryPoints[resourceKey(point.id)] = point;
  for (const job of history.jobs) backup.jobs[resourceKey(job.id)] = job;
}

function itemRecord(vault: VaultRecord, policy: PolicyRecord, vm: VirtualMachineRecord): ProtectedItemRecord {
  const ref = { resourceGroup: vm.resourceGroup, vmName: vm.name };
  const id = protectedItemId(vault.id, ref);
  return {
    id,
    name: protectedItemName(ref),
    containerName: containerName(ref),
    vaultKey: resourceKey(vault.id),
    subscriptionId: vault.subscriptionId,
    vmId: vm.id,
    vmName: vm.name,
    vmResourceGroup: vm.resourceGroup,
    osType: vm.osType,
    policyKey: resourceKey(policy.id),
    protectionState: 'Protected',
    lastBackupStatus: '',
    protectedItemDataId: numericId(`protected-item:${resourceKey(id)}`, 17),
    createdMs: vault.createdMs,
  };
}

/** Ids of the estate's virtual networks and their subnets, lower-cased. */
function estateNetworks(estate: Estate): string[] {
  const ids: string[] = [];
  for (const subscription of estate.subscriptions) {
    for (const group of subscription.resourceGroups) {
      for (const network of group.virtualNetworks) {
        const id = providerResourceId(
          subscription.subscriptionId,
          group.name,
          'Microsoft.Network',
          'virtualNetworks',
          network.name,
        );
        ids.push(resourceKey(id), ...network.subnets.map((s) => resourceKey(`${id}/subnets/${s.name}`)));
      }
    }
  }
  return ids;
}
