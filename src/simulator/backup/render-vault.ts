import type { PolicyRecord, VaultRecord } from './backup-state.js';

/** A Recovery Services vault as ARM returns it (shape of the REST spec's Vaults_Get example). */
export function renderVault(vault: VaultRecord): unknown {
  return {
    id: vault.id,
    name: vault.name,
    type: 'Microsoft.RecoveryServices/vaults',
    location: vault.location,
    tags: vault.tags,
    etag: `W/"datetime'${encodeURIComponent(new Date(vault.createdMs).toISOString())}'"`,
    sku: { name: 'RS0', tier: 'Standard' },
    properties: {
      provisioningState: 'Succeeded',
      privateEndpointStateForBackup: 'None',
      privateEndpointStateForSiteRecovery: 'None',
      publicNetworkAccess: 'Enabled',
      redundancySettings: { standardTierStorageRedundancy: 'GeoRedundant', crossRegionRestore: 'Disabled' },
      securitySettings: {
        immutabilitySettings: { state: 'Disabled' },
        softDeleteSettings: {
          softDeleteState: 'Enabled',
          softDeleteRetentionPeriodInDays: 14,
          enhancedSecurityState: 'Enabled',
        },
        multiUserAuthorization: 'Disabled',
      },
      secureScore: 'Adequate',
      bcdrSecurityLevel: 'Good',
    },
  };
}

/** A policy as `AzureIaaSVMProtectionPolicy` (REST spec's ProtectionPolicies_Get example). */
export function renderPolicy(policy: PolicyRecord, vault: VaultRecord, protectedItemsCount: number): unknown {
  const created = new Date(vault.createdMs);
  const [hours, minutes] = policy.scheduleTimeUtc.split(':').map(Number);
  const runTime = new Date(
    Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate(), hours ?? 0, minutes ?? 0),
  ).toISOString();
  return {
    id: policy.id,
    name: policy.name,
    type: 'Microsoft.RecoveryServices/vaults/backupPolicies',
    properties: {
      backupManagementType: 'AzureIaasVM',
      policyType: 'V1',
      instantRpRetentionRangeInDays: policy.instantRestoreDays,
      schedulePolicy: {
        schedulePolicyType: 'SimpleSchedulePolicy',
        scheduleRunFrequency: 'Daily',
        scheduleRunTimes: [runTime],
        scheduleWeeklyFrequency: 0,
      },
      retentionPolicy: {
        retentionPolicyType: 'LongTermRetentionPolicy',
        dailySchedule: {
          retentionTimes: [runTime],
          retentionDuration: { count: policy.dailyRetentionDays, durationType: 'Days' },
        },
      },
      timeZone: 'UTC',
      protectedItemsCount,
    },
  };
}
