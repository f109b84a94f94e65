import type { ProviderRegistration } from '../core/provider-registration.js';

/**
 * The api-versions the simulator accepts for Microsoft.Compute, as Azure does: every version, preview
 * ones included, that the Azure REST API specs list for the types served, plus what
 * @azure/arm-compute 25.1.1 sends. Source: the readme tags of
 * specification/compute/resource-manager/Microsoft.Compute/Compute/readme.md (compute.json,
 * ComputeRP.json and disk.json / DiskRP.json inputs, stable/ and preview/ folders) and
 * ComputeRP/stable/2025-11-01. Python's azure-mgmt-compute 29 (the Azure CLI 2.45) sends 2022-08-01
 * for virtual machines and 2022-03-02 for disks and snapshots.
 */
export const computeRpApiVersions = [
  '2015-06-15',
  '2016-03-30',
  '2016-04-30-preview',
  '2017-03-30',
  '2017-12-01',
  '2018-04-01',
  '2018-06-01',
  '2018-10-01',
  '2019-03-01',
  '2019-07-01',
  '2019-12-01',
  '2020-06-01',
  '2020-12-01',
  '2021-03-01',
  '2021-04-01',
  '2021-07-01',
  '2021-11-01',
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

/** Restore point collections and their points came with ComputeRP 2021-03-01. */
export const restorePointApiVersions = computeRpApiVersions.filter((version) => version >= '2021-03-01');

/** DiskRP: disk.json from 2016-04-30-preview, DiskRP.json from 2022-03-02. */
export const diskRpApiVersions = [
  '2016-04-30-preview',
  '2017-03-30',
  '2018-04-01',
  '2018-06-01',
  '2018-09-30',
  '2019-03-01',
  '2019-07-01',
  '2019-11-01',
  '2020-05-01',
  '2020-06-30',
  '2020-09-30',
  '2020-12-01',
  '2021-04-01',
  '2021-08-01',
  '2021-12-01',
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
export const computeOperationApiVersions = [
  ...new Set([...computeRpApiVersions, ...diskRpApiVersions]),
].sort();

/** Microsoft.Compute's registration for the types served. */
export const computeRegistration: ProviderRegistration = {
  namespace: 'Microsoft.Compute',
  resourceTypes: [
    { resourceType: 'virtualMachines', apiVersions: computeRpApiVersions },
    { resourceType: 'disks', apiVersions: diskRpApiVersions },
    { resourceType: 'snapshots', apiVersions: diskRpApiVersions },
    { resourceType: 'restorePointCollections', apiVersions: restorePointApiVersions },
    { resourceType: 'restorePointCollections/restorePoints', apiVersions: restorePointApiVersions },
    { resourceType: 'locations', apiVersions: computeOperationApiVersions },
    { resourceType: 'locations/operations', apiVersions: computeOperationApiVersions },
  ],
};
