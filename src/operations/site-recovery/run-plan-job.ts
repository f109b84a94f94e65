import { randomUUID } from 'node:crypto';
import type {
  PlanOperation,
  PlanRef,
  RecoveryPlanInfo,
  SiteRecoveryJob,
} from '../../azure/site-recovery-port.js';
import { planOperationWords, stateWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { ProgressStep, View } from '../../chat/view.js';
import { followUntil } from '../backup/follow-backup-job.js';
import { formatElapsed } from '../format-values.js';
import type { OperationContext } from '../operation.js';
import { type AnnouncedEntry, updateManualStepCards, waitingManualTask } from './update-manual-step-cards.js';

/**
 * Runs one operation on a recovery plan as an ASR job and follows it: the job's tasks as steps by
 * group, manual actions as a card with a Done button, Azure's errors in plain words. What a
 * restart needs is in `PlanJobState`, saved by the caller's `save` before Azure is asked and as
 * soon as Azure names the job. The request carries an id of the bot's (`x-ms-client-request-id`),
 * which ASR keeps as the job's activityId: a restart that finds no job name adopts the job that
 * request started, and only that one, so nothing fails over twice and no job follows another's.
 */
export interface PlanJobState {
  /** When the bot asked Azure (ISO). */
  requestedAt: string;
  /** The id the request to Azure carries; saved before it is sent. */
  requestId?: string;
  jobName?: string;
  /**
   * Manual actions already shown as a card, with the card, so a restart neither shows them twice
   * nor leaves a card it cannot update (bare task names in states saved before the card was kept).
   */
  announced: AnnouncedEntry[];
}

const finished = new Set(['Succeeded', 'Failed', 'Cancelled', 'CompletedWithInformation']);

/**
 * Starts the operation, or adopts the job this state's own request started before a restart;
 * returns the job's name. Just before Azure is asked, the rules are checked once more: this job
 * still holds its app (one change at a time) and Azure's allowedOperations include the operation.
 */
export async function startPlanJob(
  context: OperationContext,
  plan: PlanRef,
  operation: PlanOperation,
  state: PlanJobState,
  save: () => Promise<void>,
): Promise<string> {
  if (state.jobName) return state.jobName;
  const { azure, signal } = context;
  const plans = await azure.siteRecovery.listRecoveryPlans({ abortSignal: signal });
  const current = plans.find((p) => p.name.toLowerCase() === plan.name.toLowerCase());
  const adopted = state.requestId
    ? await jobOfRequest(context, plan.vault, current, state.requestId)
    : undefined;
  if (adopted) {
    context.log.info(
      { jobName: adopted },
      'adopting the Site Recovery job this job asked for before a restart',
    );
    state.jobName = adopted;
  } else {
    await context.claims?.verify();
    if (current) assertAllowed(current, operation);
    state.requestId = randomUUID();
    await save();
    const { jobName } = await azure.siteRecovery.startPlanOperation(plan, operation, {
      abortSignal: signal,
      clientRequestId: state.requestId,
    });
    state.jobName = jobName;
  }
  await save();
  return state.jobName;
}

/**
 * The job `requestId` started (ASR keeps the request id as the activityId): the plan's current job
 * when it is that one, else found among the vault's jobs (it ended and another took its place).
 */
async function jobOfRequest(
  context: OperationContext,
  vault: PlanRef['vault'],
  plan: RecoveryPlanInfo | undefined,
  requestId: string,
): Promise<string | undefined> {
  const options = { abortSignal: context.signal };
  if (plan?.currentJobName) {
    const job = await context.azure.siteRecovery.getJob(plan.vault, plan.currentJobName, options);
    if (job.activityId?.toLowerCase().startsWith(requestId.toLowerCase())) return job.name;
  }
  return (await context.azure.siteRecovery.findJobOfRequest(vault, requestId, options))?.name;
}

/** Azure's own names for the operations in a plan's allowedOperations. */
const allowedAs: Record<PlanOperation['kind'], string> = {
  TestFailover: 'TestFailover',
  TestFailoverCleanup: 'TestFailoverCleanup',
  PlannedFailover: 'PlannedFailover',
  UnplannedFailover: 'UnplannedFailover',
  Commit: 'Commit',
  CancelFailover: 'CancelFailover',
  Reprotect: 'ReverseReplicate',
};

function assertAllowed(plan: RecoveryPlanInfo, operation: PlanOperation): void {
  const wanted = allowedAs[operation.kind];
  if (plan.allowedOperations.some((op) => op.toLowerCase() === wanted.toLowerCase())) return;
  const busy = plan.currentScenarioStatus && /progress|wait/i.test(plan.currentScenarioStatus);
  throw new UserFacingError(
    busy
      ? `${plan.name} is busy in Azure: ${plan.currentScenario ? `a ${planOperationWords(plan.currentScenario)}` : 'another operation'} is ${stateWord(plan.currentScenarioStatus ?? '')}.`
      : `Azure does not allow a ${planOperationWords(wanted)} of ${plan.name} now (allowed: ${plan.allowedOperations.map(planOperationWords).join(', ') || 'none'}).`,
    {
      title: `Not possible for ${plan.name} now`,
      nextStep: `\`dr status ${plan.name}\` shows where it stands and what is allowed.`,
    },
  );
}

export interface FollowOptions {
  plan: PlanRef;
  /** Card title while it runs ("DR drill of shop"). */
  title: string;
  /** A test failover is "done" when its VMs are up and it waits for cleanup. */
  untilTestFailoverIsUp?: boolean;
  state: PlanJobState;
  save: () => Promise<void>;
}

export async function followPlanJob(
  context: OperationContext,
  options: FollowOptions,
): Promise<SiteRecoveryJob> {
  const { azure, signal } = context;
  const { plan, state } = options;
  const jobName = state.jobName ?? '';
  void context.job?.follows({
    kind: 'Site Recovery job',
    name: jobName,
    armId: `${plan.vault.id}/replicationJobs/${jobName}`,
  });
  const job = await followUntil(context, {
    read: () => azure.siteRecovery.getJob(plan.vault, jobName, { abortSignal: signal }),
    isDone: (job) =>
      finished.has(job.state) || (options.untilTestFailoverIsUp === true && isWaitingForCleanup(job)),
    onProgress: async (job) => {
      await updateManualStepCards(context, plan.name, job, state, options.save);
      return planJobProgressView(options.title, plan.name, job);
    },
    intervalMs: azure.siteRecovery.pollIntervalMs,
    fallbackView: { kind: 'dr-progress', title: options.title },
    lost: () =>
      new UserFacingError(
        `Azure stopped answering while the bot followed Site Recovery job ${jobName}; the job may still be running in Azure.`,
        {
          title: 'Azure is not answering',
          nextStep: `Check it with \`dr status ${plan.name}\` in a while, or in the portal (vault ${plan.vault.name}, Site Recovery jobs).`,
        },
      ),
  });
  // The last look ends no step card's wait unseen: a step confirmed (or a job ended) since the poll before.
  await updateManualStepCards(context, plan.name, job, state, options.save);
  return job;
}

export function isWaitingForCleanup(job: SiteRecoveryJob): boolean {
  return job.stateDescription === 'WaitingForStopTestFailover';
}

const stepStates: Record<string, ProgressStep['state']> = {
  NotStarted: 'pending',
  InProgress: 'running',
  Suspended: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Skipped: 'skipped',
  Cancelled: 'skipped',
};

/** The job's tasks as steps, with how long each took (or that it waits for someone). */
export function planJobSteps(job: SiteRecoveryJob): ProgressStep[] {
  return job.tasks.map((task) => ({
    label: task.friendlyName,
    state: stepStates[task.state] ?? 'pending',
    ...(task.state === 'Suspended'
      ? { detail: 'waiting for Done' }
      : task.startTime && task.endTime
        ? { detail: formatElapsed(task.endTime.getTime() - task.startTime.getTime()) }
        : {}),
  }));
}

export function planJobProgressView(title: string, app: string, job: SiteRecoveryJob): View {
  const waiting = waitingManualTask(job);
  const done = job.tasks.filter((task) => task.state === 'Succeeded').length;
  return {
    kind: 'dr-progress',
    title,
    tone: 'accent',
    summary: waiting
      ? `Waiting for a manual step: ${waiting.friendlyName}. Click Done on its card, or \`dr done ${app}\`.`
      : `Azure Site Recovery is working: ${done} of ${job.tasks.length} step(s) done.`,
    progress: {
      percent: job.tasks.length === 0 ? 0 : Math.round((done / job.tasks.length) * 100),
      steps: planJobSteps(job),
    },
    footer: `Site Recovery job ${job.name}`,
  };
}

/** The step that failed and why, in plain words with the next step. */
export function planJobFailure(job: SiteRecoveryJob): { step: string; why: string; next: string } {
  const failedTask = job.tasks.find((task) => task.state === 'Failed');
  const error = failedTask?.errors[0] ?? job.errors[0];
  const code = error?.code ?? '';
  const plain = knownErrors[code];
  return {
    step: failedTask?.friendlyName ?? planOperationWords(job.scenario),
    why: error
      ? `${plain ? `${plain} ` : ''}Azure: "${error.message}" (${code}).`
      : `The job ended ${stateWord(job.state)}.`,
    next:
      error?.recommendedAction ?? 'Look at the job in the portal, fix the cause, then run the command again.',
  };
}

/** ASR's numeric codes that on-call engineers meet on the day. */
const knownErrors: Record<string, string> = {
  '28031': 'Azure could not create a VM in the recovery region (vCPU quota or a policy).',
  '28092': 'Azure could not create a network interface for a VM.',
  '170010': 'Azure could not prepare the VM disks (hydration failed).',
};
