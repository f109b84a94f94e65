import { join } from 'node:path';
import {
  type ASRTask,
  type FailoverJobDetails,
  type Job,
  KnownReplicationProtectedItemOperation,
  type RecoveryPlanGroupTaskDetails,
  type SiteRecoveryManagementClient,
  type TestFailoverJobDetails,
  type VirtualMachineTaskDetails,
} from '@azure/arm-recoveryservices-siterecovery';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import { advanceClock, pinnedNow } from './backup-test-kit.js';
import { admin, collect, fast, startSimulator, subscriptionId, withTempDir } from './simulator-test-kit.js';
import {
  drVaultGroup,
  drVaultName,
  drVaultPath,
  editStateFile,
  siteRecoveryClient,
  testFailoverJob,
} from './siterecovery-test-kit.js';

/**
 * Site Recovery jobs as Azure shapes them, read through the real SDK client: `scenarioName` ASR's
 * workflow names (CommitFailover, ReverseReplication...), `customDetails` per kind of job
 * (TestFailoverJobDetails, FailoverJobDetails, AsrJobDetails), tasks with ASR's details types
 * (JobTaskDetails, ManualActionTaskDetails, boot groups as RecoveryPlanGroupTaskDetails with a
 * VirtualMachineTaskDetails child per VM, the shutdown as RecoveryPlanShutdownGroupTaskDetails), and
 * allowedOperations only from ASR's ReplicationProtectedItemOperation.
 */
const testNetwork = `/subscriptions/${subscriptionId}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Network/virtualNetworks/vnet-dr-test`;
/** The `instanceType`s of the spec's TaskTypeDetails and GroupTaskDetails discriminators. */
const taskDetailTypes = [
  'AutomationRunbookTaskDetails',
  'ConsistencyCheckTaskDetails',
  'JobTaskDetails',
  'FabricReplicationGroupTaskDetails',
  'ManualActionTaskDetails',
  'ScriptActionTaskDetails',
  'VirtualMachineTaskDetails',
  'VmNicUpdatesTaskDetails',
];
const groupDetailTypes = [
  'InlineWorkflowTaskDetails',
  'RecoveryPlanGroupTaskDetails',
  'RecoveryPlanShutdownGroupTaskDetails',
];
const operations: string[] = Object.values(KnownReplicationProtectedItemOperation);

function job(client: SiteRecoveryManagementClient, name: string): Promise<Job> {
  return client.replicationJobs.get(drVaultName, drVaultGroup, name);
}

async function latestJob(client: SiteRecoveryManagementClient): Promise<Job> {
  const [newest] = await collect(client.replicationJobs.list(drVaultName, drVaultGroup));
  if (!newest?.name) throw new Error('no job');
  return job(client, newest.name);
}

/** Every task's details are of a type the spec names, and `taskType` says which. */
function expectAsrTaskTypes(tasks: readonly ASRTask[]): void {
  for (const task of tasks) {
    const group = task.groupTaskCustomDetails?.instanceType;
    const custom = task.customDetails?.instanceType;
    expect(group ?? custom, task.friendlyName).toBeDefined();
    if (group) expect(groupDetailTypes, task.friendlyName).toContain(group);
    if (custom) expect(taskDetailTypes, task.friendlyName).toContain(custom);
    expect(task.taskType, task.friendlyName).toBe(group ?? custom);
    expectAsrTaskTypes(task.groupTaskCustomDetails?.childTasks ?? []);
  }
}

async function expectAzureOperations(client: SiteRecoveryManagementClient): Promise<void> {
  const plans = await collect(client.replicationRecoveryPlans.list(drVaultName, drVaultGroup));
  const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
  for (const allowed of [...plans, ...items].map((resource) => resource.properties?.allowedOperations ?? []))
    for (const operation of allowed) expect(operations).toContain(operation);
}

