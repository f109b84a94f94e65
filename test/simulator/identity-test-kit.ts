import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ComputeManagementClient } from '@azure/arm-compute';
import type { TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential, type ClientSecretCredentialOptions } from '@azure/identity';
import { generate } from 'selfsigned';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { endpoint, subscriptionId } from './simulator-test-kit.js';

/**
 * An estate with an identity section for the sign-in and permission tests: the demo estate plus a
 * tenant, four principals and a custom role. Secrets and the certificate's key are made at test time,
 * never stored in the repo.
 */
export const tenantId = '7d3c9f12-5b1e-4c8a-9f0d-2a6e4b8c1d35';
/** Any https origin reaches the in-process simulator; this one plays the Entra authority host. */
export const authorityHost = 'https://login.simulator.test';
export const subscriptionScope = `/subscriptions/${subscriptionId}`;
export const customRoleName = 'VM Reader and Snapshot Taker';

export interface TestPrincipal {
  name: string;
  clientId: string;
  objectId: string;
}

export interface IdentityEstate {
  estatePath: string;
  /** Custom role at the subscription: VM reads and snapshots, not VM start. */
  bot: TestPrincipal & { secret: string };
  /** Built-in Reader at the subscription. */
  reader: TestPrincipal & { secret: string };
  /** Contributor on rg-crm-prod only; signs in with a certificate (PEM with its private key). */
  certBot: TestPrincipal & { pem: string };
  /** No role anywhere. */
  nobody: TestPrincipal & { secret: string };
}

export const customRole = {
  Name: customRoleName,
  IsCustom: true,
  Description: 'Reads VMs and takes snapshots; the tests grant more at runtime.',
  Actions: [
    'Microsoft.Compute/virtualMachines/read',
    'Microsoft.Compute/snapshots/*',
    'Microsoft.Compute/disks/read',
  ],
  NotActions: [],
  DataActions: [],
  NotDataActions: [],
  AssignableScopes: [subscriptionScope],
};

export async function writeIdentityEstate(dir: string): Promise<IdentityEstate> {
  const demo = JSON.parse(await readFile('config/demo-estate.json', 'utf8')) as Record<string, unknown>;
  const secret = () => randomBytes(24).toString('base64url');
  const certificate = await generate([{ name: 'commonName', value: 'cert-bot' }], { keySize: 2048 });
  const bot = {
    name: 'recovery-bot',
    clientId: '3f1b7a2c-0d4e-4f6a-8b9c-1e2d3c4b5a60',
    objectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c60',
    secret: secret(),
  };
  const reader = {
    name: 'auditor',
    clientId: '4e5d6c7b-8a9f-4b0c-9d1e-2f3a4b5c6d70',
    objectId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d70',
    secret: secret(),
  };
  const certBot = {
    name: 'cert-bot',
    clientId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c80',
    objectId: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e80',
    pem: `${certificate.cert}\n${certificate.private}`,
  };
  const nobody = {
    name: 'nobody',
    clientId: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d90',
    objectId: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f90',
    secret: secret(),
  };
  const identity = {
    tenantId,
    principals: [
      { name: bot.name, clientId: bot.clientId, objectId: bot.objectId, clientSecret: bot.secret },
      {
        name: reader.name,
        clientId: reader.clientId,
        objectId: reader.objectId,
        clientSecret: reader.secret,
      },
      {
        name: certBot.name,
        clientId: certBot.clientId,
        objectId: certBot.objectId,
        certificate: certificate.cert,
      },
      {
        name: nobody.name,
        clientId: nobody.clientId,
        objectId: nobody.objectId,
        clientSecret: nobody.secret,
      },
    ],
    roleDefinitions: [customRole],
    roleAssignments: [
      { principal: bot.name, role: customRoleName, scope: subscriptionScope },
      { principal: reader.clientId, role: 'Reader', scope: subscriptionScope },
      {
        principal: certBot.objectId,
        role: 'Contributor',
        scope: `${subscriptionScope}/resourceGroups/rg-crm-prod`,
      },
    ],
  };
  const estatePath = join(dir, 'identity-estate.json');
  await writeFile(estatePath, JSON.stringify({ ...demo, identity }), 'utf8');
  return { estatePath, bot, reader, certBot, nobody };
}

/** A real ClientSecretCredential signing in at the simulator's authority, through the in-process transport. */
export function secretCredential(
  simulator: Simulator,
  principal: { clientId: string; secret: string },
  options: ClientSecretCredentialOptions = { disableInstanceDiscovery: true },
): ClientSecretCredential {
  return new ClientSecretCredential(tenantId, principal.clientId, principal.secret, {
    authorityHost,
    httpClient: createInProcessHttpClient(simulator.handle),
    ...options,
  });
}

/** arm-compute with a real credential over the in-process transport, retrying nothing (refusals show at once). */
export function signedInComputeClient(
  simulator: Simulator,
  credential: TokenCredential,
): ComputeManagementClient {
  return new ComputeManagementClient(credential, subscriptionId, {
    endpoint,
    httpClient: createInProcessHttpClient(simulator.handle),
    retryOptions: { maxRetries: 0 },
  });
}

/** A TokenCredential that always hands out the given token (for tokens the tests spoil on purpose). */
export function staticCredential(token: string): TokenCredential {
  return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

/** The claims of a JWT, unverified (the tests check what the simulator put in). */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
