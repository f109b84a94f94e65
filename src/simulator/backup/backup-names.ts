import { providerResourceId } from '../core/resource-id.js';

/**
 * Azure Backup's names for IaaS VMs: container `IaasVMContainer;iaasvmcontainerv2;{rg};{vm}`, item
 * `VM;iaasvmcontainerv2;{rg};{vm}` (clients may send any casing of the prefixes, and `;` as `%3B`;
 * the core decodes paths). Ids keep the canonical casing below.
 */
export const fabricName = 'Azure';
const containerPattern = /^iaasvmcontainer;iaasvmcontainerv2;([^;]+);([^;]+)$/i;
const itemPattern = /^vm;iaasvmcontainerv2;([^;]+);([^;]+)$/i;

export interface VmRef {
  resourceGroup: string;
  vmName: string;
}

export function vaultId(subscriptionId: string, resourceGroup: string, name: string): string {
  return providerResourceId(subscriptionId, resourceGroup, 'Microsoft.RecoveryServices', 'vaults', name);
}

export function containerName(ref: VmRef): string {
  return `IaasVMContainer;iaasvmcontainerv2;${ref.resourceGroup};${ref.vmName}`;
}

/** The form protected items, jobs and backupStatus report: `iaasvmcontainerv2;{rg};{vm}`. */
export function shortContainerName(ref: VmRef): string {
  return `iaasvmcontainerv2;${ref.resourceGroup};${ref.vmName}`;
}

export function protectedItemName(ref: VmRef): string {
  return `VM;iaasvmcontainerv2;${ref.resourceGroup};${ref.vmName}`;
}

export function protectedItemId(vault: string, ref: VmRef): string {
  return `${vault}/backupFabrics/${fabricName}/protectionContainers/${containerName(ref)}/protectedItems/${protectedItemName(ref)}`;
}

export function parseContainerName(name: string): VmRef | undefined {
  const match = containerPattern.exec(name);
  return match?.[1] && match[2] ? { resourceGroup: match[1], vmName: match[2] } : undefined;
}

export function parseProtectedItemName(name: string): VmRef | undefined {
  const match = itemPattern.exec(name);
  return match?.[1] && match[2] ? { resourceGroup: match[1], vmName: match[2] } : undefined;
}

export function policyId(vault: string, name: string): string {
  return `${vault}/backupPolicies/${name}`;
}

export function jobId(vault: string, name: string): string {
  return `${vault}/backupJobs/${name}`;
}

export function recoveryPointId(item: string, name: string): string {
  return `${item}/recoveryPoints/${name}`;
}

export function virtualMachineId(subscriptionId: string, ref: VmRef): string {
  return providerResourceId(
    subscriptionId,
    ref.resourceGroup,
    'Microsoft.Compute',
    'virtualMachines',
    ref.vmName,
  );
}
