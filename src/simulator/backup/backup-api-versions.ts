import type { ProviderRegistration } from '../core/provider-registration.js';
import { siteRecoveryApiVersions } from '../siterecovery/site-recovery-api-versions.js';

/**
 * The api-versions the simulator accepts for Microsoft.RecoveryServices, as Azure does: every
 * version, preview ones included, that the Azure REST API specs list for the types served.
 * Backup: the readme tags of specification/recoveryservicesbackup/resource-manager/
 * Microsoft.RecoveryServices/RecoveryServicesBackup/readme.md (bms.json of every stable/ and
 * preview/ folder, the passive-stamp 2018-12-20, 2021-11-15 and 2023-01-15 included, and 2016-06-01's
 * recoveryservicesbackup.json). @azure/arm-recoveryservicesbackup 12.0.0 sends 2023-06-01; Python's
 * azure-mgmt-recoveryservicesbackup 5.1.0b3 (the Azure CLI 2.45) 2022-09-01-preview.
 */
export const backupApiVersions = [
  '2016-06-01',
  '2016-12-01',
  '2017-07-01',
  '2018-12-20',
  '2019-05-13',
  '2019-06-15',
  '2020-02-02',
  '2020-07-01',
  '2020-10-01',
  '2020-12-01',
  '2021-01-01',
  '2021-02-01',
  '2021-02-01-preview',
  '2021-02-10',
  '2021-03-01',
  '2021-04-01',
  '2021-06-01',
  '2021-07-01',
  '2021-08-01',
  '2021-10-01',
  '2021-11-15',
  '2021-12-01',
  '2022-01-01',
  '2022-02-01',
  '2022-03-01',
  '2022-04-01',
  '2022-06-01-preview',
  '2022-09-01-preview',
  '2022-09-30-preview',
  '2022-10-01',
  '2023-01-01',
  '2023-01-15',
  '2023-02-01',
  '2023-04-01',
  '2023-06-01',
  '2023-08-01',
  '2024-01-01',
  '2024-02-01',
  '2024-04-01',
  '2024-04-30-preview',
  '2024-07-30-preview',
  '2024-10-01',
  '2024-11-01-preview',
  '2025-01-01',
  '2025-02-01',
  '2025-02-28-preview',
  '2025-08-01',
  '2026-01-01',
  '2026-01-31-preview',
  '2026-02-01',
  '2026-03-31-preview',
] as const;

/**
 * Vaults: the readme tags of specification/recoveryservices/resource-manager/
 * Microsoft.RecoveryServices/RecoveryServices/readme.md (vaults.json, then openapi.json, stable/ and
 * preview/). Python's azure-mgmt-recoveryservices 2.2.0 (the Azure CLI 2.45) sends 2022-10-01.
 */
export const vaultApiVersions = [
  '2016-06-01',
  '2020-02-02',
  '2020-10-01',
  '2021-01-01',
  '2021-02-10',
  '2021-03-01',
  '2021-04-01',
  '2021-06-01',
  '2021-07-01',
  '2021-08-01',
  '2021-11-01-preview',
  '2021-12-01',
  '2022-01-01',
  '2022-01-31-preview',
  '2022-02-01',
  '2022-03-01',
  '2022-04-01',
  '2022-05-01',
  '2022-08-01',
  '2022-09-10',
  '2022-09-30-preview',
  '2022-10-01',
  '2023-01-01',
  '2023-02-01',
  '2023-04-01',
  '2023-06-01',
  '2023-08-01',
  '2024-01-01',
  '2024-02-01',
  '2024-04-01',
  '2024-04-30-preview',
  '2024-09-30-preview',
  '2024-10-01',
  '2025-01-01',
  '2025-02-01',
  '2025-08-01',
  '2026-01-01',
  '2026-02-01',
  '2026-03-31-preview',
  '2026-05-01',
  '2026-05-31-preview',
  '2026-07-01',
  '2026-08-01',
] as const;

/**
 * Microsoft.RecoveryServices' registration for the types served. ARM registers `vaults` once for
 * the vault and everything under it (Backup's and Site Recovery's paths), with every version of the
 * three; each route still accepts only its own service's versions.
 */
export const recoveryServicesRegistration: ProviderRegistration = {
  namespace: 'Microsoft.RecoveryServices',
  resourceTypes: [
    {
      resourceType: 'vaults',
      apiVersions: [
        ...new Set([...vaultApiVersions, ...backupApiVersions, ...siteRecoveryApiVersions]),
      ].sort(),
    },
    { resourceType: 'locations', apiVersions: backupApiVersions },
    { resourceType: 'locations/backupStatus', apiVersions: backupApiVersions },
  ],
};
