import { pollHeaders } from '../core/long-running-operations.js';
import { paginateList } from '../core/paginate-list.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import {
  acceptedOperation,
  operationResult,
  renderOperationStatus,
  requireBackupOperation,
} from './backup-async.js';
import { backupOperationHandlers } from './backup-completions.js';
import { backupErrors } from './backup-errors.js';
import { requireJob, requireVault } from './backup-scope.js';
import type { JobRecord } from './backup-state.js';
import { readFilterTime, readODataFilter } from './read-odata-filter.js';
import { renderJob } from './render-backup-job.js';

/**
 * backupJobs list (newest first; `$filter` on status, operation, backupManagementType, jobId and
 * the start time window startTime/endTime), jobDetails get, jobCancellations trigger (POST
 * backupJobs/{job}/cancel: 202 with `Location` to the job's operationResults; the job is Cancelling,
 * then Cancelled after 30 simulated seconds), and backupOperationStatuses.
 */
export function listJobs(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const filter = readODataFilter(context.url.searchParams.get('$filter'), [
    'status',
    'operation',
    'backupManagementType',
    'jobId',
    'startTime',
    'endTime',
  ]);
  const from = filter.has('startTime')
    ? readFilterTime('startTime', filter.get('startTime') ?? '')
    : -Infinity;
  const to = filter.has('endTime') ? readFilterTime('endTime', filter.get('endTime') ?? '') : Infinity;
  const same = (name: string, actual: string) => {
    const wanted = filter.get(name);
    return wanted === undefined || wanted.toLowerCase() === actual.toLowerCase();
  };
  const jobs = Object.values(context.state.backup.jobs)
    .filter((job) => job.vaultKey === resourceKey(vault.id))
    .filter(
      (job: JobRecord) =>
        same('status', job.status) &&
        same('operation', job.operation) &&
        same('backupManagementType', 'AzureIaasVM') &&
        same('jobId', job.name) &&
        job.startMs >= from &&
        job.startMs <= to,
    )
    .sort((a, b) => b.startMs - a.startMs || a.name.localeCompare(b.name));
  return paginateList(context, jobs, (job) => renderJob(job, context.nowMs));
}

export function getJob(context: RouteContext): ArmResult {
  return { status: 200, body: renderJob(requireJob(context, requireVault(context)), context.nowMs) };
}

export function cancelJob(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const job = requireJob(context, vault);
  if (job.status !== 'InProgress' || job.operation === 'ConfigureBackup') {
    throw backupErrors.jobNotCancellable(job.name, job.status);
  }
  job.status = 'Cancelling';
  const operation = context.startOperation({
    namespace: 'Microsoft.RecoveryServices',
    kind: 'backup.cancelJob',
    subscriptionId: vault.subscriptionId,
    location: vault.location,
    resourceId: job.id,
    durationSeconds: 30,
    payload: { jobKey: resourceKey(job.id) },
  });
  return acceptedOperation(context, operation, { resultPath: `${job.id}/operationResults/${operation.id}` });
}

export function getJobOperationResult(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  requireJob(context, vault);
  return operationResult(context, requireBackupOperation(context, vault));
}

/** GET .../backupOperations/{operationId}: the status of any operation of the vault. */
export function getVaultOperationStatus(context: RouteContext): ArmResult {
  const operation = requireBackupOperation(context, requireVault(context));
  return {
    status: 200,
    body: renderOperationStatus(context.state, operation, backupOperationHandlers),
    ...(operation.settled ? {} : { headers: pollHeaders(context, operation) }),
  };
}
