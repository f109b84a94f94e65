import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { deriveArmAction } from '../../src/simulator/identity/derive-arm-action.js';
import {
  authorityHost,
  customRole,
  customRoleName,
  type IdentityEstate,
  secretCredential,
  signedInComputeClient,
  staticCredential,
  subscriptionScope,
  tenantId,
  writeIdentityEstate,
} from './identity-test-kit.js';
import {
  admin,
  armRequest,
  collect,
  computeClient,
  diskId,
  endpoint,
  fast,
  startSimulator,
  subscriptionId,
} from './simulator-test-kit.js';

const armScope = 'https://management.azure.com/.default';
const vmId = (group: string, name: string) =>
  `${subscriptionScope}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/${name}`;
const denied = (objectId: string, action: string, scope: string) =>
  `The client '${objectId}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;

/** The RestError an SDK call fails with (the test fails if it succeeds). */
async function refusal(call: Promise<unknown>): Promise<RestError> {
  try {
    await call;
  } catch (error) {
    return error as RestError;
  }
  throw new Error('The call was expected to be refused, and succeeded.');
}

describe('simulator permissions: sign-in required and roles enforced when the estate has an identity', () => {
  let dir: string;
  let estate: IdentityEstate;
  let simulator: Simulator;
  /** A second simulator on a clock the test sets: tokens live in real time, and expire in it. */
  let pinned: Simulator;
  let pinnedNow = Date.parse('2026-06-15T07:22:51Z');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'azure-sim-roles-'));
    estate = await writeIdentityEstate(dir);
    simulator = await startSimulator({ estatePath: estate.estatePath });
    pinned = await startSimulator({ estatePath: estate.estatePath, speed: 1, now: () => pinnedNow });
  }, 30_000);

  afterAll(async () => {
    await simulator.close();
    await pinned.close();
    await rm(dir, { recursive: true, force: true });
  });

  const tokenOf = async (principal: { clientId: string; secret: string }, scope = armScope) =>
    (await secretCredential(simulator, principal).getToken(scope)).token;

  describe('401 for a request that is not signed in', () => {
    const vmPath = `${vmId('rg-shop-prod', 'vm-web-01')}?api-version=2024-11-01`;
    const challenge = (description: string) =>
      `Bearer authorization_uri="${endpoint}/${tenantId}", error="invalid_token", error_description="${description}"`;

    it("answers a request without Authorization with ARM's AuthenticationFailed and its challenge", async () => {
      const response = await armRequest(simulator, 'GET', vmPath);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({
        error: {
          code: 'AuthenticationFailed',
          message: "Authentication failed. The 'Authorization' header is missing.",
        },
      });
      expect(response.headers['www-authenticate']).toBe(
        challenge("The authentication failed because of missing 'Authorization' header."),
      );
    });

    it("refuses a token whose signature is not the simulator's (through the SDK)", async () => {
      const token = await tokenOf(estate.bot);
      const [header, payload] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
        string,
        unknown
      >;
      // Same signature, other claims: an owner's object id slipped in.
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, oid: estate.reader.objectId })).toString('base64url')}.${token.split('.')[2]}`;
      const error = await refusal(
        signedInComputeClient(simulator, staticCredential(forged)).virtualMachines.get(
          'rg-shop-prod',
          'vm-web-01',
        ),
      );
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('InvalidAuthenticationToken');
      expect(error.message).toBe('The access token is invalid.');
      expect(error.response?.headers.get('www-authenticate')).toBe(challenge('The access token is invalid.'));
      const garbage = await refusal(
        signedInComputeClient(simulator, staticCredential('not-a-jwt')).virtualMachines.get(
          'rg-shop-prod',
          'vm-web-01',
        ),
      );
      expect(garbage.code).toBe('InvalidAuthenticationToken');
    });

    it("refuses a token for another audience with ARM's exact wording", async () => {
      const token = await tokenOf(estate.bot, 'https://vault.azure.net/.default');
      const error = await refusal(
        signedInComputeClient(simulator, staticCredential(token)).virtualMachines.get(
          'rg-shop-prod',
          'vm-web-01',
        ),
      );
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('InvalidAuthenticationTokenAudience');
      expect(error.message).toBe(
        "The access token has been obtained for wrong audience or resource 'https://vault.azure.net'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.",
      );
    });

    it('refuses an expired token, naming both times as ARM does', async () => {
      const token = (await secretCredential(pinned, estate.bot).getToken(armScope)).token;
      const request = {
        method: 'GET',
        url: `${endpoint}${vmPath}`,
        headers: { authorization: `Bearer ${token}` },
      };
      expect((await pinned.handle(request)).status).toBe(200);
      pinnedNow = Date.parse('2026-06-15T09:27:25Z');
      const response = await pinned.handle(request);
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body ?? '{}')).toEqual({
        error: {
          code: 'ExpiredAuthenticationToken',
          message:
            "The access token expiry UTC time '6/15/2026 8:22:51 AM' is earlier than current UTC time '6/15/2026 9:27:25 AM'.",
        },
      });
      expect(response.headers['www-authenticate']).toBe(challenge('The access token has expired.'));
    });
  });

  describe('403 unless a role allows the action at the scope', () => {
    it("lets the custom role read VMs but not start one, in ARM's words; a role changed through the admin API takes effect", async () => {
      const client = signedInComputeClient(simulator, secretCredential(simulator, estate.bot));
      expect((await client.virtualMachines.get('rg-dev', 'vm-dev-01')).name).toBe('vm-dev-01');
      const error = await refusal(client.virtualMachines.start('rg-dev', 'vm-dev-01', fast));
      expect(error.statusCode).toBe(403);
      expect(error.code).toBe('AuthorizationFailed');
      expect(error.message).toBe(
        denied(
          estate.bot.objectId,
          'Microsoft.Compute/virtualMachines/start/action',
          vmId('rg-dev', 'vm-dev-01'),
        ),
      );
      const put = await armRequest(
        simulator,
        'PUT',
        `/_simulator/identity/roleDefinitions/${encodeURIComponent(customRoleName)}`,
        { ...customRole, Actions: [...customRole.Actions, 'Microsoft.Compute/virtualMachines/start/action'] },
      );
      expect(put.status).toBe(200);
      // The role has no Microsoft.Compute/locations/operations/read: polling the start is open to its caller.
      await client.virtualMachines.start('rg-dev', 'vm-dev-01', fast);
      const vm = await client.virtualMachines.get('rg-dev', 'vm-dev-01', { expand: 'instanceView' });
      expect(vm.instanceView?.statuses?.map((status) => status.code)).toContain('PowerState/running');
    });

    it('lets Reader read everything in the subscription and write nothing', async () => {
      const client = signedInComputeClient(simulator, secretCredential(simulator, estate.reader));
      expect((await collect(client.snapshots.list())).length).toBeGreaterThanOrEqual(0);
      expect((await client.disks.get('rg-crm-prod', 'vm-crm-01-osdisk')).name).toBe('vm-crm-01-osdisk');
      const error = await refusal(
        client.snapshots.createOrUpdate(
          'rg-crm-prod',
          'snap-by-reader',
          {
            location: 'westeurope',
            creationData: {
              createOption: 'Copy',
              sourceResourceId: diskId('rg-crm-prod', 'vm-crm-01-osdisk'),
            },
          },
          fast,
        ),
      );
      expect(error.statusCode).toBe(403);
      expect(error.message).toBe(
        denied(
          estate.reader.objectId,
          'Microsoft.Compute/snapshots/write',
          `${subscriptionScope}/resourceGroups/rg-crm-prod/providers/Microsoft.Compute/snapshots/snap-by-reader`,
        ),
      );
    });

    it('holds a resource-group assignment to its group, and a runtime assignment through the simulator method', async () => {
      const credential = secretCredential(simulator, estate.nobody);
      const client = signedInComputeClient(simulator, credential);
      const outside = await refusal(client.virtualMachines.get('rg-crm-prod', 'vm-crm-01'));
      expect(outside.message).toBe(
        denied(
          estate.nobody.objectId,
          'Microsoft.Compute/virtualMachines/read',
          vmId('rg-crm-prod', 'vm-crm-01'),
        ),
      );
      const assignment = simulator.identity.addRoleAssignment({
        principal: estate.nobody.name,
        role: 'Reader',
        scope: `${subscriptionScope}/resourceGroups/rg-crm-prod`,
      });
      expect((await client.virtualMachines.get('rg-crm-prod', 'vm-crm-01')).name).toBe('vm-crm-01');
      const otherGroup = await refusal(client.virtualMachines.get('rg-dev', 'vm-dev-01'));
      expect(otherGroup.statusCode).toBe(403);
      simulator.identity.removeRoleAssignment(assignment.id);
      expect((await refusal(client.virtualMachines.get('rg-crm-prod', 'vm-crm-01'))).statusCode).toBe(403);
    });

    it('lists only the subscriptions a principal has a role in, and refuses reading another', async () => {
      const list = async (principal: { clientId: string; secret: string }) => {
        const response = await simulator.handle({
          method: 'GET',
          url: `${endpoint}/subscriptions?api-version=2022-12-01`,
          headers: { authorization: `Bearer ${await tokenOf(principal)}` },
        });
        return (JSON.parse(response.body ?? '{}') as { value: Array<{ subscriptionId: string }> }).value;
      };
      expect(await list(estate.nobody)).toEqual([]);
      expect((await list(estate.reader)).map((s) => s.subscriptionId)).toEqual([subscriptionId]);
      const get = await simulator.handle({
        method: 'GET',
        url: `${endpoint}${subscriptionScope}?api-version=2022-12-01`,
        headers: { authorization: `Bearer ${await tokenOf(estate.nobody)}` },
      });
      expect(get.status).toBe(403);
      expect(JSON.parse(get.body ?? '{}').error.message).toBe(
        denied(estate.nobody.objectId, 'Microsoft.Resources/subscriptions/read', subscriptionScope),
      );
    });
  });

  describe('runtime changes: admin API and simulator methods', () => {
    it('refuses changing a built-in role, deleting an assigned role and assigning outside AssignableScopes', async () => {
      const builtIn = await armRequest(simulator, 'PUT', '/_simulator/identity/roleDefinitions/Reader', {
        Actions: ['*'],
        AssignableScopes: ['/'],
      });
      expect(builtIn.status).toBe(400);
      expect(JSON.stringify(builtIn.json)).toContain("'Reader' is a built-in role");
      const assigned = await armRequest(
        simulator,
        'DELETE',
        `/_simulator/identity/roleDefinitions/${encodeURIComponent(customRoleName)}`,
      );
      expect(assigned.status).toBe(409);
      const narrow = await armRequest(simulator, 'PUT', '/_simulator/identity/roleDefinitions/Narrow', {
        Actions: ['*/read'],
        AssignableScopes: [`${subscriptionScope}/resourceGroups/rg-dev`],
      });
      expect(narrow.status).toBe(201);
      const outside = await armRequest(simulator, 'POST', '/_simulator/identity/roleAssignments', {
        principal: estate.nobody.clientId,
        role: 'Narrow',
        scope: subscriptionScope,
      });
      expect(outside.status).toBe(400);
      expect(outside.json).toEqual({
        error: {
          code: 'InvalidAdminRequest',
          message: `roleAssignment.scope: scope '${subscriptionScope}' is not within the AssignableScopes of role 'Narrow' (${subscriptionScope}/resourceGroups/rg-dev)`,
        },
      });
      const unknown = await armRequest(simulator, 'POST', '/_simulator/identity/roleAssignments', {
        principal: 'someone-else',
        role: 'Reader',
        scope: subscriptionScope,
      });
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(unknown.json)).toContain("no principal 'someone-else'");
    });

    it("takes the repository's shipped role file as it is, and enforces it once its subscription placeholder is filled in", async () => {
      const file = await readFile('deploy/azure/recovery-chatops-bot-role.json', 'utf8');
      const role = JSON.parse(file) as { Name: string; AssignableScopes: string[] };
      const put = await armRequest(
        simulator,
        'PUT',
        `/_simulator/identity/roleDefinitions/${encodeURIComponent(role.Name)}`,
        role,
      );
      expect(put.status).toBe(201);
      const assignment = { principal: estate.nobody.name, role: role.Name, scope: subscriptionScope };
      expect(() => simulator.identity.addRoleAssignment(assignment)).toThrow(
        /is not within the AssignableScopes/,
      );
      simulator.identity.putRoleDefinition({ ...role, AssignableScopes: [subscriptionScope] });
      const added = simulator.identity.addRoleAssignment(assignment);
      const client = signedInComputeClient(simulator, secretCredential(simulator, estate.nobody));
      const snapshot = await client.snapshots.createOrUpdate(
        'rg-crm-prod',
        'snap-by-bot-role',
        {
          location: 'westeurope',
          creationData: { createOption: 'Copy', sourceResourceId: diskId('rg-crm-prod', 'vm-crm-01-osdisk') },
        },
        fast,
      );
      expect(snapshot.provisioningState).toBe('Succeeded');
      const error = await refusal(client.virtualMachines.powerOff('rg-crm-prod', 'vm-crm-02', fast));
      expect(error.message).toBe(
        denied(
          estate.nobody.objectId,
          'Microsoft.Compute/virtualMachines/powerOff/action',
          vmId('rg-crm-prod', 'vm-crm-02'),
        ),
      );
      simulator.identity.removeRoleAssignment(added.id);
    });

    it('describes the directory without any secret', async () => {
      const described = JSON.stringify(await admin(simulator, 'GET', 'identity'));
      expect(described).toContain(estate.bot.clientId);
      expect(described).toContain(customRoleName);
      for (const secret of [estate.bot.secret, estate.reader.secret, estate.nobody.secret])
        expect(described).not.toContain(secret);
      expect(described).not.toContain('PRIVATE KEY');
    });
  });
});

