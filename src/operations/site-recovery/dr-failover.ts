import type { FailoverDirection, RecoveryPlanInfo, ReplicatedVm } from '../../azure/site-recovery-port.js';
import {
  activeLocationWords,
  directionWords,
  planOperationWords,
  type RegionPair,
  recoveryPointChoiceWords,
} from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { OperationContext, PlannedOperation } from '../operation.js';
import { pointTypes } from './dr-drill.js';
import { executeSequence, type PlanSequence, type StepKind } from './failover-sequence.js';
import { blockers, findPlan, formatSeconds, itemsOf, requireSiteRecovery } from './recovery-plan-lookup.js';

/**
 * Failover, commit, cancel, reprotect and failback of a whole recovery plan: what each command
 * plans. Each is a planned operation: the pre-flight card says what will happen (and, for an
 * unplanned failover, how much data may be lost), approvals follow the policy, then the job runs
 * the steps (failover-sequence.ts) and shows the result (failover-views.ts). A failback is the
 * whole sequence (failover back, commit, reprotect), each step visible, resumed where it was after
 * a restart without repeating a step.
 */
interface Loaded {
  info: RecoveryPlanInfo;
  members: ReplicatedVm[];
}

async function load(context: OperationContext): Promise<Loaded> {
  const { azure, signal } = context;
  requireSiteRecovery(azure);
  const [plans, items] = await Promise.all([
    azure.siteRecovery.listRecoveryPlans({ abortSignal: signal }),
    azure.siteRecovery.listReplicatedVms({ abortSignal: signal }),
  ]);
  const info = findPlan(plans, String(context.command.args.app));
  return { info, members: itemsOf(info, items).map((m) => m.item) };
}

function requireAllowed(loaded: Loaded, operation: string, what: string, next?: string): void {
  const { info, members } = loaded;
  if (info.allowedOperations.includes(operation)) return;
  const found = blockers(info, members, info.name);
  throw new UserFacingError(
    `${what} of ${info.name} is not possible now: ${found[0] ?? `Azure allows ${info.allowedOperations.map(planOperationWords).join(', ') || 'nothing'} at the moment.`}`,
    { title: `${info.name}: not possible now`, nextStep: next ?? `See \`dr status ${info.name}\`.` },
  );
}

/** Where the plan's VMs are active: PrimaryToRecovery fails over away from Primary. */
function directionOf(members: ReplicatedVm[]): FailoverDirection {
  return members.every((m) => m.activeLocation === 'Recovery') ? 'RecoveryToPrimary' : 'PrimaryToRecovery';
}

/** The app's two regions, as Site Recovery names them for its VMs. */
function regionsOf(members: ReplicatedVm[]): RegionPair {
  return { primary: members[0]?.primaryRegion, recovery: members[0]?.recoveryRegion };
}

/** Where a failover in `direction` goes: "the recovery region (northeurope)". */
function regionWord(direction: FailoverDirection, regions: RegionPair): string {
  return activeLocationWords(direction === 'PrimaryToRecovery' ? 'Recovery' : 'Primary', regions);
}

