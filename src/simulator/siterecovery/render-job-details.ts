import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type { ReplicatedItemRecord, SiteRecoveryJobRecord } from './site-recovery-state.js';

/**
 * A job's `customDetails` as ASR's `JobDetails` discriminators name them, per kind of job: a test
 * failover and its cleanup `TestFailoverJobDetails {networkName, networkFriendlyName, networkType,
 * comments (the cleanup's), protectedItemDetails}`, a planned or unplanned failover
 * `FailoverJobDetails {protectedItemDetails}` (`FailoverReplicationProtectedItemDetails`: the item,
 * its VM, the test VM, the network it is connected to and its subnet), any other `AsrJobDetails`.
 * `affectedObjectDetails` is empty: its keys are Hyper-V VMM ones.
 */
export function jobDetails(state: SimulatorState, job: SiteRecoveryJobRecord): Record<string, unknown> {
  const work = job.work;
  const base = { affectedObjectDetails: {} };
  if (!work) return { instanceType: 'AsrJobDetails', ...base };
  const plan = job.planKey ? ownValue(state.siteRecovery.recoveryPlans, job.planKey) : undefined;
  const items = (plan?.groups.flatMap((group) => group.itemKeys) ?? []).flatMap((key) => {
    const item = ownValue(state.siteRecovery.replicatedItems, key);
    return item ? [item] : [];
  });
  switch (work.scenario) {
    case 'TestFailover':
    case 'TestFailoverCleanup': {
      const networkId = work.networkId ?? ownValue(state.siteRecovery.vaults, job.vaultKey)?.testNetworkId;
      return {
        instanceType: 'TestFailoverJobDetails',
        ...base,
        ...(work.comments ? { comments: work.comments } : {}),
        ...(networkId ? { networkName: networkId, networkFriendlyName: lastSegment(networkId) } : {}),
        networkType: 'VmNetworkAsInput',
        protectedItemDetails: items.map((item) => itemDetails(state, item, networkId, true)),
      };
    }
    case 'PlannedFailover':
    case 'UnplannedFailover':
      return {
        instanceType: 'FailoverJobDetails',
        ...base,
        protectedItemDetails: items.map((item) => itemDetails(state, item, item.recoveryNetworkId, false)),
      };
    default:
      return { instanceType: 'AsrJobDetails', ...base };
  }
}

function itemDetails(
  state: SimulatorState,
  item: ReplicatedItemRecord,
  networkId: string | undefined,
  test: boolean,
): unknown {
  const network = networkId ? ownValue(state.network.virtualNetworks, resourceKey(networkId)) : undefined;
  return {
    name: item.name,
    friendlyName: item.vmName,
    ...(test
      ? { testVmName: `${item.recoveryVmName}-test`, testVmFriendlyName: `${item.recoveryVmName}-test` }
      : {}),
    networkConnectionStatus: network ? 'Connected' : 'NotConnected',
    ...(networkId ? { networkFriendlyName: network?.name ?? lastSegment(networkId) } : {}),
    ...(network?.subnets[0] ? { subnet: network.subnets[0].name } : {}),
  };
}

function lastSegment(id: string): string {
  return id.split('/').pop() ?? id;
}
