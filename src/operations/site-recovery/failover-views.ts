import type { SiteRecoveryJob } from '../../azure/site-recovery-port.js';
import type { ProgressStep, View } from '../../chat/view.js';
import type { DoneStep, PlanSequence } from './failover-sequence.js';
import { formatSeconds } from './recovery-plan-lookup.js';
import { planJobFailure, planJobSteps } from './run-plan-job.js';

/** What a failover, commit, cancel, reprotect or failback shows when it ends: done, or where it failed. */
function sequenceSteps(done: DoneStep[]): ProgressStep[] {
  return done.flatMap(({ step, job }) => [
    { label: step.label, state: job.state === 'Succeeded' ? 'succeeded' : 'failed' } as ProgressStep,
    ...planJobSteps(job).map((s) => ({ ...s, label: `· ${s.label}` })),
  ]);
}

export function sequenceResultView(sequence: PlanSequence, done: DoneStep[]): View {
  const app = sequence.app;
  const base: View = {
    kind: 'dr-sequence-result',
    title: `${sequence.title}: done`,
    tone: 'good',
    summary: `${app} runs in ${sequence.target}.`,
    progress: { steps: sequenceSteps(done) },
    footer: `Site Recovery job(s) ${done.map((d) => d.job.name).join(', ')}`,
  };
  const took = done.reduce(
    (sum, d) => sum + ((d.job.endTime?.getTime() ?? 0) - (d.job.startTime?.getTime() ?? 0)),
    0,
  );
  base.facts = [{ label: 'Took', value: formatSeconds(took / 1000) }];
  switch (sequence.afterwards) {
    case 'commit-or-cancel':
      return {
        ...base,
        summary: `${app} runs in ${sequence.target}. Commit or cancel? Check the app first; the failover can be cancelled until it is committed.`,
        actions: [
          { label: 'Commit', verb: 'run', data: { command: `commit ${app}` }, style: 'positive' },
          {
            label: 'Cancel failover',
            verb: 'run',
            data: { command: `failover cancel ${app}` },
            style: 'destructive',
            confirm: `Cancel the failover of ${app}? The VMs in the recovery region go and the source VMs run again.`,
          },
        ],
      };
    case 'reprotect':
      return {
        ...base,
        summary: `${base.summary} Committed. Next: \`reprotect ${app}\`, so it is protected again.`,
      };
    case 'failback':
      return {
        ...base,
        summary: `${base.summary} It replicates back to the primary region; \`failback ${app}\` when you are ready.`,
      };
    case 'done':
      return base;
  }
}

export function sequenceFailedView(sequence: PlanSequence, done: DoneStep[], job: SiteRecoveryJob): View {
  const failure = planJobFailure(job);
  const failover = done.at(-1)?.step.kind;
  const app = sequence.app;
  return {
    kind: 'dr-sequence-failed',
    title: `${sequence.title}: failed`,
    tone: 'attention',
    summary: `Failed at "${failure.step}": ${failure.why}`,
    progress: { steps: sequenceSteps(done) },
    notes: [
      failure.next,
      ...(failover === 'PlannedFailover' || failover === 'UnplannedFailover'
        ? [
            `The groups before it run in ${sequence.target}; the rest did not fail over. Fix the cause, then \`failover ${app}${failover === 'UnplannedFailover' ? ' unplanned' : ''}\` again fails over the rest, or \`failover cancel ${app}\` goes back.`,
          ]
        : [`\`dr status ${app}\` shows where it stands.`]),
    ],
    footer: `Site Recovery job ${job.name}`,
  };
}

/** The commands that finish a sequence from a step on, as a person types them. */
const stepCommands: Record<string, (app: string) => string> = {
  PlannedFailover: (app) => `failover ${app}`,
  UnplannedFailover: (app) => `failover ${app} unplanned`,
  Commit: (app) => `commit ${app}`,
  CancelFailover: (app) => `failover cancel ${app}`,
  Reprotect: (app) => `reprotect ${app}`,
};

/**
 * A sequence Azure refused in the middle (a permission the bot lacks for a later step): the steps
 * done stand, so the card says where the plan is and what finishes it.
 */
export function sequenceStoppedView(sequence: PlanSequence, done: DoneStep[], at: number, why: string): View {
  const app = sequence.app;
  const rest = sequence.steps.slice(at).map((step) => `\`${stepCommands[step.kind]?.(app) ?? step.label}\``);
  return {
    kind: 'dr-sequence-failed',
    title: `${sequence.title}: stopped at step ${at + 1} of ${sequence.steps.length}`,
    tone: 'attention',
    summary: `${done.map(({ step }) => step.label).join(', ')}: done. ${sequence.steps[at]?.label}: ${why}`,
    progress: { steps: sequenceSteps(done) },
    notes: [
      `\`dr status ${app}\` shows where it stands. When the cause is fixed, finish with ${rest.join(', then ')}.`,
    ],
  };
}
