import { jobFailureFor } from '../core/fault-injector.js';
import { createOperation, retryAfterHint } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { itemsOf } from './apply-plan-job.js';
import {
  completeTestFailoverJob,
  isJobBusy,
  isWaitingForCleanup,
  isWaitingForManualAction,
  resumePlanJob,
  startPlanJob,
} from './plan-jobs.js';
import { renderRecoveryPlan } from './render-recovery-plan.js';
import { renderSiteRecoveryJob } from './render-site-recovery-job.js';
import { siteRecoveryErrors } from './site-recovery-errors.js';
import { requireJob, requireRecoveryPlan, requireVault, type VaultScope } from './site-recovery-scope.js';
import type {
  FailoverDirection,
  PlanJobScenario,
  PlanJobWork,
  RecoveryPlanRecord,
  SiteRecoveryJobRecord,
} from './site-recovery-state.js';

/**
 * The recovery plan operations (testFailover, testFailoverCleanup, plannedFailover,
 * unplannedFailover, failoverCommit, failoverCancel, reProtect) and job resume. Each answers 202
 * with `Azure-AsyncOperation` (`V/replicationOperationStatus/{id}`), `Location`
 * (`V/replicationOperationResults/{job}`: ends in the job's name, as ASR's does and as Azure
 * PowerShell reads it) and `Retry-After` (Azure's 30 s at the simulator's speed). The operation
 * succeeds when the job does, or when a test failover is up and waits for its cleanup; the final
 * GET of `Location` answers the recovery plan, which is what the SDK returns.
 */
const recoveryPointTypes = [
  'Latest',
  'LatestApplicationConsistent',
  'LatestCrashConsistent',
  'LatestProcessed',
];

interface ActionRule {
  scenario: PlanJobScenario;
  /** The name of the plan's allowed operation that permits it. */
  allowedAs: string;
  readInput(context: RouteContext, plan: RecoveryPlanRecord): Omit<PlanJobWork, 'scenario'>;
}

const rules: Record<string, ActionRule> = {
  testfailover: {
    scenario: 'TestFailover',
    allowedAs: 'TestFailover',
    readInput(context, plan) {
      const properties = readProperties(context);
      const direction = readDirection(context, properties, plan);
      const networkId = properties.networkId;
      if (typeof networkId !== 'string' || networkId === '') {
        throw siteRecoveryErrors.invalidInput(
          "The test failover needs a network: set 'networkType' to 'VmNetworkAsInput' and 'networkId' to a virtual network of the recovery region.",
          context.requestId,
        );
      }
      return {
        direction,
        networkId: requireTestNetwork(context, plan, networkId, direction),
        ...readPoint(context, properties),
      };
    },
  },
  testfailovercleanup: {
    scenario: 'TestFailoverCleanup',
    allowedAs: 'TestFailoverCleanup',
    readInput(context, plan) {
      const properties = readProperties(context);
      const comments = properties.comments;
      if (comments !== undefined && (typeof comments !== 'string' || comments.length > 1024)) {
        throw siteRecoveryErrors.invalidInput(
          'Comments are text of at most 1024 characters.',
          context.requestId,
        );
      }
      return { direction: currentDirection(context, plan), ...(comments ? { comments } : {}) };
    },
  },
  plannedfailover: {
    scenario: 'PlannedFailover',
    allowedAs: 'PlannedFailover',
    readInput(context, plan) {
      const properties = readProperties(context);
      return { direction: readDirection(context, properties, plan) };
    },
  },
  unplannedfailover: {
    scenario: 'UnplannedFailover',
    allowedAs: 'UnplannedFailover',
    readInput(context, plan) {
      const properties = readProperties(context);
      return { direction: readDirection(context, properties, plan), ...readPoint(context, properties) };
    },
  },
  failovercommit: {
    scenario: 'Commit',
    allowedAs: 'Commit',
    readInput: (context, plan) => ({ direction: currentDirection(context, plan) }),
  },
  failovercancel: {
    scenario: 'CancelFailover',
    allowedAs: 'CancelFailover',
    readInput: (context, plan) => ({ direction: currentDirection(context, plan) }),
  },
  reprotect: {
    scenario: 'Reprotect',
    allowedAs: 'ReverseReplicate',
    readInput: (context, plan) => ({ direction: currentDirection(context, plan) }),
  },
};

