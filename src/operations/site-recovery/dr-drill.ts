import type {
  PlanRef,
  RecoveryPlanInfo,
  RecoveryPointType,
  ReplicatedVm,
  SiteRecoveryJob,
} from '../../azure/site-recovery-port.js';
import { recoveryPointChoiceWords } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import { sleep } from '../backup/follow-backup-job.js';
import { formatAge, formatTime } from '../format-values.js';
import type { OperationContext, PlannedOperation, ResumeOperation } from '../operation.js';
import { assessTestNetwork, recheckTestNetwork, refuseTestNetwork } from './assess-test-network.js';
import { type CleanupState, cleanupAndReport } from './dr-cleanup.js';
import { explainPlanRefusal, recoveryPointsUsed } from './dr-plan-checks.js';
import {
  blockers,
  findPlan,
  formatSeconds,
  itemsOf,
  requireSiteRecovery,
  rpoTargetSeconds,
} from './recovery-plan-lookup.js';
import {
  followPlanJob,
  isWaitingForCleanup,
  type PlanJobState,
  planJobFailure,
  planJobSteps,
  startPlanJob,
} from './run-plan-job.js';

/** Drill VMs are cleaned up by the bot after this long, with a reminder 30 minutes before. */
export const defaultDrillCleanupAfterMs = 4 * 3_600_000;
const reminderBeforeMs = 30 * 60_000;

export const pointTypes: Record<string, RecoveryPointType> = {
  latest: 'Latest',
  'app-consistent': 'LatestApplicationConsistent',
  'crash-consistent': 'LatestCrashConsistent',
  processed: 'LatestProcessed',
};

export interface DrillPlan {
  app: string;
  plan: PlanRef;
  networkId: string;
  networkName: string;
  isolated: boolean;
  /** The test network's region (the recovery region), for the report. */
  networkRegion: string;
  /** Why the network is isolated, as read from Azure (assess-test-network.ts), for card and report. */
  networkEvidence: string[];
  point: RecoveryPointType;
  pointLabel: string;
  vms: { name: string; itemId: string; group: number }[];
  manualSteps: string[];
  cleanupAfterMs: number;
}

export interface DrillHandle {
  kind: 'dr-drill';
  plan: DrillPlan;
  job: PlanJobState;
  points?: { vm: string; time: string; type: string }[];
  triggeredAt?: string;
  upAt?: string;
  upAnnounced?: boolean;
  reminded?: boolean;
  /** The bot's own cleanup at the time limit, once started. */
  cleanup?: CleanupState;
}

/**
 * `dr drill <app> [network <vnet>] [point ...]`: a test failover of the whole recovery plan into an
 * isolated network. The plan is the pre-flight card (replication health, RPO, the test network and
 * whether it is isolated, the last drill, manual steps); after approval the job follows the test
 * failover group by group, turns manual actions into Done cards, says when the drill VMs are up,
 * reminds 30 minutes before the automatic cleanup and cleans up by itself when the time is up,
 * unless someone ran `dr cleanup` first.
 */
export const drillOperation: PlannedOperation<DrillPlan> = {
  async plan(context) {
    const { azure, signal, command } = context;
    requireSiteRecovery(azure);
    const [plans, items] = await Promise.all([
      azure.siteRecovery.listRecoveryPlans({ abortSignal: signal }),
      azure.siteRecovery.listReplicatedVms({ abortSignal: signal }),
    ]);
    const info = findPlan(plans, String(command.args.app));
    const members = itemsOf(info, items);
    assertDrillAllowed(
      info,
      members.map((m) => m.item),
    );
    const requested = command.args.network === undefined ? undefined : String(command.args.network);
    const assessed = await assessTestNetwork(
      context,
      members.map((m) => m.item),
      requested,
      items,
    );
    if (!assessed.isolated) throw refuseTestNetwork(info.name, assessed);
    const network = {
      networkId: assessed.networkId,
      networkName: assessed.networkName,
      isolated: assessed.isolated,
      networkRegion: assessed.region,
      networkEvidence: assessed.evidence,
    };
    const pointLabel = String(command.args.point ?? 'latest');
    const plan: DrillPlan = {
      app: info.name,
      plan: { vault: info.vault, name: info.name },
      ...network,
      point: pointTypes[pointLabel] ?? 'Latest',
      pointLabel,
      vms: members.map(({ item, group }) => ({ name: item.vmName, itemId: item.id, group })),
      manualSteps: info.groups.flatMap((g) =>
        [...g.startActions, ...g.endActions].filter((a) => a.kind === 'manual').map((a) => a.name),
      ),
      cleanupAfterMs: azure.siteRecovery.drillCleanupAfterMs,
    };
    return { plan, view: drillPlanView(context.now(), plan, info, members) };
  },
  execute: executeDrill,
};

