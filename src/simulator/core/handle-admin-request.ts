import { ZodError } from 'zod';
import { addAdminVm } from '../compute/add-admin-vm.js';
import type { Directory } from '../identity/create-directory.js';
import { handleIdentityAdmin, identityAdminPrefix } from '../identity/handle-identity-admin.js';
import { addAdminPeering } from '../network/add-admin-peering.js';
import type { SimulatorRequest, SimulatorResponse } from '../simulator-types.js';
import { AdminInputError } from './admin-input-error.js';
import type { SimClock } from './create-sim-clock.js';
import type { Timeline } from './create-timeline.js';
import { addFault } from './fault-injector.js';
import type { FaultRule, SimulatorState } from './simulator-state.js';

export { AdminInputError } from './admin-input-error.js';

/**
 * The simulator's own API under `/_simulator/` (see README): state summary, clock, reset, fault
 * injection, new VMs and peerings, roles and role assignments. ARM paths always start with `/subscriptions`, `/providers` or `/tenants`,
 * and ARM clients always send `api-version`, which these endpoints refuse, so no ARM client lands
 * here. Every call first catches up with the clock (due operations, scheduled backups), as an ARM
 * request does, so that what the clock has passed happened before the call.
 */
export const adminPrefix = '/_simulator/';

export interface AdminEnvironment {
  getState(): SimulatorState;
  clock: SimClock;
  timeline: Timeline;
  /** Rebuilds the state from the estate file (re-read, so that edits apply). */
  reset(): Promise<void>;
  save(): Promise<void>;
  /** The current directory (principals, roles, assignments: identity/). */
  directory(): Directory;
}

type AdminResult = { status: number; body: unknown };

function isInputError(error: unknown): error is Error {
  return (
    error instanceof AdminInputError ||
    error instanceof ZodError ||
    error instanceof SyntaxError ||
    error instanceof RangeError
  );
}

export async function handleAdminRequest(
  request: SimulatorRequest,
  env: AdminEnvironment,
): Promise<SimulatorResponse> {
  const url = new URL(request.url);
  let result: AdminResult;
  try {
    result = await route(request, url, env);
  } catch (error) {
    if (!isInputError(error)) throw error;
    const message =
      error instanceof ZodError
        ? error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
        : error.message;
    result = adminError(error instanceof AdminInputError ? error.status : 400, message);
  }
  return {
    status: result.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(result.body),
  };
}

