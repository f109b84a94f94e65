import type { ProviderRegistration } from '../core/provider-registration.js';

/**
 * The api-versions Microsoft.Network accepts for virtual networks, subnets, peerings and network
 * interfaces: every version of the REST API specs, preview included
 * (specification/network/resource-manager/Microsoft.Network/preview/2015-05-01-preview and every
 * `stable/{version}` folder, the newer ones under Microsoft.Network/Network/ with the readme's tags up
 * to package-2025-09-01). @azure/arm-network 36 sends 2025-05-01; Python's azure-mgmt-network 23
 * (the Azure CLI 2.45) 2022-07-01, and the CLI's backup commands read networks with 2019-11-01.
 */
export const networkApiVersions: readonly string[] = [
  '2015-05-01-preview',
  '2015-06-15',
  '2016-03-30',
  '2016-06-01',
  '2016-09-01',
  '2016-12-01',
  '2017-03-01',
  '2017-06-01',
  '2017-08-01',
  '2017-09-01',
  '2017-10-01',
  '2017-11-01',
  '2018-01-01',
  '2018-02-01',
  '2018-04-01',
  '2018-06-01',
  '2018-07-01',
  '2018-08-01',
  '2018-10-01',
  '2018-11-01',
  '2018-12-01',
  '2019-02-01',
  '2019-04-01',
  '2019-06-01',
  '2019-07-01',
  '2019-08-01',
  '2019-09-01',
  '2019-11-01',
  '2019-12-01',
  '2020-03-01',
  '2020-04-01',
  '2020-05-01',
  '2020-06-01',
  '2020-07-01',
  '2020-08-01',
  '2020-11-01',
  '2021-02-01',
  '2021-03-01',
  '2021-05-01',
  '2021-08-01',
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
  '2025-07-01',
  '2025-09-01',
];

/** Microsoft.Network's registration for the types served (subnets and peerings are under virtualNetworks). */
export const networkRegistration: ProviderRegistration = {
  namespace: 'Microsoft.Network',
  resourceTypes: [
    { resourceType: 'virtualNetworks', apiVersions: networkApiVersions },
    { resourceType: 'networkInterfaces', apiVersions: networkApiVersions },
  ],
};
