import type {
  PlanOperation,
  PlanRef,
  RecoveryPlanInfo,
  SiteRecoveryJob,
} from '../azure/site-recovery-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { ProgressStep, View } from '../chat/view.js';
import { followUntil } from './follow-backup-job.js';
import { formatElapsed } from './format-values.js';
import type { OperationContext } from './operation.js';
import { type AnnouncedEntry, updateManualStepCards, waitingManualTask } from './update-manual-step-cards.js';

/**
 * Runs one operation on a recovery plan as an ASR job and follows it: the job's tasks as steps by
 * group, manual actions as a card with a Done button, Azure's errors in plain words. What a
 * restart needs is in `PlanJobState`, saved by the caller's `save` before Azure is asked and as
 * soon as Azure names the job; a restart that finds no job name adopts the job of the same
 * scenario the plan started since the request instead of asking again, so nothing fails over twice.
 */
export interface PlanJobState {
  /** When the bot asked Azure (ISO). */
  requestedAt: string;
  jobName?: string;
  /**
   * Manual actions already shown as a card, with the card, so a restart neither shows them twice
   * nor leaves a card it cannot update (bare task names in states saved before the card was kept).
   */
  announced: AnnouncedEntry[];
}

const finished = new Set(['Succeeded', 'Failed', 'Cancelled', 'CompletedWithInformation']);
/** How far apart the bot's and Azure's clocks may be when adopting a job after a restart. */
const clockSkewMs = 5 * 60_000;

/** Starts the operation, or adopts the job a previous process started; returns the job's name. */
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
  const adopted = current ? startedSince(current, operation.kind, state.requestedAt) : undefined;
  if (adopted) {
    context.log.info({ jobName: adopted }, 'adopting the Site Recovery job started before a restart');
    state.jobName = adopted;
  } else {
    const { jobName } = await azure.siteRecovery.startPlanOperation(plan, operation, { abortSignal: signal });
    state.jobName = jobName;
  }
  await save();
  return state.jobName;
}

/**
 * The job of the plan's current scenario if it is `kind` and started since `requestedAt` (give or
 * take the clocks' skew): what a process that died after asking Azure had started.
 */
export function startedSince(
  plan: RecoveryPlanInfo,
  kind: PlanOperation['kind'],
  requestedAt: string,
): string | undefined {
  const since = Date.parse(requestedAt) - clockSkewMs;
  const same = plan.currentScenario?.toLowerCase() === kind.toLowerCase();
  return same && (plan.currentScenarioStartTime?.getTime() ?? 0) >= since ? plan.currentJobName : undefined;
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
    step: failedTask?.friendlyName ?? job.scenario,
    why: error
      ? `${plain ? `${plain} ` : ''}Azure: "${error.message}" (${code}).`
      : `The job ended ${job.state}.`,
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
