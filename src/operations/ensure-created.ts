import { setTimeout as sleep } from 'node:timers/promises';
import { AzureRequestError } from '../azure/azure-port.js';
import type { OperationContext } from './operation.js';

const pollMs = 1_000;

/**
 * After a restart, one resource a dead process was creating, as Azure has it now: waits for a create
 * still in flight to end, and creates it if Azure never received the request (the bot died before
 * sending it). Reading the resource, not a stored poller, is right however far that process got.
 */
export async function ensureCreated<T extends { provisioningState?: string }>(
  context: OperationContext,
  resource: { name: string; get(): Promise<T>; create(): Promise<T> },
): Promise<T> {
  for (;;) {
    const current = await currentState(resource.get);
    if (!current) return resource.create();
    if (current.provisioningState === 'Succeeded') return current;
    if (current.provisioningState === 'Failed') {
      throw new AzureRequestError(
        `Azure reports ${resource.name} as failed.`,
        undefined,
        'ProvisioningFailed',
        undefined,
        'operation',
      );
    }
    await sleep(pollMs, undefined, { signal: context.signal });
  }
}

async function currentState<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (error) {
    if (error instanceof AzureRequestError && error.statusCode === 404) return undefined;
    throw error;
  }
}
