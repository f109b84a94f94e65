import { listAlerts, muteAlerts, subscribeAlerts, unsubscribeAlerts } from './alert-subscriptions.js';
import { cancelJob } from './cancel-job.js';
import { closeFileRestore } from './close-file-restore.js';
import { createDisksFromSnapshot, resumeDisksFromSnapshot } from './create-disks-from-snapshot.js';
import { deleteSnapshot } from './delete-snapshot.js';
import { resumeDeletion } from './delete-snapshots.js';
import { cleanupDrill, resumeCleanup } from './dr-cleanup.js';
import { confirmManualStep } from './dr-done.js';
import { drillOperation, resumeDrill } from './dr-drill.js';
import { failbackOperation, failoverOperation, planStepOperation, resumeSequence } from './dr-failover.js';
import { listDrillReports, showDrillReport } from './dr-reports.js';
import { deleteSchedule, listSchedules, scheduleDrill } from './drill-schedules.js';
import { enableBackup } from './enable-backup.js';
import { listApprovals } from './list-approvals.js';
import { listJobs } from './list-jobs.js';
import { listRecoveryPoints } from './list-recovery-points.js';
import { listVmSnapshots } from './list-vm-snapshots.js';
import { listVms } from './list-vms.js';
import type { Operation, PlannedOperation, ResumeOperation } from './operation.js';
import { pruneVmSnapshots } from './prune-vm-snapshots.js';
import { restoreFiles, resumeFileRestore } from './restore-files.js';
import { restoreOperation, resumeRestore } from './run-restore.js';
import { showAudit } from './show-audit.js';
import { showDrStatus } from './show-dr-status.js';
import { showHelp } from './show-help.js';
import { showJob } from './show-job.js';
import { showVmStatus } from './show-vm-status.js';
import { showWhoami } from './show-whoami.js';
import { resumeBackup, takeBackup } from './take-backup.js';
import { resumeVmSnapshot, takeVmSnapshot } from './take-vm-snapshot.js';

/** Command id (from the catalog) -> operation. A test checks every available command has one. */
export function createOperationRegistry(): ReadonlyMap<string, Operation | PlannedOperation> {
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
    ['job.show', showJob],
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