/** `failover <app> [planned|unplanned] [point ...]`. */
export function failoverOperation(kind: 'planned' | 'unplanned'): PlannedOperation<PlanSequence> {
  return {
    async plan(context) {
      const loaded = await load(context);
      const { info, members } = loaded;
      const stepKind: StepKind = kind === 'planned' ? 'PlannedFailover' : 'UnplannedFailover';
      requireAllowed(loaded, stepKind, `A ${kind} failover`);
      const unhealthy = members.filter((m) => m.replicationHealth === 'Critical');
      if (kind === 'planned' && unhealthy.length > 0) {
        throw new UserFacingError(
          `Replication of ${unhealthy.map((m) => m.vmName).join(', ')} is Critical; a planned failover needs healthy replication.`,
          {
            title: `${info.name} is not healthy`,
            nextStep: `If the primary region is down, \`failover ${info.name} unplanned\`; otherwise fix replication first (\`dr status ${info.name}\`).`,
          },
        );
      }
      const direction = directionOf(members);
      const pointLabel = String(context.command.args.point ?? 'latest');
      const point = pointTypes[pointLabel] ?? 'Latest';
      const worst = Math.max(0, ...members.map((m) => m.rpoSeconds ?? 0));
      const sequence: PlanSequence = {
        app: info.name,
        plan: { vault: info.vault, name: info.name },
        title: `${kind === 'planned' ? 'Planned' : 'Unplanned'} failover of ${info.name}`,
        steps: [
          {
            kind: stepKind,
            direction,
            ...(kind === 'unplanned' ? { point } : {}),
            label: `${kind === 'planned' ? 'Planned' : 'Unplanned'} failover to ${regionWord(direction, regionsOf(members))}`,
          },
        ],
        target: regionWord(direction, regionsOf(members)),
        afterwards: 'commit-or-cancel',
      };
      const groups = info.groups.filter((g) => g.type === 'Boot').length;
      const manual = info.groups.flatMap((g) =>
        [...g.startActions, ...g.endActions].filter((a) => a.kind === 'manual').map((a) => a.name),
      );
      return {
        plan: sequence,
        view: {
          kind: 'dr-failover-plan',
          title: sequence.title,
          tone: kind === 'planned' ? 'warning' : 'attention',
          summary:
            kind === 'planned'
              ? `Shuts down the ${members.length} VM(s) of ${info.name}, then starts them in ${regionWord(direction, regionsOf(members))} in ${groups} boot group(s). No data is lost.`
              : `Starts the ${members.length} VM(s) of ${info.name} in ${regionWord(direction, regionsOf(members))} from replicated data, in ${groups} boot group(s), without waiting for the source region.`,
          facts: [
            {
              label: 'Direction',
              value: directionWords(direction, {
                primary: members[0]?.primaryRegion,
                recovery: members[0]?.recoveryRegion,
              }),
            },
            ...(kind === 'unplanned'
              ? [
                  { label: 'Recovery point', value: `${pointLabel}: ${recoveryPointChoiceWords(point)}` },
                  {
                    label: 'Data at risk',
                    value: `Data written after the recovery point is lost: up to ${formatSeconds(worst)} now (the worst RPO)${point === 'Latest' ? '; latest first processes all data Azure received' : ''}.`,
                  },
                ]
              : [{ label: 'Data at risk', value: 'none: the source VMs are shut down and synced first' }]),
            { label: 'Manual steps', value: manual.length === 0 ? 'none' : manual.join('; ') },
            {
              label: 'Afterwards',
              value: `commit ${info.name} (or failover cancel ${info.name}), then reprotect ${info.name}`,
            },
          ],
          tables: [
            {
              columns: ['VM', 'Health', 'RPO', 'Active now'],
              rows: members.map((m) => [
                m.vmName,
                m.replicationHealth,
                m.rpoSeconds === undefined ? 'n/a' : formatSeconds(m.rpoSeconds),
                m.activeLocation,
              ]),
            },
          ],
        },
      };
    },
    execute: executeSequence,
  };
}

const single: Record<
  'commit' | 'cancel' | 'reprotect',
  { kind: StepKind; allowed: string; what: string; title: string; summary: string; next?: string }
> = {
  commit: {
    kind: 'Commit',
    allowed: 'Commit',
    what: 'A commit',
    title: 'Commit the failover of',
    summary: 'Makes the failover final: it can no longer be cancelled. Then `reprotect` replicates back.',
    next: 'A commit follows a failover; `dr status <app>` shows the state.',
  },
  cancel: {
    kind: 'CancelFailover',
    allowed: 'CancelFailover',
    what: 'Cancelling the failover',
    title: 'Cancel the failover of',
    summary: 'Removes the VMs the failover created and runs the source VMs again, replicating as before.',
  },
  reprotect: {
    kind: 'Reprotect',
    allowed: 'ReverseReplicate',
    what: 'A reprotect',
    title: 'Reprotect',
    summary:
      'Starts replication in the other direction, so the app is protected again and a failback becomes possible.',
    next: 'Reprotect follows a committed failover: `commit <app>` first.',
  },
};

