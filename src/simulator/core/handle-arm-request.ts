import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Caller } from '../identity/authenticate-arm-request.js';
import type { ArmIdentity } from '../identity/create-arm-identity.js';
import { defaultTenantId } from '../identity/create-directory.js';
import type { SimulatorRequest, SimulatorResponse } from '../simulator-types.js';
import { ArmError } from './arm-error.js';
import { type RateLimiter, requestClassOf } from './create-rate-limiter.js';
import { createRequestContext } from './create-request-context.js';
import type { SimClock } from './create-sim-clock.js';
import type { Timeline } from './create-timeline.js';
import { faultError, resourceTypeOf, takeRequestFaults } from './fault-injector.js';
import { type RouteTable, splitPath } from './match-route.js';
import { ownValue } from './own-property.js';
import { noRegisteredProviderFound } from './provider-registration.js';
import type { ArmResult, RequestAccess, RouteDefinition } from './route-types.js';
import { resourceGroupKey, type SimulatorState } from './simulator-state.js';

/**
 * ARM's request pipeline around the resource providers: sign-in (401), injected faults, catch up with
 * the clock (due operations, scheduled backups), routing, api-version, subscription check, role-based
 * access (403), resource group check, then the provider's handler, then persistence and ARM's
 * response headers. Anything unexpected becomes a 500 and is reported.
 */
export interface ArmEnvironment {
  getState(): SimulatorState;
  clock: SimClock;
  routes: RouteTable;
  timeline: Timeline;
  rateLimiter: RateLimiter;
  pageSize: number;
  save(): Promise<void>;
  onError(error: unknown): void;
  /** Sign-in and role checks (identity/); without it, or without an estate identity, anyone may do anything. */
  identity?: ArmIdentity;
}

export async function handleArmRequest(
  request: SimulatorRequest,
  env: ArmEnvironment,
): Promise<SimulatorResponse> {
  const requestId = randomUUID();
  let limits: Record<string, string> = {};
  try {
    const url = new URL(request.url);
    const segments = splitPath(url.pathname);
    const subscriptionId = segments?.[0]?.toLowerCase() === 'subscriptions' ? segments[1] : undefined;
    const tracker = { changed: false };
    let result: ArmResult;
    try {
      result = await dispatch({ request, url, segments, subscriptionId, requestId, tracker }, env);
    } catch (error) {
      result = errorResult(error, env);
    }
    limits = env.rateLimiter.take(
      subscriptionId ?? 'tenant',
      requestClassOf(request.method),
      ratePolicyOf(env.routes, request.method, segments),
    );
    if (tracker.changed) {
      env.getState().clockOffsetMs = env.clock.offsetMs();
      await env.save();
    }
    return toResponse(request, result, { requestId, limits, nowMs: env.clock.nowMs() });
  } catch (error) {
    // Persisting or rendering failed (a disk write error, say): still an ARM answer, a 500.
    return toResponse(request, errorResult(error, env), { requestId, limits, nowMs: safeNowMs(env.clock) });
  }
}

/** Simulated now if it is a valid date, else real now (only for the answer to a failure). */
function safeNowMs(clock: SimClock): number {
  try {
    const nowMs = clock.nowMs();
    if (!Number.isNaN(new Date(nowMs).getTime())) return nowMs;
  } catch {
    // fall through to the real clock
  }
  return Date.now();
}

interface Incoming {
  request: SimulatorRequest;
  url: URL;
  segments: string[] | undefined;
  subscriptionId: string | undefined;
  requestId: string;
  tracker: { changed: boolean };
}

async function applyRequestFaults(
  faults: ReturnType<typeof takeRequestFaults>,
  incoming: Incoming,
  tracker: { changed: boolean },
): Promise<void> {
  if (faults.delayMs > 0 || faults.failure) tracker.changed = true;
  if (faults.delayMs > 0) await sleep(faults.delayMs);
  if (faults.failure) {
    const requestClass = requestClassOf(incoming.request.method).replace(/s$/, '');
    throw faultError(faults.failure, incoming.subscriptionId, requestClass);
  }
}

async function dispatch(incoming: Incoming, env: ArmEnvironment): Promise<ArmResult> {
  const { request, url, segments, tracker } = incoming;
  // Who calls comes first: an unauthenticated request reaches nothing, not even a fault rule.
  const caller = await env.identity?.authenticate(request, url);
  if (segments) {
    const faults = takeRequestFaults(env.getState(), {
      method: request.method,
      path: segments.join('/'),
      resourceType: resourceTypeOf(segments),
    });
    // An injected delay comes first: the request then sees the clock, and the operations due by
    // then, as of when it is actually served.
    await applyRequestFaults(faults, incoming, tracker);
  }
  // Read after the delay: an admin reset may have replaced the state meanwhile.
  const state = env.getState();
  const nowMs = env.clock.nowMs();
  if (env.timeline.catchUp(state, nowMs)) tracker.changed = true;
  if (!segments)
    throw ArmError.invalidParameter(`The request path '${url.pathname}' is not a valid URL path.`);
  // HEAD is ARM's existence check: the GET, answered 204 (exists) or with the GET's error, without a body.
  const head = request.method.toUpperCase() === 'HEAD';
  const route = resolveRoute(env.routes, head ? 'GET' : request.method, segments, state);
  checkApiVersion(url, route, state);
  checkSubscription(route.params, state);
  // The one place access is enforced (as ARM does before the resource provider sees the request).
  env.identity?.authorize(caller, request.method, segments);
  checkResourceGroup(route.params, state);
  const onChange = () => {
    tracker.changed = true;
  };
  const context = createRequestContext({
    request,
    url,
    route,
    env,
    nowMs,
    requestId: incoming.requestId,
    onChange,
    access: accessOf(env, caller),
  });
  const result = route.route.handle(context);
  if (!head) return result;
  return {
    status: result.status === 200 ? 204 : result.status,
    ...(result.headers ? { headers: result.headers } : {}),
  };
}

