import { buildBackupState } from '../backup/build-backup-state.js';
import { buildComputeState } from '../compute/build-compute-state.js';
import { buildNetworkState } from '../network/build-network-state.js';
import { buildSiteRecoveryState } from '../siterecovery/build-site-recovery-state.js';
import type { Estate } from './estate-schema.js';
import { resourceGroupId } from './resource-id.js';
import { resourceGroupKey, type SimulatorState, stateVersion } from './simulator-state.js';

/** The state a fresh simulator starts with: the estate, no operations, no faults. */
export function buildInitialState(
  estate: Estate,
  simulatedMs: number,
  clockOffsetMs: number,
): SimulatorState {
  const compute = buildComputeState(estate, simulatedMs);
  const state: SimulatorState = {
    version: stateVersion,
    clockOffsetMs,
    subscriptions: {},
    resourceGroups: {},
    operations: {},
    faults: [],
    compute,
    backup: buildBackupState(estate, simulatedMs, compute),
    siteRecovery: buildSiteRecoveryState(estate, simulatedMs, compute),
    network: buildNetworkState(estate, compute),
  };
  for (const subscription of estate.subscriptions) {
    const { subscriptionId, displayName } = subscription;
    state.subscriptions[subscriptionId.toLowerCase()] = { subscriptionId, displayName };
    for (const group of subscription.resourceGroups) {
      state.resourceGroups[resourceGroupKey(subscriptionId, group.name)] = {
        id: resourceGroupId(subscriptionId, group.name),
        subscriptionId,
        name: group.name,
        location: group.location,
        tags: group.tags,
      };
    }
  }
  return state;
}
