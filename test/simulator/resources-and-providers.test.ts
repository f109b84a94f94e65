import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { armRequest, at, startSimulator, subscriptionId } from './simulator-test-kit.js';

/**
 * Microsoft.Resources reads that generic Azure clients rely on (`az resource list`, `az provider
 * show`, Get-AzResource, the SDKs' api-version resolution): the generic resource list with
 * `$filter`, and the provider registrations. No Microsoft.Resources SDK client is installed, so these
 * go through the raw ARM handler, as the other raw-request tests do.
 */
const sub = `/subscriptions/${subscriptionId}`;
const version = 'api-version=2021-04-01';

interface Listed {
  id: string;
  name: string;
  type: string;
  location: string;
  sku?: { name: string };
  managedBy?: string;
  zones?: string[];
  tags?: Record<string, string>;
  createdTime?: string;
  provisioningState?: string;
}

async function list(simulator: Simulator, path: string): Promise<Listed[]> {
  const response = await armRequest(simulator, 'GET', path);
  expect(response.status, response.body).toBe(200);
  expect(at(response.json, 'nextLink')).toBeUndefined();
  return at(response.json, 'value') as Listed[];
}

function filter(expression: string): string {
  return `$filter=${encodeURIComponent(expression)}`;
}

describe('simulator: Microsoft.Resources generic resources and providers', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ pageSize: 1000 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it("lists a subscription's resources of every provider in ARM's envelope, by resourceType", async () => {
    const all = await list(simulator, `${sub}/resources?${version}`);
    const types = new Set(all.map((resource) => resource.type));
    expect([...types].sort()).toEqual([
      'Microsoft.Compute/disks',
      'Microsoft.Compute/virtualMachines',
      'Microsoft.Network/networkInterfaces',
      'Microsoft.Network/virtualNetworks',
      'Microsoft.RecoveryServices/vaults',
    ]);
    expect(all.map((resource) => resource.id.toLowerCase())).toEqual(
      all.map((resource) => resource.id.toLowerCase()).sort(),
    );
    const vms = await list(
      simulator,
      `${sub}/resources?${filter("resourceType eq 'Microsoft.Compute/virtualMachines'")}&${version}`,
    );
    expect(vms.map((vm) => vm.name).sort()).toEqual([
      'vm-api-01',
      'vm-crm-01',
      'vm-crm-02',
      'vm-dev-01',
      'vm-sql-01',
      'vm-web-01',
      'vm-web-02',
    ]);
    const web = vms.find((vm) => vm.name === 'vm-web-01');
    expect(web).toEqual({
      id: `${sub}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01`,
      name: 'vm-web-01',
      type: 'Microsoft.Compute/virtualMachines',
      location: 'westeurope',
      tags: expect.any(Object),
      zones: ['1'],
    });
    const [disk] = await list(
      simulator,
      `${sub}/resources?${filter("resourceType eq 'microsoft.compute/disks' and name eq 'VM-WEB-01-OSDISK'")}&${version}`,
    );
    expect(disk).toMatchObject({
      name: 'vm-web-01-osdisk',
      sku: { name: 'Premium_LRS', tier: 'Premium' },
      managedBy: web?.id,
      zones: ['1'],
    });
    const [vault] = await list(
      simulator,
      `${sub}/resources?${filter("resourceType eq 'Microsoft.RecoveryServices/vaults' and location eq 'North Europe'")}&${version}`,
    );
    expect(vault).toMatchObject({ name: 'rsv-dr-neu', sku: { name: 'RS0', tier: 'Standard' } });
  });

  it('filters as az resource list asks (group, tags, name parts, or), expands times and states, and pages with $top', async () => {
    const inGroup = await list(simulator, `${sub}/resourceGroups/rg-crm-prod/resources?${version}`);
    expect(inGroup.length).toBeGreaterThan(0);
    expect(inGroup.every((resource) => resource.id.includes('/resourceGroups/rg-crm-prod/'))).toBe(true);
    expect(
      (await list(simulator, `${sub}/resources?${filter("resourceGroup eq 'RG-CRM-PROD'")}&${version}`))
        .length,
    ).toBe(inGroup.length);
    const tagged = await list(
      simulator,
      `${sub}/resources?${filter("tagname eq 'app' and tagvalue eq 'crm'")}&${version}`,
    );
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((resource) => resource.tags?.app === 'crm')).toBe(true);
    const named = await list(simulator, `${sub}/resources?${filter("substringof('sql', name)")}&${version}`);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((resource) => resource.name.includes('sql'))).toBe(true);
    const either = await list(
      simulator,
      `${sub}/resources?${filter("resourceType eq 'Microsoft.Network/virtualNetworks' or resourceType eq 'Microsoft.RecoveryServices/vaults'")}&${version}`,
    );
    expect(new Set(either.map((resource) => resource.type))).toEqual(
      new Set(['Microsoft.Network/virtualNetworks', 'Microsoft.RecoveryServices/vaults']),
    );
    const expanded = await list(
      simulator,
      `${sub}/resources?$expand=createdTime,changedTime,provisioningState&${filter("resourceType eq 'Microsoft.Compute/virtualMachines'")}&$top=2&${version}`,
    );
    expect(expanded).toHaveLength(2);
    expect(expanded[0]).toMatchObject({
      createdTime: expect.any(String),
      changedTime: expect.any(String),
      provisioningState: 'Succeeded',
    });
    const plain = await list(simulator, `${sub}/resources?$top=1&${version}`);
    expect(plain).toHaveLength(1);
    expect(plain[0]?.createdTime).toBeUndefined();
  });

  it("refuses a filter ARM does not take with its InvalidFilterInQueryString, and an unknown group with ARM's 404", async () => {
    const bad = await armRequest(simulator, 'GET', `${sub}/resources?${filter('kind eq 3')}&${version}`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error: {
        code: 'InvalidFilterInQueryString',
        message: "Invalid $filter 'kind eq 3' specified in the query string.",
      },
    });
    const top = await armRequest(simulator, 'GET', `${sub}/resources?$top=zero&${version}`);
    expect(top.status).toBe(400);
    const group = await armRequest(simulator, 'GET', `${sub}/resourceGroups/rg-nope/resources?${version}`);
    expect(at(group.json, 'error.code')).toBe('ResourceGroupNotFound');
  });

  it('shows each served namespace Registered, with its types, regions and api-versions newest first', async () => {
    const compute = await armRequest(simulator, 'GET', `${sub}/providers/microsoft.compute?${version}`);
    expect(compute.status).toBe(200);
    expect(compute.json).toMatchObject({
      id: `${sub}/providers/Microsoft.Compute`,
      namespace: 'Microsoft.Compute',
      registrationState: 'Registered',
    });
    const types = at(compute.json, 'resourceTypes') as {
      resourceType: string;
      locations: string[];
      apiVersions: string[];
    }[];
    const vms = types.find((type) => type.resourceType === 'virtualMachines');
    expect(vms?.apiVersions[0]).toBe('2026-04-01');
    expect(vms?.apiVersions).toContain('2015-06-15');
    expect(vms?.locations).toContain('West Europe');
    expect(types.map((type) => type.resourceType)).toContain('restorePointCollections/restorePoints');
    // The versions a provider shows are the ones its routes accept.
    for (const apiVersion of vms?.apiVersions ?? []) {
      const response = await armRequest(
        simulator,
        'GET',
        `${sub}/providers/Microsoft.Compute/virtualMachines?api-version=${apiVersion}`,
      );
      expect(response.status, apiVersion).toBe(200);
    }
    const providers = await list(simulator, `${sub}/providers?${version}`);
    expect(providers.map((provider) => at(provider, 'namespace'))).toEqual([
      'Microsoft.Compute',
      'Microsoft.Network',
      'Microsoft.RecoveryServices',
    ]);
    const unknown = await armRequest(simulator, 'GET', `${sub}/providers/Microsoft.Nope?${version}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      error: {
        code: 'InvalidResourceNamespace',
        message: "The resource namespace 'Microsoft.Nope' is invalid.",
      },
    });
  });
});
