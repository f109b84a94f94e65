/**
 * The api-versions Microsoft.Network accepts for virtual networks, subnets, peerings and network
 * interfaces: every stable version from 2022 on in the REST API specs
 * (specification/network/resource-manager, `Microsoft.Network/stable/{version}`), which includes
 * 2025-05-01, the one @azure/arm-network 36 sends.
 */
export const networkApiVersions: readonly string[] = [
  '2022-01-01',
  '2022-05-01',
  '2022-07-01',
  '2022-09-01',
  '2022-11-01',
  '2023-02-01',
  '2023-04-01',
  '2023-05-01',
  '2023-06-01',
  '2023-09-01',
  '2023-11-01',
  '2024-01-01',
  '2024-03-01',
  '2024-05-01',
  '2024-07-01',
  '2024-10-01',
  '2025-01-01',
  '2025-03-01',
  '2025-05-01',
];
