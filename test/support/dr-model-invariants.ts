import type { OfferedButton, SimJob, StoredReport, StoreView } from './dr-model-observe.js';
import { planOf } from './dr-model-observe.js';

/**
 * The rules of issue 18 as checks on observed state: each returns the violations it found, in
 * words that name the app, the jobs and the approvals involved (the counterexample's evidence).
 */

/** The only network of the demo estate that passes the isolation rule. */
export const isolatedTestNetworkId =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg-bcdr-neu/providers/microsoft.network/virtualnetworks/vnet-dr-test';

const finalJobStates = new Set(['Succeeded', 'Failed', 'Cancelled', 'CompletedWithInformation']);

/**
 * 1. Per app at most one change in flight in the bot (requests, approved ones, running jobs), but a
 * cleanup may run beside the drill it cleans up; never two running jobs holding one ASR job; never
 * two drill jobs, ever, with one test failover.
 */
export function oneChangePerApp(store: StoreView): string[] {
  const violations: string[] = [];
  const started = new Set(store.runningJobs.map((j) => j.approvalId).filter(Boolean));
  const changes = [
    ...store.runningJobs.map((j) => ({
      app: j.app,
      kind: `job:${j.commandId}`,
      what: `job ${j.id} "${j.commandText}"`,
    })),
    ...store.activeApprovals
      .filter((a) => !started.has(a.id))
      .map((a) => ({
        app: a.app,
        kind: `approval:${a.commandId}`,
        what: `${a.state} ${a.id} "${a.commandText}"`,
      })),
  ];
  const apps = new Set(changes.map((c) => c.app).filter((a): a is string => a !== undefined));
  for (const app of apps) {
    const mine = changes.filter((c) => c.app === app);
    const kinds = mine.map((c) => c.kind).sort();
    const drillAndItsCleanup =
      kinds.length === 2 && kinds[0] === 'job:dr.cleanup' && kinds[1] === 'job:dr.drill';
    if (mine.length > 1 && !drillAndItsCleanup)
      violations.push(`${app}: ${mine.length} changes in flight: ${mine.map((c) => c.what).join('; ')}`);
  }
  const holders = new Map<string, string[]>();
  for (const job of store.runningJobs)
    for (const name of new Set(job.siteRecoveryJobs))
      holders.set(name, [...(holders.get(name) ?? []), job.id]);
  for (const [name, jobs] of holders)
    if (jobs.length > 1)
      violations.push(`running jobs ${jobs.join(', ')} all follow Site Recovery job ${name}`);
  for (const shared of store.sharedDrillJobNames)
    violations.push(`drill jobs ${shared.jobs} all hold test failover ${shared.name}`);
  return violations;
}

/** 2. At most one Azure operation in flight per plan (a test failover waiting for cleanup counts). */
export function oneAzureOperationPerPlan(jobs: SimJob[]): string[] {
  const byPlan = new Map<string, SimJob[]>();
  for (const job of jobs) {
    const plan = planOf(job);
    if (!plan || finalJobStates.has(job.state)) continue;
    byPlan.set(plan, [...(byPlan.get(plan) ?? []), job]);
  }
  return [...byPlan]
    .filter(([, inFlight]) => inFlight.length > 1)
    .map(
      ([plan, inFlight]) =>
        `plan ${plan}: ${inFlight.length} Azure jobs in flight: ${inFlight
          .map((j) => `${j.scenarioName} ${j.name} (${j.state}/${j.stateDescription})`)
          .join('; ')}`,
    );
}

/** 4. No test failover into a network that fails the isolation rule. */
export function drillsOnlyInIsolatedNetworks(jobs: SimJob[]): string[] {
  return jobs
    .filter((job) => job.work?.scenario === 'TestFailover')
    .filter((job) => (job.work?.networkId ?? '').toLowerCase() !== isolatedTestNetworkId)
    .map(
      (job) =>
        `test failover ${job.name} of ${planOf(job)} ran into ${job.work?.networkId ?? '(no network)'}, not an isolated network`,
    );
}

/**
 * "Equal to the second": the whole seconds between Azure's two task times as a report prints them
 * (both cut to the second), so the figure is exactly the difference of the two times beside it.
 */
const secondsBetween = (fromMs: number, toMs: number) => Math.floor(toMs / 1000) - Math.floor(fromMs / 1000);

function sameSecond(reported: unknown, exact: number): boolean {
  return typeof reported === 'number' && reported >= 0 && reported === exact;
}

function sameInstant(reported: unknown, exactMs: number): boolean {
  return (
    typeof reported === 'string' && Math.floor(Date.parse(reported) / 1000) === Math.floor(exactMs / 1000)
  );
}

