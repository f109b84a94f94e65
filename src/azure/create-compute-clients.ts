import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { SiteRecoveryManagementClient } from '@azure/arm-recoveryservices-siterecovery';
import { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { HttpClient, PipelinePolicy } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential } from '@azure/identity';
import { type AzureCloudEndpoints, armScopeOf } from './azure-cloud-endpoints.js';
import { rememberErrorBodiesPolicy } from './remember-error-bodies.js';

/** Where the SDK clients send their requests. */
export type AzureTarget =
  /** The built-in simulator in this process: an SDK httpClient that calls its handler. */
  | { kind: 'in-process'; httpClient: HttpClient }
  /** A simulator reached over the network (`npm run simulator`), http or https. */
  | { kind: 'simulator-url'; url: string }
  /** Azure Resource Manager of a cloud, signed in with DefaultAzureCredential (see createAzureTarget). */
  | { kind: 'azure'; cloud: AzureCloudEndpoints; credential: TokenCredential; httpClient?: HttpClient };

/**
 * The target for Azure itself: one DefaultAzureCredential for every client (one token cache), signing
 * in at the cloud's authority host. `httpClient` carries both the sign-ins and the ARM requests instead
 * of the network (tests: an in-process simulator that also plays Entra).
 */
export function createAzureTarget(cloud: AzureCloudEndpoints, httpClient?: HttpClient): AzureTarget {
  const credential = new DefaultAzureCredential({
    authorityHost: cloud.authorityHost,
    disableInstanceDiscovery: cloud.disableInstanceDiscovery,
    ...(httpClient ? { httpClient } : {}),
  });
  return { kind: 'azure', cloud, credential, ...(httpClient ? { httpClient } : {}) };
}

export interface AzureClientOptions {
  target: AzureTarget;
  /** Sees every request and response (metrics, audit of ARM request ids). */
  observer?: PipelinePolicy;
  /** Default poll interval for long-running operations when Azure sends no Retry-After. */
  pollIntervalInMs?: number;
}

const publicArmScope = 'https://management.azure.com/.default';
const simulatorEndpoint = 'https://management.azure.com';

/** A credential for the simulator, which accepts any bearer token; real Azure never sees it. */
const simulatorCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: 'simulator-token',
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

/** The constructor shape every ARM management client of the Azure SDK shares. */
type ArmClientClass<T extends { pipeline: { removePolicy(options: { name: string }): unknown } }> = new (
  credential: TokenCredential,
  subscriptionId: string,
  options: Record<string, unknown>,
) => T;

/**
 * Any ARM management client (Compute, Recovery Services Backup, ...), aimed at the target: a cloud's
 * Resource Manager with DefaultAzureCredential, the in-process simulator, or a simulator URL.
 */
export function createArmClient<T extends { pipeline: { removePolicy(options: { name: string }): unknown } }>(
  Client: ArmClientClass<T>,
  subscriptionId: string,
  options: AzureClientOptions,
): T {
  const { target } = options;
  const common = {
    additionalPolicies: [
      { policy: rememberErrorBodiesPolicy, position: 'perCall' as const },
      ...(options.observer ? [{ policy: options.observer, position: 'perRetry' as const }] : []),
    ],
    retryOptions: { maxRetries: 4 },
  };
  if (target.kind === 'azure') {
    const scopes = [armScopeOf(target.cloud.resourceManagerAudience)];
    return new Client(target.credential, subscriptionId, {
      ...common,
      endpoint: target.cloud.resourceManagerUrl,
      // One audience for every client, under both names: the classic clients (Network, Backup,
      // Site Recovery) read `credentialScopes` and would otherwise derive it from the endpoint;
      // arm-compute 25 reads only `credentials.scopes` and would otherwise ask for public Azure's.
      credentialScopes: scopes,
      credentials: { scopes },
      ...(target.httpClient ? { httpClient: target.httpClient } : {}),
    });
  }
  if (target.kind === 'in-process') {
    return new Client(simulatorCredential, subscriptionId, {
      ...common,
      credentialScopes: [publicArmScope],
      endpoint: simulatorEndpoint,
      httpClient: target.httpClient,
    });
  }
  const insecure = target.url.startsWith('http:');
  const client = new Client(simulatorCredential, subscriptionId, {
    ...common,
    credentialScopes: [publicArmScope],
    endpoint: target.url.replace(/\/$/, ''),
    allowInsecureConnection: insecure,
  });
  // The bearer-token policy refuses plain http whatever allowInsecureConnection says (AZURE.md);
  // the simulator needs no token, so drop the policy for http simulator URLs.
  if (insecure) client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  return client;
}

export function createComputeClient(
  subscriptionId: string,
  options: AzureClientOptions,
): ComputeManagementClient {
  return createArmClient(
    ComputeManagementClient as unknown as ArmClientClass<ComputeManagementClient>,
    subscriptionId,
    options,
  );
}

export function createBackupClient(
  subscriptionId: string,
  options: AzureClientOptions,
): RecoveryServicesBackupClient {
  return createArmClient(
    RecoveryServicesBackupClient as unknown as ArmClientClass<RecoveryServicesBackupClient>,
    subscriptionId,
    options,
  );
}

export function createSiteRecoveryClient(
  subscriptionId: string,
  options: AzureClientOptions,
): SiteRecoveryManagementClient {
  return createArmClient(
    SiteRecoveryManagementClient as unknown as ArmClientClass<SiteRecoveryManagementClient>,
    subscriptionId,
    options,
  );
}

export function createNetworkClient(
  subscriptionId: string,
  options: AzureClientOptions,
): NetworkManagementClient {
  return createArmClient(
    NetworkManagementClient as unknown as ArmClientClass<NetworkManagementClient>,
    subscriptionId,
    options,
  );
}
