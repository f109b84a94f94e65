import { ArmError } from '../core/arm-error.js';
import { retryAfterSeconds } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import type { ArmResult, OperationHandlers, RouteContext } from '../core/route-types.js';
import type { OperationRecord, SimulatorState } from '../core/simulator-state.js';
import { backupErrors } from './backup-errors.js';
import type { VaultRecord } from './backup-state.js';

/**
 * Azure Backup's asynchronous answers. A POST or PUT answers 202 with absolute URLs (built from the
 * incoming origin, so they stay valid for the client across restarts): `Azure-AsyncOperation` to an
 * operation status (`.../operationsStatus/{id}`: InProgress, then Succeeded with `properties`, or
 * Failed with `error`) and `Location` to an operation result (`.../operationResults/{id}`: 202 while
 * running, then 200 with the resource or 204). `Retry-After` says when the operation will be done
 * (whole real seconds, at least 1), as the core does for Compute, unless the caller gives Azure's own.
 */
export function acceptedOperation(
  context: RouteContext,
  operation: OperationRecord,
  urls: { statusPath?: string; resultPath: string; retryAfter?: string },
): ArmResult {
  const version = `api-version=${encodeURIComponent(context.apiVersion)}`;
  return {
    status: 202,
    headers: {
      ...(urls.statusPath
        ? { 'azure-asyncoperation': `${context.origin}${urls.statusPath}?${version}` }
        : {}),
      location: `${context.origin}${urls.resultPath}?${version}`,
      'retry-after': urls.retryAfter ?? retryAfterSeconds(operation, context.nowMs),
    },
  };
}

/** A Recovery Services operation of this vault named by the request's `operationId`. */
export function requireBackupOperation(context: RouteContext, vault: VaultRecord): OperationRecord {
  const operation = ownValue(context.state.operations, context.params.operationId ?? '');
  if (
    operation?.namespace !== 'Microsoft.RecoveryServices' ||
    !operation.resourceId.toLowerCase().startsWith(`${vault.id.toLowerCase()}/`)
  ) {
    throw backupErrors.operationNotFound();
  }
  return operation;
}

/** The operation status body (REST spec's ProtectedItemOperationStatuses_Get example). */
export function renderOperationStatus(
  state: SimulatorState,
  operation: OperationRecord,
  handlers: OperationHandlers,
): unknown {
  const base = { id: operation.id, name: operation.id };
  const startTime = new Date(operation.startMs).toISOString();
  if (!operation.settled) return { ...base, status: 'InProgress', startTime };
  const endTime = new Date(operation.endMs).toISOString();
  if (operation.result !== 'Succeeded') {
    const error = operation.error ?? {
      code: operation.result,
      message: `The operation was ${operation.result}.`,
    };
    return { ...base, status: operation.result, startTime, endTime, error };
  }
  const properties = ownValue(handlers, operation.kind)?.output?.(state, operation);
  return { ...base, status: 'Succeeded', startTime, endTime, ...(properties ? { properties } : {}) };
}

/** `Location` semantics: 202 while running, then the outcome (`result` decides 200 or 204). */
export function operationResult(
  context: RouteContext,
  operation: OperationRecord,
  result: () => ArmResult = () => ({ status: 204 }),
): ArmResult {
  if (!operation.settled) {
    return {
      status: 202,
      headers: {
        location: `${context.origin}${context.url.pathname}${context.url.search}`,
        'retry-after': retryAfterSeconds(operation, context.nowMs),
      },
    };
  }
  if (operation.result !== 'Succeeded') {
    const error = operation.error ?? {
      code: operation.result,
      message: `The operation was ${operation.result}.`,
    };
    throw new ArmError(500, error.code, error.message);
  }
  return result();
}
