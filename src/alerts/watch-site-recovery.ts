import type { RecoveryPlanInfo, ReplicatedVm } from '../azure/site-recovery-port.js';
import { protectionWord } from '../chat/domain-words.js';
import { formatTime } from '../operations/format-values.js';
import { formatSeconds, itemsOf } from '../operations/site-recovery/recovery-plan-lookup.js';
import type { WatchSettings } from './alert-kinds.js';
import { type Finding, judgesAll, runButton, type WatchResult } from './finding.js';
import type { WatchSnapshot } from './read-watch-snapshot.js';
import { resourceGroupOf } from './watch-backups.js';

const dayMs = 86_400_000;
/** Grace after the cleanup time, so the bot's own automatic cleanup of its drills goes first. */
const cleanupGraceMs = 15 * 60_000;

/** A group of replicated VMs an alert speaks about: an app (recovery plan), or a VM in none. */
interface ReplicationUnit {
  name: string;
  app: boolean;
  members: ReplicatedVm[];
}

function unitsOf(snapshot: WatchSnapshot): ReplicationUnit[] | undefined {
  const { plans, replicatedVms } = snapshot;
  if (!plans || !replicatedVms) return undefined;
  const inPlan = new Set<string>();
  const units: ReplicationUnit[] = plans.map((plan) => {
    const unit = planUnit(plan, snapshot);
    for (const member of unit.members) inPlan.add(member.id.toLowerCase());
    return unit;
  });
  for (const item of replicatedVms)
    if (!inPlan.has(item.id.toLowerCase())) units.push({ name: item.vmName, app: false, members: [item] });
  return units;
}

function planUnit(plan: RecoveryPlanInfo, snapshot: WatchSnapshot): ReplicationUnit {
  return {
    name: plan.name,
    app: true,
    members: itemsOf(plan, snapshot.replicatedVms ?? []).map(({ item }) => item),
  };
}

function subjectsOf(unit: ReplicationUnit): string[] {
  const names = unit.members.flatMap((m) => [m.vmName, resourceGroupOf(m.vmId) ?? '']);
  return [...new Set([unit.name, ...names].filter(Boolean).map((n) => n.toLowerCase()))];
}

function statusButton(unit: ReplicationUnit) {
  return runButton('Show status', unit.app ? `dr status ${unit.name}` : `status ${unit.name}`);
}

/** Replication health other than Normal, per app: one alert however many of its VMs it hits. */
export function watchReplicationHealth(snapshot: WatchSnapshot): WatchResult | undefined {
  const units = unitsOf(snapshot);
  if (!units) return undefined;
  const findings: Finding[] = [];
  for (const unit of units) {
    const unhealthy = unit.members.filter((m) => m.replicationHealth !== 'Normal');
    if (unhealthy.length === 0) continue;
    const worst = unhealthy.some((m) => m.replicationHealth === 'Critical') ? 'Critical' : 'Warning';
    findings.push({
      kind: 'replication',
      key: `replication:${unit.name.toLowerCase()}`,
      subjects: subjectsOf(unit),
      title: `Replication ${worst}: ${unit.name}`,
      tone: worst === 'Critical' ? 'attention' : 'warning',
      summary: unhealthy
        .map((m) => {
          const error = m.healthErrors[0];
          return `${m.vmName}: ${m.replicationHealth}${error ? `, ${error.message}` : ''}${error?.recommendation ? ` ${error.recommendation}` : ''}`;
        })
        .join(' '),
      facts: unhealthy.map((m) => ({
        label: m.vmName,
        value: `${m.replicationHealth} (${protectionWord(m.protectionState)})`,
      })),
      actions: [statusButton(unit)],
      resolution: `Replication of ${unit.name} is healthy again.`,
    });
  }
  return { kind: 'replication', findings, judges: judgesAll('replication') };
}

/** RPO over the app's target: the data a failover now would lose is more than agreed. */
export function watchRpo(snapshot: WatchSnapshot, settings: WatchSettings): WatchResult | undefined {
  const units = unitsOf(snapshot);
  if (!units) return undefined;
  const findings: Finding[] = [];
  for (const unit of units) {
    const target = settings.rpoTargetSecondsOf(unit.name);
    const late = unit.members.filter(
      (m) => m.protectionState === 'Protected' && m.rpoSeconds !== undefined && m.rpoSeconds > target,
    );
    if (late.length === 0) continue;
    // Whole minutes: the card is updated when the figure changes, not on every poll's seconds.
    const minutes = (m: ReplicatedVm) => Math.floor((m.rpoSeconds ?? 0) / 60) * 60;
    findings.push({
      kind: 'rpo',
      key: `rpo:${unit.name.toLowerCase()}`,
      subjects: subjectsOf(unit),
      title: `RPO over target: ${unit.name}`,
      tone: 'attention',
      summary: `${late.map((m) => `${m.vmName} is ${formatSeconds(minutes(m))} behind`).join('; ')} (target ${formatSeconds(target)}). A failover now would lose that much data.`,
      facts: late.map((m) => ({
        label: m.vmName,
        value: `RPO ${formatSeconds(minutes(m))}, health ${m.replicationHealth}`,
      })),
      actions: [statusButton(unit)],
      resolution: `Replication of ${unit.name} is within its RPO target again.`,
    });
  }
  return { kind: 'rpo', findings, judges: judgesAll('rpo') };
}

