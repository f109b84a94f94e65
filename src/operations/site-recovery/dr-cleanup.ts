import { randomBytes } from 'node:crypto';
import { AzurePermissionError } from '../../azure/azure-permission-error.js';
import type { PlanRef } from '../../azure/site-recovery-port.js';
import { stateWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import { explainFailure } from '../explain-failure.js';
import type { Operation, OperationContext, ResumeOperation } from '../operation.js';
import { buildReport, findDrillJob } from './build-drill-report.js';
import { explainPlanRefusal } from './dr-plan-checks.js';
import { type DrillReport, renderDrillReport } from './drill-report.js';
import { findPlan, requireSiteRecovery } from './recovery-plan-lookup.js';
import { followPlanJob, type PlanJobState, startPlanJob } from './run-plan-job.js';

/** What a cleanup saves, so a restart finishes the same cleanup and writes the report once. */
export interface CleanupState {
  app: string;
  notes: string;
  by: string;
  drillJobId?: string;
  /** The test failover's ASR job, once known. */
  testFailoverJob?: string;
  job: PlanJobState;
  /** Saved just before Azure is asked for the cleanup: from then on a restart adopts, never refuses. */
  askedAt?: string;
  reportId?: string;
}

/**
 * `dr cleanup <app> [notes "..."]`: cleans up the test failover with the notes as its comments,
 * then writes the drill report (stored; `dr reports`, `dr report <id>`).
 */
export const cleanupDrill: Operation = async (context) => {
  const state: CleanupState = {
    app: String(context.command.args.app),
    notes: context.command.args.notes === undefined ? '' : String(context.command.args.notes),
    by: context.event.actor.displayName,
    job: { requestedAt: context.now().toISOString(), announced: [] },
  };
  // A second cleanup of the same app is refused before it gets here: it holds `cleanup:<app>`
  // (src/router/change-gate.ts), which a cleanup in flight has.
  await context.job?.saveHandle({ kind: 'dr-cleanup', state });
  return cleanupAndReport(
    context,
    state,
    () => context.job?.saveHandle({ kind: 'dr-cleanup', state }) ?? Promise.resolve(),
  );
};

export const resumeCleanup: ResumeOperation = async (context, saved) => {
  const { state } = saved as { state: CleanupState };
  return cleanupAndReport(
    context,
    state,
    () => context.job?.saveHandle({ kind: 'dr-cleanup', state }) ?? Promise.resolve(),
  );
};

export async function cleanupAndReport(
  context: OperationContext,
  state: CleanupState,
  save: () => Promise<void>,
): Promise<View> {
  const { azure, signal } = context;
  requireSiteRecovery(azure);
  if (state.reportId) {
    const stored = await context.store.getDrillReport(state.reportId);
    if (stored) return renderDrillReport(stored.body as DrillReport);
  }
  const plans = await azure.siteRecovery.listRecoveryPlans({ abortSignal: signal });
  const info = findPlan(plans, state.app);
  const plan: PlanRef = { vault: info.vault, name: info.name };
  if (!state.job.jobName && !state.askedAt) {
    if (info.currentScenario?.toLowerCase() === 'testfailover' && info.currentJobName) {
      state.testFailoverJob ??= info.currentJobName;
    }
    const cleaning =
      info.currentScenario?.toLowerCase() === 'testfailovercleanup' &&
      info.currentScenarioStatus === 'InProgress';
    if (!info.allowedOperations.includes('TestFailoverCleanup') && !cleaning) {
      throw new UserFacingError(`There is no drill of ${info.name} to clean up.`, {
        title: 'Nothing to clean up',
        nextStep: `\`dr status ${info.name}\` shows where it stands; \`dr reports ${info.name}\` lists past drills.`,
      });
    }
  }
  const drill = await findDrillJob(context, info.name, state.testFailoverJob);
  state.drillJobId ??= drill?.id;
  const by = `${state.by} via chat`;
  const comments = state.notes ? `${state.notes} (cleanup by ${by})` : `Cleanup by ${by}`;
  if (!state.job.jobName && !state.askedAt) {
    // A bot killed after Azure took the cleanup but before its job name was saved finds, on
    // restart, a plan with nothing left to clean up when Azure finished meanwhile: the check above
    // would refuse and no report would be written. Past this point startPlanJob adopts that job.
    state.askedAt = context.now().toISOString();
    await save();
  }
  try {
    await startPlanJob(context, plan, { kind: 'TestFailoverCleanup', comments }, state.job, save);
  } catch (error) {
    if (context.signal.aborted) throw error;
    throw explainPlanRefusal(error, info.name);
  }
  const cleanup = await followPlanJob(context, {
    plan,
    title: `Cleaning up the drill of ${info.name}`,
    state: state.job,
    save,
  });
  const testFailover = state.testFailoverJob
    ? await azure.siteRecovery.getJob(plan.vault, state.testFailoverJob, { abortSignal: signal })
    : undefined;
  // Named and saved before it is stored: a restart between the two stores this report, not a
  // second one under a new id.
  state.reportId ??= reportId(state.app, context.now());
  const id = state.reportId;
  await save();
  let report: Awaited<ReturnType<typeof buildReport>>;
  try {
    report = await buildReport(context, { id, state, plan, drill, testFailover, cleanup });
  } catch (error) {
    // The cleanup is done; only reading what the report needs was refused: say both.
    if (!(error instanceof AzurePermissionError)) throw error;
    return {
      kind: 'drill-cleanup',
      title: `Drill of ${info.name}: cleaned up, no report`,
      tone: 'warning',
      summary: `Site Recovery cleaned up the drill (job ${cleanup.name}, ${stateWord(cleanup.state)}), but the bot cannot write its report: ${explainFailure(context, error, 'build the drill report')}`,
    };
  }
  await context.store.insertDrillReport({
    id: report.id,
    app: report.app,
    ...(report.drillJobId ? { drillJobId: report.drillJobId } : {}),
    result: report.result,
    createdAt: new Date(report.cleanedUpAt),
    body: report,
  });
  return renderDrillReport(report);
}

function reportId(app: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `dr-${day}-${app.toLowerCase()}-${randomBytes(2).toString('hex')}`;
}
