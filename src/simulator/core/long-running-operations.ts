import { randomUUID } from 'node:crypto';
import { ArmError } from './arm-error.js';
import type { SimClock } from './create-sim-clock.js';
import { ownValue } from './own-property.js';
import type {
  ArmResult,
  OperationHandlers,
  OperationSpec,
  RouteContext,
  RouteDefinition,
} from './route-types.js';
import type { OperationRecord, SimulatorState } from './simulator-state.js';

/**
 * Long-running operations as ARM signals them: `Azure-AsyncOperation` and `Location` headers with
 * absolute URLs to `/subscriptions/{s}/providers/{ns}/locations/{loc}/operations/{id}`, a
 * `Retry-After`, and a status of InProgress, then Succeeded, Failed or Canceled (the only terminal
 * statuses the SDK pollers know). Progress is computed from the simulated clock at request time.
 */
const keepSettledMs = 30 * 24 * 3600 * 1000;

export function createOperation(
  spec: OperationSpec,
  context: {
    nowMs: number;
    /** Operations take `durationSeconds / speed` real seconds. */
    speed: number;
    method: string;
    apiVersion: string;
    failure: { code: string; message: string } | undefined;
  },
): OperationRecord {
  return {
    id: randomUUID(),
    namespace: spec.namespace,
    subscriptionId: spec.subscriptionId,
    location: spec.location,
    kind: spec.kind,
    method: context.method.toUpperCase(),
    resourceId: spec.resourceId,
    apiVersion: context.apiVersion,
    startMs: context.nowMs,
    endMs: context.nowMs + Math.max(0, Math.round((spec.durationSeconds * 1000) / context.speed)),
    result: context.failure ? 'Failed' : 'Succeeded',
    ...(context.failure ? { error: context.failure } : {}),
    ...(spec.payload ? { payload: spec.payload } : {}),
    settled: false,
  };
}

/** Applies, in order of their end, every operation the simulated clock has passed. */
export function settleOperations(state: SimulatorState, nowMs: number, handlers: OperationHandlers): boolean {
  const due = Object.values(state.operations)
    .filter((operation) => !operation.settled && operation.endMs <= nowMs)
    .sort((a, b) => a.endMs - b.endMs);
  for (const operation of due) {
    const handler = ownValue(handlers, operation.kind);
    if (!handler) throw new Error(`No completion handler for simulated operation kind '${operation.kind}'.`);
    handler.complete(state, operation);
    operation.settled = true;
  }
  let pruned = false;
  for (const [id, operation] of Object.entries(state.operations)) {
    if (operation.settled && operation.endMs < nowMs - keepSettledMs) {
      delete state.operations[id];
      pruned = true;
    }
  }
  return due.length > 0 || pruned;
}

/**
 * A `Retry-After` of `simulatedSeconds`, in whole real seconds at this speed and never below 1:
 * HTTP's delay-seconds is an integer, and Azure's Python clients read 0 as "no hint" and wait
 * their own 30 seconds instead (see README: poll delays).
 */
export function retryAfterHint(simulatedSeconds: number, clock: SimClock): string {
  return String(Math.max(1, Math.round(clock.toRealSeconds(simulatedSeconds))));
}

/**
 * The `Retry-After` of an operation's first answer: when it will be done, in whole real seconds
 * rounded up and at least 1 (durations are already compressed by the speed), so that a client
 * that waits as told (Azure's Python pollers) finds it done at its first poll.
 */
export function retryAfterSeconds(operation: OperationRecord, nowMs: number): string {
  const remaining = Math.max(0, (operation.endMs - nowMs) / 1000);
  return String(Math.max(1, Math.ceil(remaining)));
}

/**
 * What a status poll of a running operation answers besides its body: the same `Retry-After` while
 * a second or more remains; in the last second Azure's millisecond hint `retry-after-ms` instead.
 * Azure's Python pollers poll at once and then wait what each poll says (30 s when it says
 * nothing), and read `retry-after-ms` too; the JS pollers read `Retry-After` only, and let it
 * replace their own interval, so a last whole second would make them wait longer than they ask.
 */
