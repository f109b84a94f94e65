import { providerResourceId } from '../core/resource-id.js';

/**
 * Azure Site Recovery's names for Azure-to-Azure replication, as the portal creates them: fabric
 * `asr-a2a-default-{region}`, its container `asr-a2a-default-{region}-container`, replicated items
 * named by GUIDs under the primary container, the portal's default replication policy
 * `24-hour-retention-policy`. Ids keep the canonical casing below.
 */
export const policyName = '24-hour-retention-policy';

export function vaultId(subscriptionId: string, resourceGroup: string, name: string): string {
  return providerResourceId(subscriptionId, resourceGroup, 'Microsoft.RecoveryServices', 'vaults', name);
}

export function fabricName(location: string): string {
  return `asr-a2a-default-${location}`;
}

export function containerName(location: string): string {
  return `${fabricName(location)}-container`;
}

export function fabricId(vault: string, location: string): string {
  return `${vault}/replicationFabrics/${fabricName(location)}`;
}

export function containerId(fabric: string, location: string): string {
  return `${fabric}/replicationProtectionContainers/${containerName(location)}`;
}

export function replicatedItemId(container: string, name: string): string {
  return `${container}/replicationProtectedItems/${name}`;
}

export function recoveryPlanId(vault: string, name: string): string {
  return `${vault}/replicationRecoveryPlans/${name}`;
}

export function jobId(vault: string, name: string): string {
  return `${vault}/replicationJobs/${name}`;
}

export function replicationPolicyId(vault: string): string {
  return `${vault}/replicationPolicies/${policyName}`;
}