function assertDrillAllowed(plan: RecoveryPlanInfo, members: ReplicatedVm[]): void {
  if (plan.allowedOperations.includes('TestFailover')) {
    const critical = members.filter((m) => m.replicationHealth === 'Critical');
    if (critical.length > 0) {
      throw new UserFacingError(
        `Replication of ${critical.map((m) => m.vmName).join(', ')} is Critical; a drill from it would not show what a failover can do.`,
        {
          title: `${plan.name} is not healthy`,
          nextStep: `See \`dr status ${plan.name}\` for the errors and what Azure recommends; drill once it is Normal.`,
        },
      );
    }
    return;
  }
  if (plan.allowedOperations.includes('TestFailoverCleanup')) {
    throw new UserFacingError(
      `The last drill of ${plan.name} is not cleaned up yet; Azure allows one at a time.`,
      {
        title: 'Drill not cleaned up',
        nextStep: `Finish it with \`dr cleanup ${plan.name} notes "..."\`, then start a new one.`,
      },
    );
  }
  const found = blockers(plan, members, plan.name);
  throw new UserFacingError(found[0] ?? `Azure does not allow a drill of ${plan.name} now.`, {
    title: `${plan.name} cannot be drilled now`,
    nextStep: `See \`dr status ${plan.name}\`.`,
  });
}

export function drillPlanView(
  now: Date,
  plan: DrillPlan,
  info: RecoveryPlanInfo,
  members: { item: ReplicatedVm; group: number }[],
): View {
  const unhealthy = members.filter((m) => m.item.replicationHealth !== 'Normal');
  const worst = members.reduce<ReplicatedVm | undefined>(
    (a, b) => ((b.item.rpoSeconds ?? 0) > (a?.rpoSeconds ?? -1) ? b.item : a),
    undefined,
  );
  const groups = new Set(members.map((m) => m.group)).size;
  return {
    kind: 'dr-drill-plan',
    title: `DR drill of ${plan.app}`,
    tone: plan.isolated && unhealthy.length === 0 ? 'accent' : 'warning',
    summary: `Test failover of ${members.length} VM(s) in ${groups} boot group(s) into ${plan.networkName}. Production and replication are not touched.`,
    facts: [
      {
        label: 'Replication',
        value:
          unhealthy.length === 0
            ? 'healthy (all Normal)'
            : unhealthy.map((m) => `${m.item.vmName} ${m.item.replicationHealth}`).join(', '),
      },
      {
        label: 'RPO now',
        value:
          worst?.rpoSeconds === undefined
            ? 'n/a'
            : `${formatSeconds(worst.rpoSeconds)} (worst: ${worst.vmName})`,
      },
      {
        label: 'Test network',
        value: `${plan.networkName}, isolated: ${(plan.networkEvidence ?? []).join('; ')}`,
      },
      { label: 'Recovery point', value: `${plan.pointLabel}: ${recoveryPointChoiceWords(plan.point)}` },
      {
        label: 'Last drill',
        value: info.lastTestFailoverTime ? formatAge(info.lastTestFailoverTime, now) : 'never',
      },
      {
        label: 'Manual steps',
        value: plan.manualSteps.length === 0 ? 'none' : plan.manualSteps.join('; '),
      },
      {
        label: 'Cleanup',
        value: `dr cleanup ${plan.app}, or by itself after ${formatSeconds(plan.cleanupAfterMs / 1000)}`,
      },
    ],
    tables: [
      {
        columns: ['Group', 'VM', 'Health', 'RPO'],
        rows: members.map(({ item, group }) => [
          String(group),
          item.vmName,
          item.replicationHealth,
          item.rpoSeconds === undefined ? 'n/a' : formatSeconds(item.rpoSeconds),
        ]),
      },
    ],
    notes: [
      ...members
        .filter((m) => (m.item.rpoSeconds ?? 0) > rpoTargetSeconds)
        .map((m) => `${m.item.vmName}: RPO over the ${formatSeconds(rpoTargetSeconds)} target.`),
    ],
  };
}

async function executeDrill(context: OperationContext, plan: DrillPlan): Promise<View> {
  const handle: DrillHandle = {
    kind: 'dr-drill',
    plan,
    job: { requestedAt: context.now().toISOString(), announced: [] },
  };
  await context.job?.saveHandle(handle);
  return runDrill(context, handle);
}

/** After a restart: the same drill, from where it was; a test failover is never started twice. */
export const resumeDrill: ResumeOperation = (context, saved) => runDrill(context, saved as DrillHandle);

