import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ArmError } from './arm-error.js';
import { checkFaultTarget } from './check-fault-target.js';
import type { RouteContext } from './route-types.js';
import type { FaultMatch, FaultRule, RequestFaultRule, SimulatorState } from './simulator-state.js';

/**
 * Faults injected through the admin API. Rules live in the persisted state and are consumed by the
 * requests (or long-running operations) they match: `remaining` counts down, -1 means unlimited.
 * The VM rules (`fail-scheduled-backup`, `skip-scheduled-backup`) are consumed by that VM's
 * scheduled backup runs instead, and `replication-lag` lasts until it is removed.
 */
const matchSchema = z
  .object({
    method: z.string().optional(),
    pathContains: z.string().min(1).optional(),
    resourceType: z.string().optional(),
  })
  .strict()
  .default({});
const count = z.number().int().min(-1).default(1);
/** The share of matching requests a rule hits: load tests throttle 20% of calls, say. */
const probability = z.number().gt(0).max(1).optional();
/** A VM by name (case-insensitive); the simulator checks that it exists (check-fault-target.ts). */
const vm = z.string().min(1).max(80);

export const faultInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('throttle'),
      match: matchSchema,
      count,
      retryAfterSeconds: z.number().min(0).default(1),
      scope: z.enum(['subscription', 'resource']).default('subscription'),
      probability,
    })
    .strict(),
  z
    .object({
      kind: z.literal('error'),
      match: matchSchema,
      count,
      status: z.union([z.literal(500), z.literal(503)]).default(500),
      retryAfterSeconds: z.number().min(0).optional(),
      probability,
    })
    .strict(),
  z
    .object({
      kind: z.literal('fail-operation'),
      match: matchSchema,
      count,
      code: z.string().min(1).default('InternalOperationError'),
      message: z.string().min(1).default('An internal execution error occurred. Please retry later.'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('fail-job'),
      match: matchSchema,
      count,
      /** Default: the service's typical error (Backup: UserErrorGuestAgentStatusUnavailable; Site Recovery: 28031). */
      code: z.string().min(1).optional(),
      message: z.string().min(1).optional(),
      task: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('fail-scheduled-backup'),
      vm,
      count,
      /** CompletedWithWarnings: a crash-consistent point with the VSS (Windows) or fsfreeze (Linux) warning. */
      outcome: z.enum(['Failed', 'CompletedWithWarnings']).default('Failed'),
      code: z.string().min(1).optional(),
      message: z.string().min(1).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('skip-scheduled-backup'), vm, count }).strict(),
  z
    .object({
      kind: z.literal('replication-lag'),
      vm,
      count: z
        .literal(-1, { message: 'a replication lag lasts until the rule is removed: count must be -1' })
        .default(-1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('latency'),
      match: matchSchema,
      count: count.default(-1),
      delayMs: z.number().int().min(0).max(60_000),
    })
    .strict(),
]);

export type FaultInput = z.input<typeof faultInputSchema>;

export interface RequestFacts {
  method: string;
  /** Decoded path. */
  path: string;
  resourceType: string | undefined;
}

/** Adds a rule at simulated `nowMs` (a replication lag starts then); a VM it names must exist. */
export function addFault(state: SimulatorState, input: unknown, nowMs: number): FaultRule {
  const parsed = faultInputSchema.parse(input);
  const { count: remaining, ...rest } = parsed;
  const since = rest.kind === 'replication-lag' ? { sinceMs: nowMs } : {};
  const rule = { ...rest, id: randomUUID(), remaining, ...since } as FaultRule;
  checkFaultTarget(state, rule);
  state.faults.push(rule);
  return rule;
}

export type ScheduledBackupFault =
  | { kind: 'skip' }
  | { kind: 'fail'; outcome: 'Failed' | 'CompletedWithWarnings'; code?: string; message?: string };

/**
 * What happens to a scheduled backup run of `vmName`: skipped (a `skip-scheduled-backup` rule
 * wins), ending Failed or CompletedWithWarnings, or nothing special. Consumes the rule it uses.
 */
export function takeScheduledBackupFault(
  state: SimulatorState,
  vmName: string,
): ScheduledBackupFault | undefined {
  const skip = takeVmRule(state, 'skip-scheduled-backup', vmName);
  if (skip) return { kind: 'skip' };
  const fail = takeVmRule(state, 'fail-scheduled-backup', vmName);
  if (fail?.kind !== 'fail-scheduled-backup') return undefined;
  return {
    kind: 'fail',
    outcome: fail.outcome,
    ...(fail.code ? { code: fail.code } : {}),
    ...(fail.message ? { message: fail.message } : {}),
  };
}

function takeVmRule(state: SimulatorState, kind: FaultRule['kind'], vmName: string): FaultRule | undefined {
  const wanted = vmName.toLowerCase();
  const index = state.faults.findIndex(
    (rule) => rule.kind === kind && 'vm' in rule && rule.vm.toLowerCase() === wanted,
  );
  const rule = state.faults[index];
  if (!rule) return undefined;
  if (rule.remaining > 0) rule.remaining -= 1;
  if (rule.remaining === 0) state.faults.splice(index, 1);
  return rule;
}

