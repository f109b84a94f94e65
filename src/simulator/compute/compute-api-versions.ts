/**
 * The api-versions the simulator accepts, as Azure does: every stable version from 2022 on in the
 * Azure REST API specs for the types served, plus what @azure/arm-compute 25.1.1 sends.
 * ComputeRP (virtualMachines, restorePointCollections, restorePoints): readme tags of
 * specification/compute/resource-manager/Microsoft.Compute/Compute and ComputeRP/stable/2025-11-01.
 * DiskRP (disks, snapshots): the same readme's DiskRP inputs.
 */
export const computeRpApiVersions = [
  '2022-03-01',
  '2022-08-01',
  '2022-11-01',
  '2023-03-01',
  '2023-07-01',
  '2023-09-01',
  '2024-03-01',
  '2024-07-01',
  '2024-11-01',
  '2025-04-01',
  '2025-11-01',
  // Sent by @azure/arm-compute 25.1.1.
  '2026-04-01',
] as const;

export const diskRpApiVersions = [
  '2022-03-02',
  '2022-07-02',
  '2023-01-02',
  '2023-04-02',
  '2023-10-02',
  '2024-03-02',
  '2025-01-02',
  // Sent by @azure/arm-compute 25.1.1.
  '2026-03-02',
] as const;

/** Operation status URLs of Microsoft.Compute answer for both families. */
export const computeOperationApiVersions = [...computeRpApiVersions, ...diskRpApiVersions];
