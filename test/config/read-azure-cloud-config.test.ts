import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { portalLinkOf, resolveAzureCloud } from '../../src/azure/azure-cloud-endpoints.js';
import { type AppConfig, ConfigError, readAppConfig } from '../../src/config/app-config.js';

/** The endpoints the bot's Azure side would use for this environment, as src/main.ts resolves them. */
function endpointsOf(env: Record<string, string>) {
  const config: AppConfig = readAppConfig(env);
  return resolveAzureCloud({
    cloud: config.AZURE_CLOUD,
    resourceManagerUrl: config.AZURE_RESOURCE_MANAGER_URL,
    authorityHost: config.AZURE_AUTHORITY_HOST,
    resourceManagerAudience: config.AZURE_RESOURCE_MANAGER_AUDIENCE,
    disableInstanceDiscovery: config.AZURE_DISABLE_INSTANCE_DISCOVERY,
    portalUrl: config.AZURE_PORTAL_URL,
  });
}

describe('the Azure cloud from the environment', () => {
  it('is public Azure unless told otherwise', () => {
    expect(endpointsOf({})).toEqual({
      cloud: 'AzurePublicCloud',
      resourceManagerUrl: 'https://management.azure.com',
      authorityHost: 'https://login.microsoftonline.com',
      resourceManagerAudience: 'https://management.azure.com',
      disableInstanceDiscovery: false,
      portalUrl: 'https://portal.azure.com',
    });
  });

  it.each([
    [
      'AzureChinaCloud',
      'https://management.chinacloudapi.cn',
      'https://login.chinacloudapi.cn',
      'https://management.chinacloudapi.cn',
    ],
    [
      'AzureUSGovernment',
      'https://management.usgovcloudapi.net',
      'https://login.microsoftonline.us',
      'https://management.usgovcloudapi.net',
    ],
    // The Azure CLI's and the Kubernetes cloud provider's names, in any case.
    ['AzureCloud', 'https://management.azure.com', 'https://login.microsoftonline.com', undefined],
    ['azureusgovernmentcloud', 'https://management.usgovcloudapi.net', undefined, undefined],
  ])('names %s by its Resource Manager, authority host and audience', (cloud, arm, authority, audience) => {
    const endpoints = endpointsOf({ AZURE_CLOUD: cloud });
    expect(endpoints.resourceManagerUrl).toBe(arm);
    if (authority) expect(endpoints.authorityHost).toBe(authority);
    if (audience) expect(endpoints.resourceManagerAudience).toBe(audience);
  });

  it('lets each endpoint be overridden on its own, the others staying the cloud’s', () => {
    const endpoints = endpointsOf({
      AZURE_CLOUD: 'AzureChinaCloud',
      AZURE_RESOURCE_MANAGER_URL: 'https://127.0.0.1:4443/',
      AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
    });
    expect(endpoints).toEqual({
      cloud: 'AzureChinaCloud',
      resourceManagerUrl: 'https://127.0.0.1:4443',
      authorityHost: 'https://login.chinacloudapi.cn',
      resourceManagerAudience: 'https://management.chinacloudapi.cn',
      disableInstanceDiscovery: true,
      portalUrl: 'https://portal.azure.cn',
    });
    const stack = endpointsOf({
      AZURE_RESOURCE_MANAGER_URL: 'https://management.local.azurestack.external',
      AZURE_AUTHORITY_HOST: 'https://adfs.local.azurestack.external/adfs',
      AZURE_RESOURCE_MANAGER_AUDIENCE:
        'https://management.adfs.azurestack.local/4de154de-f8a8-4017-af41-df619da68155',
    });
    expect(stack.authorityHost).toBe('https://adfs.local.azurestack.external/adfs');
    expect(stack.resourceManagerAudience).toBe(
      'https://management.adfs.azurestack.local/4de154de-f8a8-4017-af41-df619da68155',
    );
  });

  it.each([
    ['AzurePublicCloud', 'https://portal.azure.com'],
    ['AzureUSGovernment', 'https://portal.azure.us'],
    ['AzureChinaCloud', 'https://portal.azure.cn'],
  ])('links %s jobs to its own portal, unless AZURE_PORTAL_URL names another', (cloud, portal) => {
    expect(endpointsOf({ AZURE_CLOUD: cloud }).portalUrl).toBe(portal);
    const armId =
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/j';
    expect(portalLinkOf(endpointsOf({ AZURE_CLOUD: cloud }).portalUrl, armId)).toBe(
      `${portal}/#resource${armId}`,
    );
    expect(portalLinkOf(portal, armId, 'tenant-1')).toBe(`${portal}/#@tenant-1/resource${armId}`);
    const stack = endpointsOf({
      AZURE_CLOUD: cloud,
      AZURE_PORTAL_URL: 'https://portal.local.azurestack.external/',
    });
    expect(stack.portalUrl).toBe('https://portal.local.azurestack.external');
  });

  it('polls at Azure’s own pace unless AZURE_POLL_SECONDS says otherwise', () => {
    expect(readAppConfig({}).AZURE_POLL_SECONDS).toBeUndefined();
    expect(readAppConfig({ AZURE_POLL_SECONDS: '0.5' }).AZURE_POLL_SECONDS).toBe(0.5);
  });

  it.each([
    [{ AZURE_CLOUD: 'AzureGermanCloud' }, 'AZURE_CLOUD', 'AzureChinaCloud or AzureUSGovernment'],
    [{ AZURE_CLOUD: 'public' }, 'AZURE_CLOUD', 'AZURE_RESOURCE_MANAGER_URL'],
    [
      { AZURE_RESOURCE_MANAGER_URL: 'http://management.azure.com' },
      'AZURE_RESOURCE_MANAGER_URL',
      'https://management.azure.com',
    ],
    [
      { AZURE_RESOURCE_MANAGER_URL: 'management.azure.com' },
      'AZURE_RESOURCE_MANAGER_URL',
      'https base URL of Azure Resource Manager',
    ],
    [
      { AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/?tenant=x' },
      'AZURE_AUTHORITY_HOST',
      'Microsoft Entra authority host',
    ],
    [{ AZURE_AUTHORITY_HOST: 'login.microsoftonline.com' }, 'AZURE_AUTHORITY_HOST', 'no tenant'],
    [
      { AZURE_RESOURCE_MANAGER_AUDIENCE: 'management.azure.com' },
      'AZURE_RESOURCE_MANAGER_AUDIENCE',
      'plus /.default',
    ],
    [{ AZURE_DISABLE_INSTANCE_DISCOVERY: 'yes' }, 'AZURE_DISABLE_INSTANCE_DISCOVERY', '"true"'],
    [{ AZURE_POLL_SECONDS: '0' }, 'AZURE_POLL_SECONDS', '0.05 to 300'],
    [{ AZURE_POLL_SECONDS: 'fast' }, 'AZURE_POLL_SECONDS', 'Retry-After'],
  ])('rejects %o naming %s and the fix', (env, variable, fix) => {
    const error = catchError(() => readAppConfig(env));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`- ${variable}:`);
    expect(error.message).toContain(fix);
  });

  it('stops the bot at start with the variable and the fix, before it listens', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        AZURE_BACKEND: 'azure',
        AZURE_SUBSCRIPTION_IDS: '00000000-0000-0000-0000-000000000001',
        AZURE_CLOUD: 'AzureMarsCloud',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('- AZURE_CLOUD:');
    expect(run.stderr).toContain('Fix: use AzurePublicCloud');
    expect(run.stdout).not.toContain('bot ready');
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