describe("simulator: Site Recovery jobs in Azure's shapes", () => {
  let simulator: Simulator;
  afterEach(async () => {
    await simulator.close();
  });

  it('shapes a test failover and its cleanup: TestFailoverJobDetails, groups with a child per VM', async () => {
    simulator = await startSimulator({ now: pinnedNow(), speed: 60 });
    const client = siteRecoveryClient(simulator);
    const poller = await client.replicationRecoveryPlans.beginTestFailover(
      drVaultName,
      drVaultGroup,
      'shop',
      {
        properties: {
          failoverDirection: 'PrimaryToRecovery',
          networkType: 'VmNetworkAsInput',
          networkId: testNetwork,
          providerSpecificDetails: [{ instanceType: 'A2A', recoveryPointType: 'LatestProcessed' }],
        },
      },
      fast,
    );
    await advanceClock(simulator, 60);
    const waiting = await latestJob(client);
    expect(waiting.properties?.scenarioName).toBe('TestFailover');
    const details = waiting.properties?.customDetails as TestFailoverJobDetails;
    expect(details).toMatchObject({
      instanceType: 'TestFailoverJobDetails',
      networkName: testNetwork,
      networkFriendlyName: 'vnet-dr-test',
      networkType: 'VmNetworkAsInput',
    });
    expect(details.protectedItemDetails?.map((item) => item.testVmName).sort()).toEqual([
      'vm-api-01-test',
      'vm-sql-01-test',
      'vm-web-01-test',
      'vm-web-02-test',
    ]);
    expect(details.protectedItemDetails?.[0]).toMatchObject({
      networkConnectionStatus: 'Connected',
      subnet: 'snet-test',
    });
    const tasks = waiting.properties?.tasks ?? [];
    expectAsrTaskTypes(tasks);
    expect(tasks[0]?.customDetails).toMatchObject({
      instanceType: 'JobTaskDetails',
      jobTask: { jobId: waiting.id, jobScenarioName: 'TestFailover' },
    });
    const firstGroup = tasks.find((task) => task.friendlyName?.startsWith('Group 1: Start'));
    const group = firstGroup?.groupTaskCustomDetails as RecoveryPlanGroupTaskDetails;
    expect(group).toMatchObject({
      instanceType: 'RecoveryPlanGroupTaskDetails',
      groupId: '1',
      rpGroupType: 'Boot',
    });
    expect(group.childTasks?.map((child) => child.friendlyName)).toEqual(['Start virtual machine vm-sql-01']);
    expect(group.childTasks?.[0]?.state).toBe(firstGroup?.state);
    expect(
      (group.childTasks?.[0]?.customDetails as VirtualMachineTaskDetails | undefined)?.jobTask,
    ).toMatchObject({
      jobId: waiting.id,
      targetObjectName: 'vm-sql-01',
      targetInstanceType: 'ProtectionEntity',
    });
    expect(tasks.at(-1)?.customDetails?.instanceType).toBe('ManualActionTaskDetails');

    await client.replicationJobs.beginResumeAndWait(
      drVaultName,
      drVaultGroup,
      waiting.name ?? '',
      { properties: { comments: 'ok' } },
      fast,
    );
    await advanceClock(simulator, 600);
    await poller.pollUntilDone();
    const cleaning = await client.replicationRecoveryPlans.beginTestFailoverCleanup(
      drVaultName,
      drVaultGroup,
      'shop',
      { properties: { comments: 'drill went fine' } },
      fast,
    );
    await advanceClock(simulator, 200);
    await cleaning.pollUntilDone();
    const cleanup = await latestJob(client);
    expect(cleanup.properties?.scenarioName).toBe('TestFailoverCleanup');
    expect(cleanup.properties?.customDetails).toMatchObject({
      instanceType: 'TestFailoverJobDetails',
      comments: 'drill went fine',
    });
    expectAsrTaskTypes(cleanup.properties?.tasks ?? []);
    await expectAzureOperations(client);
  });

  it('names failover, commit, reprotect and cancel jobs as ASR does, in the jobs and the current scenarios', async () => {
    simulator = await startSimulator({ now: pinnedNow(), speed: 60 });
    const client = siteRecoveryClient(simulator);
    const planned = await client.replicationRecoveryPlans.beginPlannedFailover(
      drVaultName,
      drVaultGroup,
      'crm',
      { properties: { failoverDirection: 'PrimaryToRecovery' } },
      fast,
    );
    await advanceClock(simulator, 600);
    await planned.pollUntilDone();
    const failover = await latestJob(client);
    expect(failover.properties?.scenarioName).toBe('PlannedFailover');
    const details = failover.properties?.customDetails as FailoverJobDetails;
    expect(details.instanceType).toBe('FailoverJobDetails');
    expect(
      details.protectedItemDetails?.map((item) => [item.friendlyName, item.networkFriendlyName]).sort(),
    ).toEqual([
      ['vm-crm-01', 'vnet-dr-neu'],
      ['vm-crm-02', 'vnet-dr-neu'],
    ]);
    const shutdown = failover.properties?.tasks?.find(
      (task) => task.taskType === 'RecoveryPlanShutdownGroupTaskDetails',
    );
    expect(shutdown?.groupTaskCustomDetails?.childTasks?.map((child) => child.friendlyName).sort()).toEqual([
      'Shut down virtual machine vm-crm-01',
      'Shut down virtual machine vm-crm-02',
    ]);
    expectAsrTaskTypes(failover.properties?.tasks ?? []);
    await expectAzureOperations(client);

    const commit = await client.replicationRecoveryPlans.beginFailoverCommit(
      drVaultName,
      drVaultGroup,
      'crm',
      fast,
    );
    const committing = await client.replicationRecoveryPlans.get(drVaultName, drVaultGroup, 'crm');
    expect(committing.properties?.currentScenario?.scenarioName).toBe('CommitFailover');
    const items = await collect(client.replicationProtectedItems.list(drVaultName, drVaultGroup));
    const crm = items.find((item) => item.properties?.friendlyName === 'vm-crm-01');
    expect(crm?.properties?.currentScenario?.scenarioName).toBe('CommitFailover');
    await advanceClock(simulator, 120);
    await commit.pollUntilDone();
    const committed = await latestJob(client);
    expect(committed.properties?.scenarioName).toBe('CommitFailover');
    expect(committed.properties?.customDetails?.instanceType).toBe('AsrJobDetails');
    expectAsrTaskTypes(committed.properties?.tasks ?? []);
    await expectAzureOperations(client);

    const reprotect = await client.replicationRecoveryPlans.beginReprotect(
      drVaultName,
      drVaultGroup,
      'crm',
      fast,
    );
    await advanceClock(simulator, 1900);
    await reprotect.pollUntilDone();
    const reprotected = await latestJob(client);
    expect(reprotected.properties?.scenarioName).toBe('ReverseReplication');
    expect(reprotected.properties?.customDetails?.instanceType).toBe('AsrJobDetails');

    const unplanned = await client.replicationRecoveryPlans.beginUnplannedFailover(
      drVaultName,
      drVaultGroup,
      'crm',
      // After the reprotect the plan replicates back to the primary region.
      { properties: { failoverDirection: 'RecoveryToPrimary', sourceSiteOperations: 'NotRequired' } },
      fast,
    );
    await advanceClock(simulator, 600);
    await unplanned.pollUntilDone();
    expect((await latestJob(client)).properties?.scenarioName).toBe('UnplannedFailover');
    const cancel = await client.replicationRecoveryPlans.beginFailoverCancel(
      drVaultName,
      drVaultGroup,
      'crm',
      fast,
    );
    await advanceClock(simulator, 300);
    await cancel.pollUntilDone();
    expect((await latestJob(client)).properties?.scenarioName).toBe('CancelFailover');
    await expectAzureOperations(client);
  });

  it("gives a group's failed VM its error, in its own child task", async () => {
    simulator = await startSimulator({ now: pinnedNow(), speed: 60 });
    const client = siteRecoveryClient(simulator);
    await admin(simulator, 'POST', 'faults', {
      kind: 'fail-job',
      match: { pathContains: '/replicationRecoveryPlans/shop/unplannedFailover' },
      task: 'vm-web-02',
    });
    const poller = await client.replicationRecoveryPlans.beginUnplannedFailover(
      drVaultName,
      drVaultGroup,
      'shop',
      { properties: { failoverDirection: 'PrimaryToRecovery', sourceSiteOperations: 'NotRequired' } },
      fast,
    );
    await advanceClock(simulator, 600);
    await expect(poller.pollUntilDone()).rejects.toThrow(/vm-web-02/);
    const failed = await latestJob(client);
    const group = failed.properties?.tasks?.find((task) => task.state === 'Failed');
    const children = group?.groupTaskCustomDetails?.childTasks ?? [];
    expect(children.map((child) => [child.friendlyName, child.errors?.length])).toEqual([
      ['Start virtual machine vm-web-01', 0],
      ['Start virtual machine vm-web-02', 1],
    ]);
    expect(children[1]?.errors?.[0]?.serviceErrorDetails?.code).toBe('28031');
  });

  it("renders jobs a state file recorded before Azure's names (Commit, TaskDetails) with Azure's names", async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      const now = pinnedNow();
      const first = await startSimulator({ stateFile, now });
      await first.close();
      await editStateFile(stateFile, (siteRecovery) => {
        const old = testFailoverJob('legacy-commit', Date.parse('2025-06-09T08:00:00Z'), 'crm');
        old.scenarioName = 'Commit';
        old.friendlyName = 'Commit';
        old.tasks = [
          {
            taskId: '1',
            name: 'FailoverCommitTask',
            friendlyName: 'Commit the failover',
            state: 'Succeeded',
            stateDescription: 'Completed',
            startMs: old.startMs,
            endMs: old.startMs + 60_000,
            customDetails: { instanceType: 'TaskDetails' },
            durationSeconds: 60,
            step: { kind: 'commit' },
          },
        ];
        siteRecovery.jobs[old.id.toLowerCase()] = old;
      });
      simulator = await startSimulator({ stateFile, now });
      const legacy = await job(siteRecoveryClient(simulator), 'legacy-commit');
      expect(legacy.properties?.scenarioName).toBe('CommitFailover');
      expect(legacy.properties?.tasks?.[0]).toMatchObject({
        taskType: 'JobTaskDetails',
        customDetails: { instanceType: 'JobTaskDetails' },
      });
      expect(legacy.id).toBe(`${drVaultPath}/replicationJobs/legacy-commit`);
    });
  });
});