/** The delay to add and the failure (429/5xx) to answer with, for this request. */
export function takeRequestFaults(
  state: SimulatorState,
  facts: RequestFacts,
): { delayMs: number; failure?: RequestFaultRule } {
  let delayMs = 0;
  const latency = take(state, facts, (rule) => rule.kind === 'latency');
  if (latency?.kind === 'latency') delayMs = latency.delayMs;
  const failure = take(state, facts, (rule) => rule.kind === 'throttle' || rule.kind === 'error');
  return failure ? { delayMs, failure } : { delayMs };
}

export function takeOperationFailure(
  state: SimulatorState,
  facts: RequestFacts,
): { code: string; message: string } | undefined {
  const rule = take(state, facts, (candidate) => candidate.kind === 'fail-operation');
  return rule?.kind === 'fail-operation' ? { code: rule.code, message: rule.message } : undefined;
}

/**
 * A job started by this request is to fail (kind `fail-job`: Azure Backup, Site Recovery); see
 * README. Consuming a rule changes the state.
 */
export function jobFailureFor(
  context: RouteContext,
): { code?: string; message?: string; task?: string } | undefined {
  const path = decodeURIComponent(context.url.pathname);
  const failure = takeJobFailure(context.state, {
    method: context.request.method,
    path,
    resourceType: resourceTypeOf(path.split('/').filter((segment) => segment !== '')),
  });
  if (failure) context.changed();
  return failure;
}

function takeJobFailure(
  state: SimulatorState,
  facts: RequestFacts,
): { code?: string; message?: string; task?: string } | undefined {
  const rule = take(state, facts, (candidate) => candidate.kind === 'fail-job');
  if (rule?.kind !== 'fail-job') return undefined;
  return {
    ...(rule.code ? { code: rule.code } : {}),
    ...(rule.message ? { message: rule.message } : {}),
    ...(rule.task ? { task: rule.task } : {}),
  };
}

export function faultError(
  rule: RequestFaultRule,
  subscriptionId: string | undefined,
  requestClass: string,
): ArmError {
  const subscription = subscriptionId ?? '00000000-0000-0000-0000-000000000000';
  if (rule.kind === 'throttle') {
    const headers = { 'retry-after': String(rule.retryAfterSeconds) };
    if (rule.scope === 'resource') {
      const message = `The request is being throttled as the limit has been reached for operation group '${rule.match.resourceType ?? 'Microsoft.Compute/HighCostGet'}'. Please try again after ${rule.retryAfterSeconds} seconds.`;
      return new ArmError(429, 'TooManyRequests', message, { headers });
    }
    const message = `Number of '${requestClass}' requests for subscription '${subscription}' actually exceeded the limit of '250' for time interval '00:00:10'. Please try again after '${rule.retryAfterSeconds}' seconds.`;
    return new ArmError(429, 'SubscriptionRequestsThrottled', message, { headers });
  }
  const headers: Record<string, string> =
    rule.kind === 'error' && rule.retryAfterSeconds !== undefined
      ? { 'retry-after': String(rule.retryAfterSeconds) }
      : {};
  if (rule.kind === 'error' && rule.status === 503) {
    return new ArmError(
      503,
      'ServiceUnavailable',
      'The server (leader) is currently unable to receive requests. Please retry your request.',
      { headers },
    );
  }
  return new ArmError(
    500,
    'InternalServerError',
    `Encountered internal server error. Diagnostic information: subscription id '${subscription}'.`,
    { headers },
  );
}

function take(
  state: SimulatorState,
  facts: RequestFacts,
  wanted: (rule: RequestFaultRule) => boolean,
): RequestFaultRule | undefined {
  const index = state.faults.findIndex(
    (rule) => 'match' in rule && wanted(rule) && matches(rule.match, facts) && hits(rule),
  );
  const rule = state.faults[index];
  if (!rule || !('match' in rule)) return undefined;
  if (rule.remaining > 0) rule.remaining -= 1;
  if (rule.remaining === 0) state.faults.splice(index, 1);
  return rule;
}

/** A rule with a probability hits that share of the requests it matches (not counted otherwise). */
function hits(rule: FaultRule): boolean {
  const chance = 'probability' in rule ? rule.probability : undefined;
  return chance === undefined || Math.random() < chance;
}

function matches(match: FaultMatch, facts: RequestFacts): boolean {
  if (match.method && match.method.toUpperCase() !== facts.method.toUpperCase()) return false;
  if (match.pathContains && !facts.path.toLowerCase().includes(match.pathContains.toLowerCase()))
    return false;
  if (match.resourceType) {
    const wanted = match.resourceType.toLowerCase();
    const actual = facts.resourceType?.toLowerCase() ?? '';
    if (actual !== wanted && !actual.startsWith(`${wanted}/`)) return false;
  }
  return true;
}

/** ARM's resource type of a path: the namespace after the last `providers`, then every other segment. */
export function resourceTypeOf(segments: readonly string[]): string | undefined {
  const index = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  const namespace = segments[index + 1];
  if (index < 0 || namespace === undefined) return undefined;
  const types = segments.slice(index + 2).filter((_, position) => position % 2 === 0);
  return [namespace, ...types].join('/');
}
