/**
 * The api-versions the simulator accepts for Azure Site Recovery (the `replication*` resources of a
 * Recovery Services vault), as Azure does: every version, preview ones included, that the REST API
 * specs list (specification/recoveryservicessiterecovery/resource-manager/Microsoft.RecoveryServices/
 * SiteRecovery/readme.md, tags package-2016-08 ... package-2026-05-01 and
 * package-preview-2026-03-31-preview). @azure/arm-recoveryservices-siterecovery 5.1.0 sends
 * 2023-06-01; Python's azure-mgmt-recoveryservicessiterecovery 1.0.0 2022-10-01.
 */
export const siteRecoveryApiVersions = [
  '2016-08-10',
  '2018-01-10',
  '2018-07-10',
  '2021-02-10',
  '2021-03-01',
  '2021-04-01',
  '2021-06-01',
  '2021-07-01',
  '2021-08-01',
  '2021-10-01',
  '2021-11-01',
  '2021-12-01',
  '2022-01-01',
  '2022-02-01',
  '2022-03-01',
  '2022-04-01',
  '2022-05-01',
  '2022-08-01',
  '2022-09-10',
  '2022-10-01',
  '2023-01-01',
  '2023-02-01',
  '2023-04-01',
  // Sent by @azure/arm-recoveryservices-siterecovery 5.1.0.
  '2023-06-01',
  '2023-08-01',
  '2024-01-01',
  '2024-02-01',
  '2024-04-01',
  '2024-10-01',
  '2025-01-01',
  '2025-02-01',
  '2025-08-01',
  '2026-01-01',
  '2026-02-01',
  '2026-03-31-preview',
  '2026-05-01',
] as const;
