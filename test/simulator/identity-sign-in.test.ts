import { spawn } from 'node:child_process';
import { createHash, createPublicKey, createSign, createVerify, X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientCertificateCredential, ManagedIdentityCredential } from '@azure/identity';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import {
  authorityHost,
  claimsOf,
  type IdentityEstate,
  secretCredential,
  signedInComputeClient,
  tenantId,
  writeIdentityEstate,
} from './identity-test-kit.js';
import { armRequest, collect, startSimulator, subscriptionId } from './simulator-test-kit.js';

const armScope = 'https://management.azure.com/.default';

describe('simulator sign-in: an Entra authority the Azure SDKs sign in at', () => {
  let dir: string;
  let estate: IdentityEstate;
  let simulator: Simulator;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'azure-sim-identity-'));
    estate = await writeIdentityEstate(dir);
    simulator = await startSimulator({ estatePath: estate.estatePath });
  }, 30_000);

  afterAll(async () => {
    await simulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await simulator.handle({ method: 'GET', url, headers });
    return { ...response, json: JSON.parse(response.body ?? 'null') as Record<string, unknown> };
  };

  it('signs in a ClientSecretCredential (instance discovery included) and arm-compute lists VMs with it', async () => {
    // Instance discovery goes to login.microsoftonline.com, which the in-process transport hands to the simulator.
    const seen: Array<{ url: string; status: number; body: string }> = [];
    const transport = createInProcessHttpClient(async (request) => {
      const response = await simulator.handle(request);
      seen.push({ url: request.url, status: response.status, body: response.body ?? '' });
      return response;
    });
    const credential = secretCredential(simulator, estate.bot, { httpClient: transport });
    const token = await credential.getToken(armScope);
    const discovery = seen.find((call) =>
      call.url.startsWith('https://login.microsoftonline.com/common/discovery/instance?'),
    );
    expect(discovery?.status).toBe(200);
    expect(JSON.parse(discovery?.body ?? '{}')).toEqual({
      tenant_discovery_endpoint: `${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.simulator.test',
          preferred_cache: 'login.simulator.test',
          aliases: ['login.simulator.test'],
        },
      ],
    });
    expect(seen.map((call) => new URL(call.url).pathname)).toEqual([
      '/common/discovery/instance',
      `/${tenantId}/v2.0/.well-known/openid-configuration`,
      `/${tenantId}/oauth2/v2.0/token`,
    ]);
    const claims = claimsOf(token.token);
    const openId = await get(`${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`);
    expect(claims).toMatchObject({
      aud: 'https://management.azure.com',
      iss: openId.json.issuer,
      tid: tenantId,
      oid: estate.bot.objectId,
      sub: estate.bot.objectId,
      appid: estate.bot.clientId,
      azp: estate.bot.clientId,
      appidacr: '1',
      ver: '2.0',
    });
    expect(openId.json.issuer).toBe(`${authorityHost}/${tenantId}/v2.0`);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(claims.nbf).toBe(claims.iat);
    const vms = await collect(signedInComputeClient(simulator, credential).virtualMachines.listAll());
    expect(vms.map((vm) => vm.name)).toContain('vm-web-01');
  });

  it('signs its tokens RS256 with the key its JWKS publishes, and its openid configuration names the endpoints MSAL reads', async () => {
    const token = (await secretCredential(simulator, estate.reader).getToken(armScope)).token;
    const openId = await get(`${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`);
    expect(openId.json).toMatchObject({
      token_endpoint: `${authorityHost}/${tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${authorityHost}/${tenantId}/oauth2/v2.0/authorize`,
      jwks_uri: `${authorityHost}/${tenantId}/discovery/v2.0/keys`,
    });
    const jwks = await get(String(openId.json.jwks_uri));
    const [key] = jwks.json.keys as Array<Record<string, string>>;
    const [header = '', payload = '', signature = ''] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({
      alg: 'RS256',
      kid: key?.kid,
    });
    const publicKey = createPublicKey({ key: key as never, format: 'jwk' });
    const valid = createVerify('RSA-SHA256')
      .update(`${header}.${payload}`)
      .verify(publicKey, Buffer.from(signature, 'base64url'));
    expect(valid).toBe(true);
  });

  it("signs in with a client assertion signed by the principal's certificate (ClientCertificateCredential)", async () => {
    const credential = new ClientCertificateCredential(
      tenantId,
      estate.certBot.clientId,
      { certificate: estate.certBot.pem },
      {
        authorityHost,
        httpClient: createInProcessHttpClient(simulator.handle),
        disableInstanceDiscovery: true,
      },
    );
    const token = await credential.getToken(armScope);
    expect(claimsOf(token.token)).toMatchObject({ oid: estate.certBot.objectId, appidacr: '2' });
    const vms = await collect(
      signedInComputeClient(simulator, credential).virtualMachines.list('rg-crm-prod'),
    );
    expect(vms.map((vm) => vm.name).sort()).toEqual(['vm-crm-01', 'vm-crm-02']);
  });

  it("refuses a certificate the principal does not have, and a wrong secret or client, with Entra's AADSTS errors", async () => {
    const stranger = new ClientCertificateCredential(
      tenantId,
      estate.bot.clientId,
      { certificate: estate.certBot.pem },
      {
        authorityHost,
        httpClient: createInProcessHttpClient(simulator.handle),
        disableInstanceDiscovery: true,
      },
    );
    await expect(stranger.getToken(armScope)).rejects.toThrow(
      /AADSTS700027: Client assertion contains an invalid signature\. \[Reason - The key was not found\./,
    );
    // The registered certificate with another key: the thumbprint is found, the signature fails.
    const otherKey = (await generate([{ name: 'commonName', value: 'impostor' }], { keySize: 2048 })).private;
    const certificate = estate.certBot.pem.slice(0, estate.certBot.pem.indexOf('-----BEGIN', 10));
    const impostor = new ClientCertificateCredential(
      tenantId,
      estate.certBot.clientId,
      { certificate: `${certificate}\n${otherKey}` },
      {
        authorityHost,
        httpClient: createInProcessHttpClient(simulator.handle),
        disableInstanceDiscovery: true,
      },
    );
    await expect(impostor.getToken(armScope)).rejects.toThrow(
      /AADSTS700027: Client assertion contains an invalid signature\. \[Reason - Key was found, but use of the key to verify the signature failed\./,
    );
    const wrongSecret = secretCredential(simulator, {
      clientId: estate.bot.clientId,
      secret: 'not-the-secret',
    });
    await expect(wrongSecret.getToken(armScope)).rejects.toThrow(
      /AADSTS7000215: Invalid client secret provided/,
    );
    const unknown = secretCredential(simulator, {
      clientId: '11111111-2222-4333-8444-555555555555',
      secret: 'x',
    });
    await expect(unknown.getToken(armScope)).rejects.toThrow(
      `AADSTS700016: Application with identifier '11111111-2222-4333-8444-555555555555' was not found in the directory '${tenantId}'.`,
    );
  });

  it('accepts an RS256 assertion whose x5t is padded base64url, as MSAL for Python (the Azure CLI) signs it', async () => {
    const certificatePem = estate.certBot.pem.slice(0, estate.certBot.pem.indexOf('-----BEGIN', 10));
    const keyPem = estate.certBot.pem.slice(certificatePem.length);
    const x5t = createHash('sha1')
      .update(new X509Certificate(certificatePem).raw)
      .digest('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expect(x5t.endsWith('=')).toBe(true);
    const tokenEndpoint = `https://127.0.0.1:4443/adfs/oauth2/token`;
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const input = `${part({ alg: 'RS256', typ: 'JWT', x5t })}.${part({ aud: tokenEndpoint, iss: estate.certBot.clientId, sub: estate.certBot.clientId, jti: 'a', nbf: now, exp: now + 600 })}`;
    const assertion = `${input}.${createSign('RSA-SHA256').update(input).sign(keyPem).toString('base64url')}`;
    const response = await simulator.handle({
      method: 'POST',
      url: tokenEndpoint,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: estate.certBot.clientId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: 'https://management.core.windows.net//.default',
      }).toString(),
    });
    expect(response.status).toBe(200);
    const token = String(JSON.parse(response.body ?? '{}').access_token);
    expect(claimsOf(token)).toMatchObject({
      aud: 'https://management.core.windows.net/',
      iss: 'https://127.0.0.1:4443/adfs',
    });
  });

  it('refuses a scope without /.default (client credentials), as Entra does', async () => {
    const response = await simulator.handle({
      method: 'POST',
      url: `${authorityHost}/${tenantId}/oauth2/v2.0/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: estate.bot.clientId,
        client_secret: estate.bot.secret,
        scope: 'https://management.azure.com/user_impersonation',
      }).toString(),
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({
      error: 'invalid_scope',
      error_codes: [1002012],
    });
  });

  it('serves the managed-identity endpoint (IMDS shape) that ManagedIdentityCredential signs in at', async () => {
    const url = `http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${encodeURIComponent('https://management.azure.com/')}&client_id=${estate.reader.clientId}`;
    const refused = await get(url);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      error: 'invalid_request',
      error_description: 'Required metadata header not specified',
    });
    const issued = await get(url, { metadata: 'true' });
    expect(issued.status).toBe(200);
    expect(issued.json).toMatchObject({
      client_id: estate.reader.clientId,
      resource: 'https://management.azure.com/',
      token_type: 'Bearer',
      expires_in: '3600',
    });
    expect(claimsOf(String(issued.json.access_token))).toMatchObject({
      oid: estate.reader.objectId,
      aud: 'https://management.azure.com/',
    });
    // The SDK's ManagedIdentityCredential asks the same endpoint, and ARM takes its token.
    const credential = new ManagedIdentityCredential({
      clientId: estate.reader.clientId,
      httpClient: createInProcessHttpClient(simulator.handle),
    });
    const vm = await signedInComputeClient(simulator, credential).virtualMachines.get(
      'rg-shop-prod',
      'vm-web-01',
    );
    expect(vm.name).toBe('vm-web-01');
  });

  it('serves the cloud metadata the Azure CLI registers a cloud from, in both shapes', async () => {
    const origin = 'https://127.0.0.1:4443';
    const old = await get(`${origin}/metadata/endpoints?api-version=2015-01-01`);
    expect(old.json).toMatchObject({
      authentication: {
        loginEndpoint: `${origin}/`,
        audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
      },
      graphEndpoint: 'https://graph.windows.net/',
    });
    const list = await get(`${origin}/metadata/endpoints?api-version=2022-09-01`);
    expect(list.json).toEqual([
      expect.objectContaining({
        name: 'AzureSimulator',
        resourceManager: `${origin}/`,
        authentication: expect.objectContaining({ loginEndpoint: `${origin}/` }),
        suffixes: expect.objectContaining({ keyVaultDns: 'vault.azure.net' }),
      }),
    ]);
    expect((await get(`${origin}/metadata/endpoints?api-version=2001-01-01`)).json).toMatchObject({
      error: { code: 'InvalidApiVersionParameter' },
    });
  });

  it('lists its tenant and gives subscriptions their tenantId', async () => {
    const token = (await secretCredential(simulator, estate.reader).getToken(armScope)).token;
    const headers = { authorization: `Bearer ${token}` };
    const tenants = await simulator.handle({
      method: 'GET',
      url: 'https://management.azure.com/tenants?api-version=2022-12-01',
      headers,
    });
    expect(JSON.parse(tenants.body ?? '{}').value).toEqual([
      expect.objectContaining({ id: `/tenants/${tenantId}`, tenantId, tenantCategory: 'Home' }),
    ]);
    const subscriptions = await simulator.handle({
      method: 'GET',
      url: 'https://management.azure.com/subscriptions?api-version=2019-11-01',
      headers,
    });
    expect(JSON.parse(subscriptions.body ?? '{}').value).toEqual([
      expect.objectContaining({ subscriptionId, tenantId }),
    ]);
  });

  it('signs DefaultAzureCredential in from the environment over HTTPS, in another process', async () => {
    const certDir = await mkdtemp(join(tmpdir(), 'azure-sim-cert-'));
    const server: SimulatorServer = await startSimulatorServer({
      simulator,
      httpPort: 0,
      httpsPort: 0,
      certDir,
    });
    try {
      const script = `
        import { DefaultAzureCredential } from '@azure/identity';
        import { ComputeManagementClient } from '@azure/arm-compute';
        const credential = new DefaultAzureCredential({ disableInstanceDiscovery: true });
        const client = new ComputeManagementClient(credential, process.env.SUBSCRIPTION, { endpoint: process.env.ARM });
        const names = [];
        for await (const vm of client.virtualMachines.listAll()) names.push(vm.name);
        console.log(JSON.stringify(names));`;
      const output = await runNode(script, {
        NODE_EXTRA_CA_CERTS: server.certFile,
        AZURE_TENANT_ID: tenantId,
        AZURE_CLIENT_ID: estate.bot.clientId,
        AZURE_CLIENT_SECRET: estate.bot.secret,
        AZURE_AUTHORITY_HOST: server.httpsUrl,
        SUBSCRIPTION: subscriptionId,
        ARM: server.httpsUrl,
      });
      expect(JSON.parse(output)).toContain('vm-web-01');
    } finally {
      await server.close();
      await rm(certDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('answers an ARM request without a token with 401 while the authority endpoints need none', async () => {
    const response = await armRequest(
      simulator,
      'GET',
      `/subscriptions/${subscriptionId}?api-version=2022-12-01`,
    );
    expect(response.status).toBe(401);
    const openId = await get(`${authorityHost}/organizations/v2.0/.well-known/openid-configuration`);
    expect(openId.status).toBe(200);
    expect(openId.json.issuer).toBe(`${authorityHost}/{tenantid}/v2.0`);
  });
});

/** Runs an ES module script with node in the repo (its node_modules), with only the given environment added. */
function runNode(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const { PATH, HOME } = process.env;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { PATH: PATH ?? '', HOME: HOME ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout.trim());
      else reject(new Error(`node exited ${code}: ${stderr}`));
    });
  });
}
