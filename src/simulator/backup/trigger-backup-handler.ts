import { readString } from '../core/read-arm-body.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { acceptedOperation } from './backup-async.js';
import { backupErrors } from './backup-errors.js';
import { liveRecoveryPoints, requireItem } from './backup-scope.js';
import type { ProtectedItemRecord } from './backup-state.js';
import { injectedJobFailure } from './job-failure.js';
import { isRunning, startJob } from './job-lifecycle.js';
import { backupTasks } from './plan-job-tasks.js';
import { planVmBackup } from './plan-vm-backup.js';
import { readBackupProperties } from './read-backup-body.js';

/**
 * POST .../protectedItems/{item}/backup `{properties: {objectType: "IaasVMBackupRequest",
 * recoveryPointExpiryTimeInUTC?}}`: 202 with `Azure-AsyncOperation` (operationsStatus), `Location`
 * (operationResults) and `Retry-After: 60`, as Azure answers. The operation succeeds after 10
 * simulated seconds with the Backup job's id; the job takes its snapshot, transfers the data and
 * leaves a recovery point of type
 * AppConsistent (Windows) / FileSystemConsistent (Linux), CrashConsistent if the VM is not running.
 * A second trigger while a backup of the item runs: 400 UserErrorBackupOperationInProgress. A VM in
 * provisioning state Failed: the job fails with UserErrorVmNotInDesirableState.
 */
const dayMs = 86_400_000;

export function triggerBackup(context: RouteContext): ArmResult {
  const { vault, item } = requireItem(context);
  const properties = readBackupProperties(context, ['IaasVMBackupRequest']);
  const expiry = readString(properties.recoveryPointExpiryTimeInUTC, 'recoveryPointExpiryTimeInUTC');
  const expiryMs = readExpiry(context, expiry);
  const itemKey = resourceKey(item.id);
  const running = Object.values(context.state.backup.jobs).some(
    (job) => job.itemKey === itemKey && job.operation === 'Backup' && isRunning(job),
  );
  if (running) throw backupErrors.backupInProgress();
  const plan = planBackup(context, item);
  const operation = context.startOperation({
    namespace: 'Microsoft.RecoveryServices',
    kind: 'backup.trigger',
    subscriptionId: vault.subscriptionId,
    location: vault.location,
    resourceId: item.id,
    durationSeconds: 10,
  });
  if (operation.result === 'Succeeded') {
    const job = startJob(context, {
      vault,
      item,
      operation: 'Backup',
      plan: backupTasks(plan.vm, plan.transferBytes),
      ...(plan.failure ? { failure: plan.failure } : {}),
      work: {
        kind: 'backup',
        recoveryPointType: plan.type,
        expiryMs,
        vm: plan.vm,
        transferBytes: plan.transferBytes,
      },
      propertyBag: { 'VM Name': item.vmName },
    });
    operation.payload = { jobKey: resourceKey(job.id), jobName: job.name };
  }
  return acceptedOperation(context, operation, {
    statusPath: `${item.id}/operationsStatus/${operation.id}`,
    resultPath: `${item.id}/operationResults/${operation.id}`,
    // Azure's own hint (the spec's TriggerBackup_Post example): no SDK polls this POST by itself,
    // so the operation keeps the simulator's pace whatever the hint says.
    retryAfter: '60',
  });
}

/** What the backup will capture and move, its recovery point type, and whether it is bound to fail. */
function planBackup(context: RouteContext, item: ProtectedItemRecord) {
  const latest = liveRecoveryPoints(context.state, item, context.nowMs)[0];
  const plan = planVmBackup(context.state, item, context.nowMs, latest);
  return { ...plan, failure: plan.failure ? { error: plan.failure } : injectedJobFailure(context) };
}

/** recoveryPointExpiryTimeInUTC: in the future; default 30 days (Azure's default for on-demand backups). */
function readExpiry(context: RouteContext, value: string | undefined): number {
  if (value === undefined || value === '') return context.nowMs + 30 * dayMs;
  const expiryMs = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(expiryMs) || expiryMs <= context.nowMs) {
    throw backupErrors.invalidInput(
      `recoveryPointExpiryTimeInUTC '${value}' must be a UTC time in the future.`,
    );
  }
  return expiryMs;
}
