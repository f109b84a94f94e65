import type { AlertKind } from '../../src/alerts/alert-kinds.js';
import { DEFAULT_WATCH_SETTINGS } from '../../src/alerts/alert-kinds.js';
import type { Finding, WatchResult } from '../../src/alerts/finding.js';
import type { WatchSnapshot } from '../../src/alerts/read-watch-snapshot.js';
import { renderAlertView, renderResolvedReply } from '../../src/alerts/render-alert-view.js';
import { watchBackupJobs, watchMissedBackups } from '../../src/alerts/watch-backups.js';
import { watchDrillAge, watchRpo } from '../../src/alerts/watch-site-recovery.js';
import type { View } from '../../src/chat/view.js';
import { renderScheduleNotice } from '../../src/schedules/fire-schedules.js';
import type { AlertRecord, ScheduleRecord } from '../../src/store/alert-store-port.js';

/**
 * The alert cards (open, repeated, resolved, the reply in its thread) and the scheduled-drill
 * notices, drawn by the watchers and renderers themselves from a fixed snapshot of Azure.
 */
const subscription = '00000000-0000-0000-0000-000000000001';
const now = new Date('2026-12-04T06:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const vault = {
  id: `/subscriptions/${subscription}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`,
  subscriptionId: subscription,
  resourceGroup: 'rg-bcdr-weu',
  name: 'rsv-prod-weu',
};
const vmId = (rg: string, name: string) =>
  `/subscriptions/${subscription}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const guestAgentError = {
  code: 'UserErrorGuestAgentStatusUnavailable',
  message: 'VM Agent unable to communicate with Azure Backup.',
  recommendations: ['Ensure the VM is running and the VM Agent is installed and up to date.'],
};
const failedJob = (id: string, h: number) => ({
  id,
  vault,
  operation: 'Backup',
  status: 'Failed',
  entity: 'vm-web-01',
  startTime: hoursAgo(h),
  endTime: hoursAgo(h - 0.2),
  tasks: [],
  errors: [guestAgentError],
});
const snapshot: WatchSnapshot = {
  now,
  backupJobs: [
    failedJob('5b1c0000-0000-0000-0000-000000000003', 2),
    failedJob('5b1c0000-0000-0000-0000-000000000002', 26),
  ],
  protectedVms: [
    {
      vault,
      containerName: 'iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;vm-api-01',
      itemName: 'vm;iaasvmcontainerv2;rg-shop-prod;vm-api-01',
      vmId: vmId('rg-shop-prod', 'vm-api-01'),
      vmName: 'vm-api-01',
      protectionState: 'Protected',
      lastBackupStatus: 'Completed',
      lastBackupTime: hoursAgo(30),
      lastRecoveryPoint: hoursAgo(30),
      policyName: 'DailyPolicy',
    },
  ],
  replicatedVms: [
    {
      vault: { ...vault, resourceGroup: 'rg-bcdr-neu', name: 'rsv-dr-neu' },
      id: 'item-sql',
      vmName: 'vm-sql-01',
      vmId: vmId('rg-shop-prod', 'vm-sql-01'),
      protectionState: 'Protected',
      replicationHealth: 'Warning',
      healthErrors: [],
      activeLocation: 'Primary',
      testFailoverState: 'None',
      allowedOperations: [],
      rpoSeconds: 42 * 60 + 17,
    },
  ],
  plans: [
    {
      vault,
      name: 'shop',
      allowedOperations: ['TestFailover'],
      lastTestFailoverTime: hoursAgo(24 * 41),
      groups: [{ type: 'Boot', itemIds: ['item-sql'], startActions: [], endActions: [] }],
    },
  ],
  drillReports: [],
  failures: [],
};

function findingOf(result: WatchResult | undefined, kind: AlertKind): Finding {
  const finding = result?.findings.find((f) => f.kind === kind);
  if (!finding) throw new Error(`the sample snapshot gives no ${kind} finding`);
  return finding;
}

function alertOf(finding: Finding, overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 'al-1f2e3d4c',
    incidentKey: finding.key,
    kind: finding.kind,
    state: 'open',
    finding,
    occurrences: 1,
    seen: [],
    firstSeenAt: hoursAgo(26),
    lastSeenAt: now,
    deliveries: [],
    version: 3,
    ...overrides,
  };
}

const failed = findingOf(watchBackupJobs(snapshot), 'backup-failed');
const resolvedFailure = alertOf(failed, { occurrences: 3, state: 'resolved', resolvedAt: hoursAgo(-1) });
const schedule: ScheduleRecord = {
  id: 'sc-1a2b3c',
  kind: 'drill',
  app: 'shop',
  rule: { frequency: 'monthly', ordinal: 1, weekday: 1, hour: 9, minute: 0, timeZone: 'Europe/Amsterdam' },
  ruleText: 'monthly on the first Monday at 09:00 Europe/Amsterdam',
  conversation: { platform: 'teams', conversationId: '19:ops@thread.tacv2', reference: {} },
  createdBy: { platform: 'teams', id: '29:alice', displayName: 'alice' },
  createdAt: hoursAgo(24 * 30),
  nextRunAt: new Date('2026-12-07T08:00:00Z'),
  state: 'active',
  version: 1,
};

export const ALERT_SAMPLE_VIEWS: Record<string, View> = {
  'alert-backup-failed': renderAlertView(alertOf(failed, { occurrences: 3 })),
  'alert-backup-missed': renderAlertView(
    alertOf(findingOf(watchMissedBackups(snapshot, DEFAULT_WATCH_SETTINGS), 'backup-missed')),
  ),
  'alert-rpo': renderAlertView(alertOf(findingOf(watchRpo(snapshot, DEFAULT_WATCH_SETTINGS), 'rpo'))),
  'alert-drill-overdue': renderAlertView(
    alertOf(findingOf(watchDrillAge(snapshot, DEFAULT_WATCH_SETTINGS), 'drill-overdue')),
  ),
  'alert-resolved': renderAlertView(resolvedFailure),
  'alert-resolved-reply': renderResolvedReply(resolvedFailure),
  'schedule-fired': renderScheduleNotice(schedule, 20_000, new Date('2027-01-04T08:00:00Z')),
  'schedule-fired-late': renderScheduleNotice(
    schedule,
    2 * 3_600_000 + 600_000,
    new Date('2027-01-04T08:00:00Z'),
  ),
  'schedule-fired-refused': renderScheduleNotice(
    schedule,
    20_000,
    new Date('2027-01-04T08:00:00Z'),
    'operator',
  ),
};
