import { RestError } from '@azure/core-rest-pipeline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import {
  armRequest,
  at,
  collect,
  computeClient,
  startSimulator,
  subscriptionId,
} from './simulator-test-kit.js';

describe('simulator: Compute reads through the real ComputeManagementClient', () => {
  let simulator: Simulator;
  beforeEach(async () => {
    simulator = await startSimulator({ pageSize: 2 });
  });
  afterEach(async () => {
    await simulator.close();
  });

  it('lists every VM of the demo estate across pages (nextLink followed by the SDK)', async () => {
    const client = computeClient(simulator);
    const all = await collect(client.virtualMachines.listAll());
    expect(all.map((vm) => vm.name).sort()).toEqual([
      'vm-api-01',
      'vm-crm-01',
      'vm-crm-02',
      'vm-dev-01',
      'vm-sql-01',
      'vm-web-01',
      'vm-web-02',
    ]);
    const pages = await collect(client.virtualMachines.list('rg-shop-prod').byPage());
    expect(pages.map((page) => page.length)).toEqual([2, 2]);
  });

  it('answers with an absolute nextLink on the caller origin, keeping the query', async () => {
    const path = `/subscriptions/${subscriptionId}/providers/Microsoft.Compute/disks?api-version=2025-01-02`;
    const first = await armRequest(simulator, 'GET', path);
    expect(at(first.json, 'value')).toHaveLength(2);
    const nextLink = new URL(String(at(first.json, 'nextLink')));
    expect(nextLink.origin).toBe('https://management.azure.com');
    expect(nextLink.searchParams.get('api-version')).toBe('2025-01-02');
    expect(nextLink.searchParams.get('$skiptoken')).toEqual(expect.any(String));
    const second = await armRequest(simulator, 'GET', nextLink.pathname + nextLink.search);
    expect(at(second.json, 'value.0.name')).not.toBe(at(first.json, 'value.0.name'));
    const bad = await armRequest(simulator, 'GET', `${path}&$skiptoken=garbage`);
    expect(bad.status).toBe(400);
  });

  it('answers HEAD existence checks with 204 or 404', async () => {
    const vm = `/subscriptions/${subscriptionId}/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines`;
    expect((await armRequest(simulator, 'HEAD', `${vm}/vm-dev-01?api-version=2024-11-01`)).status).toBe(204);
    expect((await armRequest(simulator, 'HEAD', `${vm}/vm-none?api-version=2024-11-01`)).status).toBe(404);
  });

  it('gets a VM with its instance view, power state, disks and sizes', async () => {
    const client = computeClient(simulator);
    const vm = await client.virtualMachines.get('rg-shop-prod', 'vm-sql-01', { expand: 'instanceView' });
    expect(vm.hardwareProfile?.vmSize).toBe('Standard_E8s_v5');
    expect(vm.storageProfile?.osDisk?.osType).toBe('Windows');
    expect(vm.storageProfile?.dataDisks?.map((d) => d.lun)).toEqual([0, 1]);
    expect(vm.instanceView?.statuses?.map((s) => s.code)).toContain('PowerState/running');
    const dev = await client.virtualMachines.instanceView('rg-dev', 'VM-DEV-01');
    expect(dev.statuses?.map((s) => s.code)).toContain('PowerState/deallocated');
  });

  it('reports disks with managedBy, provisioned size and the used size in the raw body', async () => {
    const client = computeClient(simulator);
    let raw: unknown;
    const disk = await client.disks.get('rg-shop-prod', 'vm-sql-01-data', {
      onResponse: (r) => {
        raw = r.parsedBody;
      },
    });
    expect(disk.diskSizeGB).toBe(1024);
    expect(disk.managedBy).toMatch(/virtualMachines\/vm-sql-01$/);
    expect(at(raw, 'properties.usedSizeBytes')).toBe(612 * 1024 ** 3);
    const inGroup = await collect(client.disks.listByResourceGroup('rg-shop-prod'));
    expect(inGroup).toHaveLength(7);
  });

  it('surfaces ARM 404s as RestError with status and code', async () => {
    const client = computeClient(simulator);
    const missingVm = await client.virtualMachines.get('rg-shop-prod', 'vm-nope').catch((e: unknown) => e);
    expect(missingVm).toBeInstanceOf(RestError);
    expect(missingVm).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    const missingGroup = await client.snapshots.get('rg-nope', 'x').catch((e: unknown) => e);
    expect(missingGroup).toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
  });

  it('rejects unknown subscriptions, missing and unsupported api-versions as Azure does', async () => {
    const base = `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute`;
    const old = await armRequest(simulator, 'GET', `${base}/snapshots?api-version=2021-12-03`);
    expect(old.status).toBe(400);
    expect(at(old.json, 'error.code')).toBe('NoRegisteredProviderFound');
    expect(at(old.json, 'error.message')).toContain(
      "No registered resource provider found for location 'westeurope' and API version '2021-12-03' for type 'snapshots'. The supported api-versions are '2016-04-30-preview, 2017-03-30,",
    );
    // A ComputeRP version is not a DiskRP version.
    expect((await armRequest(simulator, 'GET', `${base}/snapshots?api-version=2024-07-01`)).status).toBe(400);
    const missing = await armRequest(simulator, 'GET', `${base}/virtualMachines`);
    expect(at(missing.json, 'error.code')).toBe('MissingApiVersionParameter');
    for (const version of ['2022-03-01', '2023-09-01', '2025-04-01', '2026-04-01']) {
      expect(
        (await armRequest(simulator, 'GET', `${base}/virtualMachines?api-version=${version}`)).status,
      ).toBe(200);
    }
    const ghost = await armRequest(
      simulator,
      'GET',
      '/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Compute/disks?api-version=2025-01-02',
    );
    expect(ghost.status).toBe(404);
    expect(at(ghost.json, 'error.code')).toBe('SubscriptionNotFound');
  });

  it('matches path segments case-insensitively and sends ARM headers, echoing correlation ids', async () => {
    const response = await simulator.handle({
      method: 'GET',
      url: `https://management.azure.com/SUBSCRIPTIONS/${subscriptionId}/resourcegroups/RG-SHOP-PROD/providers/microsoft.compute/VIRTUALMACHINES/vm-web-01?api-version=2024-11-01`,
      headers: { 'x-ms-correlation-request-id': 'corr-123', 'x-ms-client-request-id': 'client-456' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-ms-correlation-request-id']).toBe('corr-123');
    expect(response.headers['x-ms-client-request-id']).toBe('client-456');
    expect(response.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(response.headers['x-ms-ratelimit-remaining-subscription-reads'])).toBeGreaterThan(0);
    expect(response.headers['x-ms-ratelimit-remaining-resource']).toMatch(
      /^Microsoft\.Compute\/LowCostGet3Min;\d+,Microsoft\.Compute\/LowCostGet30Min;\d+$/,
    );
    expect(at(JSON.parse(response.body ?? '{}'), 'id')).toBe(
      `/subscriptions/${subscriptionId}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01`,
    );
  });

  it('keeps admin paths apart from ARM: an api-version there is refused', async () => {
    const response = await armRequest(simulator, 'GET', '/_simulator/state?api-version=2024-11-01');
    expect(response.status).toBe(400);
    const unknown = await armRequest(
      simulator,
      'GET',
      `/subscriptions/${subscriptionId}/providers/Microsoft.Network/publicIPAddresses?api-version=2024-05-01`,
    );
    expect(unknown.status).toBe(404);
    expect(at(unknown.json, 'error.code')).toBe('InvalidResourceType');
  });
});