async function runDrill(context: OperationContext, handle: DrillHandle): Promise<View> {
  const { plan } = handle;
  const save = () => context.job?.saveHandle(handle) ?? Promise.resolve();
  if (!handle.job.jobName) {
    const [plans, items] = await Promise.all([
      context.azure.siteRecovery.listRecoveryPlans({ abortSignal: context.signal }),
      context.azure.siteRecovery.listReplicatedVms({ abortSignal: context.signal }),
    ]);
    const members = items.filter((item) =>
      plan.vms.some((vm) => vm.itemId.toLowerCase() === item.id.toLowerCase()),
    );
    handle.points ??= await recoveryPointsUsed(context, members, plan.point);
    handle.triggeredAt ??= context.now().toISOString();
    await save();
    const info = plans.find((p) => p.name.toLowerCase() === plan.app.toLowerCase());
    // Not asked yet: the plan must still allow a drill (someone may have started one in the
    // portal meanwhile). Asked before a restart: startPlanJob adopts the job that request started.
    if (info && !handle.job.requestId && !info.allowedOperations.includes('TestFailover')) {
      assertDrillAllowed(info, members);
    }
    // The network may have been peered (or a VM moved into it) since the plan was approved.
    if (!handle.job.requestId) {
      Object.assign(plan, await recheckTestNetwork(context, plan, members, items));
      await save();
    }
  }
  try {
    await startPlanJob(
      context,
      plan.plan,
      {
        kind: 'TestFailover',
        direction: 'PrimaryToRecovery',
        networkId: plan.networkId,
        recoveryPointType: plan.point,
      },
      handle.job,
      save,
    );
  } catch (error) {
    if (context.signal.aborted) throw error;
    throw explainPlanRefusal(error, plan.app);
  }
  if (!handle.upAt) {
    const job = await followPlanJob(context, {
      plan: plan.plan,
      title: `DR drill of ${plan.app}`,
      untilTestFailoverIsUp: true,
      state: handle.job,
      save,
    });
    if (!isWaitingForCleanup(job)) return failedDrillView(plan.app, job);
    handle.upAt = lastGroupEnd(job)?.toISOString() ?? context.now().toISOString();
    await save();
  }
  return watchUntilCleanedUp(context, handle, save);
}

/** When the last boot group's VMs were running: the end of the RTO. */
export function lastGroupEnd(job: SiteRecoveryJob): Date | undefined {
  return job.tasks.filter((t) => t.group && t.endTime).at(-1)?.endTime;
}

/**
 * The drill VMs are up: says so (once), then waits for `dr cleanup` (run by anyone) or the time
 * limit, reminding 30 minutes before; at the limit it cleans up itself and writes the report.
 */
async function watchUntilCleanedUp(
  context: OperationContext,
  handle: DrillHandle,
  save: () => Promise<void>,
): Promise<View> {
  const { plan } = handle;
  const { azure, signal } = context;
  const cleanupAt = new Date(Date.parse(handle.upAt ?? context.now().toISOString()) + plan.cleanupAfterMs);
  if (!handle.upAnnounced) {
    await context.post(upView(plan, cleanupAt));
    handle.upAnnounced = true;
    await save();
  }
  if (handle.cleanup) return cleanupAndReport(context, handle.cleanup, save);
  for (;;) {
    const now = context.now();
    const plans = await azure.siteRecovery.listRecoveryPlans({ abortSignal: signal });
    const info = plans.find((p) => p.name.toLowerCase() === plan.app.toLowerCase());
    const pending = info?.allowedOperations.includes('TestFailoverCleanup') ?? false;
    const cleaning =
      info?.currentScenario?.toLowerCase() === 'testfailovercleanup' &&
      info.currentScenarioStatus === 'InProgress';
    if (!pending && !cleaning) return cleanedUpView(context, handle);
    // A cleanup someone typed at this moment holds the app's cleanup: it writes the report.
    const mayClean =
      !cleaning &&
      now >= cleanupAt &&
      ((await context.claims?.take(`cleanup:${plan.app.toLowerCase()}`)) ?? true);
    if (mayClean) {
      handle.cleanup = {
        app: plan.app,
        notes: `Automatic cleanup after ${formatSeconds(plan.cleanupAfterMs / 1000)}: nobody ran \`dr cleanup ${plan.app}\`.`,
        by: 'the bot (time limit)',
        ...(handle.job.jobName ? { testFailoverJob: handle.job.jobName } : {}),
        job: { requestedAt: now.toISOString(), announced: [] },
      };
      await save();
      return cleanupAndReport(context, handle.cleanup, save);
    }
    if (!handle.reminded && now.getTime() >= cleanupAt.getTime() - reminderBeforeMs) {
      await context.post(reminderView(plan, cleanupAt, now));
      handle.reminded = true;
      await save();
    }
    await context.progress.show(runningView(plan, cleanupAt, handle));
    await sleep(azure.siteRecovery.pollIntervalMs, signal);
  }
}