/**
 * The test network must exist and, for a test failover to the recovery region, lie in it (the
 * vault's region; after a reprotect the test VMs go to the primary region). Its canonical id.
 */
function requireTestNetwork(
  context: RouteContext,
  plan: RecoveryPlanRecord,
  networkId: string,
  direction: FailoverDirection,
): string {
  const network = ownValue(context.state.network.virtualNetworks, resourceKey(networkId));
  if (!network) {
    throw siteRecoveryErrors.invalidTestNetwork(
      `The virtual network '${networkId}' selected for the test failover of the recovery plan '${plan.name}' doesn't exist.`,
      context.requestId,
    );
  }
  const vault = ownValue(context.state.siteRecovery.vaults, plan.vaultKey);
  const elsewhere = vault && network.location.toLowerCase() !== vault.location.toLowerCase();
  if (elsewhere && direction === 'PrimaryToRecovery') {
    throw siteRecoveryErrors.invalidTestNetwork(
      `The virtual network '${network.name}' is in ${network.location}, not in the recovery region ${vault.location} of the recovery plan '${plan.name}'.`,
      context.requestId,
    );
  }
  return network.id;
}

export function postPlanOperation(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const plan = requireRecoveryPlan(context, vault);
  const action = (context.url.pathname.split('/').pop() ?? '').toLowerCase();
  const rule = ownValue(rules, action);
  if (!rule) throw siteRecoveryErrors.invalidInput(`Unknown operation '${action}'.`, context.requestId);
  assertAllowed(context, plan, rule);
  const work: PlanJobWork = { scenario: rule.scenario, ...rule.readInput(context, plan) };
  if (rule.scenario === 'TestFailoverCleanup') completeTestFailoverJob(context.state, plan, context.nowMs);
  const job = startPlanJob(context, vault, plan, work, injectedFailure(context));
  return accepted(context, vault, job);
}

/** allowedOperations, enforced as Azure does, with the reason in plain words. */
function assertAllowed(context: RouteContext, plan: RecoveryPlanRecord, rule: ActionRule): void {
  if (plan.allowedOperations.includes(rule.allowedAs)) return;
  const running = plan.currentScenario
    ? ownValue(context.state.siteRecovery.jobs, plan.currentScenario.jobKey)
    : undefined;
  if (running && isJobBusy(running)) {
    throw siteRecoveryErrors.operationInProgress(
      plan.name,
      running.friendlyName,
      running.name,
      context.requestId,
    );
  }
  if (rule.scenario === 'TestFailover' && plan.allowedOperations.includes('TestFailoverCleanup')) {
    throw siteRecoveryErrors.testFailoverCleanupPending(plan.name, context.requestId);
  }
  throw siteRecoveryErrors.notAllowed(rule.allowedAs, plan.name, plan.allowedOperations, context.requestId);
}

