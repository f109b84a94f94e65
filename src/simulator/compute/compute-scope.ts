import { ArmError } from '../core/arm-error.js';
import { acceptedResult } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { parseResourceId, providerResourceId } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import type { OperationRecord, SimulatorState } from '../core/simulator-state.js';
import { resourceGroupKey } from '../core/simulator-state.js';
import type { DiskRecord, SnapshotRecord } from './compute-state.js';

/** Where a request points: canonical subscription and resource group, and ids built from them. */
export interface ComputeScope {
  subscriptionId: string;
  resourceGroup: string;
  id(...typesAndNames: string[]): string;
}

export function scopeOf(context: RouteContext): ComputeScope {
  const subscription = ownValue(
    context.state.subscriptions,
    (context.params.subscriptionId ?? '').toLowerCase(),
  );
  const group = ownValue(
    context.state.resourceGroups,
    resourceGroupKey(context.params.subscriptionId ?? '', context.params.resourceGroupName ?? ''),
  );
  const subscriptionId = subscription?.subscriptionId ?? context.params.subscriptionId ?? '';
  const resourceGroup = group?.name ?? context.params.resourceGroupName ?? '';
  return {
    subscriptionId,
    resourceGroup,
    id: (...typesAndNames) =>
      providerResourceId(subscriptionId, resourceGroup, 'Microsoft.Compute', ...typesAndNames),
  };
}

export type DiskSource = { kind: 'disk'; record: DiskRecord } | { kind: 'snapshot'; record: SnapshotRecord };

/** The disk or snapshot a `creationData.sourceResourceId` names; DiskRP's NotFound otherwise. */
export function findDiskSource(state: SimulatorState, sourceResourceId: string): DiskSource {
  const normalized = sourceResourceId.startsWith('/') ? sourceResourceId : `/${sourceResourceId}`;
  const parsed = parseResourceId(normalized);
  const key = normalized.toLowerCase();
  const disk = ownValue(state.compute.disks, key);
  if (disk && disk.provisioningState !== 'Failed') return { kind: 'disk', record: disk };
  const snapshot = ownValue(state.compute.snapshots, key);
  if (snapshot && snapshot.provisioningState === 'Succeeded') return { kind: 'snapshot', record: snapshot };
  if (snapshot)
    throw ArmError.operationNotAllowed(
      `Snapshot ${snapshot.name} is not ready (provisioning state ${snapshot.provisioningState}).`,
    );
  throw new ArmError(404, 'NotFound', `Resource ${parsed?.name ?? sourceResourceId} is not found.`);
}

/** Compute refuses a second operation on a resource while one is still running. */
export function assertNoPendingOperation(
  state: SimulatorState,
  record: { name: string; pendingOperationId?: string },
  action: string,
): void {
  const pending = record.pendingOperationId
    ? ownValue(state.operations, record.pendingOperationId)
    : undefined;
  if (pending && !pending.settled) {
    throw ArmError.conflict(
      `Operation '${action}' is not allowed on '${record.name}' since another operation (${pending.kind}, id ${pending.id}) is in progress. Retry after it completes.`,
    );
  }
}

/** DELETE is idempotent in ARM: a second DELETE while one runs answers with the same operation. */
export function runningDelete(
  state: SimulatorState,
  record: { pendingOperationId?: string },
): OperationRecord | undefined {
  const pending = record.pendingOperationId
    ? ownValue(state.operations, record.pendingOperationId)
    : undefined;
  return pending && !pending.settled && pending.kind.endsWith('.delete') ? pending : undefined;
}

/**
 * The answer to a DELETE of an existing resource: the delete already running (ARM's DELETE is
 * idempotent), or a new long-running delete that leaves the resource busy until it completes.
 */
export function acceptDelete(
  context: RouteContext,
  record: { id: string; name: string; pendingOperationId?: string },
  operation: { kind: string; subscriptionId: string; location: string; durationSeconds: number },
): ArmResult {
  const running = runningDelete(context.state, record);
  if (running) return acceptedResult(context, running, 202);
  assertNoPendingOperation(context.state, record, 'delete');
  const started = context.startOperation({
    namespace: 'Microsoft.Compute',
    resourceId: record.id,
    ...operation,
  });
  record.pendingOperationId = started.id;
  return acceptedResult(context, started, 202);
}

/** The VM a disk belongs to: the one it is attached to, or the one a running update attaches it to. */
export function diskOwner(state: SimulatorState, disk: DiskRecord): string | undefined {
  if (disk.managedBy) return disk.managedBy;
  const pending = disk.pendingAttach;
  if (!pending) return undefined;
  const operation = ownValue(state.operations, pending.operationId);
  return operation && !operation.settled ? pending.vmId : undefined;
}
