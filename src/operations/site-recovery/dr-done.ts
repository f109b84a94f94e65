import type { RecoveryPlanInfo, SiteRecoveryJob, SiteRecoveryTask } from '../../azure/site-recovery-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { Operation, OperationContext } from '../operation.js';
import { findPlan, requireSiteRecovery } from './recovery-plan-lookup.js';
import {
  doneSentence,
  endedSentence,
  manualActionView,
  manualStepOutcome,
  waitingManualTask,
} from './update-manual-step-cards.js';

/**
 * `dr done <app> [notes "..."]` (and the Done button of a manual-step card): resumes the plan's
 * job waiting at a manual action, with "done by <name> via chat" as the comments ASR keeps on
 * the step. Anyone with the operator role (so approvers too) may confirm. A card's button carries
 * its job and step: it confirms that step only, and once the step is done it says who did it and
 * when. Typed, it confirms the step the plan waits at now.
 */
export const confirmManualStep: Operation = async (context) => {
  const { azure, signal, command } = context;
  requireSiteRecovery(azure);
  const plans = await azure.siteRecovery.listRecoveryPlans({ abortSignal: signal });
  const plan = findPlan(plans, String(command.args.app));
  const clicked = clickedStep(context);
  const jobName = clicked?.job ?? plan.currentJobName;
  const job = jobName
    ? await azure.siteRecovery.getJob(plan.vault, jobName, { abortSignal: signal })
    : undefined;
  const waiting = job ? waitingManualTask(job) : undefined;
  if (!job || !waiting || (clicked && clicked.step !== waiting.friendlyName))
    throw notWaiting(plan.name, job, clicked?.step);
  const notes = command.args.notes === undefined ? '' : `: ${String(command.args.notes)}`;
  const comments = `done by ${context.event.actor.displayName} via chat${notes}`;
  try {
    await azure.siteRecovery.resumeJob(plan.vault, job.name, comments, { abortSignal: signal });
  } catch (error) {
    // Two people confirming at once: Azure refuses the second resume; say who was first.
    const again = await azure.siteRecovery.getJob(plan.vault, job.name, { abortSignal: signal });
    if (waitingManualTask(again)) throw error;
    context.log.info({ err: error }, 'Azure refused a resume: the step was confirmed meanwhile');
    throw notWaiting(plan.name, again, waiting.friendlyName);
  }
  await updateClickedCard(context, plan, job.name, waiting);
  return {
    kind: 'dr-manual-done',
    title: `${plan.name}: "${waiting.friendlyName}" done`,
    tone: 'good',
    summary: `Confirmed by ${context.event.actor.displayName}; the recovery plan continues.`,
    facts: [{ label: 'Recorded in Site Recovery', value: comments }],
  };
};

/** The job and step a manual-step card's Done button is bound to (cards posted before carry neither). */
function clickedStep(context: OperationContext): { job: string; step: string } | undefined {
  const { event } = context;
  if (event.kind !== 'action' || !event.data.job || !event.data.step) return undefined;
  return { job: event.data.job, step: event.data.step };
}

/**
 * Nothing to confirm, in words: what became of the step asked about (or of the job's last manual
 * step), who confirmed it and when, as Site Recovery recorded it.
 */
function notWaiting(
  app: string,
  job: SiteRecoveryJob | undefined,
  step: string | undefined,
): UserFacingError {
  const manual = job?.tasks.filter((task) => task.manual) ?? [];
  const asked = step
    ? manual.find((task) => task.friendlyName === step)
    : manual.filter((task) => job && manualStepOutcome(job, task)).at(-1);
  const outcome = job && asked ? manualStepOutcome(job, asked) : undefined;
  const next = `\`dr status ${app}\` shows where it stands.`;
  if (asked && outcome?.kind === 'done')
    return new UserFacingError(`"${asked.friendlyName}" is already done. ${doneSentence(outcome)}`, {
      title: 'Already done',
      nextStep: waitingElsewhere(job, asked) ?? next,
    });
  if (asked && outcome?.kind === 'ended')
    return new UserFacingError(`"${asked.friendlyName}" no longer waits. ${endedSentence(outcome)}`, {
      title: 'No manual step waiting',
      nextStep: next,
    });
  return new UserFacingError(`Nothing of ${app} waits for a manual step now.`, {
    title: 'No manual step waiting',
    nextStep: `${next} (Someone may have confirmed it already.)`,
  });
}

/** When the job waits at another manual step than the one clicked: how to confirm that one. */
function waitingElsewhere(job: SiteRecoveryJob | undefined, clicked: SiteRecoveryTask): string | undefined {
  const waiting = job ? waitingManualTask(job) : undefined;
  if (!waiting || waiting.friendlyName === clicked.friendlyName) return undefined;
  return `The plan now waits at "${waiting.friendlyName}": use the Done button on its own card.`;
}

/**
 * The card whose button was clicked shows at once who confirmed the step; the job's follower
 * would do the same at its next look (and does it for `dr done` typed or the portal).
 */
async function updateClickedCard(
  context: OperationContext,
  plan: RecoveryPlanInfo,
  jobName: string,
  step: SiteRecoveryTask,
): Promise<void> {
  const { event, azure, signal } = context;
  if (event.kind !== 'action' || !event.message) return;
  try {
    const job = await azure.siteRecovery.getJob(plan.vault, jobName, { abortSignal: signal });
    const task = job.tasks.find((t) => t.manual && t.friendlyName === step.friendlyName);
    const outcome = task ? manualStepOutcome(job, task) : undefined;
    if (task && outcome)
      await context.update(event.message, manualActionView(plan.name, task, { job: jobName, outcome }));
  } catch (error) {
    // The step is confirmed in Azure; the follower brings the card up to date.
    context.log.warn({ err: error }, 'the clicked manual step card could not be updated at once');
  }
}
