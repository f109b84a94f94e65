/**
 * What the watchers look for. Each kind is something that breaks quietly; a channel subscribes to
 * kinds (`alerts subscribe backup-failed shop`) or to `all`.
 */
export const ALERT_KINDS = [
  'backup-failed',
  'backup-missed',
  'unprotected',
  'replication',
  'rpo',
  'drill-overdue',
  'drill-cleanup',
  'file-restore',
] as const;

export type AlertKind = (typeof ALERT_KINDS)[number];

/** One line each, for help, `alerts list` and the README. */
export const ALERT_KIND_SUMMARIES: Record<AlertKind, string> = {
  'backup-failed': 'a backup job failed or completed with warnings',
  'backup-missed': 'a protected VM has no new recovery point for longer than its policy allows',
  unprotected: 'a VM has no backup at all (new VMs included)',
  replication: 'Site Recovery replication health is not Normal',
  rpo: "an app's replication RPO is over its target",
  'drill-overdue': 'an app has had no successful drill for too long',
  'drill-cleanup': "a drill's test VMs are still running past their cleanup time",
  'file-restore': 'a file-restore session is still open and near its end',
};

export function isAlertKind(value: string): value is AlertKind {
  return (ALERT_KINDS as readonly string[]).includes(value);
}

/** The thresholds the watchers apply (configuration, see README "Alerts and schedules"). */
export interface WatchSettings {
  /** A protected VM whose newest recovery point is older than this is "missed" (daily policy: 26 h). */
  missedBackupHours: number;
  /** The RPO target of an app, in seconds (ALERT_RPO_TARGETS, default 15 minutes). */
  rpoTargetSecondsOf(app: string): number;
  /** No successful drill for this many days is overdue. */
  drillMaxAgeDays: number;
  /** Drill VMs are due for cleanup this long after the drill started (DR_DRILL_CLEANUP_HOURS). */
  drillCleanupAfterMs: number;
  /** A file-restore session this close to its end is announced. */
  fileRestoreWarnMinutes: number;
  /** How far back each poll reads backup jobs. */
  backupJobLookbackHours: number;
}

export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  missedBackupHours: 26,
  rpoTargetSecondsOf: () => 15 * 60,
  drillMaxAgeDays: 30,
  drillCleanupAfterMs: 4 * 3_600_000,
  fileRestoreWarnMinutes: 60,
  backupJobLookbackHours: 36,
};
