import { randomUUID } from 'node:crypto';
import { createOperation } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { OperationHandler, RouteContext } from '../core/route-types.js';
import type { OperationRecord, SimulatorState } from '../core/simulator-state.js';
import { applyTask, failScenario, finishScenario, itemsOf } from './apply-plan-job.js';
import { planJobTasks, scenarioFriendlyName } from './plan-job-tasks.js';
import { scenarioNameOf } from './scenario-names.js';
import { jobId } from './site-recovery-names.js';
import type { VaultScope } from './site-recovery-scope.js';
import type {
  PlanJobWork,
  RecoveryPlanRecord,
  SiteRecoveryJobErrorRecord,
  SiteRecoveryJobRecord,
  SiteRecoveryTaskRecord,
} from './site-recovery-state.js';

/**
 * Recovery plan jobs. A job runs its tasks in segments: from the current task up to the next manual
 * action (or the end, or the task that fails), timed by one core operation of kind
 * `siterecovery.job` whose completion applies the segment's tasks in order. At a manual action the
 * job is `Suspended` / `WaitingForManualAction` until `resume`; a test failover ends `Suspended` /
 * `WaitingForStopTestFailover` until its cleanup; anything else ends Succeeded or Failed. Task
 * states between those points are derived from the clock when rendered (render-site-recovery-job.ts).
 */
export const planJobTimerKind = 'siterecovery.job';

export function startPlanJob(
  context: RouteContext,
  vault: VaultScope,
  plan: RecoveryPlanRecord,
  work: PlanJobWork,
  failure: SiteRecoveryJobRecord['failure'],
): SiteRecoveryJobRecord {
  const { state } = context;
  const name = randomUUID();
  const id = jobId(vault.id, name);
  const job: SiteRecoveryJobRecord = {
    id,
    name,
    vaultKey: vault.key,
    scenarioName: scenarioNameOf(work.scenario),
    friendlyName: scenarioFriendlyName(work.scenario),
    state: 'InProgress',
    stateDescription: 'InProgress',
    startMs: context.nowMs,
    allowedActions: [],
    targetObjectId: plan.name,
    targetObjectName: plan.name,
    targetInstanceType: 'RecoveryPlan',
    tasks: planJobTasks(state, plan, work),
    errors: [],
    activityId: context.request.headers['x-ms-client-request-id'] ?? randomUUID(),
    planKey: resourceKey(plan.id),
    work,
    nextTask: 0,
    operationId: randomUUID(),
    ...(failure ? { failure } : {}),
  };
  const jobKey = resourceKey(id);
  state.siteRecovery.jobs[jobKey] = job;
  plan.currentScenario = { scenarioName: scenarioNameOf(work.scenario), jobKey, startMs: context.nowMs };
  plan.currentScenarioStatus = 'InProgress';
  plan.currentScenarioStatusDescription = 'InProgress';
  plan.allowedOperations = [];
  for (const item of itemsOf(
    state,
    plan.groups.flatMap((group) => group.itemKeys),
  )) {
    item.currentJobKey = jobKey;
    item.allowedOperations = [];
  }
  scheduleSegment(context, job, context.nowMs);
  context.changed();
  return job;
}

/** Continues a job waiting at a manual action: the action ends now with the comments. */
export function resumePlanJob(context: RouteContext, job: SiteRecoveryJobRecord, comments: string): void {
  const task = job.tasks[job.nextTask ?? 0];
  if (!task) return;
  task.endMs = context.nowMs;
  task.customDetails = { ...task.customDetails, observation: comments };
  job.nextTask = (job.nextTask ?? 0) + 1;
  job.state = 'InProgress';
  job.stateDescription = 'InProgress';
  job.allowedActions = [];
  scheduleSegment(context, job, context.nowMs);
  context.changed();
}

export function isWaitingForManualAction(job: SiteRecoveryJobRecord): boolean {
  return job.state === 'Suspended' && job.stateDescription === 'WaitingForManualAction';
}

export function isWaitingForCleanup(job: SiteRecoveryJobRecord): boolean {
  return job.state === 'Suspended' && job.stateDescription === 'WaitingForStopTestFailover';
}

/** A job still working or waiting for someone (a manual action); a test failover's wait is not. */
export function isJobBusy(job: SiteRecoveryJobRecord): boolean {
  return job.state === 'InProgress' || isWaitingForManualAction(job);
}

