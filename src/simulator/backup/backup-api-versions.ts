/**
 * The api-versions the simulator accepts for Microsoft.RecoveryServices, as Azure does: the stable
 * versions from 2023 on in the Azure REST API specs, plus what the SDK sends.
 * Backup (bms.json, specification/recoveryservicesbackup): @azure/arm-recoveryservicesbackup 12.0.0
 * sends 2023-06-01 (its `apiVersion` parameter constant).
 * Vaults (vaults.json, specification/recoveryservices): the readme's stable tags and the TypeSpec
 * `Versions` enum.
 */
export const backupApiVersions = [
  '2023-01-01',
  '2023-02-01',
  '2023-04-01',
  // Sent by @azure/arm-recoveryservicesbackup 12.0.0.
  '2023-06-01',
  '2023-08-01',
  '2024-01-01',
  '2024-02-01',
  '2024-04-01',
  '2024-10-01',
  '2025-01-01',
  '2025-02-01',
  '2025-08-01',
] as const;

export const vaultApiVersions = [
  '2023-01-01',
  '2023-02-01',
  '2023-04-01',
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
] as const;
