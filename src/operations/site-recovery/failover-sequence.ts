import { AzurePermissionError } from '../../azure/azure-permission-error.js';
import type {
  FailoverDirection,
  PlanOperation,
  PlanRef,
  RecoveryPointType,
  SiteRecoveryJob,
} from '../../azure/site-recovery-port.js';
import type { View } from '../../chat/view.js';
import { explainFailure } from '../explain-failure.js';
import type { OperationContext, ResumeOperation } from '../operation.js';
import { explainPlanRefusal } from './dr-plan-checks.js';
import { sequenceFailedView, sequenceResultView, sequenceStoppedView } from './failover-views.js';
import { followPlanJob, type PlanJobState, planJobProgressView, startPlanJob } from './run-plan-job.js';

/**
 * The failover family's steps as one job: each step starts its Site Recovery job (with the change
 * gate and Azure's allowed operations checked just before) and follows it to its end; a failback's
 * three steps run in order, each saved, so a restart resumes at the step it was in without repeating
 * one. The commands' plans are in dr-failover.ts, the result views in failover-views.ts.
 */
export type StepKind = 'PlannedFailover' | 'UnplannedFailover' | 'Commit' | 'CancelFailover' | 'Reprotect';

export interface PlanStep {
  kind: StepKind;
  direction?: FailoverDirection;
  point?: RecoveryPointType;
  label: string;
}

export interface PlanSequence {
  app: string;
  plan: PlanRef;
  title: string;
  steps: PlanStep[];
  /** Where the VMs run when it is done ("North Europe"), for the result. */
  target: string;
  afterwards: 'commit-or-cancel' | 'reprotect' | 'failback' | 'done';
}

interface SequenceHandle {
  kind: 'dr-sequence';
  sequence: PlanSequence;
  /** One per step started so far. */
  jobs: PlanJobState[];
}

/** A finished step and the Site Recovery job that ran it. */
export interface DoneStep {
  step: PlanStep;
  job: SiteRecoveryJob;
}

export async function executeSequence(context: OperationContext, sequence: PlanSequence): Promise<View> {
  const handle: SequenceHandle = { kind: 'dr-sequence', sequence, jobs: [] };
  await context.job?.saveHandle(handle);
  return runSequence(context, handle);
}

export const resumeSequence: ResumeOperation = (context, saved) =>
  runSequence(context, saved as SequenceHandle);

async function runSequence(context: OperationContext, handle: SequenceHandle): Promise<View> {
  const { sequence } = handle;
  const save = () => context.job?.saveHandle(handle) ?? Promise.resolve();
  const done: DoneStep[] = [];
  for (const [index, step] of sequence.steps.entries()) {
    let state = handle.jobs[index];
    if (!state) {
      state = { requestedAt: context.now().toISOString(), announced: [] };
      handle.jobs[index] = state;
      await save();
    }
    const title =
      sequence.steps.length > 1
        ? `${sequence.title}: step ${index + 1} of ${sequence.steps.length}, ${step.label}`
        : sequence.title;
    let job: SiteRecoveryJob;
    try {
      await startPlanJob(context, sequence.plan, toOperation(step), state, save);
      job = await followPlanJob(context, { plan: sequence.plan, title, state, save });
    } catch (error) {
      if (context.signal.aborted) throw error;
      // Steps done before a refused one stand: say so, and what finishes the sequence.
      if (done.length > 0 && error instanceof AzurePermissionError)
        return sequenceStoppedView(sequence, done, index, explainFailure(context, error, step.label));
      throw explainPlanRefusal(error, sequence.app);
    }
    done.push({ step, job });
    if (job.state !== 'Succeeded') return sequenceFailedView(sequence, done, job);
    if (index < sequence.steps.length - 1) {
      await context.progress.show({
        ...planJobProgressView(title, sequence.app, job),
        summary: `${step.label}: done. Next: ${sequence.steps[index + 1]?.label}.`,
      });
    }
  }
  return sequenceResultView(sequence, done);
}

function toOperation(step: PlanStep): PlanOperation {
  switch (step.kind) {
    case 'PlannedFailover':
      return { kind: 'PlannedFailover', direction: step.direction ?? 'PrimaryToRecovery' };
    case 'UnplannedFailover':
      return {
        kind: 'UnplannedFailover',
        direction: step.direction ?? 'PrimaryToRecovery',
        recoveryPointType: step.point ?? 'Latest',
      };
    case 'Commit':
      return { kind: 'Commit' };
    case 'CancelFailover':
      return { kind: 'CancelFailover' };
    case 'Reprotect':
      return { kind: 'Reprotect' };
  }
}
