import { randomUUID } from 'node:crypto';
import type { SimulatorResponse } from '../simulator-types.js';

/**
 * Answers in Entra's shape: JSON, never cached, and errors as OAuth 2.0 errors with Entra's
 * `AADSTS` code in the description plus its `error_codes`, trace and correlation ids and timestamp
 * (MSAL and the Azure CLI show `error_description` to the user).
 */
export function entraJson(
  status: number,
  body: unknown,
  request?: { correlationId?: string },
): SimulatorResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store, no-cache',
      pragma: 'no-cache',
      'x-ms-request-id': randomUUID(),
      ...(request?.correlationId ? { 'client-request-id': request.correlationId } : {}),
    },
    body: JSON.stringify(body),
  };
}

export function entraError(
  status: number,
  error: string,
  aadsts: number,
  message: string,
  options: { correlationId?: string; nowMs: number },
): SimulatorResponse {
  const traceId = randomUUID();
  const correlationId = options.correlationId ?? randomUUID();
  const timestamp = new Date(options.nowMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return entraJson(
    status,
    {
      error,
      error_description: `AADSTS${aadsts}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
    },
    options,
  );
}
