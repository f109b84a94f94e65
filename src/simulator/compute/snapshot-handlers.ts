import { randomUUID } from 'node:crypto';
import { ArmError } from '../core/arm-error.js';
import { inScope } from '../core/list-in-scope.js';
import { acceptedResult } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import { readBoolean, readLocation, readObject, readString, readTags } from '../core/read-arm-body.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { acceptDelete, assertNoPendingOperation, findDiskSource, scopeOf } from './compute-scope.js';
import type { SnapshotRecord } from './compute-state.js';
import { renderSnapshot } from './render-disk-resources.js';
import { billSnapshot } from './snapshot-billing.js';
import { assertDiskResourceName } from './validate-disk-name.js';

const gib = 1024 ** 3;
const snapshotSkus = ['Standard_LRS', 'Premium_LRS', 'Standard_ZRS'];

export function listSnapshots(context: RouteContext): ArmResult {
  return paginateList(context, inScope(context.state.compute.snapshots, context), (s) =>
    renderSnapshot(context.state, s, context.nowMs),
  );
}

export function getSnapshot(context: RouteContext): ArmResult {
  return { status: 200, body: renderSnapshot(context.state, requireSnapshot(context), context.nowMs) };
}

function requireSnapshot(context: RouteContext): SnapshotRecord {
  const scope = scopeOf(context);
  const name = context.params.snapshotName ?? '';
  const snapshot = ownValue(context.state.compute.snapshots, resourceKey(scope.id('snapshots', name)));
  if (!snapshot) throw ArmError.resourceNotFound(`Microsoft.Compute/snapshots/${name}`, scope.resourceGroup);
  return snapshot;
}

/** PUT: creates a snapshot as a long-running operation (202, as DiskRP answers), or updates its tags. */
export function putSnapshot(context: RouteContext): ArmResult {
  const scope = scopeOf(context);
  const name = context.params.snapshotName ?? '';
  assertDiskResourceName(name, 'snapshot');
  const body = context.readBody();
  const location = readLocation(body);
  const existing = ownValue(context.state.compute.snapshots, resourceKey(scope.id('snapshots', name)));
  if (existing) return updateSnapshot(context, existing, body);
  const snapshot = createSnapshotRecord(context, readSnapshotRequest(context, body, name, location));
  const operation = context.startOperation({
    namespace: 'Microsoft.Compute',
    kind: 'snapshot.create',
    subscriptionId: scope.subscriptionId,
    location,
    resourceId: snapshot.id,
    durationSeconds: (snapshot.incremental ? 15 : 30) + (0.2 * snapshot.billedBytes) / gib,
  });
  snapshot.pendingOperationId = operation.id;
  context.state.compute.snapshots[resourceKey(snapshot.id)] = snapshot;
  return acceptedResult(context, operation, 202, renderSnapshot(context.state, snapshot, context.nowMs));
}

function readSnapshotRequest(
  context: RouteContext,
  body: Record<string, unknown>,
  name: string,
  location: string,
): NewSnapshot {
  const properties = readObject(body.properties, 'properties') ?? {};
  const creationData = readObject(properties.creationData, 'properties.creationData');
  if (!creationData) throw ArmError.missingParameter('creationData');
  const createOption = readString(creationData.createOption, 'creationData.createOption');
  if (!createOption) throw ArmError.missingParameter('createOption');
  if (createOption.toLowerCase() !== 'copy') {
    throw ArmError.invalidParameter(
      `Snapshot creation with createOption '${createOption}' is not supported by the built-in simulator; use 'Copy'.`,
      'creationData.createOption',
    );
  }
  const sourceResourceId = readString(creationData.sourceResourceId, 'creationData.sourceResourceId');
  if (!sourceResourceId) throw ArmError.missingParameter('sourceResourceId');
  const source = findDiskSource(context.state, sourceResourceId);
  if (source.record.location !== location) {
    throw ArmError.invalidParameter(
      `The location '${location}' of the snapshot does not match the location '${source.record.location}' of the source resource. Use createOption 'CopyStart' to copy across regions.`,
      'location',
    );
  }
  const incremental = readBoolean(properties.incremental, 'properties.incremental') ?? false;
  const sku = readString(readObject(body.sku, 'sku')?.name, 'sku.name') ?? 'Standard_LRS';
  if (!snapshotSkus.includes(sku))
    throw ArmError.invalidParameter(`The value '${sku}' of parameter 'sku.name' is invalid.`, 'sku.name');
  return { name, location, sku, incremental, tags: readTags(body.tags) ?? {}, source };
}