/** Schedules the tasks from `nextTask` up to the next manual action, the failing task or the end. */
function scheduleSegment(context: RouteContext, job: SiteRecoveryJobRecord, fromMs: number): void {
  const speed = context.clock.speed;
  let t = fromMs;
  let index = job.nextTask ?? 0;
  for (; index < job.tasks.length; index++) {
    const task = job.tasks[index] as SiteRecoveryTaskRecord;
    task.startMs = t;
    if (task.step.kind === 'action' && task.step.manual) break;
    t += Math.round((task.durationSeconds * 1000) / speed);
    task.endMs = t;
    if (job.failure && failsHere(context.state, task, job.failure.vmName)) {
      task.state = 'Failed';
      task.stateDescription = 'Failed';
      task.error = job.failure.error;
      index += 1;
      break;
    }
  }
  const timer = createOperation(
    {
      namespace: 'Microsoft.RecoveryServices',
      kind: planJobTimerKind,
      subscriptionId: job.id.split('/')[2] ?? '',
      location: 'global',
      resourceId: job.id,
      durationSeconds: ((t - context.nowMs) * speed) / 1000,
      payload: { jobKey: resourceKey(job.id), through: index },
    },
    {
      nowMs: context.nowMs,
      speed,
      method: context.request.method,
      apiVersion: context.apiVersion,
      failure: undefined,
    },
  );
  timer.endMs = t;
  context.state.operations[timer.id] = timer;
  job.timerOperationId = timer.id;
}

function failsHere(state: SimulatorState, task: SiteRecoveryTaskRecord, vmName: string): boolean {
  if (task.step.kind !== 'group') return false;
  return itemsOf(state, task.step.itemKeys).some(
    (item) => item.vmName.toLowerCase() === vmName.toLowerCase(),
  );
}

/** The segment's timer ran out: apply its tasks, then wait, fail or finish. */
export const planJobTimer: OperationHandler = {
  complete(state: SimulatorState, operation: OperationRecord) {
    const job = ownValue(state.siteRecovery.jobs, String(operation.payload?.jobKey ?? ''));
    if (!job || job.timerOperationId !== operation.id) return;
    const plan = job.planKey ? ownValue(state.siteRecovery.recoveryPlans, job.planKey) : undefined;
    const through = Number(operation.payload?.through ?? job.tasks.length);
    for (let index = job.nextTask ?? 0; index < through; index++) {
      const task = job.tasks[index] as SiteRecoveryTaskRecord;
      if (task.state === 'Failed') {
        endJob(job, 'Failed', operation.endMs, task.error);
        if (plan) endPlanScenario(plan, 'Failed');
        if (plan) failScenario(state, job, plan);
        job.nextTask = index + 1;
        return;
      }
      applyTask(state, job, task.step, task.endMs ?? operation.endMs);
    }
    job.nextTask = through;
    if (through < job.tasks.length) {
      job.state = 'Suspended';
      job.stateDescription = 'WaitingForManualAction';
      job.allowedActions = ['Resume'];
      return;
    }
    if (plan) finishScenario(state, job, plan, operation.endMs);
    if (job.work?.scenario === 'TestFailover') {
      job.state = 'Suspended';
      job.stateDescription = 'WaitingForStopTestFailover';
      job.allowedActions = [];
      if (plan) endPlanScenario(plan, 'Succeeded');
      return;
    }
    endJob(job, 'Succeeded', operation.endMs);
    if (plan) endPlanScenario(plan, 'Succeeded');
  },
};

/** A test failover's job ends when its cleanup is requested. */
export function completeTestFailoverJob(state: SimulatorState, plan: RecoveryPlanRecord, atMs: number): void {
  for (const job of Object.values(state.siteRecovery.jobs)) {
    if (job.planKey === resourceKey(plan.id) && isWaitingForCleanup(job)) endJob(job, 'Succeeded', atMs);
  }
}

function endJob(
  job: SiteRecoveryJobRecord,
  outcome: 'Succeeded' | 'Failed',
  atMs: number,
  error?: SiteRecoveryJobErrorRecord,
): void {
  job.state = outcome;
  job.stateDescription = outcome === 'Succeeded' ? 'Completed' : 'Failed';
  job.endMs = atMs;
  job.allowedActions = outcome === 'Failed' ? ['Restart'] : [];
  if (error) job.errors = [error];
}

function endPlanScenario(plan: RecoveryPlanRecord, outcome: 'Succeeded' | 'Failed'): void {
  plan.currentScenarioStatus = outcome;
  plan.currentScenarioStatusDescription = outcome === 'Succeeded' ? 'Completed' : 'Failed';
}
