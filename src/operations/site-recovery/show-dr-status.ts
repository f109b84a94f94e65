import type { RecoveryPlanInfo, ReplicatedVm } from '../../azure/site-recovery-port.js';
import { activeLocationWords, planOperationWords } from '../../chat/domain-words.js';
import type { View } from '../../chat/view.js';
import { formatAge } from '../format-values.js';
import type { Operation, OperationContext } from '../operation.js';
import {
  blockers,
  findPlan,
  formatSeconds,
  itemsOf,
  requireSiteRecovery,
  rpoTargetSeconds,
} from './recovery-plan-lookup.js';

/**
 * `dr status [app]`: per recovery plan ("app") and VM, replication health, RPO (and how old the
 * latest recovery point is now), active location, the last drill, and what would block a
 * failover. Two list calls per vault, whatever the number of VMs and plans.
 */
export const showDrStatus: Operation = async (context) => {
  const { azure, signal, command } = context;
  requireSiteRecovery(azure);
  const [plans, items] = await Promise.all([
    azure.siteRecovery.listRecoveryPlans({ abortSignal: signal }),
    azure.siteRecovery.listReplicatedVms({ abortSignal: signal }),
  ]);
  const app = command.args.app === undefined ? undefined : String(command.args.app);
  if (app === undefined) return overview(context, plans, items);
  return planStatus(context, findPlan(plans, app), items);
};

function overview(context: OperationContext, plans: RecoveryPlanInfo[], items: ReplicatedVm[]): View {
  const now = context.now();
  const rows = plans.map((plan) => {
    const members = itemsOf(plan, items).map((m) => m.item);
    const worst = members.reduce<ReplicatedVm | undefined>(
      (a, b) => ((b.rpoSeconds ?? 0) > (a?.rpoSeconds ?? -1) ? b : a),
      undefined,
    );
    const unhealthy = members.filter((m) => m.replicationHealth !== 'Normal').length;
    const blocked = blockers(plan, members, plan.name);
    return [
      plan.name,
      String(members.length),
      unhealthy === 0 ? 'healthy' : `${unhealthy} not healthy`,
      worst?.rpoSeconds === undefined ? 'n/a' : `${formatSeconds(worst.rpoSeconds)} (${worst.vmName})`,
      activeOf(members),
      plan.lastTestFailoverTime ? formatAge(plan.lastTestFailoverTime, now) : 'never',
      blocked.length > 0 ? 'blocked' : runsInRecovery(members) ? 'ready to fail back' : 'ready',
    ];
  });
  const blockedCount = rows.filter((row) => row[6] === 'blocked').length;
  const back = rows.filter((row) => row[6] === 'ready to fail back').length;
  const ready =
    back === 0
      ? 'every app can fail over'
      : `every app can fail over or back (${back} run${back === 1 ? 's' : ''} in the recovery region)`;
  return {
    kind: 'dr-status',
    title: 'DR status',
    tone: blockedCount > 0 ? 'warning' : 'good',
    summary: `${plans.length} app(s), ${items.length} replicated VM(s); ${blockedCount === 0 ? ready : `${blockedCount} app(s) blocked`}.`,
    tables: [{ columns: ['App', 'VMs', 'Health', 'Worst RPO', 'Active', 'Last drill', 'Failover'], rows }],
    notes: plans[0] ? [`Details of one app: \`dr status ${plans[0].name}\`.`] : [],
  };
}

function planStatus(context: OperationContext, plan: RecoveryPlanInfo, items: ReplicatedVm[]): View {
  const now = context.now();
  const members = itemsOf(plan, items);
  const blocked = blockers(
    plan,
    members.map((m) => m.item),
    plan.name,
  );
  const late = members.filter((m) => (m.item.rpoSeconds ?? 0) > rpoTargetSeconds);
  const inRecovery = runsInRecovery(members.map((m) => m.item));
  const regions = regionsOf(members.map((m) => m.item));
  const groups = plan.groups.filter((g) => g.type === 'Boot').length;
  return {
    kind: 'dr-status',
    title: `DR status of ${plan.name}`,
    tone: blocked.length > 0 ? 'attention' : late.length > 0 ? 'warning' : 'good',
    summary:
      blocked.length > 0
        ? `${members.length} VM(s); a ${inRecovery ? 'failback' : 'failover'} is blocked.`
        : inRecovery
          ? `${members.length} VM(s) in ${groups} boot group(s), running in ${activeLocationWords('Recovery', regions)} since a failover; ready to fail back to ${activeLocationWords('Primary', regions)}.`
          : `${members.length} VM(s) in ${groups} boot group(s); ready to fail over.`,
    facts: [
      { label: 'Vault', value: plan.vault.name },
      { label: 'Active location', value: activeWords(members.map((m) => m.item)) },
      {
        label: 'Last drill',
        value: plan.lastTestFailoverTime ? formatAge(plan.lastTestFailoverTime, now) : 'never',
      },
      { label: 'Allowed now', value: plan.allowedOperations.map(planOperationWords).join(', ') || 'none' },
    ],
    tables: [
      {
        columns: ['Group', 'VM', 'Health', 'RPO', 'Latest point', 'Active', 'Drill'],
        rows: members.map(({ item, group }) => [
          String(group),
          item.vmName,
          item.replicationHealth,
          item.rpoSeconds === undefined ? 'n/a' : formatSeconds(item.rpoSeconds),
          latestPointAge(item, now),
          item.activeLocation,
          item.testFailoverState === 'None' ? 'none' : item.testFailoverState,
        ]),
      },
    ],
    notes: [
      ...blocked,
      ...late.map((m) => `${m.item.vmName}: RPO over the ${formatSeconds(rpoTargetSeconds)} target.`),
      ...(blocked.length > 0
        ? []
        : inRecovery
          ? [`Bring it back with \`failback ${plan.name}\`.`]
          : [`Rehearse it: \`dr drill ${plan.name}\`.`]),
    ],
  };
}

/** The RPO Azure measured plus the time since: how old the newest recovery point is now. */
function latestPointAge(item: ReplicatedVm, now: Date): string {
  if (item.rpoSeconds === undefined || !item.lastRpoCalculatedTime) return 'n/a';
  const since = Math.max(0, (now.getTime() - item.lastRpoCalculatedTime.getTime()) / 1000);
  return `${formatSeconds(item.rpoSeconds + since)} old`;
}

/** Every VM of the app runs in the recovery region (after a failover, reprotected or not). */
function runsInRecovery(members: ReplicatedVm[]): boolean {
  return members.length > 0 && members.every((m) => m.activeLocation === 'Recovery');
}

function regionsOf(members: ReplicatedVm[]): { primary?: string; recovery?: string } {
  return { primary: members[0]?.primaryRegion, recovery: members[0]?.recoveryRegion };
}

/** "the recovery region (northeurope)", or both places while the VMs are split. */
function activeWords(members: ReplicatedVm[]): string {
  const places = [...new Set(members.map((m) => m.activeLocation))];
  if (places.length === 0) return 'n/a';
  return places.map((place) => activeLocationWords(place, regionsOf(members))).join(' and ');
}

function activeOf(members: ReplicatedVm[]): string {
  const places = [...new Set(members.map((m) => m.activeLocation))];
  return places.length === 0 ? 'n/a' : places.join(' and ');
}
