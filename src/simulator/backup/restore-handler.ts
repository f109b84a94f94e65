import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { acceptedOperation } from './backup-async.js';
import { backupErrors } from './backup-errors.js';
import { findRecoveryPoint, requireItem } from './backup-scope.js';
import type { RestoreWork } from './backup-state.js';
import { injectedJobFailure } from './job-failure.js';
import { startJob } from './job-lifecycle.js';
import { restoreTasks } from './plan-job-tasks.js';
import { assertSameRecoveryPoint, readBackupProperties } from './read-backup-body.js';
import { assertReplaceable, readRestoreWork } from './read-restore-request.js';

/**
 * POST .../recoveryPoints/{rp}/restore (restores.beginTrigger, an LRO in the SDK): 202 with
 * `Azure-AsyncOperation` and `Location`; the operation succeeds after 10 simulated seconds with the
 * Restore job's id, and the job creates the Compute resources when it completes (apply-restore.ts).
 * A recovery point that does not exist (or expired): 400 UserErrorInstantRpNotFound.
 */
export function triggerRestore(context: RouteContext): ArmResult {
  const { vault, item } = requireItem(context);
  const pointName = context.params.recoveryPointId ?? '';
  const point = findRecoveryPoint(context.state, item, pointName, context.nowMs);
  if (!point) throw backupErrors.instantRpNotFound();
  const properties = readBackupProperties(context, [
    'IaasVMRestoreRequest',
    'IaasVMRestoreWithRehydrationRequest',
  ]);
  assertSameRecoveryPoint(properties, pointName);
  const work = readRestoreWork(context, { vault, item, point, properties });
  const vm =
    work.recoveryType === 'OriginalLocation'
      ? assertReplaceable(context, ownValue(context.state.compute.virtualMachines, resourceKey(item.vmId)))
      : undefined;
  const failure = injectedJobFailure(context);
  const operation = context.startOperation({
    namespace: 'Microsoft.RecoveryServices',
    kind: 'backup.restore',
    subscriptionId: vault.subscriptionId,
    location: vault.location,
    resourceId: item.id,
    durationSeconds: 10,
  });
  if (operation.result === 'Succeeded') {
    const job = startJob(context, {
      vault,
      item,
      operation: 'Restore',
      plan: restoreTasks(point.vm, point.instantExpiryMs > context.nowMs),
      ...(failure ? { failure } : {}),
      work,
      propertyBag: restorePropertyBag(item.vmName, point.timeMs, work),
    });
    operation.payload = { jobKey: resourceKey(job.id), jobName: job.name };
    // The VM stays busy until the job ends: Compute refuses to start it meanwhile.
    if (vm) vm.pendingOperationId = job.timerOperationId;
  }
  return acceptedOperation(context, operation, {
    statusPath: `${item.id}/operationsStatus/${operation.id}`,
    resultPath: `${item.id}/operationResults/${operation.id}`,
  });
}

function restorePropertyBag(vmName: string, pointMs: number, work: RestoreWork): Record<string, string> {
  const last = (id: string | undefined) => id?.split('/').pop() ?? '';
  return {
    'VM Name': vmName,
    'Recovery point time': new Date(pointMs).toISOString(),
    'Restore type': work.recoveryType,
    'Target resource group': work.targetResourceGroup,
    ...(work.targetVmName ? { 'Target VM Name': work.targetVmName } : {}),
    ...(work.virtualNetworkId ? { 'Target VNet': last(work.virtualNetworkId) } : {}),
    ...(work.subnetId ? { 'Target Subnet': last(work.subnetId) } : {}),
  };
}
