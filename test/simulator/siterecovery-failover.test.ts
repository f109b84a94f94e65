import type { Job, SiteRecoveryManagementClient } from '@azure/arm-recoveryservices-siterecovery';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { advanceClock, pinnedNow } from './backup-test-kit.js';
import {
  admin,
  armRequest,
  collect,
  computeClient,
  fast,
  startSimulator,
  subscriptionId,
} from './simulator-test-kit.js';
import {
  drVaultGroup,
  drVaultName,
  drVaultPath,
  siteRecoveryApiVersion,
  siteRecoveryClient,
} from './siterecovery-test-kit.js';

const testNetwork = `/subscriptions/${subscriptionId}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Network/virtualNetworks/vnet-dr-test`;
const version = `api-version=${siteRecoveryApiVersion}`;

async function startTestFailover(client: SiteRecoveryManagementClient, plan = 'shop') {
  const headers: Record<string, string>[] = [];
  const poller = await client.replicationRecoveryPlans.beginTestFailover(
    drVaultName,
    drVaultGroup,
    plan,
    {
      properties: {
        failoverDirection: 'PrimaryToRecovery',
        networkType: 'VmNetworkAsInput',
        networkId: testNetwork,
        providerSpecificDetails: [{ instanceType: 'A2A', recoveryPointType: 'LatestProcessed' }],
      },
    },
    { ...fast, onResponse: (response) => headers.push(response.headers.toJSON()) },
  );
  const location = headers.find((h) => h.location)?.location ?? '';
  const jobName = new URL(location).pathname.split('/').pop() ?? '';
  return { poller, jobName, headers: headers[0] ?? {} };
}

/** A raw POST of a plan operation (to see Azure's refusals as they are). */
function postPlan(simulator: Simulator, plan: string, action: string, properties: Record<string, unknown>) {
  return armRequest(
    simulator,
    'POST',
    `${drVaultPath}/replicationRecoveryPlans/${plan}/${action}?${version}`,
    {
      properties,
    },
  );
}

const testFailoverInput = {
  failoverDirection: 'PrimaryToRecovery',
  networkType: 'VmNetworkAsInput',
  networkId: testNetwork,
};

function job(client: SiteRecoveryManagementClient, name: string): Promise<Job> {
  return client.replicationJobs.get(drVaultName, drVaultGroup, name);
}