/** No successful drill for too long: ASR's last test failover, or the bot's last drill report. */
export function watchDrillAge(snapshot: WatchSnapshot, settings: WatchSettings): WatchResult | undefined {
  const { plans, drillReports } = snapshot;
  if (!plans || !drillReports) return undefined;
  const findings: Finding[] = [];
  for (const plan of plans) {
    const last = lastDrillOf(plan, snapshot);
    const ageMs = last ? snapshot.now.getTime() - last.getTime() : Number.POSITIVE_INFINITY;
    if (ageMs <= settings.drillMaxAgeDays * dayMs) continue;
    findings.push({
      kind: 'drill-overdue',
      key: `drill-overdue:${plan.name.toLowerCase()}`,
      subjects: subjectsOf(planUnit(plan, snapshot)),
      title: `Drill overdue: ${plan.name}`,
      tone: 'warning',
      summary: last
        ? `The last successful drill of ${plan.name} was ${Math.floor(ageMs / dayMs)} days ago (${formatTime(last)}); drills are due every ${settings.drillMaxAgeDays} days.`
        : `${plan.name} has never had a drill; drills are due every ${settings.drillMaxAgeDays} days.`,
      facts: [
        { label: 'App', value: plan.name },
        { label: 'Last drill', value: last ? formatTime(last) : 'never' },
      ],
      actions: [
        runButton('Start drill', `dr drill ${plan.name}`, 'positive'),
        runButton('Show status', `dr status ${plan.name}`),
      ],
      resolution: `${plan.name} had a drill.`,
    });
  }
  return { kind: 'drill-overdue', findings, judges: judgesAll('drill-overdue') };
}

function lastDrillOf(plan: RecoveryPlanInfo, snapshot: WatchSnapshot): Date | undefined {
  const report = (snapshot.drillReports ?? []).find(
    (r) => r.app === plan.name.toLowerCase() && r.result !== 'failed',
  );
  const times = [plan.lastTestFailoverTime, report?.createdAt].filter((t): t is Date => t !== undefined);
  return times.length > 0 ? new Date(Math.max(...times.map((t) => t.getTime()))) : undefined;
}

/** A drill's test VMs still running past the cleanup time (a drill started in the portal, a lost job). */
export function watchDrillCleanup(snapshot: WatchSnapshot, settings: WatchSettings): WatchResult | undefined {
  if (!snapshot.plans) return undefined;
  const findings: Finding[] = [];
  for (const plan of snapshot.plans) {
    const started = plan.currentScenarioStartTime;
    const pending =
      plan.currentScenario === 'TestFailover' && plan.allowedOperations.includes('TestFailoverCleanup');
    if (!pending || !started) continue;
    const due = new Date(started.getTime() + settings.drillCleanupAfterMs);
    if (snapshot.now.getTime() < due.getTime() + cleanupGraceMs) continue;
    findings.push({
      kind: 'drill-cleanup',
      key: `drill-cleanup:${plan.name.toLowerCase()}`,
      subjects: subjectsOf(planUnit(plan, snapshot)),
      title: `Drill VMs still running: ${plan.name}`,
      tone: 'attention',
      summary: `The drill of ${plan.name} started ${formatTime(started)} and was due for cleanup at ${formatTime(due)}; its test VMs are still running (and costing money).`,
      facts: [
        { label: 'App', value: plan.name },
        { label: 'Drill started', value: formatTime(started) },
        { label: 'Cleanup due', value: formatTime(due) },
      ],
      actions: [
        runButton('Clean up now', `dr cleanup ${plan.name}`, 'destructive'),
        runButton('Show status', `dr status ${plan.name}`),
      ],
      resolution: `The drill of ${plan.name} is cleaned up.`,
    });
  }
  return { kind: 'drill-cleanup', findings, judges: judgesAll('drill-cleanup') };
}
