/**
 * Where the bot's Azure side signs in and sends its requests, per Azure cloud. Every client (Compute,
 * Network, Backup, Site Recovery) takes the same three values, so a sovereign cloud, Azure Stack or a
 * test authority is one setting, not four. The values are Microsoft's own: the Azure SDKs'
 * `AzureAuthorityHosts` and the Resource Manager endpoint of each cloud, whose scope is that endpoint
 * plus `/.default` (as Microsoft's sovereign-cloud samples ask for it).
 */

export const azureCloudNames = ['AzurePublicCloud', 'AzureChinaCloud', 'AzureUSGovernment'] as const;

export type AzureCloudName = (typeof azureCloudNames)[number];

export interface AzureCloudEndpoints {
  cloud: AzureCloudName;
  /** Azure Resource Manager's base URL, without a trailing slash. */
  resourceManagerUrl: string;
  /** The Microsoft Entra authority host the credential signs in at. */
  authorityHost: string;
  /** The audience of the tokens ARM accepts; the token scope is this plus `/.default`. */
  resourceManagerAudience: string;
  /**
   * Sign in without asking login.microsoftonline.com whether the authority host is an Entra
   * instance: for private clouds, Azure Stack and test authorities that Microsoft does not know.
   */
  disableInstanceDiscovery: boolean;
  /** The Azure portal of this cloud, without a trailing slash: `job <id>` links its Azure job there. */
  portalUrl: string;
}

const knownClouds: Record<AzureCloudName, Omit<AzureCloudEndpoints, 'cloud' | 'disableInstanceDiscovery'>> = {
  AzurePublicCloud: {
    resourceManagerUrl: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
    resourceManagerAudience: 'https://management.azure.com',
    portalUrl: 'https://portal.azure.com',
  },
  AzureChinaCloud: {
    resourceManagerUrl: 'https://management.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    resourceManagerAudience: 'https://management.chinacloudapi.cn',
    portalUrl: 'https://portal.azure.cn',
  },
  AzureUSGovernment: {
    resourceManagerUrl: 'https://management.usgovcloudapi.net',
    authorityHost: 'https://login.microsoftonline.us',
    resourceManagerAudience: 'https://management.usgovcloudapi.net',
    portalUrl: 'https://portal.azure.us',
  },
};

/**
 * The names other Azure tools give the same clouds (the Azure CLI's `az cloud list`, Azure
 * PowerShell, the Kubernetes cloud provider's `cloud`), lower-cased, so an administrator can copy
 * whichever they know.
 */
const aliases: Record<string, AzureCloudName> = {
  azurepubliccloud: 'AzurePublicCloud',
  azurecloud: 'AzurePublicCloud',
  azurechinacloud: 'AzureChinaCloud',
  azureusgovernment: 'AzureUSGovernment',
  azureusgovernmentcloud: 'AzureUSGovernment',
};

/** The canonical cloud name for any of its known spellings, case-insensitively; else undefined. */
export function azureCloudNameOf(value: string): AzureCloudName | undefined {
  return aliases[value.trim().toLowerCase()];
}

export interface AzureCloudSettings {
  cloud: AzureCloudName;
  resourceManagerUrl?: string;
  authorityHost?: string;
  resourceManagerAudience?: string;
  disableInstanceDiscovery?: boolean;
  portalUrl?: string;
}

/** The cloud's endpoints, each override taking the place of the cloud's own value. */
export function resolveAzureCloud(settings: AzureCloudSettings): AzureCloudEndpoints {
  const known = knownClouds[settings.cloud];
  return {
    cloud: settings.cloud,
    resourceManagerUrl: withoutTrailingSlash(settings.resourceManagerUrl ?? known.resourceManagerUrl),
    authorityHost: withoutTrailingSlash(settings.authorityHost ?? known.authorityHost),
    resourceManagerAudience: settings.resourceManagerAudience ?? known.resourceManagerAudience,
    disableInstanceDiscovery: settings.disableInstanceDiscovery ?? false,
    portalUrl: withoutTrailingSlash(settings.portalUrl ?? known.portalUrl),
  };
}

/** The token scope for an audience: `https://management.azure.com` -> `https://management.azure.com/.default`. */
export function armScopeOf(audience: string): string {
  return `${withoutTrailingSlash(audience)}/.default`;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The portal page of a resource (an Azure Backup or Site Recovery job, a VM) by its ARM id; with the
 * tenant, the portal opens in that directory even when the reader's default is another.
 */
export function portalLinkOf(portalUrl: string, armId: string, tenantId?: string): string {
  const id = armId.startsWith('/') ? armId : `/${armId}`;
  return tenantId ? `${portalUrl}/#@${tenantId}/resource${id}` : `${portalUrl}/#resource${id}`;
}