describe('simulator: Site Recovery test failover, manual actions and cleanup', () => {
  let simulator: Simulator;
  let client: SiteRecoveryManagementClient;
  beforeEach(async () => {
    simulator = await startSimulator({ now: pinnedNow(), speed: 60 });
    client = siteRecoveryClient(simulator);
  });
  afterEach(async () => {
    await simulator.close();
  });

  it('answers 202 with the async headers; Location ends in the job; tasks run group by group', async () => {
    const { jobName, headers } = await startTestFailover(client);
    expect(headers['azure-asyncoperation']).toContain(`${drVaultPath}/replicationOperationStatus/`);
    expect(headers.location).toContain(`${drVaultPath}/replicationOperationResults/${jobName}`);
    expect(headers['retry-after']).toBe('1');
    const started = await job(client, jobName);
    expect(started.properties?.scenarioName).toBe('TestFailover');
    expect(started.properties?.state).toBe('InProgress');
    const names = started.properties?.tasks?.map((t) => t.friendlyName);
    expect(names).toEqual([
      'Prerequisites check',
      'Group 1: Pre-steps: Prepare SQL failover',
      'Group 1: Start virtual machines (vm-sql-01)',
      'Group 2: Start virtual machines (vm-api-01)',
      'Group 3: Start virtual machines (vm-web-01, vm-web-02)',
      'Group 3: Post-steps: Confirm DNS cutover',
    ]);
    expect(started.properties?.tasks?.map((t) => t.state)).toEqual([
      'InProgress',
      'NotStarted',
      'NotStarted',
      'NotStarted',
      'NotStarted',
      'NotStarted',
    ]);
    // A second drill while this one runs is refused as Azure refuses it.
    const second = await postPlan(simulator, 'shop', 'testFailover', testFailoverInput);
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body)).toContain('RecoveryPlanOperationInProgress');
  });

  it('waits at the manual action, resumes with comments, then waits for cleanup; cleanup removes the test VMs', async () => {
    const { poller, jobName } = await startTestFailover(client);
    await advanceClock(simulator, 60);
    const waiting = await job(client, jobName);
    expect(waiting.properties?.state).toBe('Suspended');
    expect(waiting.properties?.stateDescription).toBe('WaitingForManualAction');
    expect(waiting.properties?.allowedActions).toEqual(['Resume']);
    const manual = waiting.properties?.tasks?.at(-1);
    expect(manual?.state).toBe('Suspended');
    expect(manual?.customDetails).toMatchObject({
      instanceType: 'ManualActionTaskDetails',
      instructions: expect.stringContaining('shop.contoso.com'),
    });
    // The test VMs of the groups before the action exist, in the test network's resource group.
    const compute = computeClient(simulator);
    const vms = await collect(compute.virtualMachines.list('rg-bcdr-neu'));
    expect(vms.map((vm) => vm.name).sort()).toEqual([
      'vm-api-01-test',
      'vm-sql-01-test',
      'vm-web-01-test',
      'vm-web-02-test',
    ]);
    expect(poller.isDone()).toBe(false);

    await client.replicationJobs.beginResumeAndWait(
      drVaultName,
      drVaultGroup,
      jobName,
      { properties: { comments: 'done by bob via chat' } },
      fast,
    );
    const plan = await poller.pollUntilDone();
    expect(plan.properties?.allowedOperations).toEqual([
      'TestFailoverCleanup',
      'PlannedFailover',
      'UnplannedFailover',
    ]);
    expect(plan.properties?.lastTestFailoverTime).toBeInstanceOf(Date);
    const up = await job(client, jobName);
    expect(up.properties?.state).toBe('Suspended');
    expect(up.properties?.stateDescription).toBe('WaitingForStopTestFailover');
    expect(up.properties?.tasks?.at(-1)?.customDetails).toMatchObject({
      observation: 'done by bob via chat',
    });
    const resume = await armRequest(
      simulator,
      'POST',
      `${drVaultPath}/replicationJobs/${jobName}/resume?${version}`,
      {
        properties: { comments: 'again' },
      },
    );
    expect(resume.status).toBe(400);

    // A second drill before cleanup is refused.
    const again = await postPlan(simulator, 'shop', 'testFailover', testFailoverInput);
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain('TestFailoverCleanupPending');

    const cleaned = await client.replicationRecoveryPlans.beginTestFailoverCleanupAndWait(
      drVaultName,
      drVaultGroup,
      'shop',
      { properties: { comments: 'all good' } },
      fast,
    );
    expect(cleaned.properties?.allowedOperations).toEqual([
      'PlannedFailover',
      'UnplannedFailover',
      'TestFailover',
    ]);
    expect((await job(client, jobName)).properties?.state).toBe('Succeeded');
    expect(await collect(compute.virtualMachines.list('rg-bcdr-neu'))).toEqual([]);
  });

  it('planned failover, commit, reprotect and failback move the VMs and the allowed operations', async () => {
    const compute = computeClient(simulator);
    const planned = await client.replicationRecoveryPlans.beginPlannedFailover(
      drVaultName,
      drVaultGroup,
      'crm',
      { properties: { failoverDirection: 'PrimaryToRecovery' } },
      fast,
    );
    await advanceClock(simulator, 600);
    const failedOver = await planned.pollUntilDone();
    expect(failedOver.properties?.allowedOperations).toEqual(['Commit', 'CancelFailover']);
    const source = await compute.virtualMachines.instanceView('rg-crm-prod', 'vm-crm-01');
    expect(source.statuses?.map((s) => s.code)).toContain('PowerState/deallocated');
    expect((await collect(compute.virtualMachines.list('rg-bcdr-neu'))).map((vm) => vm.name).sort()).toEqual([
      'vm-crm-01',
      'vm-crm-02',
    ]);
    const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
    const crm = items.filter((i) => i.properties?.friendlyName?.startsWith('vm-crm'));
    expect(crm.map((i) => [i.properties?.protectionState, i.properties?.activeLocation])).toEqual([
      ['FailedOver', 'Recovery'],
      ['FailedOver', 'Recovery'],
    ]);
    const failback = await postPlan(simulator, 'crm', 'plannedFailover', {
      failoverDirection: 'RecoveryToPrimary',
    });
    expect(failback.status).toBe(400);

    const commit = await client.replicationRecoveryPlans.beginFailoverCommit(
      drVaultName,
      drVaultGroup,
      'crm',
      fast,
    );
    await advanceClock(simulator, 120);
    expect((await commit.pollUntilDone()).properties?.allowedOperations).toEqual(['ReverseReplicate']);
    const reprotect = await client.replicationRecoveryPlans.beginReprotect(
      drVaultName,
      drVaultGroup,
      'crm',
      fast,
    );
    await advanceClock(simulator, 1900);
    expect((await reprotect.pollUntilDone()).properties?.allowedOperations).toEqual([
      'PlannedFailover',
      'UnplannedFailover',
      'TestFailover',
    ]);
    // Failback: the other direction now.
    const back = await client.replicationRecoveryPlans.beginPlannedFailover(
      drVaultName,
      drVaultGroup,
      'crm',
      { properties: { failoverDirection: 'RecoveryToPrimary' } },
      fast,
    );
    await advanceClock(simulator, 600);
    await back.pollUntilDone();
    const running = await compute.virtualMachines.instanceView('rg-crm-prod', 'vm-crm-01');
    expect(running.statuses?.map((s) => s.code)).toContain('PowerState/running');
    const commitBack = await client.replicationRecoveryPlans.beginFailoverCommit(
      drVaultName,
      drVaultGroup,
      'crm',
      fast,
    );
    await advanceClock(simulator, 120);
    await commitBack.pollUntilDone();
    const last = await client.replicationRecoveryPlans.beginReprotect(drVaultName, drVaultGroup, 'crm', fast);
    await advanceClock(simulator, 1900);
    await last.pollUntilDone();
    expect(await collect(compute.virtualMachines.list('rg-bcdr-neu'))).toEqual([]);
    const plan = await client.replicationRecoveryPlans.get(drVaultName, drVaultGroup, 'crm');
    expect(plan.properties?.allowedOperations).toEqual([
      'PlannedFailover',
      'UnplannedFailover',
      'TestFailover',
    ]);
  });

  it('a failing VM in group 2 fails the job at its group with 28031; group 1 stays failed over', async () => {
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-job',
      match: { pathContains: '/replicationRecoveryPlans/shop/unplannedFailover' },
      task: 'vm-api-01',
    });
    const poller = await client.replicationRecoveryPlans.beginUnplannedFailover(
      drVaultName,
      drVaultGroup,
      'shop',
      { properties: { failoverDirection: 'PrimaryToRecovery', sourceSiteOperations: 'NotRequired' } },
      fast,
    );
    await advanceClock(simulator, 600);
    await expect(poller.pollUntilDone()).rejects.toThrow(/virtual machine 'vm-api-01'/);
    const jobs = await collect(client.replicationJobs.list(drVaultName, drVaultGroup));
    const failed = jobs[0];
    expect(failed?.properties?.state).toBe('Failed');
    expect(failed?.properties?.errors?.[0]?.serviceErrorDetails?.code).toBe('28031');
    const tasks = failed?.properties?.tasks ?? [];
    expect(tasks.find((t) => t.state === 'Failed')?.friendlyName).toBe(
      'Group 2: Start virtual machines (vm-api-01)',
    );
    expect(tasks.at(-1)?.state).toBe('NotStarted');
    const vms = await collect(computeClient(simulator).virtualMachines.list('rg-bcdr-neu'));
    expect(vms.map((vm) => vm.name)).toEqual(['vm-sql-01']);
    const plan = await client.replicationRecoveryPlans.get(drVaultName, drVaultGroup, 'shop');
    expect(plan.properties?.allowedOperations).toEqual(['Commit', 'CancelFailover', 'UnplannedFailover']);
  });
});
