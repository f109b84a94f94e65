import { randomBytes } from 'node:crypto';
import type { PlanRef, SiteRecoveryJob } from '../azure/site-recovery-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { parseCommand } from '../commands/parse-command.js';
import type { JobRecord } from '../store/store-port.js';
import type { DrillHandle } from './dr-drill.js';
import { lastGroupEnd } from './dr-drill.js';
import { explainPlanRefusal } from './dr-plan-checks.js';
import { type DrillReport, renderDrillReport } from './drill-report.js';
import type { Operation, OperationContext, ResumeOperation } from './operation.js';
import { findPlan, formatSeconds, requireSiteRecovery, rpoTargetSeconds } from './recovery-plan-lookup.js';
import { followPlanJob, type PlanJobState, planJobFailure, startPlanJob } from './run-plan-job.js';

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
  await context.job?.saveHandle({ kind: 'dr-cleanup', state });
  await refuseSecondCleanup(context, state.app);
  return cleanupAndReport(
    context,
    state,
    () => context.job?.saveHandle({ kind: 'dr-cleanup', state }) ?? Promise.resolve(),
  );
};

/**
 * Two people typing `dr cleanup shop` a moment apart would both follow Azure's one cleanup and
 * write two reports. The older job (by start, then id) goes on; the later one stops here. The app
 * is read from each job's command, stored when the job is created, so both see each other
 * whatever the timing (replicas too).
 */
async function refuseSecondCleanup(context: OperationContext, app: string): Promise<void> {
  const ours = context.job?.current;
  if (!ours) return;
  const running = await context.store.listJobs({ states: ['running'] });
  const earlier = running.find(
    (job) =>
      job.id !== ours.id &&
      job.commandId === ours.commandId &&
      cleanupAppOf(job)?.toLowerCase() === app.toLowerCase() &&
      (job.createdAt.getTime() < ours.createdAt.getTime() ||
        (job.createdAt.getTime() === ours.createdAt.getTime() && job.id < ours.id)),
  );
  if (!earlier) return;
  throw new UserFacingError(
    `A cleanup of ${app} is already running (${earlier.id}, asked by ${earlier.requester.displayName}).`,
    {
      title: 'Already cleaning up',
      nextStep: `Its report comes in its thread; \`job ${earlier.id}\` shows where it stands.`,
    },
  );
}

function cleanupAppOf(job: JobRecord): string | undefined {
  const parsed = parseCommand(job.commandText);
  return parsed.ok ? String(parsed.command.args.app) : undefined;
}