describe('simulator permissions: the action ARM checks, derived from the request', () => {
  const vm = `subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`;
  const item =
    'subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupFabrics/Azure/protectionContainers/c/protectedItems/i';
  const split = (path: string) => path.split('/');

  it.each([
    ['GET', vm, 'Microsoft.Compute/virtualMachines/read', `/${vm}`],
    ['PATCH', vm, 'Microsoft.Compute/virtualMachines/write', `/${vm}`],
    ['DELETE', vm, 'Microsoft.Compute/virtualMachines/delete', `/${vm}`],
    ['POST', `${vm}/start`, 'Microsoft.Compute/virtualMachines/start/action', `/${vm}`],
    [
      'GET',
      `${vm}/instanceView`,
      'Microsoft.Compute/virtualMachines/instanceView/read',
      `/${vm}/instanceView`,
    ],
    [
      'POST',
      `${item}/backup`,
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/backup/action',
      `/${item}`,
    ],
    [
      'GET',
      'subscriptions/s/resourcegroups',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      '/subscriptions/s/resourcegroups',
    ],
    ['GET', 'subscriptions/s', 'Microsoft.Resources/subscriptions/read', '/subscriptions/s'],
  ])('%s /%s -> %s', (method, path, action, scope) => {
    expect(deriveArmAction(method, split(path))).toMatchObject({ action, scope, operationStatus: false });
  });

  it.each([
    'subscriptions/s/providers/Microsoft.Compute/locations/westeurope/operations/op-1',
    `${item}/operationsStatus/op-2`,
    `${item}/operationResults/op-3`,
    'subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/replicationOperationResults/job-1',
  ])('GET /%s is an operation status', (path) => {
    expect(deriveArmAction('GET', split(path)).operationStatus).toBe(true);
  });
});

