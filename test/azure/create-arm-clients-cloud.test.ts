import { randomUUID } from 'node:crypto';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AzureCloudEndpoints, resolveAzureCloud } from '../../src/azure/azure-cloud-endpoints.js';
import {
  type AzureTarget,
  createAzureTarget,
  createBackupClient,
  createComputeClient,
  createNetworkClient,
  createSiteRecoveryClient,
} from '../../src/azure/create-compute-clients.js';

const subscriptionId = '00000000-0000-0000-0000-000000000001';
const china = resolveAzureCloud({ cloud: 'AzureChinaCloud' });

/** A fake at the HTTP boundary: records every request and answers each ARM list with an empty page. */
function recordingHttpClient(answer?: (request: PipelineRequest) => PipelineResponse | undefined): {
  client: HttpClient;
  requests: PipelineRequest[];
} {
  const requests: PipelineRequest[] = [];
  return {
    requests,
    client: {
      async sendRequest(request) {
        requests.push(request);
        return (
          answer?.(request) ?? {
            request,
            status: 200,
            headers: createHttpHeaders({ 'content-type': 'application/json' }),
            bodyAsText: '{"value":[]}',
          }
        );
      },
    },
  };
}

/** A credential that records the scopes it is asked for. */
function recordingCredential(): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    async getToken(asked: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
      scopes.push([asked].flat());
      return { token: 'token-for-test', expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** One list call through each of the four clients the bot uses. */
async function callEveryClient(target: AzureTarget): Promise<void> {
  const options = { target };
  for await (const _ of createComputeClient(subscriptionId, options).virtualMachines.listAll()) break;
  for await (const _ of createNetworkClient(subscriptionId, options).virtualNetworks.listAll()) break;
  for await (const _ of createBackupClient(subscriptionId, options).backupProtectedItems.list('v', 'rg'))
    break;
  for await (const _ of createSiteRecoveryClient(subscriptionId, options).replicationRecoveryPlans.list(
    'v',
    'rg',
  ))
    break;
}

describe('ARM clients aimed at a cloud', () => {
  it("send every client's requests to the cloud's Resource Manager with a token for its audience", async () => {
    const http = recordingHttpClient();
    const credential = recordingCredential();
    await callEveryClient({ kind: 'azure', cloud: china, credential, httpClient: http.client });
    const paths = http.requests.map((request) => new URL(request.url));
    expect(paths.map((url) => url.origin)).toEqual(Array(4).fill('https://management.chinacloudapi.cn'));
    expect(paths.map((url) => url.pathname.split('/providers/')[1]?.split('/')[0])).toEqual([
      'Microsoft.Compute',
      'Microsoft.Network',
      'Microsoft.RecoveryServices',
      'Microsoft.RecoveryServices',
    ]);
    // Compute, Network, Backup and Site Recovery alike: none falls back to public Azure's scope.
    expect(credential.scopes).toHaveLength(4);
    for (const scopes of credential.scopes)
      expect(scopes).toEqual(['https://management.chinacloudapi.cn/.default']);
    for (const request of http.requests)
      expect(request.headers.get('authorization')).toBe('Bearer token-for-test');
  });

  it('ask for the audience given, not one derived from a redirected endpoint', async () => {
    const http = recordingHttpClient();
    const credential = recordingCredential();
    const cloud = resolveAzureCloud({
      cloud: 'AzurePublicCloud',
      resourceManagerUrl: 'https://127.0.0.1:4443',
    });
    await callEveryClient({ kind: 'azure', cloud, credential, httpClient: http.client });
    expect(new Set(http.requests.map((request) => new URL(request.url).host))).toEqual(
      new Set(['127.0.0.1:4443']),
    );
    expect(new Set(credential.scopes.flat())).toEqual(new Set(['https://management.azure.com/.default']));
  });
});

describe('DefaultAzureCredential of an Azure target', () => {
  const tenant = randomUUID();
  const clientId = randomUUID();
  const saved: Record<string, string | undefined> = {};
  const names = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_AUTHORITY_HOST'];

  // EnvironmentCredential, the first of DefaultAzureCredential's chain, reads these itself.
  beforeEach(() => {
    for (const name of names) saved[name] = process.env[name];
    process.env.AZURE_TENANT_ID = tenant;
    process.env.AZURE_CLIENT_ID = clientId;
    process.env.AZURE_CLIENT_SECRET = randomUUID();
    delete process.env.AZURE_AUTHORITY_HOST;
  });
  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  /** Entra's sign-in endpoints, enough for MSAL's client-credentials flow, at whatever host is asked. */
  function fakeEntra(request: PipelineRequest): PipelineResponse | undefined {
    const url = new URL(request.url);
    const json = (body: unknown): PipelineResponse => ({
      request,
      status: 200,
      headers: createHttpHeaders({ 'content-type': 'application/json' }),
      bodyAsText: JSON.stringify(body),
    });
    const authority = `${url.origin}/${tenant}`;
    if (url.pathname.endsWith('/discovery/instance'))
      return json({
        tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
        metadata: [{ preferred_network: url.host, preferred_cache: url.host, aliases: [url.host] }],
      });
    if (url.pathname.endsWith('/.well-known/openid-configuration'))
      return json({
        token_endpoint: `${authority}/oauth2/v2.0/token`,
        authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        issuer: `${authority}/v2.0`,
        jwks_uri: `${url.origin}/${tenant}/discovery/v2.0/keys`,
        response_types_supported: ['code'],
      });
    if (url.pathname.endsWith('/oauth2/v2.0/token'))
      return json({
        token_type: 'Bearer',
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: 'signed-in',
      });
    return undefined;
  }

  async function signIn(cloud: AzureCloudEndpoints) {
    const http = recordingHttpClient(fakeEntra);
    const target = createAzureTarget(cloud, http.client);
    for await (const _ of createComputeClient(subscriptionId, { target }).virtualMachines.listAll()) break;
    const token = http.requests.find((request) => request.url.includes('/oauth2/v2.0/token'));
    const arm = http.requests.find((request) => request.url.includes('/providers/Microsoft.Compute/'));
    return { requests: http.requests.map((request) => request.url), token, arm };
  }

  it("signs in at the cloud's authority host for the cloud's audience", async () => {
    const { token, arm } = await signIn(china);
    const tokenUrl = new URL(token?.url ?? '');
    // MSAL's own metadata for China's cloud sends sign-ins to the preferred alias of its host.
    expect(['login.chinacloudapi.cn', 'login.partner.microsoftonline.cn']).toContain(tokenUrl.host);
    expect(tokenUrl.pathname).toBe(`/${tenant}/oauth2/v2.0/token`);
    const form = new URLSearchParams(String(token?.body));
    expect(form.get('scope')).toContain('https://management.chinacloudapi.cn/.default');
    expect(form.get('client_id')).toBe(clientId);
    expect(new URL(arm?.url ?? '').origin).toBe('https://management.chinacloudapi.cn');
    expect(arm?.headers.get('authorization')).toBe('Bearer signed-in');
  });

  it('signs in at an authority host of its own without asking Microsoft about it when told to', async () => {
    const authorityHost = 'https://127.0.0.1:4443';
    const cloud = resolveAzureCloud({
      cloud: 'AzurePublicCloud',
      resourceManagerUrl: 'https://127.0.0.1:4443',
      authorityHost,
      disableInstanceDiscovery: true,
    });
    const { requests, token } = await signIn(cloud);
    expect(token?.url.split('?')[0]).toBe(`${authorityHost}/${tenant}/oauth2/v2.0/token`);
    expect(requests.filter((url) => !url.startsWith(authorityHost))).toEqual([]);
  });

  it('asks Microsoft to validate an unknown authority host unless told not to', async () => {
    const cloud = resolveAzureCloud({
      cloud: 'AzurePublicCloud',
      authorityHost: 'https://login.example.test',
    });
    const { requests } = await signIn(cloud);
    expect(
      requests.some((url) => url.startsWith('https://login.microsoftonline.com/common/discovery/instance')),
    ).toBe(true);
  });
});
