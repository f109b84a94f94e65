import { jobFailureFor } from '../core/fault-injector.js';
import type { RouteContext } from '../core/route-types.js';
import type { JobErrorRecord } from './backup-state.js';
import { jobErrors } from './job-errors.js';

/** An injected `fail-job` fault matching this request: the job to start fails at the end of `task`. */
export function injectedJobFailure(
  context: RouteContext,
): { error: JobErrorRecord; task?: string } | undefined {
  const failure = jobFailureFor(context);
  if (!failure) return undefined;
  return {
    error: jobErrors.fromFault(
      failure.code ?? 'UserErrorGuestAgentStatusUnavailable',
      failure.message ?? 'VM Agent unable to communicate with Azure Backup',
    ),
    ...(failure.task ? { task: failure.task } : {}),
  };
}

/**
 * The error of a scheduled backup a `fail-scheduled-backup` fault fails: the rule's code and message,
 * or Azure's UserErrorGuestAgentStatusUnavailable with its own wording and advice.
 */
export function faultJobError(fault: { code?: string; message?: string }): JobErrorRecord {
  if (!fault.code && !fault.message) return jobErrors.guestAgentUnavailable();
  const fallback = jobErrors.guestAgentUnavailable();
  return jobErrors.fromFault(fault.code ?? fallback.code, fault.message ?? fallback.message);
}