describe('simulator permissions: an estate without identity accepts anyone', () => {
  it('serves the demo estate to a fake token and to no token at all', async () => {
    const simulator = await startSimulator();
    try {
      expect((await computeClient(simulator).virtualMachines.get('rg-dev', 'vm-dev-01')).name).toBe(
        'vm-dev-01',
      );
      const bare = await armRequest(
        simulator,
        'GET',
        `/subscriptions/${subscriptionId}?api-version=2022-12-01`,
      );
      expect(bare.status).toBe(200);
      expect(bare.json).toMatchObject({ subscriptionId, tenantId: 'aaaaaaaa-0000-0000-0000-000000000000' });
      const change = await armRequest(simulator, 'POST', '/_simulator/identity/roleAssignments', {});
      expect(change.status).toBe(409);
      const token = await simulator.handle({
        method: 'POST',
        url: `${authorityHost}/organizations/oauth2/v2.0/token`,
        headers: {},
        body: 'grant_type=client_credentials&client_id=3f1b7a2c-0d4e-4f6a-8b9c-1e2d3c4b5a60&client_secret=x&scope=https%3A%2F%2Fmanagement.azure.com%2F.default',
      });
      expect(token.status).toBe(400);
      expect(JSON.parse(token.body ?? '{}').error).toBe('unauthorized_client');
    } finally {
      await simulator.close();
    }
  });
});