/** `commit <app>`, `failover cancel <app>`, `reprotect <app>`. */
export function planStepOperation(which: 'commit' | 'cancel' | 'reprotect'): PlannedOperation<PlanSequence> {
  const rule = single[which];
  return {
    async plan(context) {
      const loaded = await load(context);
      const { info, members } = loaded;
      requireAllowed(loaded, rule.allowed, rule.what, rule.next?.replace('<app>', info.name));
      const sequence: PlanSequence = {
        app: info.name,
        plan: { vault: info.vault, name: info.name },
        title: `${rule.title} ${info.name}`,
        steps: [{ kind: rule.kind, label: rule.title.replace(' of', '') }],
        target:
          which === 'cancel'
            ? 'the region it ran in before'
            : activeLocationWords(
                members[0]?.activeLocation === 'Recovery' ? 'Recovery' : 'Primary',
                regionsOf(members),
              ),
        afterwards:
          which === 'commit'
            ? 'reprotect'
            : which === 'reprotect'
              ? members[0]?.activeLocation === 'Recovery'
                ? 'failback'
                : 'done'
              : 'done',
      };
      return {
        plan: sequence,
        view: {
          kind: 'dr-step-plan',
          title: sequence.title,
          tone: 'warning',
          summary: rule.summary,
          facts: [
            { label: 'VMs', value: members.map((m) => m.vmName).join(', ') },
            { label: 'Active now', value: [...new Set(members.map((m) => m.activeLocation))].join(', ') },
          ],
        },
      };
    },
    execute: executeSequence,
  };
}

/** `failback <app>`: failover back to the primary region, commit, reprotect. */
export const failbackOperation: PlannedOperation<PlanSequence> = {
  async plan(context) {
    const loaded = await load(context);
    const { info, members } = loaded;
    if (!members.every((m) => m.activeLocation === 'Recovery')) {
      throw new UserFacingError(
        `${info.name} runs in its primary region already; there is nothing to fail back.`,
        {
          title: 'Nothing to fail back',
          nextStep: `\`dr status ${info.name}\` shows where each VM runs.`,
        },
      );
    }
    requireAllowed(
      loaded,
      'PlannedFailover',
      'A failback',
      info.allowedOperations.includes('ReverseReplicate')
        ? `Replicate back first: \`reprotect ${info.name}\`, then \`failback ${info.name}\`.`
        : info.allowedOperations.includes('Commit')
          ? `Commit the failover first: \`commit ${info.name}\`, then \`reprotect ${info.name}\`.`
          : undefined,
    );
    const sequence: PlanSequence = {
      app: info.name,
      plan: { vault: info.vault, name: info.name },
      title: `Failback of ${info.name}`,
      steps: [
        {
          kind: 'PlannedFailover',
          direction: 'RecoveryToPrimary',
          label: 'Planned failover back to the primary region',
        },
        { kind: 'Commit', label: 'Commit the failback' },
        { kind: 'Reprotect', label: 'Reprotect (replicate to the recovery region again)' },
      ],
      target: activeLocationWords('Primary', regionsOf(members)),
      afterwards: 'done',
    };
    return {
      plan: sequence,
      view: {
        kind: 'dr-failback-plan',
        title: sequence.title,
        tone: 'warning',
        summary: `Brings the ${members.length} VM(s) of ${info.name} back to ${activeLocationWords('Primary', regionsOf(members))} without data loss, in three steps.`,
        facts: [
          ...sequence.steps.map((s, i) => ({ label: `Step ${i + 1}`, value: s.label })),
          {
            label: 'Downtime',
            value: 'from the shutdown in the recovery region until the last group runs again',
          },
        ],
      },
    };
  },
  execute: executeSequence,
};
