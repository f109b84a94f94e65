import { isRestError, type PipelineRequest } from '@azure/core-rest-pipeline';
import { AzurePermissionError, readPermissionFailure } from './azure-permission-error.js';
import { AzureRequestError, isNeverSentCode, isUnreachableCode } from './azure-port.js';
import { errorBodyOf } from './remember-error-bodies.js';

const failedLro = /^The long-running operation has failed\.\s*([^.]+)\.\s*([\s\S]*)$/;

/**
 * Turns what the SDKs throw (RestError for a refused request; a plain Error for a failed long-running
 * operation) into AzureRequestError with Azure's code and message, so callers never parse SDK text.
 * Anything else (a bug, an abort) is returned unchanged.
 */
export function translateAzureError(error: unknown): unknown {
  if (error instanceof AzureRequestError) return error;
  if (isRestError(error)) {
    // No HTTP answer: a reset or time-out may have reached Azure after all, so a create is treated
    // as possibly done (phase 'operation': the caller looks for what it left); a refused
    // connection or an unknown host was never sent.
    if (error.statusCode === undefined && isUnreachableCode(error.code))
      return new AzureRequestError(
        `Azure Resource Manager could not be reached (${error.code}).`,
        undefined,
        error.code,
        undefined,
        isNeverSentCode(error.code) ? 'request' : 'operation',
      );
    const requestId = error.response?.headers.get('x-ms-request-id') ?? undefined;
    const message = azureMessage(error);
    return (
      permissionError(message, error.statusCode, error.code, requestId, 'request') ??
      new AzureRequestError(message, error.statusCode, error.code, requestId)
    );
  }
  if (error instanceof Error) {
    const match = failedLro.exec(error.message);
    if (match) {
      const [code, message] = [match[1]?.trim(), match[2]?.trim() || error.message];
      return (
        permissionError(message, undefined, code, undefined, 'operation') ??
        new AzureRequestError(message, undefined, code, undefined, 'operation')
      );
    }
    if (error.message === 'The long-running operation has failed') {
      return new AzureRequestError(
        'Azure reported the operation as failed without details.',
        undefined,
        undefined,
        undefined,
        'operation',
      );
    }
  }
  return error;
}

/** A refused permission (403 AuthorizationFailed and its linked form) in plain words; else undefined. */
function permissionError(
  message: string,
  statusCode: number | undefined,
  code: string | undefined,
  requestId: string | undefined,
  phase: 'request' | 'operation',
): AzurePermissionError | undefined {
  const failure = readPermissionFailure(code, message);
  if (!failure) return undefined;
  // A refused read inside a create (the poller's final GET) comes after Azure accepted the create:
  // the caller must look for what it may have left, as after a failed operation.
  const refusedRead = failure.action.toLowerCase().endsWith('/read');
  return new AzurePermissionError(
    failure.action,
    failure.scope,
    failure.principalId,
    message,
    statusCode,
    code,
    requestId,
    refusedRead ? 'operation' : phase,
  );
}

/** Azure's own sentence from the ARM error body, when the SDK kept it (or the pipeline did); else the SDK's. */
function azureMessage(error: {
  message: string;
  details?: unknown;
  request?: PipelineRequest;
  response?: { bodyAsText?: string | null };
}): string {
  const details = error.details as { error?: { message?: string } } | undefined;
  if (details?.error?.message) return details.error.message;
  try {
    const text = error.response?.bodyAsText ?? errorBodyOf(error.request) ?? 'null';
    const body = JSON.parse(text) as { error?: { message?: unknown } } | null;
    if (typeof body?.error?.message === 'string') return body.error.message;
  } catch (parseError) {
    if (!(parseError instanceof SyntaxError)) throw parseError;
  }
  return error.message;
}

/** Runs an SDK call and rethrows its failure translated. */
export async function callAzure<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateAzureError(error);
  }
}
