import type { SimulatorRequest } from '../simulator-types.js';
import type { SimClock } from './create-sim-clock.js';
import type { FaultRule, OperationRecord, SimulatorState } from './simulator-state.js';

/**
 * How resource providers plug into the simulator: each one exports a list of routes (method + ARM
 * path pattern + the api-versions Azure accepts for it) and the completion handlers of its
 * long-running operations. The core does everything ARM does around them (api-version checks,
 * subscription and resource group checks, headers, faults, persistence).
 */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export interface ArmResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface OperationSpec {
  namespace: string;
  kind: string;
  subscriptionId: string;
  location: string;
  resourceId: string;
  /** Simulated seconds until the operation ends. */
  durationSeconds: number;
  payload?: Record<string, unknown>;
}

/** What the caller may be shown: the tenant, and the scopes it has a role at, above or below. */
export interface RequestAccess {
  readonly tenantId: string;
  canSee(scope: string): boolean;
}

export interface RouteContext {
  readonly request: SimulatorRequest;
  /** The signed-in caller's view (identity/); everything is visible when sign-in is off. */
  readonly access: RequestAccess;
  readonly url: URL;
  /** Origin of the incoming URL; absolute URLs in answers (nextLink, async headers) start with it. */
  readonly origin: string;
  /** Decoded path parameters, named as in the pattern. */
  readonly params: Readonly<Record<string, string>>;
  readonly apiVersion: string;
  readonly state: SimulatorState;
  /** Simulated now, fixed for the whole request. */
  readonly nowMs: number;
  readonly clock: SimClock;
  readonly pageSize: number;
  readonly requestId: string;
  /** The JSON body as an object; throws InvalidRequestContent otherwise. */
  readBody(): Record<string, unknown>;
  /** Marks the state as changed, so that it is persisted before the response goes out. */
  changed(): void;
  /** Registers a long-running operation (an injected failure may mark it to fail). */
  startOperation(spec: OperationSpec): OperationRecord;
}

export interface RouteDefinition {
  method: HttpMethod;
  /** ARM path with `{param}` placeholders, e.g. `/subscriptions/{subscriptionId}/providers/...`. */
  pattern: string;
  apiVersions: readonly string[];
  /**
   * The type a resource provider registered this route under (`virtualMachines` for its `/start`):
   * an api-version it lacks is then refused as ARM refuses it for providers, 400
   * NoRegisteredProviderFound naming region and type (core/provider-registration.ts), instead of
   * Microsoft.Resources' InvalidApiVersionParameter.
   */
  registeredType?: string;
  /** Compute's per-operation throttling policy name, for `x-ms-ratelimit-remaining-resource`. */
  resourceRatePolicy?: string;
  handle(context: RouteContext): ArmResult;
}

export interface OperationHandler {
  /** Applies the operation's effects when the simulated clock passes its end (or marks the failure). */
  complete(state: SimulatorState, operation: OperationRecord): void;
  /** What a succeeded operation status shows as `properties.output`, if the provider does that. */
  output?(state: SimulatorState, operation: OperationRecord): unknown;
}

export type OperationHandlers = Readonly<Record<string, OperationHandler>>;

export interface ResourceProvider {
  routes: readonly RouteDefinition[];
  operationHandlers: OperationHandlers;
  /**
   * Work the simulated clock drives by itself (Azure Backup's scheduled backups), done up to `nowMs`
   * before every request, ARM or admin, after due operations are settled. Returns whether it changed
   * the state. Must be cheap when nothing is due: it runs on every request.
   */
  catchUp?(state: SimulatorState, nowMs: number, speed: number): boolean;
  /** A fault rule was removed through the admin API at `nowMs` (a replication lag ends). */
  faultRemoved?(state: SimulatorState, rule: FaultRule, nowMs: number): void;
}
