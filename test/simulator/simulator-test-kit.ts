import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComputeManagementClient } from '@azure/arm-compute';
import type { TokenCredential } from '@azure/core-auth';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../src/simulator/create-simulator.js';
import type { SimulatorResponse } from '../../src/simulator/simulator-types.js';

export const subscriptionId = '00000000-0000-0000-0000-000000000001';
export const endpoint = 'https://management.azure.com';
export const gib = 1024 ** 3;
/** Fast polls: a status poll has no Retry-After in an operation's last second, so this interval applies. */
export const fast = { updateIntervalInMs: 10 };

export const fakeCredential: TokenCredential = {
  getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export function diskId(resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/disks/${name}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  // Speed 3600: an hour-long Azure job takes a second; snapshots take milliseconds.
  return createSimulator({
    speed: 3600,
    onError: (error) => {
      throw error;
    },
    ...options,
  });
}

/** The real SDK client over the in-process transport; retries fast so that fault tests stay quick. */
export function computeClient(simulator: Simulator, maxRetries = 3): ComputeManagementClient {
  return new ComputeManagementClient(fakeCredential, subscriptionId, {
    endpoint,
    httpClient: createInProcessHttpClient(simulator.handle),
    retryOptions: { maxRetries, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
  });
}

/** A raw ARM request, for what the SDK would not send (bad api-versions, raw bodies). */
export async function armRequest(
  simulator: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<SimulatorResponse & { json: unknown }> {
  const response = await simulator.handle({
    method,
    url: `${endpoint}${path}`,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
}

export async function admin(
  simulator: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await armRequest(simulator, method, `/_simulator/${path}`, body);
  if (response.status >= 300) throw new Error(`admin ${method} ${path}: ${response.status} ${response.body}`);
  return response.json;
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'azure-sim-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Reads `a.b.0.c` out of parsed JSON, for assertions on raw ARM bodies. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
