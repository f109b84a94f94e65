import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { siteRecoveryErrors } from './site-recovery-errors.js';
import { policyName } from './site-recovery-names.js';
import { requireVault, type VaultScope } from './site-recovery-scope.js';

/**
 * replicationPolicies list / get: the one A2A policy every replicated item of a vault names in its
 * `policyId`, the portal's `24-hour-retention-policy` (`A2APolicyDetails`): recovery points kept 24
 * hours (`recoveryPointHistory` in minutes), crash-consistent every 5 minutes, app-consistent every 4
 * hours, multi-VM consistency on; as the simulator's recovery points are made. A vault without Site
 * Recovery data has none.
 */
export function listReplicationPolicies(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const policyId = policyIdOf(context, vault);
  return paginateList(context, policyId ? [policyId] : [], renderPolicy);
}

export function getReplicationPolicy(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const name = context.params.policyName ?? '';
  const policyId = policyIdOf(context, vault);
  if (!policyId || name.toLowerCase() !== policyName.toLowerCase())
    throw siteRecoveryErrors.notFound('replication policy', name, vault.name, context.requestId);
  return { status: 200, body: renderPolicy(policyId) };
}

function policyIdOf(context: RouteContext, vault: VaultScope): string | undefined {
  return ownValue(context.state.siteRecovery.vaults, vault.key)?.policyId;
}

function renderPolicy(policyId: string): unknown {
  return {
    id: policyId,
    name: policyName,
    type: 'Microsoft.RecoveryServices/vaults/replicationPolicies',
    properties: {
      friendlyName: policyName,
      providerSpecificDetails: {
        instanceType: 'A2A',
        recoveryPointThresholdInMinutes: 0,
        recoveryPointHistory: 24 * 60,
        appConsistentFrequencyInMinutes: 4 * 60,
        crashConsistentFrequencyInMinutes: 5,
        multiVmSyncStatus: 'Enable',
      },
    },
  };
}