interface NewSnapshot {
  name: string;
  location: string;
  sku: string;
  incremental: boolean;
  tags: Record<string, string>;
  source: ReturnType<typeof findDiskSource>;
}

function createSnapshotRecord(context: RouteContext, input: NewSnapshot): SnapshotRecord {
  const scope = scopeOf(context);
  const { source } = input;
  const billing =
    source.kind === 'disk'
      ? billSnapshot(context.state, source.record, input.incremental, context.nowMs)
      : { usedBytes: source.record.usedBytes, billedBytes: source.record.usedBytes };
  return {
    id: scope.id('snapshots', input.name),
    name: input.name,
    subscriptionId: scope.subscriptionId,
    resourceGroup: scope.resourceGroup,
    location: input.location,
    tags: input.tags,
    timeCreatedMs: context.nowMs,
    uniqueId: randomUUID(),
    sku: input.sku,
    sizeGB: source.record.sizeGB,
    incremental: input.incremental,
    ...(source.record.osType ? { osType: source.record.osType } : {}),
    hyperVGeneration: source.record.hyperVGeneration,
    creationData: {
      createOption: 'Copy',
      sourceResourceId: source.record.id,
      sourceUniqueId: source.record.uniqueId,
    },
    ...billing,
    changeRateBytesPerDay: source.record.changeRateBytesPerDay,
    provisioningState: 'Updating',
  };
}

function updateSnapshot(
  context: RouteContext,
  snapshot: SnapshotRecord,
  body: Record<string, unknown>,
): ArmResult {
  assertNoPendingOperation(context.state, snapshot, 'update');
  const properties = readObject(body.properties, 'properties') ?? {};
  const creationData = readObject(properties.creationData, 'properties.creationData');
  const sourceResourceId = readString(creationData?.sourceResourceId, 'creationData.sourceResourceId');
  if (
    sourceResourceId &&
    sourceResourceId.replace(/^\/?/, '/').toLowerCase() !==
      snapshot.creationData.sourceResourceId?.toLowerCase()
  ) {
    throw new ArmError(
      409,
      'PropertyChangeNotAllowed',
      "Changing property 'sourceResourceId' is not allowed.",
      { target: 'sourceResourceId' },
    );
  }
  const tags = readTags(body.tags);
  if (tags) snapshot.tags = tags;
  context.changed();
  return { status: 200, body: renderSnapshot(context.state, snapshot, context.nowMs) };
}

/** PATCH: tags only (what the bot changes on a snapshot); answered at once. */
export function patchSnapshot(context: RouteContext): ArmResult {
  const snapshot = requireSnapshot(context);
  assertNoPendingOperation(context.state, snapshot, 'update');
  const tags = readTags(context.readBody().tags);
  if (tags) snapshot.tags = tags;
  context.changed();
  return { status: 200, body: renderSnapshot(context.state, snapshot, context.nowMs) };
}

/** DELETE: 202 with the async headers; 204 when there is nothing to delete, as ARM answers. */
export function deleteSnapshot(context: RouteContext): ArmResult {
  const scope = scopeOf(context);
  const snapshot = ownValue(
    context.state.compute.snapshots,
    resourceKey(scope.id('snapshots', context.params.snapshotName ?? '')),
  );
  if (!snapshot) return { status: 204 };
  return acceptDelete(context, snapshot, {
    kind: 'snapshot.delete',
    subscriptionId: scope.subscriptionId,
    location: snapshot.location,
    durationSeconds: 10,
  });
}
