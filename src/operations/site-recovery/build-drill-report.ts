import type { PlanRef, SiteRecoveryJob } from '../../azure/site-recovery-port.js';
import { consistencyWord, recoveryPointChoiceWords } from '../../chat/domain-words.js';
import type { ScheduleRule } from '../../schedules/schedule-rule.js';
import { canonicalTimeZone } from '../../schedules/zoned-time.js';
import type { JobRecord } from '../../store/store-port.js';
import type { OperationContext } from '../operation.js';
import type { CleanupState } from './dr-cleanup.js';
import type { DrillHandle, DrillPlan } from './dr-drill.js';
import type { DrillReport } from './drill-report.js';
import { type DrillRto, measureDrillRto, wholeSecondsBetween } from './measure-drill-rto.js';
import { formatSeconds, rpoTargetSeconds } from './recovery-plan-lookup.js';
import { planJobFailure } from './run-plan-job.js';

/**
 * The bot's drill job that started Azure job `testFailoverJob` (its handle holds that job's name),
 * or none: a drill started outside the bot, or a test failover job that is not known. Never another
 * drill of the app: a report bound to someone else's request, approval and clock is false evidence.
 */
export async function findDrillJob(
  context: OperationContext,
  app: string,
  testFailoverJob: string | undefined,
): Promise<JobRecord | undefined> {
  // The drill cleaning up after itself at its time limit: its own Azure job is the test failover.
  if (context.job?.current.commandId === 'dr.drill') return context.job.current;
  if (!testFailoverJob) return undefined;
  const started = (job: JobRecord) => {
    const handle = job.handle as DrillHandle | null;
    return (
      job.commandId === 'dr.drill' &&
      handle?.plan?.app.toLowerCase() === app.toLowerCase() &&
      handle.job?.jobName?.toLowerCase() === testFailoverJob.toLowerCase()
    );
  };
  // A drill waits for its cleanup while running; a failed one (VMs of earlier groups up) has ended.
  const running = await context.store.listJobs({ states: ['running'] });
  const jobs = running.some(started) ? running : await context.store.listJobs({ limit: 500 });
  // Older bots let a second drill follow the first one's Azure job: the one that asked first started it.
  const triggered = (job: JobRecord) => Date.parse((job.handle as DrillHandle).triggeredAt ?? '') || 0;
  return jobs.filter(started).sort((a, b) => triggered(a) - triggered(b))[0];
}

export interface ReportInput {
  id: string;
  state: CleanupState;
  plan: PlanRef;
  drill: JobRecord | undefined;
  testFailover: SiteRecoveryJob | undefined;
  cleanup: SiteRecoveryJob;
}

