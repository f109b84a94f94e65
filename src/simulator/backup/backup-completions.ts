import { ownValue } from '../core/own-property.js';
import type { OperationHandler, OperationHandlers } from '../core/route-types.js';
import type { OperationRecord, SimulatorState } from '../core/simulator-state.js';
import type { JobRecord } from './backup-state.js';
import { jobErrors } from './job-errors.js';
import { cancelJob, finishJob, jobTimerKind } from './job-lifecycle.js';
import { renderIlrTarget } from './render-ilr-scripts.js';

/**
 * What each Recovery Services operation does when the simulated clock passes its end, and what its
 * status shows as `properties` once Succeeded (the job id, or the file-recovery scripts).
 */
const ilrSessionMs = 12 * 3600 * 1000;

function payloadString(operation: OperationRecord, name: string): string | undefined {
  const value = operation.payload?.[name];
  return typeof value === 'string' ? value : undefined;
}

function jobOf(state: SimulatorState, operation: OperationRecord): JobRecord | undefined {
  const key = payloadString(operation, 'jobKey');
  return key ? ownValue(state.backup.jobs, key) : undefined;
}

/** The status of an operation that started a job carries the job id. */
const reportsJob: Pick<OperationHandler, 'output'> = {
  output(_state, operation) {
    const jobName = payloadString(operation, 'jobName');
    return jobName ? { objectType: 'OperationStatusJobExtendedInfo', jobId: jobName } : undefined;
  },
};

const nothing: OperationHandler['complete'] = () => undefined;

export const backupOperationHandlers: OperationHandlers = {
  [jobTimerKind]: {
    complete(state, operation) {
      const job = jobOf(state, operation);
      if (job) finishJob(state, job);
    },
  },
  'backup.trigger': { complete: nothing, ...reportsJob },
  'backup.restore': { complete: nothing, ...reportsJob },
  'backup.configure': {
    // The ConfigureBackup job ends with this operation, failed if the operation failed.
    complete(state, operation) {
      const job = jobOf(state, operation);
      if (!job) return;
      if (operation.result !== 'Succeeded') {
        job.outcome = 'Failed';
        const error = operation.error ?? { code: 'CloudInternalError', message: 'The operation failed.' };
        job.errors = [jobErrors.fromFault(error.code, error.message)];
      }
      finishJob(state, job);
    },
    ...reportsJob,
  },
  'backup.cancelJob': {
    complete(state, operation) {
      const job = jobOf(state, operation);
      if (!job) return;
      if (operation.result === 'Succeeded') cancelJob(state, job, operation.endMs);
      else if (job.status === 'Cancelling') job.status = 'InProgress';
    },
  },
  'backup.provisionIlr': {
    complete(state, operation) {
      const point = pointOf(state, operation);
      if (point && operation.result === 'Succeeded') point.ilrSessionEndMs = operation.endMs + ilrSessionMs;
    },
    output(state, operation) {
      const point = pointOf(state, operation);
      const item = point ? ownValue(state.backup.protectedItems, point.itemKey) : undefined;
      const vault = item ? ownValue(state.backup.vaults, item.vaultKey) : undefined;
      if (!point || !item) return undefined;
      return {
        objectType: 'OperationStatusProvisionILRExtendedInfo',
        recoveryTarget: renderIlrTarget(operation.id, item, point, vault?.location ?? operation.location),
      };
    },
  },
  'backup.revokeIlr': {
    complete(state, operation) {
      const point = pointOf(state, operation);
      if (point && operation.result === 'Succeeded') point.ilrSessionEndMs = operation.endMs;
    },
  },
  'backup.refreshContainers': { complete: nothing },
};

function pointOf(state: SimulatorState, operation: OperationRecord) {
  const key = payloadString(operation, 'recoveryPointKey');
  return key ? ownValue(state.backup.recoveryPoints, key) : undefined;
}
