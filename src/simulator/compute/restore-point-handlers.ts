import { randomUUID } from 'node:crypto';
import { ArmError } from '../core/arm-error.js';
import { inScope } from '../core/list-in-scope.js';
import { acceptedResult } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import { readLocation, readObject, readString, readTags } from '../core/read-arm-body.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { acceptDelete, scopeOf } from './compute-scope.js';
import type { RestorePointCollectionRecord, RestorePointRecord } from './compute-state.js';
import { planDiskRestorePoints } from './plan-disk-restore-points.js';
import { renderRestorePoint, renderRestorePointCollection } from './render-restore-points.js';
import { assertComputeEntityName } from './validate-entity-name.js';

const gib = 1024 ** 3;
const consistencyModes = ['CrashConsistent', 'FileSystemConsistent', 'ApplicationConsistent'];

export function listRestorePointCollections(context: RouteContext): ArmResult {
  return paginateList(context, inScope(context.state.compute.restorePointCollections, context), (c) =>
    renderRestorePointCollection(context.state, c, false),
  );
}

export function getRestorePointCollection(context: RouteContext): ArmResult {
  const expand = context.url.searchParams.get('$expand')?.toLowerCase() === 'restorepoints';
  return {
    status: 200,
    body: renderRestorePointCollection(context.state, requireCollection(context), expand),
  };
}

function requireCollection(context: RouteContext): RestorePointCollectionRecord {
  const scope = scopeOf(context);
  const name = context.params.collectionName ?? '';
  const collection = ownValue(
    context.state.compute.restorePointCollections,
    resourceKey(scope.id('restorePointCollections', name)),
  );
  if (!collection)
    throw ArmError.resourceNotFound(`Microsoft.Compute/restorePointCollections/${name}`, scope.resourceGroup);
  return collection;
}

/** PUT collection: synchronous, 201 on create and 200 on update, as Compute answers. */
export function putRestorePointCollection(context: RouteContext): ArmResult {
  const scope = scopeOf(context);
  const name = context.params.collectionName ?? '';
  assertComputeEntityName(name, 'restorePointCollectionName');
  const body = context.readBody();
  const location = readLocation(body);
  const tags = readTags(body.tags);
  const properties = readObject(body.properties, 'properties');
  const sourceId = readString(readObject(properties?.source, 'source')?.id, 'source.id');
  const existing = ownValue(
    context.state.compute.restorePointCollections,
    resourceKey(scope.id('restorePointCollections', name)),
  );
  if (existing) {
    if (sourceId && resourceKey(sourceId) !== resourceKey(existing.sourceVmId)) {
      throw new ArmError(409, 'PropertyChangeNotAllowed', "Changing property 'source.id' is not allowed.", {
        target: 'source.id',
      });
    }
    if (tags) existing.tags = tags;
    context.changed();
    return { status: 200, body: renderRestorePointCollection(context.state, existing, false) };
  }
  if (!sourceId) throw ArmError.missingParameter('source');
  const collection = newCollection(context, { name, location, tags: tags ?? {}, sourceId });
  context.state.compute.restorePointCollections[resourceKey(collection.id)] = collection;
  context.changed();
  return { status: 201, body: renderRestorePointCollection(context.state, collection, false) };
}

function newCollection(
  context: RouteContext,
  input: { name: string; location: string; tags: Record<string, string>; sourceId: string },
): RestorePointCollectionRecord {
  const scope = scopeOf(context);
  const vm = ownValue(context.state.compute.virtualMachines, resourceKey(input.sourceId));
  if (!vm) {
    const name = input.sourceId.split('/').pop();
    throw new ArmError(404, 'NotFound', `Resource ${name} is not found.`, { target: 'source.id' });
  }
  if (vm.location !== input.location) {
    throw ArmError.invalidParameter(
      `The restore point collection must be in the region of its source VM ('${vm.location}').`,
      'location',
    );
  }
  return {
    id: scope.id('restorePointCollections', input.name),
    name: input.name,
    subscriptionId: scope.subscriptionId,
    resourceGroup: scope.resourceGroup,
    location: input.location,
    tags: input.tags,
    timeCreatedMs: context.nowMs,
    sourceVmId: vm.id,
    collectionUniqueId: randomUUID(),
  };
}