export async function buildReport(context: OperationContext, input: ReportInput): Promise<DrillReport> {
  const { id, state, plan, drill, testFailover, cleanup } = input;
  const handle = drill?.handle as DrillHandle | undefined;
  const approval = drill?.approvalId ? await context.store.getApproval(drill.approvalId) : undefined;
  const requestedAt = approval?.createdAt ?? drill?.createdAt;
  const outside = !drill && testFailover !== undefined;
  const rto = measureDrillRto(testFailover, "the test failover's Azure job is not known to the bot");
  const points = measurePoints(handle, rto.startedAt, outside);
  const network = describeNetwork(handle, outside);
  const manualActions = (testFailover?.tasks ?? [])
    .filter((t) => t.manual)
    .map((t) => ({
      name: t.friendlyName,
      ...(t.manual?.observation ? { doneBy: t.manual.observation } : {}),
      ...(t.state === 'Succeeded' && t.endTime ? { doneAt: t.endTime.toISOString() } : {}),
    }));
  const leftBehind = await findLeftBehind(context, handle);
  const warnings = [
    ...(network.fields.isolated === false
      ? [`The drill ran in ${network.fields.network}, which is not isolated from a real failover.`]
      : []),
    ...manualActions.filter((m) => !m.doneAt).map((m) => `Manual step "${m.name}" was not confirmed.`),
    ...points.points
      .filter((p) => p.rpoSeconds !== undefined && p.rpoSeconds > rpoTargetSeconds)
      .map(
        (p) =>
          `${p.vm}: RPO ${formatSeconds(p.rpoSeconds ?? 0)} is over the ${formatSeconds(rpoTargetSeconds)} target.`,
      ),
    ...(state.by.startsWith('the bot') ? ['Nobody ran the cleanup; the time limit did.'] : []),
    ...(leftBehind.length > 0 ? [`Left behind: ${leftBehind.join(', ')}; delete them by hand.`] : []),
    ...(cleanup.state === 'Failed' ? [`The cleanup failed: ${planJobFailure(cleanup).why}`] : []),
  ];
  const failed = testFailover?.state === 'Failed';
  // A drill whose recovery time cannot be shown is not a clean success, whatever else went well.
  const unmeasured = rto.vmsRunningSeconds === undefined || rto.serviceRestoredSeconds === undefined;
  const timeZone = await scheduleTimeZone(context, plan.name);
  return {
    id,
    app: plan.name,
    vault: plan.vault.name,
    result: failed ? 'failed' : warnings.length > 0 || unmeasured ? 'warnings' : 'succeeded',
    warnings,
    missing: [...rto.missing, ...points.missing, ...network.missing, ...unboundMissing(drill, testFailover)],
    ...(drill ? { requestedBy: drill.requester.displayName } : {}),
    ...(requestedAt ? { requestedAt: requestedAt.toISOString() } : {}),
    ...(outside ? { startedOutsideBot: true } : {}),
    decisions: (approval?.decisions ?? []).map((d) => ({
      by: d.actor.displayName,
      decision: d.decision === 'approve' ? 'approved' : 'rejected',
      at: d.at.toISOString(),
      afterSeconds: Math.round((d.at.getTime() - (approval?.createdAt.getTime() ?? d.at.getTime())) / 1000),
    })),
    ...network.fields,
    pointType: handle
      ? `${handle.plan.pointLabel}: ${recoveryPointChoiceWords(handle.plan.point)}`
      : 'unknown',
    ...(timeZone ? { timeZone } : {}),
    ...(handle?.triggeredAt ? { triggeredAt: handle.triggeredAt } : {}),
    ...rtoFields(rto),
    points: points.points,
    steps: [...(testFailover?.tasks ?? []), ...cleanup.tasks].map((t) => {
      const seconds = t.startTime && t.endTime ? wholeSecondsBetween(t.startTime, t.endTime) : undefined;
      return {
        name: t.friendlyName,
        state: t.state,
        ...(t.startTime ? { start: t.startTime.toISOString() } : {}),
        ...(t.endTime ? { end: t.endTime.toISOString() } : {}),
        ...(seconds === undefined ? {} : { seconds }),
      };
    }),
    manualActions,
    ...(failed && testFailover ? { failure: planJobFailure(testFailover) } : {}),
    ...(state.notes ? { notes: state.notes } : {}),
    cleanedUpBy: state.by,
    cleanedUpAt: (cleanup.endTime ?? context.now()).toISOString(),
    leftBehind,
    ...(drill ? { drillJobId: drill.id } : {}),
    ...(testFailover ? { siteRecoveryJob: testFailover.name } : {}),
  };
}

function rtoFields(rto: DrillRto): Partial<DrillReport> {
  return {
    ...(rto.startedAt ? { startedAt: rto.startedAt.toISOString() } : {}),
    ...(rto.vmsRunningAt ? { vmsRunningAt: rto.vmsRunningAt.toISOString() } : {}),
    ...(rto.vmsRunningSeconds === undefined ? {} : { vmsRunningSeconds: rto.vmsRunningSeconds }),
    ...(rto.serviceRestoredAt ? { serviceRestoredAt: rto.serviceRestoredAt.toISOString() } : {}),
    ...(rto.serviceRestoredSeconds === undefined
      ? {}
      : { serviceRestoredSeconds: rto.serviceRestoredSeconds }),
    ...(rto.serviceRestoredStep ? { serviceRestoredStep: rto.serviceRestoredStep } : {}),
  };
}

function unboundMissing(drill: JobRecord | undefined, testFailover: SiteRecoveryJob | undefined): string[] {
  if (drill || testFailover) return [];
  return [
    "Who asked and who approved: the test failover's Azure job is not known, so no drill request can be tied to it.",
  ];
}