/** POST `V/replicationJobs/{job}/resume` `{properties: {comments}}`: continues a manual action. */
export function resumeJob(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const job = requireJob(context, vault);
  if (!isWaitingForManualAction(job)) {
    const why = isWaitingForCleanup(job)
      ? 'The test failover waits for its cleanup; it cannot be resumed.'
      : `The job is ${job.state}; only a job waiting for a manual action can be resumed.`;
    throw siteRecoveryErrors.invalidInput(why, context.requestId);
  }
  const properties = readProperties(context);
  const comments = typeof properties.comments === 'string' ? properties.comments.slice(0, 1024) : '';
  resumePlanJob(context, job, comments);
  // The resume itself is done at once; its own operation is a short timer.
  const operation = createOperation(
    {
      namespace: 'Microsoft.RecoveryServices',
      kind: 'siterecovery.resume',
      subscriptionId: vault.id.split('/')[2] ?? '',
      location: 'global',
      resourceId: job.id,
      durationSeconds: 1,
    },
    {
      nowMs: context.nowMs,
      speed: context.clock.speed,
      method: 'POST',
      apiVersion: context.apiVersion,
      failure: undefined,
    },
  );
  context.state.operations[operation.id] = operation;
  return {
    status: 202,
    headers: asyncHeaders(context, vault, operation.id, `${vault.id}/replicationJobs/${job.name}`),
  };
}

/** GET `V/replicationOperationStatus/{id}`: the ARM async-operation status of a plan operation or a resume. */
export function getOperationStatus(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const id = context.params.operationId ?? '';
  const job = Object.values(context.state.siteRecovery.jobs).find(
    (candidate) => candidate.vaultKey === vault.key && candidate.operationId === id,
  );
  if (job) {
    const base = {
      id: `${vault.id}/replicationOperationStatus/${id}`,
      name: id,
      startTime: iso(job.startMs),
    };
    if (isJobBusy(job)) {
      const headers = { 'retry-after': retryAfter(context) };
      return { status: 200, body: { ...base, status: 'InProgress' }, headers };
    }
    const endTime = iso(job.endMs ?? context.nowMs);
    if (job.state === 'Failed') {
      const error = job.errors[0];
      return {
        status: 200,
        body: {
          ...base,
          status: 'Failed',
          endTime,
          error: { code: error?.code ?? 'InternalError', message: error?.message ?? 'The job failed.' },
        },
      };
    }
    return { status: 200, body: { ...base, status: 'Succeeded', endTime } };
  }
  const operation = ownValue(context.state.operations, id);
  if (!operation?.resourceId.toLowerCase().startsWith(`${vault.id.toLowerCase()}/`)) {
    throw siteRecoveryErrors.notFound('job', id, vault.name, context.requestId);
  }
  return {
    status: 200,
    body: {
      id: `${vault.id}/replicationOperationStatus/${id}`,
      name: id,
      startTime: iso(operation.startMs),
      status: operation.settled ? 'Succeeded' : 'InProgress',
      ...(operation.settled ? { endTime: iso(operation.endMs) } : {}),
    },
    ...(operation.settled ? {} : { headers: { 'retry-after': retryAfter(context) } }),
  };
}

/** GET `V/replicationOperationResults/{job}`: 202 while the plan's job runs, then the plan. */
export function getOperationResult(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const job = requireJob(context, vault);
  if (isJobBusy(job)) {
    return {
      status: 202,
      headers: {
        location: `${context.origin}${context.url.pathname}${context.url.search}`,
        'retry-after': retryAfter(context),
      },
    };
  }
  const plan = job.planKey ? ownValue(context.state.siteRecovery.recoveryPlans, job.planKey) : undefined;
  if (!plan) return { status: 200, body: renderSiteRecoveryJob(context.state, job, context.nowMs) };
  return { status: 200, body: renderRecoveryPlan(context.state, plan) };
}

function accepted(context: RouteContext, vault: VaultScope, job: SiteRecoveryJobRecord): ArmResult {
  return {
    status: 202,
    headers: asyncHeaders(
      context,
      vault,
      job.operationId ?? job.name,
      `${vault.id}/replicationOperationResults/${job.name}`,
    ),
  };
}

function asyncHeaders(
  context: RouteContext,
  vault: VaultScope,
  operationId: string,
  locationPath: string,
): Record<string, string> {
  const version = `api-version=${encodeURIComponent(context.apiVersion)}`;
  return {
    'azure-asyncoperation': `${context.origin}${vault.id}/replicationOperationStatus/${operationId}?${version}`,
    location: `${context.origin}${locationPath}?${version}`,
    'retry-after': retryAfter(context),
  };
}

