import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  makeRehearsalIdentity,
  renderSignInFile,
} from '../../src/simulator/identity/make-rehearsal-identity.js';
import { authorityHost, signedInComputeClient } from './identity-test-kit.js';
import { armRequest, startSimulator, subscriptionId } from './simulator-test-kit.js';

/**
 * `SIMULATOR_SIGN_IN=on npm run simulator` (docs/simulator.md): the demo estate with a principal made
 * at start in place of an identity section. .ci/check-az-recipe.sh runs the Azure CLI against it;
 * this checks the same with @azure/identity, and that each start makes new credentials.
 */
describe('the standalone simulator with sign-in on (a rehearsal principal made at start)', () => {
  const rehearsal = makeRehearsalIdentity();
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ identity: rehearsal.identity });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('refuses ARM requests without a token, and lets the principal work as a Contributor', async () => {
    const anonymous = await armRequest(
      simulator,
      'GET',
      `/subscriptions/${subscriptionId}/resourcegroups?api-version=2022-09-01`,
    );
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.json)).toContain('AuthenticationFailed');
    const { tenantId, clientId, clientSecret } = rehearsal.signIn;
    const credential = new ClientSecretCredential(tenantId, clientId, clientSecret, {
      authorityHost,
      httpClient: createInProcessHttpClient(simulator.handle),
      disableInstanceDiscovery: true,
    });
    const compute = signedInComputeClient(simulator, credential);
    const vms = [];
    for await (const vm of compute.virtualMachines.listAll()) vms.push(vm.name);
    expect(vms).toContain('vm-web-01');
    const wrong = new ClientSecretCredential(tenantId, clientId, `${clientSecret}x`, {
      authorityHost,
      httpClient: createInProcessHttpClient(simulator.handle),
      disableInstanceDiscovery: true,
    });
    await expect(wrong.getToken('https://management.azure.com/.default')).rejects.toThrow(/7000215/);
  });

  it('makes new ids and a new secret at each start, and writes them as a shell sources them', () => {
    const other = makeRehearsalIdentity();
    expect(other.signIn.clientSecret).not.toBe(rehearsal.signIn.clientSecret);
    expect(other.signIn.tenantId).not.toBe(rehearsal.signIn.tenantId);
    expect(rehearsal.signIn.clientSecret.length).toBeGreaterThanOrEqual(32);
    const file = renderSignInFile(rehearsal.signIn, 'https://127.0.0.1:4443', '/data/ca.pem');
    expect(file).toContain(`export AZURE_CLIENT_SECRET=${rehearsal.signIn.clientSecret}\n`);
    expect(file).toContain('export AZURE_AUTHORITY_HOST=https://127.0.0.1:4443\n');
    expect(file).toContain('export REQUESTS_CA_BUNDLE=/data/ca.pem\n');
  });
});