/** Consistency of a recovery point in plain words (ASR's types, and the bot's "latest"). */
export function consistencyWords(type: string): string {
  if (/^latest/i.test(type)) return `${consistencyWord('CrashConsistent')}, with all data Azure had received`;
  const word = consistencyWord(type);
  if (word === consistencyWord('AppConsistent')) return `${word} (applications had flushed their data)`;
  if (word === consistencyWord('CrashConsistent')) return `${word} (as after a power cut)`;
  return word;
}

/** Achieved RPO per VM: from its recovery point to the start of the test failover. */
function measurePoints(
  handle: DrillHandle | undefined,
  startedAt: Date | undefined,
  outside: boolean,
): { points: DrillReport['points']; missing: string[] } {
  if (!handle) {
    const why = outside ? 'the drill was started outside the bot' : 'no bot drill is tied to this cleanup';
    return { points: [], missing: [`Recovery point and RPO per VM: ${why}, so they were not recorded.`] };
  }
  const missing: string[] = [];
  if (!handle.points?.length) missing.push('Recovery point and RPO per VM: the drill recorded none.');
  if (handle.points?.length && !startedAt) missing.push('RPO per VM: the test failover start is not known.');
  const points = (handle.points ?? []).map((p) => {
    const rpoSeconds = startedAt ? wholeSecondsBetween(new Date(p.time), startedAt) : undefined;
    if (startedAt && rpoSeconds === undefined) {
      missing.push(`RPO of ${p.vm}: its recovery point (${p.time}) is after the test failover started.`);
    }
    return {
      ...p,
      consistency: consistencyWords(p.type),
      ...(rpoSeconds === undefined ? {} : { rpoSeconds }),
    };
  });
  return { points, missing };
}

/** The test network as checked before the drill; the isolation evidence when the check recorded it. */
function describeNetwork(
  handle: DrillHandle | undefined,
  outside: boolean,
): {
  fields: Pick<DrillReport, 'network' | 'isolated' | 'networkRegion' | 'networkEvidence'>;
  missing: string[];
} {
  const plan = handle?.plan as
    | (DrillPlan & { networkEvidence?: string[]; networkRegion?: string })
    | undefined;
  if (!plan) {
    const why = outside ? 'the drill was started outside the bot' : 'no bot drill is tied to this cleanup';
    return {
      fields: { network: 'unknown' },
      missing: [`Test network and isolation evidence: ${why}.`],
    };
  }
  const evidence = plan.networkEvidence ?? [];
  return {
    fields: {
      network: plan.networkName,
      isolated: plan.isolated,
      ...(plan.networkRegion ? { networkRegion: plan.networkRegion } : {}),
      ...(evidence.length > 0 ? { networkEvidence: evidence } : {}),
    },
    missing:
      evidence.length > 0 ? [] : [`Test network ${plan.networkName}: isolation evidence not recorded.`],
  };
}

/** Drill VMs (`<vm>-test`) still in Azure after the cleanup. */
async function findLeftBehind(context: OperationContext, handle: DrillHandle | undefined): Promise<string[]> {
  const names = new Set((handle?.plan.vms ?? []).map((vm) => `${vm.name}-test`.toLowerCase()));
  if (names.size === 0) return [];
  const vms = await context.azure.listVms({ abortSignal: context.signal });
  return vms.filter((vm) => names.has(vm.name.toLowerCase())).map((vm) => `${vm.name} (${vm.resourceGroup})`);
}

/** The zone of the app's drill schedule, so the report's times read as the team plans them. */
async function scheduleTimeZone(context: OperationContext, app: string): Promise<string | undefined> {
  const schedules = await context.store.alerts.listSchedules({ state: 'active' });
  const schedule = schedules.find((s) => s.kind === 'drill' && s.app.toLowerCase() === app.toLowerCase());
  const zone = (schedule?.rule as Partial<ScheduleRule> | undefined)?.timeZone;
  return zone && zone !== 'UTC' && canonicalTimeZone(zone) ? zone : undefined;
}