export const resumeCleanup: ResumeOperation = async (context, saved) => {
  const { state } = saved as { state: CleanupState };
  // Killed before it asked Azure: the other cleanup may have gone on meanwhile.
  if (!state.askedAt && !state.job.jobName) await refuseSecondCleanup(context, state.app);
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
  const report = await buildReport(context, { id, state, plan, drill, testFailover, cleanup });
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

/** The drill job the bot ran for this test failover (newest drill of the app when Azure's job is unknown). */
async function findDrillJob(
  context: OperationContext,
  app: string,
  testFailoverJob: string | undefined,
): Promise<JobRecord | undefined> {
  if (context.job?.current.commandId === 'dr.drill') return context.job.current;
  const jobs = await context.store.listJobs({ limit: 200 });
  const drills = jobs.filter(
    (job) =>
      job.commandId === 'dr.drill' &&
      (job.handle as DrillHandle | null)?.plan?.app.toLowerCase() === app.toLowerCase(),
  );
  return (
    drills.find((job) => (job.handle as DrillHandle).job.jobName === testFailoverJob) ??
    (testFailoverJob ? undefined : drills[0])
  );
}

async function buildReport(
  context: OperationContext,
  input: {
    id: string;
    state: CleanupState;
    plan: PlanRef;
    drill: JobRecord | undefined;
    testFailover: SiteRecoveryJob | undefined;
    cleanup: SiteRecoveryJob;
  },
): Promise<DrillReport> {
  const { id, state, plan, drill, testFailover, cleanup } = input;
  const handle = drill?.handle as DrillHandle | undefined;
  const approval = drill?.approvalId ? await context.store.getApproval(drill.approvalId) : undefined;
  const requestedAt = approval?.createdAt ?? drill?.createdAt;
  const triggeredAt = handle?.triggeredAt ? new Date(handle.triggeredAt) : testFailover?.startTime;
  const upAt = testFailover ? lastGroupEnd(testFailover) : undefined;
  const allUp = testFailover !== undefined && testFailover.state !== 'Failed';
  const points = (handle?.points ?? []).map((p) => ({
    ...p,
    rpoSeconds: Math.max(0, Math.round(((triggeredAt?.getTime() ?? 0) - Date.parse(p.time)) / 1000)),
  }));
  const manualActions = (testFailover?.tasks ?? [])
    .filter((t) => t.manual)
    .map((t) => ({
      name: t.friendlyName,
      ...(t.manual?.observation ? { doneBy: t.manual.observation } : {}),
    }));
  const vmNames = new Set(
    (handle?.plan.vms.map((vm) => vm.name) ?? []).map((name) => `${name}-test`.toLowerCase()),
  );
  const vms = await context.azure.listVms({ abortSignal: context.signal });
  const leftBehind = vms
    .filter((vm) => vmNames.has(vm.name.toLowerCase()))
    .map((vm) => `${vm.name} (${vm.resourceGroup})`);
  const isolated = handle?.plan.isolated ?? true;
  const warnings = [
    ...(isolated
      ? []
      : [`The drill ran in ${handle?.plan.networkName}, which is not isolated from a real failover.`]),
    ...manualActions.filter((m) => !m.doneBy).map((m) => `Manual step "${m.name}" was not confirmed.`),
    ...points
      .filter((p) => p.rpoSeconds > rpoTargetSeconds)
      .map(
        (p) =>
          `${p.vm}: RPO ${formatSeconds(p.rpoSeconds)} is over the ${formatSeconds(rpoTargetSeconds)} target.`,
      ),
    ...(state.by.startsWith('the bot') ? ['Nobody ran the cleanup; the time limit did.'] : []),
    ...(leftBehind.length > 0 ? [`Left behind: ${leftBehind.join(', ')}; delete them by hand.`] : []),
    ...(cleanup.state === 'Failed' ? [`The cleanup failed: ${planJobFailure(cleanup).why}`] : []),
  ];
  const failed = testFailover?.state === 'Failed';
  const now = context.now();
  const steps = [...(testFailover?.tasks ?? []), ...cleanup.tasks].map((t) => ({
    name: t.friendlyName,
    state: t.state,
    ...(t.startTime ? { start: t.startTime.toISOString() } : {}),
    ...(t.endTime ? { end: t.endTime.toISOString() } : {}),
    ...(t.startTime && t.endTime ? { seconds: (t.endTime.getTime() - t.startTime.getTime()) / 1000 } : {}),
  }));
  return {
    id,
    app: plan.name,
    vault: plan.vault.name,
    result: failed ? 'failed' : warnings.length > 0 ? 'warnings' : 'succeeded',
    warnings,
    ...(drill ? { requestedBy: drill.requester.displayName } : {}),
    ...(requestedAt ? { requestedAt: requestedAt.toISOString() } : {}),
    decisions: (approval?.decisions ?? []).map((d) => ({
      by: d.actor.displayName,
      decision: d.decision === 'approve' ? 'approved' : 'rejected',
      at: d.at.toISOString(),
      afterSeconds: Math.round((d.at.getTime() - (approval?.createdAt.getTime() ?? d.at.getTime())) / 1000),
    })),
    network: handle?.plan.networkName ?? 'unknown',
    isolated,
    pointType: handle ? `${handle.plan.pointLabel} (${handle.plan.point})` : 'unknown',
    ...(triggeredAt ? { triggeredAt: triggeredAt.toISOString() } : {}),
    ...(allUp && upAt ? { upAt: upAt.toISOString() } : {}),
    ...(allUp && upAt && triggeredAt
      ? { rtoSeconds: Math.round((upAt.getTime() - triggeredAt.getTime()) / 1000) }
      : {}),
    points,
    steps,
    manualActions,
    ...(failed && testFailover ? { failure: planJobFailure(testFailover) } : {}),
    ...(state.notes ? { notes: state.notes } : {}),
    cleanedUpBy: state.by,
    cleanedUpAt: (cleanup.endTime ?? now).toISOString(),
    leftBehind,
    ...(drill ? { drillJobId: drill.id } : {}),
    ...(testFailover ? { siteRecoveryJob: testFailover.name } : {}),
  };
}

function reportId(app: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `dr-${day}-${app.toLowerCase()}-${randomBytes(2).toString('hex')}`;
}