async function route(request: SimulatorRequest, url: URL, env: AdminEnvironment): Promise<AdminResult> {
  if (url.searchParams.has('api-version')) {
    return adminError(
      400,
      `${url.pathname} is the simulator's admin API, not an ARM endpoint; it takes no api-version.`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  const method = request.method.toUpperCase();
  if (method === 'POST' && path === '/_simulator/reset') {
    await env.reset();
    return { status: 200, body: summarize(env.getState(), env.clock) };
  }
  // One instant for the whole call: a rule added now applies to the runs after it, not to one before.
  const nowMs = env.clock.nowMs();
  if (env.timeline.catchUp(env.getState(), nowMs)) await env.save();
  if (method === 'GET' && path === '/_simulator/state') {
    return { status: 200, body: summarize(env.getState(), env.clock) };
  }
  if (method === 'POST' && path === '/_simulator/clock') return advanceClock(readJson(request), env);
  if (method === 'POST' && path === '/_simulator/vms') {
    const vm = addAdminVm(env.getState(), readJson(request), nowMs);
    await env.save();
    return { status: 201, body: vm };
  }
  if (method === 'POST' && path === '/_simulator/peerings') {
    const peered = addAdminPeering(env.getState(), readJson(request));
    await env.save();
    return { status: 201, body: peered };
  }
  if (path === identityAdminPrefix || path.startsWith(`${identityAdminPrefix}/`)) {
    return handleIdentityAdmin({ method, path, body: () => readJson(request) }, env.directory());
  }
  if (path === '/_simulator/faults' || path.startsWith('/_simulator/faults/')) {
    const faultId = path.slice('/_simulator/faults'.length + 1);
    return handleFaults({ method, faultId, request, nowMs }, env);
  }
  return adminError(404, `No admin endpoint ${method} ${url.pathname}. See src/simulator/README.md.`);
}

async function handleFaults(
  call: { method: string; faultId: string; request: SimulatorRequest; nowMs: number },
  env: AdminEnvironment,
): Promise<AdminResult> {
  const { method, faultId, request, nowMs } = call;
  const state = env.getState();
  if (faultId !== '') {
    const index = state.faults.findIndex((rule) => rule.id === faultId);
    if (method !== 'DELETE') return adminError(405, `${method} is not supported on a fault rule; DELETE it.`);
    if (index < 0) return adminError(404, `No fault rule ${faultId}.`);
    removeFaults(state, state.faults.splice(index, 1), nowMs, env);
  } else if (method === 'GET') {
    return { status: 200, body: { faults: state.faults } };
  } else if (method === 'DELETE') {
    removeFaults(state, state.faults.splice(0, state.faults.length), nowMs, env);
  } else if (method === 'POST') {
    const rule = addFault(state, readJson(request), nowMs);
    await env.save();
    return { status: 201, body: rule };
  } else {
    return adminError(405, `${method} is not supported on /_simulator/faults.`);
  }
  await env.save();
  return { status: 200, body: { faults: state.faults } };
}

function removeFaults(
  state: SimulatorState,
  removed: FaultRule[],
  nowMs: number,
  env: AdminEnvironment,
): void {
  for (const rule of removed) env.timeline.faultRemoved(state, rule, nowMs);
}

async function advanceClock(body: Record<string, unknown>, env: AdminEnvironment): Promise<AdminResult> {
  const seconds = body.advanceSeconds;
  if (typeof seconds !== 'number')
    return adminError(400, 'Send {"advanceSeconds": <number of simulated seconds>}.');
  env.clock.advance(seconds);
  const state = env.getState();
  env.timeline.catchUp(state, env.clock.nowMs());
  state.clockOffsetMs = env.clock.offsetMs();
  await env.save();
  return { status: 200, body: { simulatedTime: new Date(env.clock.nowMs()).toISOString() } };
}

function readJson(request: SimulatorRequest): Record<string, unknown> {
  if (!request.body) return {};
  const parsed: unknown = JSON.parse(request.body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new AdminInputError('The body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

function adminError(status: number, message: string): AdminResult {
  const code = status === 404 ? 'NotFound' : status === 409 ? 'Conflict' : 'InvalidAdminRequest';
  return { status, body: { error: { code, message } } };
}

function summarize(state: SimulatorState, clock: SimClock): unknown {
  const nowMs = clock.nowMs();
  const operations = Object.values(state.operations)
    .sort((a, b) => b.startMs - a.startMs)
    .filter((operation, index) => !operation.settled || index < 20)
    .map((operation) => ({
      id: operation.id,
      kind: operation.kind,
      resourceId: operation.resourceId,
      status: operation.settled ? operation.result : 'InProgress',
      startTime: new Date(operation.startMs).toISOString(),
      endTime: new Date(operation.endMs).toISOString(),
      percentComplete: operation.settled
        ? 100
        : Math.min(
            99,
            Math.floor(
              ((nowMs - operation.startMs) / Math.max(1, operation.endMs - operation.startMs)) * 100,
            ),
          ),
      ...(operation.error ? { error: operation.error } : {}),
    }));
  const count = (slice: object) =>
    Object.fromEntries(
      Object.entries(slice).map(([type, records]) => [type, Object.keys(records as object).length]),
    );
  return {
    simulatedTime: new Date(nowMs).toISOString(),
    speed: clock.speed,
    subscriptions: Object.values(state.subscriptions),
    resourceGroups: Object.keys(state.resourceGroups).length,
    compute: count(state.compute),
    backup: count(state.backup),
    siteRecovery: count(state.siteRecovery),
    operations,
    faults: state.faults,
  };
}
