import { recoveryServicesRegistration } from '../backup/backup-api-versions.js';
import { registeredRoutes } from '../core/provider-registration.js';
import type { ResourceProvider, RouteDefinition } from '../core/route-types.js';
import {
  getContainer,
  getFabric,
  listFabricContainers,
  listFabrics,
  listVaultContainers,
} from './fabric-handlers.js';
import { planJobTimer, planJobTimerKind } from './plan-jobs.js';
import {
  getOperationResult,
  getOperationStatus,
  postPlanOperation,
  resumeJob,
} from './plan-operation-handlers.js';
import { getRecoveryPlan, listRecoveryPlans } from './recovery-plan-handlers.js';
import { listRecoveryPoints } from './recovery-point-handlers.js';
import { getReplicatedItem, listContainerItems, listReplicatedItems } from './replicated-item-handlers.js';
import { endReplicationLag } from './replication-lag.js';
import { getReplicationPolicy, listReplicationPolicies } from './replication-policy-handlers.js';
import { siteRecoveryApiVersions } from './site-recovery-api-versions.js';
import { getSiteRecoveryJob, listSiteRecoveryJobs } from './site-recovery-job-handlers.js';

/**
 * Azure Site Recovery (Azure-to-Azure) in Recovery Services vaults, with the paths
 * @azure/arm-recoveryservices-siterecovery 5 calls: fabrics, protection containers, replicated
 * items, recovery points, recovery plans and their operations (test failover, cleanup, planned and
 * unplanned failover, commit, cancel, reprotect), jobs and job resume (see README). The vault resource itself is
 * served by the Backup provider.
 */
const vault =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.RecoveryServices/vaults/{vaultName}';
const fabric = `${vault}/replicationFabrics/{fabricName}`;
const container = `${fabric}/replicationProtectionContainers/{containerName}`;
const v = siteRecoveryApiVersions;

const routes: RouteDefinition[] = [
  { method: 'GET', pattern: `${vault}/replicationFabrics`, apiVersions: v, handle: listFabrics },
  { method: 'GET', pattern: fabric, apiVersions: v, handle: getFabric },
  {
    method: 'GET',
    pattern: `${fabric}/replicationProtectionContainers`,
    apiVersions: v,
    handle: listFabricContainers,
  },
  { method: 'GET', pattern: container, apiVersions: v, handle: getContainer },
  {
    method: 'GET',
    pattern: `${vault}/replicationProtectionContainers`,
    apiVersions: v,
    handle: listVaultContainers,
  },

  {
    method: 'GET',
    pattern: `${vault}/replicationProtectedItems`,
    apiVersions: v,
    handle: listReplicatedItems,
  },
  {
    method: 'GET',
    pattern: `${container}/replicationProtectedItems`,
    apiVersions: v,
    handle: listContainerItems,
  },
  {
    method: 'GET',
    pattern: `${container}/replicationProtectedItems/{itemName}`,
    apiVersions: v,
    handle: getReplicatedItem,
  },

  { method: 'GET', pattern: `${vault}/replicationPolicies`, apiVersions: v, handle: listReplicationPolicies },
  {
    method: 'GET',
    pattern: `${vault}/replicationPolicies/{policyName}`,
    apiVersions: v,
    handle: getReplicationPolicy,
  },
  { method: 'GET', pattern: `${vault}/replicationRecoveryPlans`, apiVersions: v, handle: listRecoveryPlans },
  {
    method: 'GET',
    pattern: `${vault}/replicationRecoveryPlans/{planName}`,
    apiVersions: v,
    handle: getRecoveryPlan,
  },

  ...[
    'testFailover',
    'testFailoverCleanup',
    'plannedFailover',
    'unplannedFailover',
    'failoverCommit',
    'failoverCancel',
    'reProtect',
  ].map(
    (action): RouteDefinition => ({
      method: 'POST',
      pattern: `${vault}/replicationRecoveryPlans/{planName}/${action}`,
      apiVersions: v,
      handle: postPlanOperation,
    }),
  ),
  {
    method: 'GET',
    pattern: `${container}/replicationProtectedItems/{itemName}/recoveryPoints`,
    apiVersions: v,
    handle: listRecoveryPoints,
  },
  { method: 'POST', pattern: `${vault}/replicationJobs/{jobName}/resume`, apiVersions: v, handle: resumeJob },
  {
    method: 'GET',
    pattern: `${vault}/replicationOperationStatus/{operationId}`,
    apiVersions: v,
    handle: getOperationStatus,
  },
  {
    method: 'GET',
    pattern: `${vault}/replicationOperationResults/{jobName}`,
    apiVersions: v,
    handle: getOperationResult,
  },
  { method: 'GET', pattern: `${vault}/replicationJobs`, apiVersions: v, handle: listSiteRecoveryJobs },
  {
    method: 'GET',
    pattern: `${vault}/replicationJobs/{jobName}`,
    apiVersions: v,
    handle: getSiteRecoveryJob,
  },
];

export const siteRecoveryProvider: ResourceProvider = {
  routes: registeredRoutes(recoveryServicesRegistration, routes),
  operationHandlers: {
    [planJobTimerKind]: planJobTimer,
    // A job resume is done at once; its operation only times the async status.
    'siterecovery.resume': { complete: () => undefined },
  },
  faultRemoved: endReplicationLag,
};
