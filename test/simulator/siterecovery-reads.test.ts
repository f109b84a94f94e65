import type { A2AReplicationDetails } from '@azure/arm-recoveryservices-siterecovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { shapeProblems } from './backup-shape.js';
import { pinnedNow, vmId } from './backup-test-kit.js';
import { armRequest, at, collect, startSimulator, subscriptionId } from './simulator-test-kit.js';
import {
  drVaultGroup,
  drVaultName,
  drVaultPath,
  estateVault,
  expectAsrNotFound,
  expectPlanBasics,
  itemPathOf,
  loadSiteRecoveryFixture,
  primaryContainer,
  primaryFabric,
  recoveryContainer,
  recoveryFabric,
  siteRecoveryApiVersion,
  siteRecoveryClient,
} from './siterecovery-test-kit.js';

const version = `api-version=${siteRecoveryApiVersion}`;
const pinnedStart = Date.parse('2025-06-10T08:00:00Z');

describe('simulator: Azure Site Recovery reads of the demo estate', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ now: pinnedNow(), pageSize: 4 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('serves one A2A fabric and container per region', async () => {
    const client = siteRecoveryClient(simulator);
    const fabrics = await collect(client.replicationFabrics.list(drVaultName, drVaultGroup));
    expect(fabrics.map((f) => [f.name, f.properties?.friendlyName]).sort()).toEqual([
      [recoveryFabric, 'North Europe'],
      [primaryFabric, 'West Europe'],
    ]);
    const fabric = await client.replicationFabrics.get(drVaultName, drVaultGroup, primaryFabric);
    expect(fabric.properties?.customDetails).toEqual({ instanceType: 'Azure', location: 'westeurope' });
    const containers = await collect(
      client.replicationProtectionContainers.listByReplicationFabrics(
        drVaultName,
        drVaultGroup,
        primaryFabric,
      ),
    );
    expect(containers.map((c) => c.name)).toEqual([primaryContainer]);
    const container = await client.replicationProtectionContainers.get(
      drVaultName,
      drVaultGroup,
      recoveryFabric,
      recoveryContainer,
    );
    expect(container.properties).toMatchObject({ fabricFriendlyName: 'North Europe', protectedItemCount: 0 });
    const all = await collect(client.replicationProtectionContainers.list(drVaultName, drVaultGroup));
    expect(all.map((c) => c.properties?.protectedItemCount).sort()).toEqual([0, 6]);
    await expectAsrNotFound(
      client.replicationFabrics.get(drVaultName, drVaultGroup, 'Azure'),
      'FabricNotFound',
    );
    await expectAsrNotFound(
      client.replicationProtectionContainers.get(drVaultName, drVaultGroup, primaryFabric, 'cloud1'),
      'ProtectionContainerNotFound',
    );
  });

  it('lists every replicated VM in one call (over pages), with the fields the bot reads', async () => {
    const input = await estateVault();
    const client = siteRecoveryClient(simulator);
    const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
    const byVm = new Map(items.map((item) => [item.properties?.friendlyName, item]));
    expect([...byVm.keys()].sort()).toEqual(input.replicatedVms.map((r) => r.vm.split('/')[1]).sort());
    for (const replicated of input.replicatedVms) {
      const [group = '', vm = ''] = replicated.vm.split('/');
      const item = byVm.get(vm);
      expect(item?.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(itemPathOf(item?.id)).toMatchObject({ fabric: primaryFabric, container: primaryContainer });
      expect(item?.properties).toMatchObject({
        protectionState: 'Protected',
        protectionStateDescription: 'Protected',
        replicationHealth: 'Normal',
        failoverHealth: 'Normal',
        healthErrors: [],
        activeLocation: 'Primary',
        testFailoverState: 'None',
        testFailoverStateDescription: 'None',
        primaryFabricFriendlyName: 'West Europe',
        recoveryFabricFriendlyName: 'North Europe',
      });
      expect(item?.properties?.allowedOperations).toEqual(
        expect.arrayContaining(['TestFailover', 'PlannedFailover', 'UnplannedFailover', 'DisableProtection']),
      );
      // Never drilled (the estate records no drill): Dates once one happens (siterecovery-restart).
      expect(item?.properties?.lastSuccessfulTestFailoverTime).toBeUndefined();
      const a2a = item?.properties?.providerSpecificDetails as A2AReplicationDetails;
      expect(a2a).toMatchObject({
        instanceType: 'A2A',
        fabricObjectId: vmId(group, vm),
        rpoInSeconds: replicated.rpoSeconds,
        recoveryAzureVMName: vm,
        recoveryAzureResourceGroupId: `/subscriptions/${subscriptionId}/resourceGroups/rg-bcdr-neu`,
        primaryFabricLocation: 'westeurope',
        recoveryFabricLocation: 'northeurope',
        vmProtectionState: 'Protected',
        selectedTfoAzureNetworkId: `/subscriptions/${subscriptionId}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Network/virtualNetworks/vnet-dr-test`,
      });
      // Azure recalculates the RPO of a replicating VM continuously: the simulator's clock.
      expect(Math.abs((a2a.lastRpoCalculatedTime?.getTime() ?? 0) - pinnedStart)).toBeLessThan(60_000);
    }
  });

  it('gets each item by its container path, as the list shows it', async () => {
    const client = siteRecoveryClient(simulator);
    const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
    for (const listed of items) {
      const { fabric, container, item } = itemPathOf(listed.id);
      const got = await client.replicationProtectedItems.get(
        drVaultName,
        drVaultGroup,
        fabric,
        container,
        item,
      );
      expect(got.id).toBe(listed.id);
      expect(got.properties?.friendlyName).toBe(listed.properties?.friendlyName);
    }
    const inPrimary = await collect(
      client.replicationProtectedItems.listByReplicationProtectionContainers(
        drVaultName,
        drVaultGroup,
        primaryFabric,
        primaryContainer,
      ),
    );
    expect(inPrimary).toHaveLength(items.length);
    await expectAsrNotFound(
      client.replicationProtectedItems.get(
        drVaultName,
        drVaultGroup,
        primaryFabric,
        primaryContainer,
        'vm-web-01',
      ),
      'ReplicationProtectedItemNotFound',
    );
  });

  it('serves the recovery plans with their groups and actions as the estate says', async () => {
    const input = await estateVault();
    const client = siteRecoveryClient(simulator);
    const plans = await collect(client.replicationRecoveryPlans.list(drVaultName, drVaultGroup));
    expect(plans.map((p) => p.name).sort()).toEqual(['crm', 'shop']);
    const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
    const itemIdOfVm = new Map(items.map((i) => [i.properties?.friendlyName, i.id]));
    for (const estatePlan of input.recoveryPlans) {
      const plan = await client.replicationRecoveryPlans.get(drVaultName, drVaultGroup, estatePlan.name);
      expectPlanBasics(plan);
      const groups = plan.properties?.groups ?? [];
      expect(groups.map((g) => g.groupType)).toEqual([
        'Shutdown',
        'Failover',
        ...estatePlan.bootGroups.map(() => 'Boot'),
      ]);
      estatePlan.bootGroups.forEach((bootGroup, index) => {
        const group = groups[index + 2];
        const vms = bootGroup.vms.map((ref) => ref.split('/') as [string, string]);
        expect(group?.replicationProtectedItems).toEqual(
          vms.map(([rg, vm]) => ({ id: itemIdOfVm.get(vm), virtualMachineId: vmId(rg, vm) })),
        );
        expect(group?.startGroupActions?.map((a) => a.actionName)).toEqual(
          bootGroup.preActions.map((a) => a.name),
        );
        expect(group?.endGroupActions?.map((a) => a.actionName)).toEqual(
          bootGroup.postActions.map((a) => a.name),
        );
      });
    }
    const shop = await client.replicationRecoveryPlans.get(drVaultName, drVaultGroup, 'shop');
    const [, , first, , third] = shop.properties?.groups ?? [];
    expect(first?.startGroupActions?.[0]).toEqual({
      actionName: 'Prepare SQL failover',
      failoverTypes: ['TestFailover', 'PlannedFailover', 'UnplannedFailover'],
      failoverDirections: ['PrimaryToRecovery', 'RecoveryToPrimary'],
      customDetails: {
        instanceType: 'AutomationRunbookActionDetails',
        runbookId: `/subscriptions/${subscriptionId}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Automation/automationAccounts/aa-dr-neu/runbooks/Prepare-SqlFailover`,
        timeout: 'PT1H',
        fabricLocation: 'Recovery',
      },
    });
    expect(third?.endGroupActions?.[0]).toMatchObject({
      actionName: 'Confirm DNS cutover',
      customDetails: {
        instanceType: 'ManualActionDetails',
        description: 'Point shop.contoso.com at the recovered web tier and confirm the site answers.',
      },
    });
    await expectAsrNotFound(
      client.replicationRecoveryPlans.get(drVaultName, drVaultGroup, 'constructor'),
      'RecoveryPlanNotFound',
    );
  });

  it('starts with no jobs and answers an unknown job with ASR 404', async () => {
    const client = siteRecoveryClient(simulator);
    expect(await collect(client.replicationJobs.list(drVaultName, drVaultGroup))).toEqual([]);
    await expectAsrNotFound(client.replicationJobs.get(drVaultName, drVaultGroup, 'nope'), 'JobNotFound');
  });

  it('checks api-versions, the vault and its scope as Azure does', async () => {
    const path = `${drVaultPath}/replicationRecoveryPlans`;
    const old = await armRequest(simulator, 'GET', `${path}?api-version=2021-12-02`);
    expect(old.status).toBe(400);
    expect(at(old.json, 'error.code')).toBe('NoRegisteredProviderFound');
    expect(at(old.json, 'error.message')).toContain(
      "for type 'vaults'. The supported api-versions are '2016-08-10,",
    );
    const none = await armRequest(simulator, 'GET', path);
    expect(at(none.json, 'error.code')).toBe('MissingApiVersionParameter');
    for (const accepted of ['2016-08-10', '2021-12-01', '2022-01-01', '2025-08-01', '2026-03-31-preview'])
      expect((await armRequest(simulator, 'GET', `${path}?api-version=${accepted}`)).status).toBe(200);
    const backupVault = `/subscriptions/${subscriptionId}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`;
    const empty = await armRequest(simulator, 'GET', `${backupVault}/replicationProtectedItems?${version}`);
    expect(empty.json).toEqual({ value: [] });
    const missing = await armRequest(simulator, 'GET', `${drVaultPath}x/replicationFabrics?${version}`);
    expect(missing.status).toBe(404);
    expect(at(missing.json, 'error.code')).toBe('ResourceNotFound');
  });
});

describe('simulator: Site Recovery answers match the REST spec examples in shape', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ now: pinnedNow() });
  });
  afterAll(async () => {
    await simulator.close();
  });

  async function expectShape(fixture: string, path: string): Promise<void> {
    const response = await armRequest(simulator, 'GET', `${path}?${version}`);
    expect(response.status, response.body).toBe(200);
    expect(shapeProblems(await loadSiteRecoveryFixture(fixture), response.json)).toEqual([]);
  }

  it('fabric, replicated item and recovery plan', async () => {
    await expectShape('fabric-get', `${drVaultPath}/replicationFabrics/${primaryFabric}`);
    const list = await armRequest(simulator, 'GET', `${drVaultPath}/replicationProtectedItems?${version}`);
    const id = String(at(list.json, 'value.0.id'));
    await expectShape('replicated-item-get', id);
    await expectShape('recovery-plan-get', `${drVaultPath}/replicationRecoveryPlans/shop`);
  });
});
