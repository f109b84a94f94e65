import { registeredRoutes } from '../core/provider-registration.js';
import type { ResourceProvider, RouteDefinition } from '../core/route-types.js';
import { backupApiVersions, recoveryServicesRegistration, vaultApiVersions } from './backup-api-versions.js';
import { backupOperationHandlers } from './backup-completions.js';
import { getBackupStatus } from './backup-status-handler.js';
import { putProtectedItem } from './enable-protection-handler.js';
import { provisionIlr, revokeIlr } from './ilr-handlers.js';
import {
  cancelJob,
  getJob,
  getJobOperationResult,
  getVaultOperationStatus,
  listJobs,
} from './job-handlers.js';
import { getPolicy, listPolicies } from './policy-handlers.js';
import {
  fabricOperationResult,
  listProtectableItems,
  refreshContainers,
} from './protectable-item-handlers.js';
import {
  getItemOperationResult,
  getItemOperationStatus,
  getProtectedItem,
  listProtectedItems,
} from './protected-item-handlers.js';
import { listProtectionContainers } from './protection-container-handlers.js';
import { getRecoveryPoint, listRecoveryPoints } from './recovery-point-handlers.js';
import { triggerRestore } from './restore-handler.js';
import { runBackupSchedules } from './run-backup-schedules.js';
import { triggerBackup } from './trigger-backup-handler.js';
import { getVault, listVaults } from './vault-handlers.js';

/**
 * Microsoft.RecoveryServices as the simulator serves it: vaults, and Azure Backup of IaaS VMs with
 * the paths @azure/arm-recoveryservicesbackup 12 calls (see README for the list).
 */
const sub = '/subscriptions/{subscriptionId}';
const vaults = 'providers/Microsoft.RecoveryServices/vaults';
const vault = `${sub}/resourceGroups/{resourceGroupName}/${vaults}/{vaultName}`;
const fabric = `${vault}/backupFabrics/{fabricName}`;
const item = `${fabric}/protectionContainers/{containerName}/protectedItems/{protectedItemName}`;
const point = `${item}/recoveryPoints/{recoveryPointId}`;

const v = vaultApiVersions;
const b = backupApiVersions;

const routes: RouteDefinition[] = [
  { method: 'GET', pattern: `${sub}/${vaults}`, apiVersions: v, handle: listVaults },
  {
    method: 'GET',
    pattern: `${sub}/resourceGroups/{resourceGroupName}/${vaults}`,
    apiVersions: v,
    handle: listVaults,
  },
  { method: 'GET', pattern: vault, apiVersions: v, handle: getVault },

  { method: 'GET', pattern: `${vault}/backupPolicies`, apiVersions: b, handle: listPolicies },
  { method: 'GET', pattern: `${vault}/backupPolicies/{policyName}`, apiVersions: b, handle: getPolicy },
  { method: 'GET', pattern: `${vault}/backupProtectableItems`, apiVersions: b, handle: listProtectableItems },
  { method: 'GET', pattern: `${vault}/backupProtectedItems`, apiVersions: b, handle: listProtectedItems },
  {
    method: 'GET',
    pattern: `${vault}/backupProtectionContainers`,
    apiVersions: b,
    handle: listProtectionContainers,
  },
  { method: 'POST', pattern: `${fabric}/refreshContainers`, apiVersions: b, handle: refreshContainers },
  {
    method: 'GET',
    pattern: `${fabric}/operationResults/{operationId}`,
    apiVersions: b,
    handle: fabricOperationResult,
  },

  { method: 'GET', pattern: item, apiVersions: b, handle: getProtectedItem },
  { method: 'PUT', pattern: item, apiVersions: b, handle: putProtectedItem },
  { method: 'POST', pattern: `${item}/backup`, apiVersions: b, handle: triggerBackup },
  {
    method: 'GET',
    pattern: `${item}/operationsStatus/{operationId}`,
    apiVersions: b,
    handle: getItemOperationStatus,
  },
  {
    method: 'GET',
    pattern: `${item}/operationResults/{operationId}`,
    apiVersions: b,
    handle: getItemOperationResult,
  },
  { method: 'GET', pattern: `${item}/recoveryPoints`, apiVersions: b, handle: listRecoveryPoints },
  { method: 'GET', pattern: point, apiVersions: b, handle: getRecoveryPoint },
  { method: 'POST', pattern: `${point}/restore`, apiVersions: b, handle: triggerRestore },
  { method: 'POST', pattern: `${point}/provisionInstantItemRecovery`, apiVersions: b, handle: provisionIlr },
  { method: 'POST', pattern: `${point}/revokeInstantItemRecovery`, apiVersions: b, handle: revokeIlr },

  { method: 'GET', pattern: `${vault}/backupJobs`, apiVersions: b, handle: listJobs },
  { method: 'GET', pattern: `${vault}/backupJobs/{jobName}`, apiVersions: b, handle: getJob },
  { method: 'POST', pattern: `${vault}/backupJobs/{jobName}/cancel`, apiVersions: b, handle: cancelJob },
  {
    method: 'GET',
    pattern: `${vault}/backupJobs/{jobName}/operationResults/{operationId}`,
    apiVersions: b,
    handle: getJobOperationResult,
  },
  {
    method: 'GET',
    pattern: `${vault}/backupOperations/{operationId}`,
    apiVersions: b,
    handle: getVaultOperationStatus,
  },

  {
    method: 'POST',
    pattern: `${sub}/providers/Microsoft.RecoveryServices/locations/{azureRegion}/backupStatus`,
    apiVersions: b,
    handle: getBackupStatus,
  },
];

export const backupProvider: ResourceProvider = {
  routes: registeredRoutes(recoveryServicesRegistration, routes),
  operationHandlers: backupOperationHandlers,
  catchUp: runBackupSchedules,
};