/** What the report's figures must be, from the test failover's tasks (undefined: not reached). */
function expectedFigures(job: SimJob): {
  startMs: number;
  vmsRunningMs?: number;
  serviceRestoredMs?: number;
} {
  const groups = job.tasks.filter((t) => t.step.kind === 'group');
  const allUp = groups.length > 0 && groups.every((t) => t.endMs !== undefined && t.state === 'Succeeded');
  const manual = job.tasks.filter((t) => t.step.kind === 'action' && t.step.manual);
  const ended = job.tasks.every((t) => t.endMs !== undefined && t.state === 'Succeeded');
  // The whole plan run (manual steps confirmed): the task that ended last.
  const restored =
    manual.length > 0 || job.tasks.length > 0 ? Math.max(...job.tasks.map((t) => t.endMs ?? 0)) : undefined;
  return {
    startMs: job.startMs,
    ...(allUp ? { vmsRunningMs: Math.max(...groups.map((t) => t.endMs ?? 0)) } : {}),
    ...(ended && restored !== undefined ? { serviceRestoredMs: restored } : {}),
  };
}

/**
 * 3. Each report is bound to the test failover its own drill job started (and is its only report),
 * and its RTO figures, when present, are never negative and equal Azure's task times to the
 * second; a drill whose VMs all ran must have them.
 */
export function reportsAreTrue(
  reports: StoredReport[],
  jobs: SimJob[],
  reportOfTestFailover: Map<string, string>,
): string[] {
  const violations: string[] = [];
  for (const report of reports) {
    const body = report.body;
    const own = report.drillJobsTestFailover;
    const named = typeof body.siteRecoveryJob === 'string' ? body.siteRecoveryJob : undefined;
    const where = `report ${report.id} (drill job ${report.drillJobId ?? 'none'}, Site Recovery job ${named ?? 'none'})`;
    if (!own || named !== own) {
      violations.push(`${where}: not bound to its drill job's own test failover (${own ?? 'none'})`);
      continue;
    }
    const earlier = reportOfTestFailover.get(own);
    if (earlier && earlier !== report.id)
      violations.push(`${where}: test failover ${own} already has report ${earlier}`);
    reportOfTestFailover.set(own, earlier ?? report.id);
    const job = jobs.find((j) => j.name === own);
    if (!job) {
      violations.push(`${where}: the simulator has no job ${own}`);
      continue;
    }
    violations.push(...figureViolations(where, body, job));
  }
  return violations;
}

function figureViolations(where: string, body: Record<string, unknown>, job: SimJob): string[] {
  const violations: string[] = [];
  const expected = expectedFigures(job);
  const figures: [string, string, number | undefined][] = [
    ['vmsRunningSeconds', 'vmsRunningAt', expected.vmsRunningMs],
    ['serviceRestoredSeconds', 'serviceRestoredAt', expected.serviceRestoredMs],
  ];
  if (body.startedAt !== undefined && !sameInstant(body.startedAt, expected.startMs))
    violations.push(
      `${where}: startedAt ${String(body.startedAt)}, Azure's job started ${new Date(expected.startMs).toISOString()}`,
    );
  for (const [seconds, at, endMs] of figures) {
    const reported = body[seconds];
    if (endMs === undefined) {
      if (reported !== undefined)
        violations.push(`${where}: ${seconds} ${String(reported)} although Azure's job never got there`);
      continue;
    }
    const exact = secondsBetween(expected.startMs, endMs);
    if (reported === undefined)
      violations.push(`${where}: no ${seconds} although Azure's tasks give ${exact} s`);
    else if (!sameSecond(reported, exact))
      violations.push(`${where}: ${seconds} ${String(reported)}, Azure's tasks give ${exact} s`);
    if (body[at] !== undefined && !sameInstant(body[at], endMs))
      violations.push(
        `${where}: ${at} ${String(body[at])}, Azure's task ended ${new Date(endMs).toISOString()}`,
      );
  }
  return violations;
}

/**
 * 5. (settled) No button whose action is no longer possible: Approve/Reject/Cancel/"Show my options" only on
 * requests still `requested`; Done only while that app's ASR job waits at that manual step.
 */
export function buttonsStillPossible(
  buttons: OfferedButton[],
  approvalStates: Map<string, string>,
  jobs: SimJob[],
): string[] {
  const violations: string[] = [];
  for (const button of buttons) {
    // Approve, Reject, Cancel, and Teams' "Show my options" (which fetches one's own Approve and
    // Reject): all only while the request is open; a card still offering them did not keep up.
    if (button.verb.startsWith('approval.')) {
      const id = button.data.approvalId ?? '';
      const state = approvalStates.get(id);
      if (state !== 'requested')
        violations.push(
          `message ${button.messageId} ("${button.card.split('\n')[0]}") offers ${button.verb} on ${id}, which is ${state}`,
        );
      continue;
    }
    const done = /^dr done (\S+)/.exec(button.verb === 'run' ? (button.data.command ?? '') : '');
    if (!done) continue;
    const app = (done[1] ?? '').toLowerCase();
    const waiting = jobs.some((job) => {
      if (planOf(job) !== app || job.stateDescription !== 'WaitingForManualAction') return false;
      const step = job.tasks[job.nextTask ?? -1];
      return step?.step.kind === 'action' && button.card.includes(step.friendlyName);
    });
    if (!waiting)
      violations.push(
        `message ${button.messageId} ("${button.card.split('\n')[0]}") offers Done for ${app}, whose plan waits at no such manual step`,
      );
  }
  return violations;
}
