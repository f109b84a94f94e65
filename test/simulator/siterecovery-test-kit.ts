import { readFile, writeFile } from 'node:fs/promises';
import { type RecoveryPlan, SiteRecoveryManagementClient } from '@azure/arm-recoveryservices-siterecovery';
import { expect } from 'vitest';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import { loadEstate } from '../../src/simulator/core/load-estate.js';
import type { Simulator } from '../../src/simulator/create-simulator.js';
import type {
  SiteRecoveryJobRecord,
  SiteRecoveryState,
} from '../../src/simulator/siterecovery/site-recovery-state.js';
import { at, endpoint, fakeCredential, subscriptionId } from './simulator-test-kit.js';

/** Helpers for the Site Recovery tests: the real SiteRecoveryManagementClient over the in-process transport. */
export const drVaultName = 'rsv-dr-neu';
export const drVaultGroup = 'rg-bcdr-neu';
export const drVaultPath = `/subscriptions/${subscriptionId}/resourceGroups/${drVaultGroup}/providers/Microsoft.RecoveryServices/vaults/${drVaultName}`;
export const siteRecoveryApiVersion = '2023-06-01';
export const primaryFabric = 'asr-a2a-default-westeurope';
export const recoveryFabric = 'asr-a2a-default-northeurope';
export const primaryContainer = 'asr-a2a-default-westeurope-container';
export const recoveryContainer = 'asr-a2a-default-northeurope-container';
const demoEstate = new URL('../../config/demo-estate.json', import.meta.url).pathname;

export function siteRecoveryClient(simulator: Simulator): SiteRecoveryManagementClient {
  return new SiteRecoveryManagementClient(fakeCredential, subscriptionId, {
    endpoint,
    httpClient: createInProcessHttpClient(simulator.handle),
    retryOptions: { maxRetries: 0 },
  });
}

/** The fabric, container and item names of a replicated item's id, for the get call. */
export function itemPathOf(id: string | undefined): { fabric: string; container: string; item: string } {
  const parts = (id ?? '').split('/');
  const after = (segment: string) => parts[parts.indexOf(segment) + 1] ?? '';
  return {
    fabric: after('replicationFabrics'),
    container: after('replicationProtectionContainers'),
    item: after('replicationProtectedItems'),
  };
}

export async function loadSiteRecoveryFixture(name: string): Promise<unknown> {
  const url = new URL(`../fixtures/siterecovery/${name}.json`, import.meta.url);
  const fixture = JSON.parse(await readFile(url, 'utf8')) as { body: unknown };
  return fixture.body;
}

/** A finished test failover job of a plan, as plan operations record them. */
export function testFailoverJob(name: string, startMs: number, planName: string): SiteRecoveryJobRecord {
  const id = `${drVaultPath}/replicationJobs/${name}`;
  return {
    id,
    name,
    vaultKey: drVaultPath.toLowerCase(),
    scenarioName: 'TestFailover',
    friendlyName: 'Test failover',
    state: 'Succeeded',
    stateDescription: 'Completed',
    startMs,
    endMs: startMs + 900_000,
    allowedActions: [],
    targetObjectId: `${drVaultPath}/replicationRecoveryPlans/${planName}`,
    targetObjectName: planName,
    targetInstanceType: 'RecoveryPlan',
    tasks: [
      {
        taskId: `${name}-task-1`,
        name: 'ManualActionTask',
        friendlyName: 'Confirm DNS cutover',
        state: 'Succeeded',
        stateDescription: 'Completed',
        startMs: startMs + 600_000,
        endMs: startMs + 900_000,
        customDetails: { instanceType: 'ManualActionTaskDetails', name: 'Confirm DNS cutover' },
        durationSeconds: 0,
        step: { kind: 'action', group: 3, manual: true },
      },
    ],
    errors: [],
    activityId: `${name} ActivityId: ${name}`,
  };
}

/** Changes a closed simulator's state file, e.g. adds jobs. */
export async function editStateFile(
  stateFile: string,
  edit: (siteRecovery: SiteRecoveryState) => void,
): Promise<void> {
  const state = JSON.parse(await readFile(stateFile, 'utf8'));
  edit(state.siteRecovery);
  await writeFile(stateFile, JSON.stringify(state));
}

/** The demo estate's Site Recovery vault. */
export async function estateVault() {
  const vault = (await loadEstate(demoEstate)).siteRecovery?.vaults[0];
  if (!vault) throw new Error('The demo estate has no Site Recovery vault');
  return vault;
}

/** What the SDK throws for an ASR 404, and the raw body's ASR details. */
export async function expectAsrNotFound(call: Promise<unknown>, detailCode: string): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  // The SDK bundles its own core-rest-pipeline: match the RestError by name.
  expect(error).toMatchObject({ name: 'RestError', statusCode: 404, code: 'NotFound' });
  const detail = at(error, 'details.body.error.details.0') as Record<string, unknown>;
  expect(detail).toMatchObject({ code: detailCode });
  for (const key of ['message', 'possibleCauses', 'recommendedAction', 'activityId'])
    expect(typeof detail[key]).toBe('string');
}

/** What every plan of the demo shows, whatever its groups. */
export function expectPlanBasics(plan: RecoveryPlan): void {
  expect(plan.properties).toMatchObject({
    friendlyName: plan.name,
    primaryFabricFriendlyName: 'West Europe',
    recoveryFabricFriendlyName: 'North Europe',
    replicationProviders: ['A2A'],
    currentScenario: { scenarioName: 'None' },
  });
  expect(plan.properties?.primaryFabricId).toBe(`${drVaultPath}/replicationFabrics/${primaryFabric}`);
  expect(plan.properties?.recoveryFabricId).toBe(`${drVaultPath}/replicationFabrics/${recoveryFabric}`);
  expect(plan.properties?.allowedOperations).toEqual(
    expect.arrayContaining(['TestFailover', 'PlannedFailover', 'UnplannedFailover']),
  );
  expect(typeof plan.properties?.failoverDeploymentModel).toBe('string');
  expect(typeof plan.properties?.currentScenarioStatus).toBe('string');
  // Never drilled: the estate records no drill.
  expect(plan.properties?.lastTestFailoverTime).toBeUndefined();
}
