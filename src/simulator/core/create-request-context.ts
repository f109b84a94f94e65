import type { SimulatorRequest } from '../simulator-types.js';
import { ArmError } from './arm-error.js';
import { resourceTypeOf, takeOperationFailure } from './fault-injector.js';
import type { ArmEnvironment } from './handle-arm-request.js';
import { createOperation } from './long-running-operations.js';
import type { RequestAccess, RouteContext, RouteDefinition } from './route-types.js';

/** The context a provider's handler sees for one request. */
export function createRequestContext(input: {
  request: SimulatorRequest;
  url: URL;
  route: { route: RouteDefinition; params: Record<string, string> };
  env: ArmEnvironment;
  nowMs: number;
  requestId: string;
  onChange: () => void;
  access: RequestAccess;
}): RouteContext {
  const { request, url, route, env, nowMs, onChange } = input;
  const state = env.getState();
  const apiVersion = url.searchParams.get('api-version') ?? '';
  return {
    request,
    access: input.access,
    url,
    origin: url.origin,
    params: route.params,
    apiVersion,
    state,
    nowMs,
    clock: env.clock,
    pageSize: env.pageSize,
    requestId: input.requestId,
    readBody: () => parseBody(request.body),
    changed: onChange,
    startOperation(spec) {
      const failure = takeOperationFailure(state, {
        method: request.method,
        path: decodeURIComponent(url.pathname),
        resourceType: resourceTypeOf(spec.resourceId.split('/').filter((part) => part !== '')),
      });
      const operation = createOperation(spec, {
        nowMs,
        speed: env.clock.speed,
        method: request.method,
        apiVersion,
        failure,
      });
      state.operations[operation.id] = operation;
      onChange();
      return operation;
    },
  };
}

function parseBody(body: string | undefined): Record<string, unknown> {
  if (body === undefined || body.trim() === '')
    throw ArmError.invalidRequestContent('The request body is missing.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw ArmError.invalidRequestContent((error as Error).message);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw ArmError.invalidRequestContent('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
