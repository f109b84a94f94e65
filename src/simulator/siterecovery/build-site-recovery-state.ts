import type { ComputeState, VirtualMachineRecord } from '../compute/compute-state.js';
import { regionDisplayName } from '../core/azure-regions.js';
import { deterministicUuid } from '../core/deterministic-uuid.js';
import type { Estate } from '../core/estate-schema.js';
import { ownValue } from '../core/own-property.js';
import { providerResourceId, resourceGroupId, resourceKey } from '../core/resource-id.js';
import { addRecoveryPlans } from './build-recovery-plans.js';
import {
  containerId,
  containerName,
  fabricId,
  fabricName,
  replicatedItemId,
  replicationPolicyId,
  vaultId,
} from './site-recovery-names.js';
import {
  emptySiteRecoveryState,
  type ReplicatedItemRecord,
  type SiteRecoveryState,
  type SiteRecoveryVaultRecord,
} from './site-recovery-state.js';

/**
 * The Site Recovery state a fresh simulator starts with, from the estate's `siteRecovery` vaults:
 * per vault an A2A fabric and protection container for the source and the vault's region, one
 * replicated item per VM (Protected, replicating for 44 days, with the estate's RPO), and the
 * recovery plans (build-recovery-plans.ts). No jobs and no drills yet: the estate records none.
 */
export type SiteRecoveryVaultInput = NonNullable<Estate['siteRecovery']>['vaults'][number];

const dayMs = 86_400_000;
/** What Azure allows on an A2A item that replicates from its primary region (REST spec examples). */
export const primaryProtectedOperations = [
  'PlannedFailover',
  'UnplannedFailover',
  'DisableProtection',
  'TestFailover',
];

export function buildSiteRecoveryState(
  estate: Estate,
  simulatedMs: number,
  compute: ComputeState,
): SiteRecoveryState {
  const state = emptySiteRecoveryState();
  for (const input of estate.siteRecovery?.vaults ?? []) {
    const vault = addVault(state, estate, input);
    addFabric(state, vault, input.sourceLocation);
    addFabric(state, vault, input.location);
    for (const replicated of input.replicatedVms) {
      const vm = findVm(compute, input.subscriptionId, replicated.vm);
      if (vm) addReplicatedItem(state, { vault, input, vm, rpoSeconds: replicated.rpoSeconds, simulatedMs });
    }
    addRecoveryPlans(state, { vault, input });
  }
  return state;
}

function addVault(
  state: SiteRecoveryState,
  estate: Estate,
  input: SiteRecoveryVaultInput,
): SiteRecoveryVaultRecord {
  const id = vaultId(input.subscriptionId, input.resourceGroup, input.name);
  const [networkGroup = '', networkName = ''] = input.testNetwork.split('/');
  const testNetworkId = networkId(input.subscriptionId, networkGroup, networkName);
  const recoveryNetworkId = estateNetworks(estate, input).find(
    (network) => resourceKey(network) !== resourceKey(testNetworkId),
  );
  const vault: SiteRecoveryVaultRecord = {
    id,
    name: input.name,
    subscriptionId: input.subscriptionId,
    resourceGroup: input.resourceGroup,
    location: input.location,
    testNetworkId,
    ...(recoveryNetworkId ? { recoveryNetworkId } : {}),
    policyId: replicationPolicyId(id),
  };
  state.vaults[resourceKey(id)] = vault;
  return vault;
}

function addFabric(state: SiteRecoveryState, vault: SiteRecoveryVaultRecord, location: string): void {
  const id = fabricId(vault.id, location);
  const vaultKey = resourceKey(vault.id);
  state.fabrics[resourceKey(id)] = {
    id,
    name: fabricName(location),
    vaultKey,
    location,
    friendlyName: regionDisplayName(location),
    internalIdentifier: deterministicUuid(`asr-fabric:${resourceKey(id)}`),
  };
  const container = containerId(id, location);
  state.containers[resourceKey(container)] = {
    id: container,
    name: containerName(location),
    vaultKey,
    fabricKey: resourceKey(id),
  };
}

function addReplicatedItem(
  state: SiteRecoveryState,
  input: {
    vault: SiteRecoveryVaultRecord;
    input: SiteRecoveryVaultInput;
    vm: VirtualMachineRecord;
    rpoSeconds: number;
    simulatedMs: number;
  },
): void {
  const { vault, vm } = input;
  const primaryFabric = fabricId(vault.id, input.input.sourceLocation);
  const recoveryFabric = fabricId(vault.id, vault.location);
  const container = containerId(primaryFabric, input.input.sourceLocation);
  const name = deterministicUuid(`asr-item:${resourceKey(vault.id)}:${resourceKey(vm.id)}`);
  const id = replicatedItemId(container, name);
  const item: ReplicatedItemRecord = {
    id,
    name,
    vaultKey: resourceKey(vault.id),
    containerKey: resourceKey(container),
    primaryFabricKey: resourceKey(primaryFabric),
    recoveryFabricKey: resourceKey(recoveryFabric),
    recoveryContainerKey: resourceKey(containerId(recoveryFabric, vault.location)),
    vmId: vm.id,
    vmName: vm.name,
    vmSize: vm.size,
    osType: vm.osType,
    recoveryVmName: vm.name,
    recoveryResourceGroupId: resourceGroupId(vault.subscriptionId, vault.resourceGroup),
    ...(vault.recoveryNetworkId ? { recoveryNetworkId: vault.recoveryNetworkId } : {}),
    protectionState: 'Protected',
    protectionStateDescription: 'Protected',
    replicationHealth: 'Normal',
    failoverHealth: 'Normal',
    activeLocation: 'Primary',
    testFailoverState: 'None',
    testFailoverStateDescription: 'None',
    allowedOperations: [...primaryProtectedOperations],
    rpoSeconds: input.rpoSeconds,
    lastRpoCalculatedMs: input.simulatedMs,
    createdMs: input.simulatedMs - 44 * dayMs,
  };
  state.replicatedItems[resourceKey(id)] = item;
}

function findVm(
  compute: ComputeState,
  subscriptionId: string,
  ref: string,
): VirtualMachineRecord | undefined {
  const [group = '', name = ''] = ref.split('/');
  const id = providerResourceId(subscriptionId, group, 'Microsoft.Compute', 'virtualMachines', name);
  return ownValue(compute.virtualMachines, resourceKey(id));
}

function networkId(subscriptionId: string, group: string, name: string): string {
  return providerResourceId(subscriptionId, group, 'Microsoft.Network', 'virtualNetworks', name);
}

/** Ids of the networks of the vault's resource group (where failed-over VMs land). */
function estateNetworks(estate: Estate, input: SiteRecoveryVaultInput): string[] {
  const subscription = estate.subscriptions.find(
    (s) => s.subscriptionId.toLowerCase() === input.subscriptionId.toLowerCase(),
  );
  const group = subscription?.resourceGroups.find(
    (g) => g.name.toLowerCase() === input.resourceGroup.toLowerCase(),
  );
  return (group?.virtualNetworks ?? []).map((n) =>
    networkId(input.subscriptionId, group?.name ?? '', n.name),
  );
}
