import { listAlerts, muteAlerts, subscribeAlerts, unsubscribeAlerts } from '../alerts/alert-subscriptions.js';
import { closeFileRestore } from './backup/close-file-restore.js';
import { enableBackup } from './backup/enable-backup.js';
import { listRecoveryPoints } from './backup/list-recovery-points.js';
import { restoreFiles, resumeFileRestore } from './backup/restore-files.js';
import { restoreOperation, resumeRestore } from './backup/run-restore.js';
import { resumeBackup, takeBackup } from './backup/take-backup.js';
import { cancelJob } from './bot/cancel-job.js';
import { listApprovals } from './bot/list-approvals.js';
import { listJobs } from './bot/list-jobs.js';
import { showAudit } from './bot/show-audit.js';
import { showHelp } from './bot/show-help.js';
import { showJobWith } from './bot/show-job.js';
import { showWhoami } from './bot/show-whoami.js';
import type { Operation, PlannedOperation, ResumeOperation } from './operation.js';
import { cleanupDrill, resumeCleanup } from './site-recovery/dr-cleanup.js';
import { confirmManualStep } from './site-recovery/dr-done.js';
import { drillOperation, resumeDrill } from './site-recovery/dr-drill.js';
import { failbackOperation, failoverOperation, planStepOperation } from './site-recovery/dr-failover.js';
import { listDrillReports, showDrillReport } from './site-recovery/dr-reports.js';
import { deleteSchedule, listSchedules, scheduleDrill } from './site-recovery/drill-schedules.js';
import { resumeSequence } from './site-recovery/failover-sequence.js';
import { showDrStatus } from './site-recovery/show-dr-status.js';
import { createDisksFromSnapshot, resumeDisksFromSnapshot } from './snapshots/create-disks-from-snapshot.js';
import { deleteSnapshot } from './snapshots/delete-snapshot.js';
import { resumeDeletion } from './snapshots/delete-snapshots.js';
import { listVmSnapshots } from './snapshots/list-vm-snapshots.js';
import { pruneVmSnapshots } from './snapshots/prune-vm-snapshots.js';
import { resumeVmSnapshot, takeVmSnapshot } from './snapshots/take-vm-snapshot.js';
import { listVms } from './vms/list-vms.js';
import { showVmStatus } from './vms/show-vm-status.js';

/**
 * Command id (from the catalog) -> operation. A test checks every available command has one.
 * `portalUrl`: the Azure portal `job <id>` links to (the cloud's; public Azure when not given).
 */
export function createOperationRegistry(
  options: { portalUrl?: string } = {},
): ReadonlyMap<string, Operation | PlannedOperation> {
  return new Map<string, Operation | PlannedOperation>([
    ['help', showHelp],
    ['whoami', showWhoami],
    ['vms.list', listVms],
    ['vm.status', showVmStatus],
    ['snapshots.list', listVmSnapshots],
    ['snapshot.create', takeVmSnapshot],
    ['snapshot.delete', deleteSnapshot],
    ['snapshot.prune', pruneVmSnapshots],
    ['disks.from-snapshot', createDisksFromSnapshot],
    ['approvals.list', listApprovals],
    ['audit.list', showAudit],
    ['jobs.list', listJobs],
    ['job.show', showJobWith({ portalUrl: options.portalUrl ?? 'https://portal.azure.com' })],
    ['job.cancel', cancelJob],
    ['recovery-points.list', listRecoveryPoints],
    ['backup.run', takeBackup],
    ['backup.enable', enableBackup],
    ['restore.new', restoreOperation('new')],
    ['restore.disks', restoreOperation('disks')],
    ['restore.replace', restoreOperation('replace')],
    ['restore.files', restoreFiles],
    ['restore.files-done', closeFileRestore],
    ['dr.status', showDrStatus],
    ['dr.drill', drillOperation],
    ['dr.cleanup', cleanupDrill],
    ['dr.done', confirmManualStep],
    ['dr.reports', listDrillReports],
    ['dr.report', showDrillReport],
    ['dr.failover.planned', failoverOperation('planned')],
    ['dr.failover.unplanned', failoverOperation('unplanned')],
    ['dr.failover.cancel', planStepOperation('cancel')],
    ['dr.commit', planStepOperation('commit')],
    ['dr.reprotect', planStepOperation('reprotect')],
    ['dr.failback', failbackOperation],
    ['alerts.subscribe', subscribeAlerts],
    ['alerts.list', listAlerts],
    ['alerts.unsubscribe', unsubscribeAlerts],
    ['alerts.mute', muteAlerts],
    ['schedule.drill', scheduleDrill],
    ['schedules.list', listSchedules],
    ['schedule.delete', deleteSchedule],
  ]);
}

/** Command id -> how its job continues after a restart; commands not listed are reported interrupted. */
export function createResumeRegistry(): ReadonlyMap<string, ResumeOperation> {
  return new Map<string, ResumeOperation>([
    ['snapshot.create', resumeVmSnapshot],
    ['snapshot.delete', resumeDeletion],
    ['snapshot.prune', resumeDeletion],
    ['disks.from-snapshot', resumeDisksFromSnapshot],
    ['backup.run', resumeBackup],
    ['restore.new', resumeRestore],
    ['restore.disks', resumeRestore],
    ['restore.replace', resumeRestore],
    ['restore.files', resumeFileRestore],
    ['dr.drill', resumeDrill],
    ['dr.cleanup', resumeCleanup],
    ['dr.failover.planned', resumeSequence],
    ['dr.failover.unplanned', resumeSequence],
    ['dr.failover.cancel', resumeSequence],
    ['dr.commit', resumeSequence],
    ['dr.reprotect', resumeSequence],
    ['dr.failback', resumeSequence],
  ]);
}
