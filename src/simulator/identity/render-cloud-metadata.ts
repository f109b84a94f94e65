import { ArmError } from '../core/arm-error.js';
import { armAudiences } from './arm-audiences.js';

/**
 * ARM's cloud metadata, `GET /metadata/endpoints`, for the simulator as a cloud of its own: its
 * origin is both the Resource Manager and the login endpoint, and the audiences are ARM's. Two
 * shapes, as ARM has them: 2015-01-01, one object (`authentication.loginEndpoint`, `audiences`,
 * `graphEndpoint`...), which `az cloud register --endpoint-resource-manager` reads (msrestazure's
 * `_populate_from_metadata_endpoint`); 2019-05-01 and later, a list of clouds (`name`,
 * `resourceManager`, `suffixes`...), which ARM_CLOUD_METADATA_URL points the Azure CLI at.
 */
const objectVersions = ['2015-01-01'];
const listVersions = ['2018-01-01', '2019-05-01', '2020-06-01', '2022-09-01'];

export function renderCloudMetadata(url: URL): unknown {
  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersion) throw ArmError.missingApiVersion();
  const origin = url.origin;
  const audiences = [armAudiences[0], armAudiences[2]];
  if (objectVersions.includes(apiVersion)) {
    return {
      galleryEndpoint: `${origin}/`,
      graphEndpoint: 'https://graph.windows.net/',
      portalEndpoint: `${origin}/`,
      authentication: { loginEndpoint: `${origin}/`, audiences },
    };
  }
  if (!listVersions.includes(apiVersion))
    throw ArmError.invalidApiVersion(apiVersion, [...objectVersions, ...listVersions]);
  return [
    {
      portal: `${origin}/`,
      authentication: { loginEndpoint: `${origin}/`, audiences, tenant: 'common', identityProvider: 'AAD' },
      media: `${origin}/`,
      graphAudience: 'https://graph.windows.net/',
      graph: 'https://graph.windows.net/',
      name: 'AzureSimulator',
      suffixes: {
        azureDataLakeStoreFileSystem: 'azuredatalakestore.net',
        acrLoginServer: 'azurecr.io',
        sqlServerHostname: 'database.windows.net',
        azureDataLakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
        keyVaultDns: 'vault.azure.net',
        storage: 'core.windows.net',
        azureFrontDoorEndpointSuffix: 'azurefd.net',
      },
      batch: 'https://batch.core.windows.net/',
      resourceManager: `${origin}/`,
      vmImageAliasDoc:
        'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
      activeDirectoryDataLake: 'https://datalake.azure.net/',
      sqlManagement: 'https://management.core.windows.net:8443/',
      microsoftGraphResourceId: 'https://graph.microsoft.com/',
      appInsightsResourceId: 'https://api.applicationinsights.io',
      appInsightsTelemetryChannelResourceId: 'https://dc.applicationinsights.azure.com/v2/track',
      attestationResourceId: 'https://attest.azure.net',
      synapseAnalyticsResourceId: 'https://dev.azuresynapse.net',
      logAnalyticsResourceId: 'https://api.loganalytics.io',
      ossrDbmsResourceId: 'https://ossrdbms-aad.database.windows.net',
    },
  ];
}