function resolveRoute(routes: RouteTable, method: string, segments: string[], state: SimulatorState) {
  const match = routes.match(method, segments);
  if (match.kind === 'matched') return match;
  // No route: say what ARM would, outermost scope first.
  checkScope(scopeParams(segments), state);
  if (match.kind === 'method-not-allowed') {
    throw ArmError.gateway(
      405,
      'HttpMethodNotAllowed',
      `The HTTP method '${method.toUpperCase()}' is not supported for this resource (allowed: ${match.allowed.join(', ')}).`,
    );
  }
  const type = resourceTypeOf(segments);
  const [namespace, ...rest] = (type ?? '').split('/');
  throw ArmError.gateway(
    404,
    'InvalidResourceType',
    type
      ? `The resource type '${rest.join('/')}' could not be found in the namespace '${namespace}'. The built-in Azure simulator does not serve it.`
      : `No ARM endpoint at '/${segments.join('/')}'. The built-in Azure simulator does not serve it.`,
  );
}

function ratePolicyOf(
  routes: RouteTable,
  method: string,
  segments: string[] | undefined,
): string | undefined {
  if (!segments) return undefined;
  const match = routes.match(method, segments);
  return match.kind === 'matched' ? match.route.resourceRatePolicy : undefined;
}

function scopeParams(segments: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  if (segments[0]?.toLowerCase() === 'subscriptions' && segments[1]) params.subscriptionId = segments[1];
  if (segments[2]?.toLowerCase() === 'resourcegroups' && segments[3]) params.resourceGroupName = segments[3];
  return params;
}

function checkApiVersion(
  url: URL,
  match: { route: RouteDefinition; params: Readonly<Record<string, string>> },
  state: SimulatorState,
): void {
  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersion) throw ArmError.missingApiVersion();
  const { apiVersions, registeredType } = match.route;
  if (apiVersions.includes(apiVersion)) return;
  // A resource provider's type refuses as ARM does for providers; Microsoft.Resources' own routes differently.
  if (registeredType !== undefined)
    throw noRegisteredProviderFound({ apiVersion, params: match.params, state }, registeredType, apiVersions);
  throw ArmError.invalidApiVersion(apiVersion, apiVersions);
}

function checkScope(params: Readonly<Record<string, string>>, state: SimulatorState): void {
  checkSubscription(params, state);
  checkResourceGroup(params, state);
}

function checkSubscription(params: Readonly<Record<string, string>>, state: SimulatorState): void {
  const { subscriptionId } = params;
  if (subscriptionId !== undefined && !ownValue(state.subscriptions, subscriptionId.toLowerCase()))
    throw ArmError.subscriptionNotFound(subscriptionId);
}

function checkResourceGroup(params: Readonly<Record<string, string>>, state: SimulatorState): void {
  const { subscriptionId, resourceGroupName } = params;
  if (
    subscriptionId !== undefined &&
    resourceGroupName !== undefined &&
    !ownValue(state.resourceGroups, resourceGroupKey(subscriptionId, resourceGroupName))
  ) {
    throw ArmError.resourceGroupNotFound(resourceGroupName);
  }
}

/** Without sign-in, the caller sees everything, in the default tenant. */
function accessOf(env: ArmEnvironment, caller: Caller | undefined): RequestAccess {
  return env.identity?.access(caller) ?? { tenantId: defaultTenantId, canSee: () => true };
}

function errorResult(error: unknown, env: ArmEnvironment): ArmResult {
  if (error instanceof ArmError)
    return { status: error.status, body: error.toBody(), headers: error.headers };
  env.onError(error);
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    body: { error: { code: 'InternalServerError', message: `The simulator failed: ${message}` } },
  };
}

function toResponse(
  request: SimulatorRequest,
  result: ArmResult,
  facts: { requestId: string; limits: Record<string, string>; nowMs: number },
): SimulatorResponse {
  const correlationId = request.headers['x-ms-correlation-request-id'] ?? facts.requestId;
  const headers: Record<string, string> = {
    'cache-control': 'no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'x-content-type-options': 'nosniff',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    // Simulated time: clients can compare timeCreated and the like against it.
    date: new Date(facts.nowMs).toUTCString(),
    'x-ms-request-id': facts.requestId,
    'x-ms-correlation-request-id': correlationId,
    'x-ms-routing-request-id': `WESTEUROPE:${new Date(facts.nowMs).toISOString().replace(/[-:]|\.\d+/g, '')}:${correlationId}`,
    ...facts.limits,
  };
  const clientRequestId = request.headers['x-ms-client-request-id'];
  if (clientRequestId) headers['x-ms-client-request-id'] = clientRequestId;
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = value;
  if (result.body === undefined)
    return { status: result.status, headers: { ...headers, 'content-length': '0' } };
  return {
    status: result.status,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(result.body),
  };
}
