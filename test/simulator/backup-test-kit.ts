import { RecoveryServicesBackupClient } from '@azure/arm-recoveryservicesbackup';
import { createInProcessHttpClient } from '../../src/azure/in-process-http-client.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/create-simulator.js';
import { admin, endpoint, fakeCredential, startSimulator, subscriptionId } from './simulator-test-kit.js';

/** Helpers for the Azure Backup tests: the real RecoveryServicesBackupClient over the in-process transport. */
export const vaultName = 'rsv-prod-weu';
export const vaultGroup = 'rg-bcdr-weu';
export const vaultPath = `/subscriptions/${subscriptionId}/resourceGroups/${vaultGroup}/providers/Microsoft.RecoveryServices/vaults/${vaultName}`;
export const backupApiVersion = '2023-06-01';

export function backupClient(simulator: Simulator, maxRetries = 3): RecoveryServicesBackupClient {
  return new RecoveryServicesBackupClient(fakeCredential, subscriptionId, {
    endpoint,
    httpClient: createInProcessHttpClient(simulator.handle),
    retryOptions: { maxRetries, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
  });
}

/** Container and item names as clients build them (lower-case prefixes, `;` separators). */
export function namesOf(resourceGroup: string, vm: string): { container: string; item: string } {
  return {
    container: `iaasvmcontainer;iaasvmcontainerv2;${resourceGroup};${vm}`,
    item: `vm;iaasvmcontainerv2;${resourceGroup};${vm}`,
  };
}

export function vmId(resourceGroup: string, vm: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${vm}`;
}

/**
 * A simulator whose real clock starts at a fixed instant (08:00 UTC), so that the estate's history
 * (scheduled at 22:30 UTC, 30 days kept) is the same whatever time the tests run.
 */
export async function startPinnedSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ now: pinnedNow(), ...options });
}

/** A real clock that reads 2025-06-10T08:00:00Z when created; share one across restarts. */
export function pinnedNow(): () => number {
  const realStart = Date.now();
  const base = Date.parse('2025-06-10T08:00:00Z');
  return () => base + (Date.now() - realStart);
}

export async function advanceClock(simulator: Simulator, seconds: number): Promise<void> {
  await admin(simulator, 'POST', 'clock', { advanceSeconds: seconds });
}

/** The operation id at the end of an Azure-AsyncOperation or Location URL. */
export function operationIdOf(url: string | undefined): string {
  const id = new URL(url ?? '').pathname.split('/').pop();
  if (!id) throw new Error(`No operation id in ${url}`);
  return id;
}

/** The raw response of an SDK call (headers and status), through `options.onResponse`. */
export function captureResponse(): {
  options: {
    onResponse: (response: { status: number; headers: { get(name: string): string | undefined } }) => void;
  };
  last(): { status: number; header(name: string): string | undefined };
} {
  let captured: { status: number; headers: { get(name: string): string | undefined } } | undefined;
  return {
    options: {
      onResponse: (response) => {
        captured = response;
      },
    },
    last() {
      if (!captured) throw new Error('No response captured');
      const response = captured;
      return { status: response.status, header: (name) => response.headers.get(name) };
    },
  };
}

/** SDK model unions (jobs, items, recovery points) as plain records, for assertions on any field. */
export function fieldsOf(value: unknown): Record<string, unknown> {
  return (value ?? {}) as Record<string, unknown>;
}

/** Path and query of an absolute URL (the async headers), for a raw request to the simulator. */
export function pathAndQuery(url: string | undefined): string {
  const parsed = new URL(url ?? '');
  return `${parsed.pathname}${parsed.search}`;
}