export function upView(plan: DrillPlan, cleanupAt: Date): View {
  return {
    kind: 'dr-drill-up',
    title: `DR drill of ${plan.app}: VMs are up`,
    tone: 'good',
    summary: `Drill VMs are running in ${plan.networkName}; validate, then \`dr cleanup ${plan.app}\`.`,
    notes: [
      `Add what you checked: \`dr cleanup ${plan.app} notes "..."\`. Without it the bot cleans up at ${formatTime(cleanupAt)}.`,
    ],
  };
}

function runningView(plan: DrillPlan, cleanupAt: Date, handle: DrillHandle): View {
  return {
    kind: 'dr-drill-running',
    title: `DR drill of ${plan.app}: VMs are up`,
    tone: 'good',
    summary: `Drill VMs are running in ${plan.networkName}; validate, then \`dr cleanup ${plan.app}\`.`,
    facts: [
      { label: 'Up since', value: formatTime(new Date(handle.upAt ?? '')) },
      { label: 'Automatic cleanup', value: formatTime(cleanupAt) },
    ],
  };
}

export function reminderView(plan: DrillPlan, cleanupAt: Date, now: Date): View {
  const minutes = Math.max(0, Math.round((cleanupAt.getTime() - now.getTime()) / 60_000));
  return {
    kind: 'dr-drill-reminder',
    title: `DR drill of ${plan.app}: cleanup in ${minutes} min`,
    tone: 'warning',
    summary: `The drill VMs in ${plan.networkName} go at ${formatTime(cleanupAt)}. Finish your checks and clean up with your notes.`,
    notes: [`\`dr cleanup ${plan.app} notes "..."\``],
  };
}

/** Someone ran `dr cleanup` (or cleaned up in the portal): point at the report. */
async function cleanedUpView(context: OperationContext, handle: DrillHandle): Promise<View> {
  // The cleanup job writes the report just after Azure's cleanup ends: give it a few polls.
  let report: { id: string } | undefined;
  for (let attempt = 0; attempt < 10 && !report; attempt++) {
    if (attempt > 0) await sleep(context.azure.siteRecovery.pollIntervalMs, context.signal);
    const reports = await context.store.listDrillReports({ app: handle.plan.app, limit: 5 });
    report = reports.find((r) => r.drillJobId === context.job?.id);
  }
  return {
    kind: 'dr-drill-done',
    title: `DR drill of ${handle.plan.app}: cleaned up`,
    tone: 'good',
    summary: report
      ? `The drill VMs are gone; report \`${report.id}\` (\`dr report ${report.id}\`).`
      : 'The drill VMs are gone (cleaned up outside this drill); no report was written by the bot.',
  };
}

/** The drill's test failover did not come up waiting for cleanup: why, and what to do. */
export function failedDrillView(app: string, job: SiteRecoveryJob): View {
  if (job.state === 'Succeeded') return drillEndedOutsideView(app, job);
  const failure = planJobFailure(job);
  return {
    kind: 'dr-drill-failed',
    title: `DR drill of ${app} failed`,
    tone: 'attention',
    summary: `Failed at "${failure.step}": ${failure.why}`,
    progress: { steps: planJobSteps(job) },
    notes: [
      failure.next,
      `Test VMs of the groups before it may be running: \`dr cleanup ${app} notes "..."\` removes them and writes the report.`,
    ],
    footer: `Site Recovery job ${job.name}`,
  };
}

/**
 * Azure's test failover succeeded, yet the plan no longer waits for its cleanup: someone cleaned
 * the drill up (or changed the plan) outside this drill before the bot saw it up. Not a failure
 * of the drill, and no report: say what happened and how to see where the plan stands.
 */
function drillEndedOutsideView(app: string, job: SiteRecoveryJob): View {
  return {
    kind: 'dr-drill-ended-outside',
    title: `DR drill of ${app}: ended outside the bot`,
    tone: 'warning',
    summary: `Azure's test failover succeeded, but ${app} no longer waits for its cleanup: it was cleaned up or changed outside this drill, so the bot wrote no report.`,
    progress: { steps: planJobSteps(job) },
    notes: [`\`dr status ${app}\` shows where it stands; \`dr drill ${app}\` starts a new drill.`],
    footer: `Site Recovery job ${job.name}`,
  };
}