describe('simulator permissions: a bad identity section is refused at load with the field', () => {
  it.each([
    [
      { principal: 'ghost', role: 'Reader', scope: '/subscriptions/00000000-0000-0000-0000-000000000001' },
      "identity.roleAssignments[0].principal: no principal 'ghost' in the identity section",
    ],
    [
      {
        principal: 'bot',
        role: 'Backup Operator',
        scope: '/subscriptions/00000000-0000-0000-0000-000000000001',
      },
      "identity.roleAssignments[0].role: no role 'Backup Operator'",
    ],
    [
      { principal: 'bot', role: 'Reader', scope: '/subscriptions/00000000-0000-0000-0000-00000000000f' },
      "identity.roleAssignments[0].scope: no subscription '00000000-0000-0000-0000-00000000000f' in the estate",
    ],
    [
      { principal: 'bot', role: 'Reader', scope: 'subscriptions/x' },
      'identity.roleAssignments[0].scope: give / or an ARM scope',
    ],
  ])('%j', async (assignment, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'azure-sim-bad-identity-'));
    try {
      const demo = JSON.parse(await readFile('config/demo-estate.json', 'utf8'));
      const identity = {
        tenantId,
        principals: [
          {
            name: 'bot',
            clientId: '3f1b7a2c-0d4e-4f6a-8b9c-1e2d3c4b5a60',
            objectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c60',
          },
        ],
        roleAssignments: [assignment],
      };
      const estatePath = join(dir, 'estate.json');
      await writeFile(estatePath, JSON.stringify({ ...demo, identity }), 'utf8');
      await expect(startSimulator({ estatePath })).rejects.toThrow(message);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
