import type { VirtualMachineRecord } from '../compute/compute-state.js';
import { ownValue } from '../core/own-property.js';
import { readString } from '../core/read-arm-body.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { acceptedOperation } from './backup-async.js';
import { backupErrors } from './backup-errors.js';
import { numericId } from './backup-ids.js';
import { containerName, protectedItemId, protectedItemName, virtualMachineId } from './backup-names.js';
import { findItem, requireItemRef, requireVault } from './backup-scope.js';
import type { PolicyRecord, ProtectedItemRecord, VaultRecord } from './backup-state.js';
import { startJob } from './job-lifecycle.js';
import { readBackupProperties } from './read-backup-body.js';

/**
 * PUT protectedItem `{properties: {protectedItemType: "Microsoft.Compute/virtualMachines",
 * sourceResourceId, policyId}}`: enables protection (or changes the policy). Azure answers 202 with
 * the async headers and runs a ConfigureBackup job (30 simulated seconds). A new item appears at
 * once as IRPending; it becomes Protected after its first backup. Stopping protection (empty
 * policyId) is not simulated.
 */
export function putProtectedItem(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const { vm, policy } = readProtectionRequest(context, vault, requireItemRef(context));
  const canonical = { resourceGroup: vm.resourceGroup, vmName: vm.name };
  const existing = findItem(context.state, vault, canonical);
  const item = existing ?? newItem(context, vault, canonical, vm);
  if (!existing) {
    item.policyKey = resourceKey(policy.id);
    context.state.backup.protectedItems[resourceKey(item.id)] = item;
  }
  const operation = context.startOperation({
    namespace: 'Microsoft.RecoveryServices',
    kind: 'backup.configure',
    subscriptionId: vault.subscriptionId,
    location: vault.location,
    resourceId: item.id,
    durationSeconds: 30,
  });
  const job = startJob(context, {
    vault,
    item,
    operation: 'ConfigureBackup',
    plan: [],
    work: {
      kind: 'configure',
      policyKey: resourceKey(policy.id),
      ...(existing?.policyKey ? { previousPolicyKey: existing.policyKey } : {}),
      isNew: !existing,
    },
    propertyBag: { 'VM Name': vm.name, 'Policy Name': policy.name },
    timer: operation,
  });
  operation.payload = { jobKey: resourceKey(job.id), jobName: job.name };
  return acceptedOperation(context, operation, {
    statusPath: `${item.id}/operationsStatus/${operation.id}`,
    resultPath: `${item.id}/operationResults/${operation.id}`,
  });
}

/** The VM and the policy of the request body, checked as Azure checks them. */
function readProtectionRequest(
  context: RouteContext,
  vault: VaultRecord,
  ref: { resourceGroup: string; vmName: string },
): { vm: VirtualMachineRecord; policy: PolicyRecord } {
  const properties = readBackupProperties(context);
  const type = readString(properties.protectedItemType, 'properties.protectedItemType') ?? '';
  if (type.toLowerCase() !== 'microsoft.compute/virtualmachines') {
    throw backupErrors.invalidInput(
      `protectedItemType '${type}' is not supported; use 'Microsoft.Compute/virtualMachines'.`,
    );
  }
  const source = readString(properties.sourceResourceId, 'properties.sourceResourceId');
  const vm = requireSourceVm(context, vault, ref, source);
  const policyIdValue = readString(properties.policyId, 'properties.policyId') ?? '';
  if (policyIdValue === '') {
    throw backupErrors.invalidInput('properties.policyId is required; stopping protection is not simulated.');
  }
  const policy = ownValue(context.state.backup.policies, resourceKey(policyIdValue));
  if (!policy || policy.vaultKey !== resourceKey(vault.id)) {
    throw backupErrors.policyNotFound(policyIdValue.split('/').pop() ?? policyIdValue);
  }
  return { vm, policy };
}

function requireSourceVm(
  context: RouteContext,
  vault: VaultRecord,
  ref: { resourceGroup: string; vmName: string },
  sourceResourceId: string | undefined,
): VirtualMachineRecord {
  const expected = resourceKey(virtualMachineId(vault.subscriptionId, ref));
  if (!sourceResourceId || resourceKey(sourceResourceId) !== expected) {
    throw backupErrors.invalidInput(
      `properties.sourceResourceId must be the id of the VM the container and item names refer to (${ref.resourceGroup}/${ref.vmName}).`,
    );
  }
  const vm = ownValue(context.state.compute.virtualMachines, expected);
  if (!vm) throw backupErrors.invalidInput(`The VM ${sourceResourceId} does not exist.`);
  if (vm.location !== vault.location) {
    throw backupErrors.invalidInput(
      `The VM is in ${vm.location}; vault ${vault.name} can only protect VMs in ${vault.location}.`,
    );
  }
  const elsewhere = Object.values(context.state.backup.protectedItems).find(
    (item) => resourceKey(item.vmId) === expected && item.vaultKey !== resourceKey(vault.id),
  );
  if (elsewhere)
    throw backupErrors.invalidInput(`The VM is already protected by another vault (${elsewhere.vaultKey}).`);
  return vm;
}

function newItem(
  context: RouteContext,
  vault: VaultRecord,
  ref: { resourceGroup: string; vmName: string },
  vm: { id: string; osType: 'Linux' | 'Windows' },
): ProtectedItemRecord {
  const id = protectedItemId(vault.id, ref);
  return {
    id,
    name: protectedItemName(ref),
    containerName: containerName(ref),
    vaultKey: resourceKey(vault.id),
    subscriptionId: vault.subscriptionId,
    vmId: vm.id,
    vmName: ref.vmName,
    vmResourceGroup: ref.resourceGroup,
    osType: vm.osType,
    protectionState: 'IRPending',
    lastBackupStatus: '',
    protectedItemDataId: numericId(`protected-item:${resourceKey(id)}:${context.nowMs}`, 17),
    createdMs: context.nowMs,
  };
}