export function pollHeaders(context: RouteContext, operation: OperationRecord): Record<string, string> {
  const remainingMs = operation.endMs - context.nowMs;
  if (remainingMs >= 1000) return { 'retry-after': retryAfterSeconds(operation, context.nowMs) };
  return { 'retry-after-ms': String(Math.max(1, Math.ceil(remainingMs))) };
}

export function operationUrls(
  origin: string,
  operation: OperationRecord,
): { asyncOperation: string; location: string } {
  const path = `/subscriptions/${operation.subscriptionId}/providers/${operation.namespace}/locations/${operation.location}/operations/${operation.id}`;
  const version = encodeURIComponent(operation.apiVersion);
  return {
    asyncOperation: `${origin}${path}?p=${operation.id}&api-version=${version}`,
    location: `${origin}${path}?p=${operation.id}&monitor=true&api-version=${version}`,
  };
}

/** The answer that starts an operation: 201/202 with the async headers. */
export function acceptedResult(
  context: RouteContext,
  operation: OperationRecord,
  status: number,
  body?: unknown,
): ArmResult {
  const urls = operationUrls(context.origin, operation);
  return {
    status,
    ...(body === undefined ? {} : { body }),
    headers: {
      'azure-asyncoperation': urls.asyncOperation,
      location: urls.location,
      'retry-after': retryAfterSeconds(operation, context.nowMs),
      'x-ms-request-id': operation.id,
    },
  };
}

export function createOperationStatusRoute(
  namespace: string,
  apiVersions: readonly string[],
  handlers: OperationHandlers,
): RouteDefinition {
  return {
    method: 'GET',
    pattern: `/subscriptions/{subscriptionId}/providers/${namespace}/locations/{location}/operations/{operationId}`,
    apiVersions,
    resourceRatePolicy: `${namespace}/GetOperation`,
    handle(context) {
      const operation = ownValue(context.state.operations, context.params.operationId ?? '');
      if (
        !operation ||
        operation.subscriptionId.toLowerCase() !== context.params.subscriptionId?.toLowerCase()
      ) {
        throw new ArmError(404, 'NotFound', 'The entity was not found in this Azure location.');
      }
      if (context.url.searchParams.get('monitor') === 'true')
        return monitorResult(context, operation, handlers);
      return {
        status: 200,
        body: operationStatusBody(context.state, operation, handlers),
        ...(operation.settled ? {} : { headers: pollHeaders(context, operation) }),
      };
    },
  };
}

function operationStatusBody(
  state: SimulatorState,
  operation: OperationRecord,
  handlers: OperationHandlers,
): unknown {
  const base = { startTime: new Date(operation.startMs).toISOString(), name: operation.id };
  if (!operation.settled) return { ...base, status: 'InProgress' };
  const endTime = new Date(operation.endMs).toISOString();
  if (operation.result !== 'Succeeded') {
    return {
      ...base,
      endTime,
      status: operation.result,
      ...(operation.error ? { error: operation.error } : {}),
    };
  }
  const output = ownValue(handlers, operation.kind)?.output?.(state, operation);
  return {
    ...base,
    endTime,
    status: 'Succeeded',
    ...(output === undefined ? {} : { properties: { output } }),
  };
}

/** `Location` semantics: 202 while running, then the outcome as a plain HTTP answer. */
function monitorResult(
  context: RouteContext,
  operation: OperationRecord,
  handlers: OperationHandlers,
): ArmResult {
  if (!operation.settled) {
    return {
      status: 202,
      headers: {
        location: operationUrls(context.origin, operation).location,
        'retry-after': retryAfterSeconds(operation, context.nowMs),
      },
    };
  }
  if (operation.result !== 'Succeeded') {
    const error = operation.error ?? {
      code: operation.result,
      message: `The operation was ${operation.result.toLowerCase()}.`,
    };
    throw new ArmError(500, error.code, error.message);
  }
  const output = ownValue(handlers, operation.kind)?.output?.(context.state, operation);
  return output === undefined ? { status: 200 } : { status: 200, body: output };
}
