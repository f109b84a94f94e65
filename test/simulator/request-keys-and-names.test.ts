import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  armRequest,
  at,
  collect,
  computeClient,
  diskId,
  fast,
  startSimulator,
  subscriptionId,
} from './simulator-test-kit.js';

/**
 * Names come from requests, and `constructor`, `__proto__` or `toString` are names like any other:
 * lookups must not find what every JavaScript object inherits.
 */
const objectKeys = ['constructor', '__proto__', 'toString'];
const compute = `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute`;
const vmId = (name: string) => `${compute}/virtualMachines/${name}`;

describe('simulator: names that are also JavaScript object keys', () => {
  let simulator: Simulator;
  beforeEach(async () => {
    simulator = await startSimulator();
  });
  afterEach(async () => {
    await simulator.close();
  });

  it('answers 404 for subscriptions, resource groups and operations named like object keys', async () => {
    for (const name of objectKeys) {
      const path = `/subscriptions/${encodeURIComponent(name)}/providers/Microsoft.Compute/snapshots?api-version=2025-01-02`;
      const snapshots = await armRequest(simulator, 'GET', path);
      expect(snapshots.status).toBe(404);
      expect(at(snapshots.json, 'error.code')).toBe('SubscriptionNotFound');
      const subscription = await armRequest(
        simulator,
        'GET',
        `/subscriptions/${name}?api-version=2022-12-01`,
      );
      expect(subscription.status).toBe(404);
      const group = await armRequest(
        simulator,
        'GET',
        `/subscriptions/${subscriptionId}/resourcegroups/${name}?api-version=2024-11-01`,
      );
      expect(at(group.json, 'error.code')).toBe('ResourceGroupNotFound');
      const operation = await armRequest(
        simulator,
        'GET',
        `/subscriptions/${subscriptionId}/providers/Microsoft.Compute/locations/westeurope/operations/${name}?api-version=2024-11-01`,
      );
      expect(operation.status).toBe(404);
      expect(at(operation.json, 'error.code')).toBe('NotFound');
      const vm = await armRequest(
        simulator,
        'GET',
        `${compute}/virtualMachines/${name}?api-version=2024-11-01`,
      );
      expect(at(vm.json, 'error.code')).toBe('ResourceNotFound');
    }
  });

  it('creates, finds and deletes snapshots named constructor and toString; refuses a VM of that name as a source', async () => {
    const client = computeClient(simulator);
    for (const name of ['constructor', 'toString']) {
      const snapshot = await client.snapshots.createOrUpdate(
        'rg-shop-prod',
        name,
        {
          location: 'westeurope',
          creationData: {
            createOption: 'Copy',
            sourceResourceId: diskId('rg-shop-prod', 'vm-web-01-osdisk'),
          },
        },
        fast,
      );
      expect(snapshot.name).toBe(name);
      expect((await client.snapshots.get('rg-shop-prod', name)).provisioningState).toBe('Succeeded');
    }
    expect((await collect(client.snapshots.list())).map((s) => s.name).sort()).toEqual([
      'constructor',
      'toString',
    ]);
    // `__proto__` breaks DiskRP's naming rule (it starts with `_`): refused like any such name.
    const proto = await armRequest(
      simulator,
      'PUT',
      `${compute}/snapshots/__proto__?api-version=2025-01-02`,
      {
        location: 'westeurope',
        properties: {
          creationData: {
            createOption: 'Copy',
            sourceResourceId: diskId('rg-shop-prod', 'vm-web-01-osdisk'),
          },
        },
      },
    );
    expect(at(proto.json, 'error.code')).toBe('InvalidParameter');
    await client.snapshots.delete('rg-shop-prod', 'constructor', fast);
    await expect(client.snapshots.get('rg-shop-prod', 'constructor')).rejects.toMatchObject({
      statusCode: 404,
    });
    for (const name of objectKeys) {
      const collection = await armRequest(
        simulator,
        'PUT',
        `${compute}/restorePointCollections/rpc-${name.replace(/_/g, 'u')}?api-version=2024-11-01`,
        { location: 'westeurope', properties: { source: { id: name } } },
      );
      expect(collection.status).toBe(404);
      expect(at(collection.json, 'error.code')).toBe('NotFound');
    }
  });

  it('validates restore point collection and restore point names with Compute rule and wording', async () => {
    const body = { location: 'westeurope', properties: { source: { id: vmId('vm-web-01') } } };
    const rpcPath = (name: string) => `${compute}/restorePointCollections/${name}?api-version=2024-11-01`;
    for (const name of ['a%2Fb', 'a%5Cb', 'x'.repeat(81), '_under', 'dash-', 'dot.', 'sp%20ace']) {
      const refused = await armRequest(simulator, 'PUT', rpcPath(name), body);
      expect(refused.status).toBe(400);
      expect(refused.json).toEqual({
        error: {
          code: 'InvalidParameter',
          message: String.raw`The entity name 'restorePointCollectionName' is invalid according to its validation rule: ^[^_\W][\w-._]{0,79}(?<![-.])$.`,
          target: 'restorePointCollectionName',
        },
      });
    }
    expect((await armRequest(simulator, 'PUT', rpcPath(`R${'x'.repeat(78)}_`), body)).status).toBe(201);
    expect((await armRequest(simulator, 'PUT', rpcPath('rpc.web_01-a'), body)).status).toBe(201);
    const point = await armRequest(
      simulator,
      'PUT',
      `${compute}/restorePointCollections/rpc.web_01-a/restorePoints/p%2Fq?api-version=2024-11-01`,
      {},
    );
    expect(point.status).toBe(400);
    expect(at(point.json, 'error.target')).toBe('restorePointName');
    const listed = await armRequest(
      simulator,
      'GET',
      `${compute}/restorePointCollections?api-version=2024-11-01`,
    );
    expect((at(listed.json, 'value') as unknown[]).length).toBe(2);
  });
});
