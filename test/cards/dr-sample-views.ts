import { renderApprovalView } from '../../src/approvals/render-approval-view.js';
import type { RecoveryPlanInfo, ReplicatedVm, SiteRecoveryJob } from '../../src/azure/site-recovery-port.js';
import type { View } from '../../src/chat/view.js';
import {
  type DrillPlan,
  drillPlanView,
  reminderView,
  upView,
} from '../../src/operations/site-recovery/dr-drill.js';
import { type DrillReport, renderDrillReport } from '../../src/operations/site-recovery/drill-report.js';
import type { PlanSequence } from '../../src/operations/site-recovery/failover-sequence.js';
import { sequenceFailedView, sequenceResultView } from '../../src/operations/site-recovery/failover-views.js';
import { planJobProgressView } from '../../src/operations/site-recovery/run-plan-job.js';
import { manualActionView } from '../../src/operations/site-recovery/update-manual-step-cards.js';
import type { ApprovalRecord } from '../../src/store/store-port.js';

/**
 * The Site Recovery cards (drill pre-flight and approval, progress by group, the manual step, the
 * VMs-up notice and reminder, the drill report, a failover's result and failure), drawn by the
 * operations' own view functions from fixed inputs shaped like a run against the simulator.
 */
const subscription = '00000000-0000-0000-0000-000000000001';
const now = new Date('2026-12-04T06:00:00Z');
const vault = {
  id: `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`,
  subscriptionId: subscription,
  resourceGroup: 'rg-bcdr-neu',
  name: 'rsv-dr-neu',
};
const network = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Network/virtualNetworks`;
const vms: [string, number, number][] = [
  ['vm-sql-01', 1, 420],
  ['vm-api-01', 2, 300],
  ['vm-web-01', 3, 240],
  ['vm-web-02', 3, 255],
];
const members = vms.map(([name, group, rpo]) => ({
  group,
  item: {
    vault,
    id: `${vault.id}/replicationFabrics/asr-a2a-default-westeurope/replicationProtectionContainers/asr-a2a-default-westeurope-container/replicationProtectedItems/${name}`,
    vmName: name,
    vmId: `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/${name}`,
    protectionState: 'Protected',
    replicationHealth: 'Normal',
    healthErrors: [],
    activeLocation: 'Primary',
    testFailoverState: 'None',
    allowedOperations: ['PlannedFailover', 'UnplannedFailover', 'DisableProtection', 'TestFailover'],
    rpoSeconds: rpo,
    lastRpoCalculatedTime: now,
    recoveryNetworkId: `${network}/vnet-dr-neu`,
    testNetworkId: `${network}/vnet-dr-test`,
  } satisfies ReplicatedVm,
}));
const info: RecoveryPlanInfo = {
  vault,
  name: 'shop',
  allowedOperations: ['PlannedFailover', 'UnplannedFailover', 'TestFailover'],
  lastTestFailoverTime: new Date('2026-11-02T09:12:00Z'),
  groups: [],
};
const drillPlan: DrillPlan = {
  app: 'shop',
  plan: { vault, name: 'shop' },
  networkId: `${network}/vnet-dr-test`,
  networkName: 'vnet-dr-test',
  isolated: true,
  networkRegion: 'northeurope',
  networkEvidence: [
    'in northeurope, the recovery region',
    'no peerings',
    'no production VM uses it (6 protected VMs checked)',
    'not the failover network vnet-dr-neu',
  ],
  point: 'Latest',
  pointLabel: 'latest',
  vms: members.map((m) => ({ name: m.item.vmName, itemId: m.item.id, group: m.group })),
  manualSteps: ['Confirm DNS cutover'],
  cleanupAfterMs: 4 * 3_600_000,
};
const planView = drillPlanView(now, drillPlan, info, members);
const approval: ApprovalRecord = {
  id: 'apr-0d71c2aa',
  commandId: 'dr.drill',
  commandText: 'dr drill shop',
  plan: { operationPlan: drillPlan, view: planView },
  requester: { platform: 'teams', id: '29:alice', displayName: 'alice' },
  reason: 'quarterly DR exercise',
  conversation: { platform: 'teams', conversationId: '19:ops@thread.tacv2', reference: {} },
  approvalsNeeded: 1,
  decisions: [],
  state: 'requested',
  version: 1,
  createdAt: now,
  updatedAt: now,
  expiresAt: new Date(now.getTime() + 30 * 60_000),
};

const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const task = (friendlyName: string, state: string, from: number, to?: number, group = false) => ({
  name: 'Task',
  friendlyName,
  state,
  group,
  ...(state === 'NotStarted' ? {} : { startTime: at(from) }),
  ...(to === undefined ? {} : { endTime: at(to) }),
  errors: [],
});
const drillJob: SiteRecoveryJob = {
  vault,
  name: '6f0e2a4c-93b1-4f55-8d0e-1c2b3a4d5e6f',
  scenario: 'TestFailover',
  state: 'Suspended',
  stateDescription: 'WaitingForManualAction',
  allowedActions: ['Resume'],
  startTime: at(0),
  tasks: [
    task('Prerequisites check', 'Succeeded', 0, 30),
    task('Group 1: Pre-steps: Prepare SQL failover', 'Succeeded', 30, 120),
    task('Group 1: Start virtual machines (vm-sql-01)', 'Succeeded', 120, 270, true),
    task('Group 2: Start virtual machines (vm-api-01)', 'Succeeded', 270, 420, true),
    task('Group 3: Start virtual machines (vm-web-01, vm-web-02)', 'Succeeded', 420, 600, true),
    {
      ...task('Group 3: Post-steps: Confirm DNS cutover', 'Suspended', 600),
      manual: {
        instructions: 'Point shop.contoso.com at the recovered web tier and confirm the site answers.',
      },
    },
  ],
  errors: [],
};
const manualTask = drillJob.tasks[5] ?? task('', '', 0);
// Azure's times carry milliseconds; the report cuts them to the second, as the job's tasks show.
const report: DrillReport = {
  id: 'dr-20261204-shop-3f9c',
  app: 'shop',
  vault: 'rsv-dr-neu',
  result: 'succeeded',
  warnings: [],
  missing: [],
  requestedBy: 'alice',
  requestedAt: at(-95).toISOString(),
  decisions: [{ by: 'bob', decision: 'approved', at: at(-5).toISOString(), afterSeconds: 90 }],
  network: 'vnet-dr-test',
  isolated: true,
  networkRegion: 'northeurope',
  networkEvidence: [
    'in northeurope, the recovery region',
    'no protected VM uses it',
    'not the failover network vnet-dr-neu',
    'no peerings',
  ],
  pointType: 'latest (Latest)',
  timeZone: 'Europe/Amsterdam',
  triggeredAt: at(-1.2).toISOString(),
  startedAt: at(0).toISOString(),
  vmsRunningAt: at(600).toISOString(),
  vmsRunningSeconds: 600,
  serviceRestoredAt: at(905.7).toISOString(),
  serviceRestoredSeconds: 905,
  serviceRestoredStep: 'Group 3: Post-steps: Confirm DNS cutover',
  points: vms.map(([vm, , rpo]) => ({
    vm,
    time: at(-rpo).toISOString(),
    type: 'Latest (all data received)',
    consistency: 'crash-consistent, with all data Azure had received',
    rpoSeconds: rpo,
  })),
  steps: drillJob.tasks.map((t) => ({
    name: t.friendlyName,
    state: t.state === 'Suspended' ? 'Succeeded' : t.state,
    ...(t.startTime ? { start: t.startTime.toISOString() } : {}),
    ...(t.endTime
      ? {
          end: t.endTime.toISOString(),
          seconds: (t.endTime.getTime() - (t.startTime?.getTime() ?? 0)) / 1000,
        }
      : {}),
  })),
  manualActions: [
    {
      name: 'Group 3: Post-steps: Confirm DNS cutover',
      doneBy: 'done by bob via chat',
      doneAt: at(905.7).toISOString(),
    },
  ],
  notes: 'web and api answered on the test network',
  cleanedUpBy: 'alice',
  cleanedUpAt: at(2400).toISOString(),
  leftBehind: [],
  drillJobId: 'job-4be1a3c9',
  siteRecoveryJob: drillJob.name,
};
/** A drill started in the portal and cleaned up from chat: Azure's figures, nothing of a request. */
const outsideReport: DrillReport = {
  ...report,
  id: 'dr-20261204-shop-77aa',
  result: 'warnings',
  missing: [
    'RTO "service restored": the manual step "Group 3: Post-steps: Confirm DNS cutover" was never confirmed (Suspended).',
    'Recovery point and RPO per VM: the drill was started outside the bot, so they were not recorded.',
    'Test network and isolation evidence: the drill was started outside the bot.',
  ],
  warnings: ['Manual step "Group 3: Post-steps: Confirm DNS cutover" was not confirmed.'],
  requestedBy: undefined,
  requestedAt: undefined,
  startedOutsideBot: true,
  decisions: [],
  network: 'unknown',
  isolated: undefined,
  networkRegion: undefined,
  networkEvidence: undefined,
  pointType: 'unknown',
  triggeredAt: undefined,
  serviceRestoredAt: undefined,
  serviceRestoredSeconds: undefined,
  serviceRestoredStep: undefined,
  points: [],
  manualActions: [{ name: 'Group 3: Post-steps: Confirm DNS cutover' }],
  notes: undefined,
  drillJobId: undefined,
};
/** A report stored before the two RTOs: one RTO to the last group running, read as it was. */
const olderReport: DrillReport = {
  id: 'dr-20261102-shop-0b1e',
  app: 'shop',
  vault: 'rsv-dr-neu',
  result: 'succeeded',
  warnings: [],
  requestedBy: 'alice',
  requestedAt: at(-95).toISOString(),
  decisions: [{ by: 'bob', decision: 'approved', at: at(-5).toISOString(), afterSeconds: 90 }],
  network: 'vnet-dr-test',
  isolated: true,
  pointType: 'latest (Latest)',
  triggeredAt: at(0).toISOString(),
  upAt: at(600).toISOString(),
  rtoSeconds: 600,
  points: vms.map(([vm, , rpo]) => ({
    vm,
    time: at(-rpo).toISOString(),
    type: 'Latest (all data received)',
    rpoSeconds: rpo,
  })),
  steps: [],
  manualActions: [{ name: 'Group 3: Post-steps: Confirm DNS cutover', doneBy: 'done by bob via chat' }],
  cleanedUpBy: 'alice',
  cleanedUpAt: at(2400).toISOString(),
  leftBehind: [],
};
const sequence: PlanSequence = {
  app: 'shop',
  plan: { vault, name: 'shop' },
  title: 'Unplanned failover of shop',
  steps: [
    {
      kind: 'UnplannedFailover',
      direction: 'PrimaryToRecovery',
      point: 'Latest',
      label: 'Unplanned failover to the recovery region',
    },
  ],
  target: 'the recovery region',
  afterwards: 'commit-or-cancel',
};
const failoverJob: SiteRecoveryJob = {
  ...drillJob,
  scenario: 'UnplannedFailover',
  state: 'Succeeded',
  stateDescription: 'Completed',
  endTime: at(600),
  tasks: drillJob.tasks.slice(0, 5),
};
const failedJob: SiteRecoveryJob = {
  ...failoverJob,
  state: 'Failed',
  stateDescription: 'Failed',
  tasks: [
    ...drillJob.tasks.slice(0, 3),
    {
      ...task('Group 2: Start virtual machines (vm-api-01)', 'Failed', 270, 420, true),
      errors: [
        {
          code: '28031',
          message: "Failed to create the virtual machine 'vm-api-01' in the recovery region.",
          recommendedAction:
            'Raise the quota (or choose another size) and fail over the remaining VMs again.',
        },
      ],
    },
    task('Group 3: Start virtual machines (vm-web-01, vm-web-02)', 'NotStarted', 0),
  ],
};

export const DR_SAMPLE_VIEWS: Record<string, View> = {
  'dr-drill-plan': planView,
  'dr-drill-approval': renderApprovalView(approval, now),
  'dr-progress': planJobProgressView('DR drill of shop', 'shop', drillJob),
  'dr-manual-action': manualActionView('shop', manualTask, { job: drillJob.name }),
  'dr-manual-action-done': manualActionView('shop', manualTask, {
    job: drillJob.name,
    outcome: { kind: 'done', at: at(754), by: 'bob', notes: 'DNS switched, site answers' },
  }),
  'dr-manual-action-ended': manualActionView('shop', manualTask, {
    job: drillJob.name,
    outcome: { kind: 'ended', at: at(812), jobState: 'Cancelled' },
  }),
  'dr-drill-up': upView(drillPlan, at(4 * 3600 + 600)),
  'dr-drill-reminder': reminderView(drillPlan, at(4 * 3600 + 600), at(4 * 3600 - 1200)),
  'dr-report': renderDrillReport(report),
  'dr-report-markdown': renderDrillReport(report, { markdown: true }),
  'dr-report-outside-bot': renderDrillReport(outsideReport, { markdown: true }),
  'dr-report-older': renderDrillReport(olderReport),
  'dr-failover-result': sequenceResultView(sequence, [
    { step: sequence.steps[0] as PlanSequence['steps'][0], job: failoverJob },
  ]),
  'dr-failover-failed': sequenceFailedView(
    sequence,
    [{ step: sequence.steps[0] as PlanSequence['steps'][0], job: failedJob }],
    failedJob,
  ),
};
