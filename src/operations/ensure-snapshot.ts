import { setTimeout as sleep } from 'node:timers/promises';
import {
  AzureRequestError,
  type CreateSnapshotRequest,
  computeResourceId,
  type SnapshotInfo,
} from '../azure/azure-port.js';
import type { OperationContext } from './operation.js';

const pollMs = 1_000;

/**
 * After a restart, one snapshot of a set as Azure has it now: waits for a create still in flight to
 * end, and creates it if Azure never received the request (the bot died before sending it). Reading
 * the resource, not a stored poller, makes this right however far the dead process had got.
 */
export async function ensureSnapshot(
  context: OperationContext,
  request: CreateSnapshotRequest,
): Promise<SnapshotInfo> {
  const id = computeResourceId(request, 'snapshots', request.name);
  for (;;) {
    const snapshot = await currentSnapshot(context, id);
    if (!snapshot) return context.azure.createSnapshot(request, { abortSignal: context.signal });
    if (snapshot.provisioningState === 'Succeeded') return snapshot;
    if (snapshot.provisioningState === 'Failed') {
      throw new AzureRequestError(
        `Azure reports ${request.name} as failed.`,
        undefined,
        'ProvisioningFailed',
        undefined,
        'operation',
      );
    }
    await sleep(pollMs, undefined, { signal: context.signal });
  }
}

async function currentSnapshot(context: OperationContext, id: string): Promise<SnapshotInfo | undefined> {
  try {
    return await context.azure.getSnapshot(id, { abortSignal: context.signal });
  } catch (error) {
    if (error instanceof AzureRequestError && error.statusCode === 404) return undefined;
    throw error;
  }
}
