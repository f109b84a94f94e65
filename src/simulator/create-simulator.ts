import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupProvider } from './backup/backup-provider.js';
import { computeProvider } from './compute/compute-provider.js';
import { buildInitialState } from './core/build-initial-state.js';
import { createRateLimiter } from './core/create-rate-limiter.js';
import { createSimClock } from './core/create-sim-clock.js';
import { createStateStore } from './core/create-state-store.js';
import { createTimeline } from './core/create-timeline.js';
import type { Estate } from './core/estate-schema.js';
import {
  type AdminEnvironment,
  AdminInputError,
  adminPrefix,
  handleAdminRequest,
} from './core/handle-admin-request.js';
import { type ArmEnvironment, handleArmRequest } from './core/handle-arm-request.js';
import { loadEstate } from './core/load-estate.js';
import { createRouteTable } from './core/match-route.js';
import { ownValue } from './core/own-property.js';
import { resourcesProvider } from './core/resources-provider.js';
import type { OperationHandlers, ResourceProvider } from './core/route-types.js';
import type { SimulatorState } from './core/simulator-state.js';
import { createArmIdentity } from './identity/create-arm-identity.js';
import { createDirectory, type Directory } from './identity/create-directory.js';
import { createIdentityControl, type IdentityControl } from './identity/create-identity-control.js';
import { lazySigningKey } from './identity/create-signing-key.js';
import { findIdentityProblems } from './identity/find-identity-problems.js';
import {
  handleIdentityRequest,
  type IdentityEnvironment,
  isIdentityPath,
} from './identity/handle-identity-request.js';
import { type EstateIdentity, identitySchema } from './identity/identity-schema.js';
import { networkProvider } from './network/network-provider.js';
import type { SimulatorHandler, SimulatorRequest, SimulatorResponse } from './simulator-types.js';
import { siteRecoveryProvider } from './siterecovery/site-recovery-provider.js';

export interface SimulatorOptions {
  /** Estate JSON file; default config/demo-estate.json. Relative paths resolve against the repo root. */
  estatePath?: string;
  /** Where state is persisted (JSON, atomic write after every change); undefined = in memory only. */
  stateFile?: string;
  /** Simulated seconds per real second; default 60 (a 30-minute Azure job takes 30 s). */
  speed?: number;
  /** Real clock in ms, injectable for tests; default Date.now. */
  now?: () => number;
  /** Items per page of list answers before a nextLink; default 50. */
  pageSize?: number;
  /** Told about simulator bugs (answered as 500 InternalServerError); default: printed to stderr. */
  onError?: (error: unknown) => void;
  /**
   * Who may sign in, instead of the estate's `identity` section (checked the same way): the
   * standalone simulator's rehearsal principal (`SIMULATOR_SIGN_IN=on`), made at start.
   */
  identity?: EstateIdentity;
}

export interface Simulator {
  handle: SimulatorHandler;
  /**
   * Who may do what, changed at runtime (tests): custom roles and role assignments of the estate's
   * identity section, as the admin API's `/_simulator/identity` changes them. See README.
   */
  identity: IdentityControl;
  close(): Promise<void>;
}

/** Resource providers served. */
const providers: readonly ResourceProvider[] = [
  resourcesProvider,
  computeProvider,
  backupProvider,
  siteRecoveryProvider,
  networkProvider,
];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const estatePath = resolveFromRepo(options.estatePath ?? 'config/demo-estate.json');
  const now = options.now ?? Date.now;
  const store = createStateStore(options.stateFile);
  // Validate the estate even when resuming, so that a broken file is reported at once.
  const estate = withIdentity(await loadEstate(estatePath), options.identity, estatePath);
  const startOffsetMs = estate.startTime ? Date.parse(estate.startTime) - now() : 0;
  const state = (await store.load()) ?? buildInitialState(estate, now() + startOffsetMs, startOffsetMs);
  const holder: { state: SimulatorState; directory: Directory } = {
    state,
    directory: buildDirectory(estate.identity, () => state),
  };
  const signingKey = lazySigningKey();
  const identity: IdentityEnvironment = { directory: () => holder.directory, signingKey, now };
  const clock = createSimClock({ now, speed: options.speed ?? 60, offsetMs: holder.state.clockOffsetMs });
  const save = () => store.save(holder.state);
  const onError = options.onError ?? ((error: unknown) => console.error('Azure simulator error:', error));
  const handlers: OperationHandlers = Object.assign({}, ...providers.map((p) => p.operationHandlers));
  const timeline = createTimeline(providers, handlers, clock.speed);
  const arm: ArmEnvironment = {
    getState: () => holder.state,
    clock,
    routes: createRouteTable(providers.flatMap((p) => p.routes)),
    timeline,
    rateLimiter: createRateLimiter(now),
    pageSize: options.pageSize ?? 50,
    save,
    onError,
    identity: createArmIdentity(identity),
  };
  const reset = async () => {
    const fresh = await loadEstate(estatePath)
      .then((loaded) => withIdentity(loaded, options.identity, estatePath))
      .catch((error: Error) => {
        throw new AdminInputError(error.message);
      });
    holder.state = buildInitialState(fresh, clock.nowMs(), clock.offsetMs());
    holder.directory = buildDirectory(fresh.identity, () => holder.state);
    await save();
  };
  await save();
  const admin: AdminEnvironment = {
    getState: () => holder.state,
    clock,
    timeline,
    reset,
    save,
    directory: () => holder.directory,
  };
  return createLifecycle(arm, admin, identity);
}

/** The estate with the identity given in the options instead of its own, checked as the file's is. */
function withIdentity(estate: Estate, identity: EstateIdentity | undefined, source: string): Estate {
  if (!identity) return estate;
  const parsed = identitySchema.parse(identity);
  const problems = findIdentityProblems(
    parsed,
    estate.subscriptions.map((subscription) => subscription.subscriptionId),
  );
  if (problems.length > 0)
    throw new Error(`Invalid identity given with ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { ...estate, identity: parsed };
}

/** The estate's principals and roles, checked against the subscriptions the state has now. */
function buildDirectory(identity: EstateIdentity | undefined, state: () => SimulatorState): Directory {
  return createDirectory(identity, (id) => ownValue(state().subscriptions, id.toLowerCase()) !== undefined);
}

/**
 * The handle (admin API, Entra and metadata endpoints, or ARM, by path) and close(), after which the
 * state is saved and requests refused.
 */
function createLifecycle(
  arm: ArmEnvironment,
  admin: AdminEnvironment,
  identity: IdentityEnvironment,
): Simulator {
  let closed = false;
  const failed = (error: unknown): SimulatorResponse => {
    arm.onError(error);
    return {
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 'InternalServerError', message: String(error) } }),
    };
  };
  const handle = async (request: SimulatorRequest): Promise<SimulatorResponse> => {
    if (closed) throw new Error('The Azure simulator is closed.');
    const path = new URL(request.url).pathname;
    if (path.startsWith(adminPrefix)) return handleAdminRequest(request, admin).catch(failed);
    if (isIdentityPath(path)) return handleIdentityRequest(request, identity).catch(failed);
    return handleArmRequest(request, arm);
  };
  return {
    handle,
    identity: createIdentityControl(identity.directory),
    async close() {
      if (closed) return;
      closed = true;
      admin.getState().clockOffsetMs = arm.clock.offsetMs();
      await admin.save();
    },
  };
}

function resolveFromRepo(path: string): string {
  return isAbsolute(path) ? path : resolve(repoRoot, path);
}