export function deleteRestorePointCollection(context: RouteContext): ArmResult {
  const scope = scopeOf(context);
  const collection = ownValue(
    context.state.compute.restorePointCollections,
    resourceKey(scope.id('restorePointCollections', context.params.collectionName ?? '')),
  );
  if (!collection) return { status: 204 };
  return acceptDelete(context, collection, {
    kind: 'restorePointCollection.delete',
    subscriptionId: scope.subscriptionId,
    location: collection.location,
    durationSeconds: 20,
  });
}

export function getRestorePoint(context: RouteContext): ArmResult {
  return { status: 200, body: renderRestorePoint(requireRestorePoint(context)) };
}

function requireRestorePoint(context: RouteContext): RestorePointRecord {
  const collection = requireCollection(context);
  const name = context.params.restorePointName ?? '';
  const point = ownValue(
    context.state.compute.restorePoints,
    resourceKey(`${collection.id}/restorePoints/${name}`),
  );
  if (!point) {
    throw ArmError.resourceNotFound(
      `Microsoft.Compute/restorePointCollections/${collection.name}/restorePoints/${name}`,
      collection.resourceGroup,
    );
  }
  return point;
}

/** PUT restore point: a long-running operation (201 with the async headers). */
export function putRestorePoint(context: RouteContext): ArmResult {
  const collection = requireCollection(context);
  const name = context.params.restorePointName ?? '';
  assertComputeEntityName(name, 'restorePointName');
  const id = `${collection.id}/restorePoints/${name}`;
  if (ownValue(context.state.compute.restorePoints, resourceKey(id))) {
    throw ArmError.operationNotAllowed(
      `Restore point '${name}' already exists; restore points cannot be updated.`,
    );
  }
  const properties = readObject(context.readBody().properties, 'properties') ?? {};
  const requestedMode = readConsistencyMode(properties.consistencyMode);
  const plan = planDiskRestorePoints(context.state, collection, id, properties.excludeDisks, context.nowMs);
  const point: RestorePointRecord = {
    id,
    name,
    collectionKey: resourceKey(collection.id),
    // A VM that is not running cannot quiesce its applications or file systems.
    consistencyMode: plan.vmRunning ? requestedMode : 'CrashConsistent',
    excludeDiskIds: plan.excludeDiskIds,
    timeCreatedMs: context.nowMs,
    provisioningState: 'Creating',
    vm: plan.vm,
    location: collection.location,
    disks: plan.disks,
  };
  const billed = point.disks.reduce((sum, disk) => sum + disk.billedBytes, 0);
  const operation = context.startOperation({
    namespace: 'Microsoft.Compute',
    kind: 'restorePoint.create',
    subscriptionId: collection.subscriptionId,
    location: collection.location,
    resourceId: id,
    durationSeconds: 30 + 10 * point.disks.length + (0.1 * billed) / gib,
  });
  point.pendingOperationId = operation.id;
  context.state.compute.restorePoints[resourceKey(id)] = point;
  return acceptedResult(context, operation, 201, renderRestorePoint(point));
}

function readConsistencyMode(value: unknown): string {
  const mode = readString(value, 'properties.consistencyMode') ?? 'ApplicationConsistent';
  if (!consistencyModes.includes(mode)) {
    throw ArmError.invalidParameter(
      `The value '${mode}' of parameter 'consistencyMode' is invalid.`,
      'consistencyMode',
    );
  }
  return mode;
}

export function deleteRestorePoint(context: RouteContext): ArmResult {
  const collection = requireCollection(context);
  const point = ownValue(
    context.state.compute.restorePoints,
    resourceKey(`${collection.id}/restorePoints/${context.params.restorePointName ?? ''}`),
  );
  if (!point) return { status: 204 };
  return acceptDelete(context, point, {
    kind: 'restorePoint.delete',
    subscriptionId: collection.subscriptionId,
    location: collection.location,
    durationSeconds: 15,
  });
}
