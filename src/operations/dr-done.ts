import { UserFacingError } from '../chat/user-facing-error.js';
import type { Operation } from './operation.js';
import { findPlan, requireSiteRecovery } from './recovery-plan-lookup.js';

/**
 * `dr done <app> [notes "..."]` (and the Done button of a manual-step card): resumes the plan's
 * job waiting at a manual action, with "done by <name> via chat" as the comments ASR keeps on
 * the step. Anyone with the operator role (so approvers too) may confirm.
 */
export const confirmManualStep: Operation = async (context) => {
  const { azure, signal, command } = context;
  requireSiteRecovery(azure);
  const plans = await azure.siteRecovery.listRecoveryPlans({ abortSignal: signal });
  const plan = findPlan(plans, String(command.args.app));
  const job = plan.currentJobName
    ? await azure.siteRecovery.getJob(plan.vault, plan.currentJobName, { abortSignal: signal })
    : undefined;
  const step = job?.tasks.find((task) => task.manual && task.state === 'Suspended');
  if (job?.stateDescription !== 'WaitingForManualAction' || !step) {
    throw new UserFacingError(`Nothing of ${plan.name} waits for a manual step now.`, {
      title: 'No manual step waiting',
      nextStep: `\`dr status ${plan.name}\` shows where it stands (someone may have confirmed it already).`,
    });
  }
  const notes = command.args.notes === undefined ? '' : `: ${String(command.args.notes)}`;
  const comments = `done by ${context.event.actor.displayName} via chat${notes}`;
  await azure.siteRecovery.resumeJob(plan.vault, job.name, comments, { abortSignal: signal });
  return {
    kind: 'dr-manual-done',
    title: `${plan.name}: "${step.friendlyName}" done`,
    tone: 'good',
    summary: `Confirmed by ${context.event.actor.displayName}; the recovery plan continues.`,
    facts: [{ label: 'Recorded in Site Recovery', value: comments }],
  };
};
