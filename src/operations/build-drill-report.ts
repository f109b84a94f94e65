import type { PlanRef, SiteRecoveryJob } from '../azure/site-recovery-port.js';
import type { JobRecord } from '../store/store-port.js';
import type { CleanupState } from './dr-cleanup.js';
import type { DrillHandle } from './dr-drill.js';
import { lastGroupEnd } from './dr-drill.js';
import type { DrillReport } from './drill-report.js';
import type { OperationContext } from './operation.js';
import { formatSeconds, rpoTargetSeconds } from './recovery-plan-lookup.js';
import { planJobFailure } from './run-plan-job.js';

/** The drill job the bot ran for this test failover (newest drill of the app when Azure's job is unknown). */
export async function findDrillJob(
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

export async function buildReport(
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
