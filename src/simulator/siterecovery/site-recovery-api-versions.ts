/**
 * The api-versions the simulator accepts for Azure Site Recovery (the `replication*` resources of a
 * Recovery Services vault), as Azure does: the stable versions from 2022 on that the REST API specs
 * list (specification/recoveryservicessiterecovery/resource-manager/Microsoft.RecoveryServices/
 * SiteRecovery/readme.md, tags package-2022-01 ... package-2026-05-01). @azure/arm-recoveryservices-
 * siterecovery 5.1.0 sends 2023-06-01.
 */
export const siteRecoveryApiVersions = [
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
  '2026-05-01',
] as const;