/** Azure's 30 seconds, in real seconds at the simulator's speed (at least 1). */
function retryAfter(context: RouteContext): string {
  return retryAfterHint(30, context.clock);
}

function readProperties(context: RouteContext): Record<string, unknown> {
  const body = context.request.body ? context.readBody() : {};
  const properties = body.properties;
  if (properties !== undefined && (typeof properties !== 'object' || properties === null)) {
    throw siteRecoveryErrors.invalidInput("'properties' must be an object.", context.requestId);
  }
  return (properties as Record<string, unknown> | undefined) ?? {};
}

function readDirection(
  context: RouteContext,
  properties: Record<string, unknown>,
  plan: RecoveryPlanRecord,
): FailoverDirection {
  const given = properties.failoverDirection;
  const expected = currentDirection(context, plan);
  if (given !== 'PrimaryToRecovery' && given !== 'RecoveryToPrimary') {
    throw siteRecoveryErrors.invalidInput(
      "'failoverDirection' is required: PrimaryToRecovery or RecoveryToPrimary.",
      context.requestId,
    );
  }
  if (given !== expected) {
    throw siteRecoveryErrors.invalidInput(
      `The recovery plan '${plan.name}' replicates ${expected === 'PrimaryToRecovery' ? 'from the primary to the recovery region' : 'from the recovery back to the primary region'}; a failover ${given === 'PrimaryToRecovery' ? 'to the recovery region' : 'back to the primary region'} is not possible now.`,
      context.requestId,
    );
  }
  return given;
}

/** The direction the plan's items fail over in now: away from where they are active. */
function currentDirection(context: RouteContext, plan: RecoveryPlanRecord): FailoverDirection {
  const [item] = itemsOf(
    context.state,
    plan.groups.flatMap((group) => group.itemKeys),
  );
  const active = item?.activeLocation ?? 'Primary';
  const failedOver = item?.protectionState === 'FailedOver';
  // Failed over and not yet reprotected: operations on it (commit, cancel, reprotect) name the
  // direction it failed over in.
  if (failedOver) return active === 'Recovery' ? 'PrimaryToRecovery' : 'RecoveryToPrimary';
  return active === 'Primary' ? 'PrimaryToRecovery' : 'RecoveryToPrimary';
}

function readPoint(
  context: RouteContext,
  properties: Record<string, unknown>,
): { recoveryPointType?: string } {
  const details = properties.providerSpecificDetails;
  if (details === undefined) return {};
  const first = Array.isArray(details) ? details[0] : undefined;
  const type = (first as { recoveryPointType?: unknown } | undefined)?.recoveryPointType;
  if (type === undefined) return {};
  if (typeof type !== 'string' || !recoveryPointTypes.includes(type)) {
    throw siteRecoveryErrors.invalidInput(
      `'recoveryPointType' must be one of ${recoveryPointTypes.join(', ')}.`,
      context.requestId,
    );
  }
  return { recoveryPointType: type };
}

/**
 * An injected `fail-job` fault matching this request: the job fails at the group task of the VM the
 * fault's `task` names, with the fault's code (default ASR's 28031, the VM could not be created).
 */
function injectedFailure(context: RouteContext): SiteRecoveryJobRecord['failure'] {
  const failure = jobFailureFor(context);
  if (!failure) return undefined;
  const vmName = failure.task ?? '';
  return {
    vmName,
    error: {
      code: failure.code ?? '28031',
      message:
        failure.message ??
        `Failed to create the virtual machine '${vmName}' in the recovery region. The subscription has reached its quota of cores for the VM size in the region, or a policy denied the deployment.`,
      possibleCauses:
        'The regional vCPU quota of the VM family is exhausted, or an Azure Policy denied the VM.',
      recommendedAction: 'Raise the quota (or choose another size) and fail over the remaining VMs again.',
    },
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
