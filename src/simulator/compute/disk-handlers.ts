import { randomUUID } from 'node:crypto';
import { ArmError } from '../core/arm-error.js';
import { inScope } from '../core/list-in-scope.js';
import { acceptedResult } from '../core/long-running-operations.js';
import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import { readLocation, readNumber, readObject, readString, readTags } from '../core/read-arm-body.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import {
  acceptDelete,
  assertNoPendingOperation,
  type DiskSource,
  diskOwner,
  findDiskSource,
  scopeOf,
} from './compute-scope.js';
import type { DiskRecord } from './compute-state.js';
import { renderDisk } from './render-disk-resources.js';
import { assertDiskResourceName } from './validate-disk-name.js';

const gib = 1024 ** 3;
const diskSkus = [
  'Standard_LRS',
  'Premium_LRS',
  'StandardSSD_LRS',
  'UltraSSD_LRS',
  'Premium_ZRS',
  'StandardSSD_ZRS',
  'PremiumV2_LRS',
];

export function listDisks(context: RouteContext): ArmResult {
  return paginateList(context, inScope(context.state.compute.disks, context), renderDisk);
}

export function getDisk(context: RouteContext): ArmResult {
  return { status: 200, body: renderDisk(requireDisk(context)) };
}

function requireDisk(context: RouteContext): DiskRecord {
  const scope = scopeOf(context);
  const name = context.params.diskName ?? '';
  const disk = ownValue(context.state.compute.disks, resourceKey(scope.id('disks', name)));
  if (!disk) throw ArmError.resourceNotFound(`Microsoft.Compute/disks/${name}`, scope.resourceGroup);
  return disk;
}

/** PUT: a new disk, empty or copied from a snapshot or disk, as a long-running operation (202). */
export function putDisk(context: RouteContext): ArmResult {
  const scope = scopeOf(context);
  const name = context.params.diskName ?? '';
  assertDiskResourceName(name, 'disk');
  const body = context.readBody();
  const location = readLocation(body);
  const existing = ownValue(context.state.compute.disks, resourceKey(scope.id('disks', name)));
  if (existing) {
    assertSameCreationData(existing, body);
    return updateDisk(context, existing, body);
  }
  const disk = readNewDisk(context, body, name, location);
  const operation = context.startOperation({
    namespace: 'Microsoft.Compute',
    kind: 'disk.create',
    subscriptionId: scope.subscriptionId,
    location,
    resourceId: disk.id,
    durationSeconds: 20 + (0.1 * disk.usedBytes) / gib,
  });
  disk.pendingOperationId = operation.id;
  context.state.compute.disks[resourceKey(disk.id)] = disk;
  return acceptedResult(context, operation, 202, renderDisk(disk));
}

function readNewDisk(
  context: RouteContext,
  body: Record<string, unknown>,
  name: string,
  location: string,
): DiskRecord {
  const scope = scopeOf(context);
  const properties = readObject(body.properties, 'properties') ?? {};
  const creationData = readObject(properties.creationData, 'properties.creationData');
  if (!creationData) throw ArmError.missingParameter('creationData');
  const createOption = readString(creationData.createOption, 'creationData.createOption');
  if (!createOption) throw ArmError.missingParameter('createOption');
  const requestedSize = readNumber(properties.diskSizeGB, 'properties.diskSizeGB');
  const sku = readString(readObject(body.sku, 'sku')?.name, 'sku.name') ?? 'Standard_LRS';
  if (!diskSkus.includes(sku))
    throw ArmError.invalidParameter(`The value '${sku}' of parameter 'sku.name' is invalid.`, 'sku.name');
  const osType = readString(properties.osType, 'properties.osType');
  if (osType !== undefined && osType !== 'Linux' && osType !== 'Windows') {
    throw ArmError.invalidParameter(`The value '${osType}' of parameter 'osType' is invalid.`, 'osType');
  }
  const content = readContent(context, createOption, creationData, requestedSize, location);
  return {
    id: scope.id('disks', name),
    name,
    subscriptionId: scope.subscriptionId,
    resourceGroup: scope.resourceGroup,
    location,
    tags: readTags(body.tags) ?? {},
    timeCreatedMs: context.nowMs,
    uniqueId: randomUUID(),
    sku,
    ...content,
    ...(osType ? { osType } : content.osType ? { osType: content.osType } : {}),
    provisioningState: 'Updating',
  };
}

type DiskContent = Pick<
  DiskRecord,
  'sizeGB' | 'usedBytes' | 'changeRateBytesPerDay' | 'hyperVGeneration' | 'creationData' | 'osType'
>;

function readContent(
  context: RouteContext,
  createOption: string,
  creationData: Record<string, unknown>,
  requestedSize: number | undefined,
  location: string,
): DiskContent {
  if (createOption.toLowerCase() === 'empty') {
    if (requestedSize === undefined) throw ArmError.missingParameter('diskSizeGB');
    assertSize(requestedSize);
    return {
      sizeGB: requestedSize,
      usedBytes: 0,
      changeRateBytesPerDay: 0,
      hyperVGeneration: 'V2',
      creationData: { createOption: 'Empty' },
    };
  }
  if (createOption.toLowerCase() !== 'copy') {
    throw ArmError.invalidParameter(
      `Disk creation with createOption '${createOption}' is not supported by the built-in simulator; use 'Empty' or 'Copy'.`,
      'creationData.createOption',
    );
  }
  const sourceResourceId = readString(creationData.sourceResourceId, 'creationData.sourceResourceId');
  if (!sourceResourceId) throw ArmError.missingParameter('sourceResourceId');
  const source = findDiskSource(context.state, sourceResourceId);
  return copyContent(source, requestedSize, location);
}

function copyContent(source: DiskSource, requestedSize: number | undefined, location: string): DiskContent {
  const { record } = source;
  if (record.location !== location) {
    throw ArmError.invalidParameter(
      `The location '${location}' of the disk does not match the location '${record.location}' of the source resource.`,
      'location',
    );
  }
  const sizeGB = requestedSize ?? record.sizeGB;
  assertSize(sizeGB);
  if (sizeGB < record.sizeGB) {
    throw ArmError.invalidParameter(
      `The specified disk size ${sizeGB} GB is smaller than the size of the corresponding ${source.kind} (${record.sizeGB} GB).`,
      'diskSizeGB',
    );
  }
  return {
    sizeGB,
    usedBytes: record.usedBytes,
    changeRateBytesPerDay: record.changeRateBytesPerDay,
    hyperVGeneration: record.hyperVGeneration,
    creationData: { createOption: 'Copy', sourceResourceId: record.id, sourceUniqueId: record.uniqueId },
    ...(record.osType ? { osType: record.osType } : {}),
  };
}

function assertSize(sizeGB: number): void {
  if (!Number.isInteger(sizeGB) || sizeGB < 1 || sizeGB > 65536) {
    throw ArmError.invalidParameter(
      `The value ${sizeGB} of parameter 'diskSizeGB' is invalid: it must be a whole number from 1 to 65536.`,
      'diskSizeGB',
    );
  }
}

/**
 * A PUT on an existing disk may change tags and size, never what the disk was made from: DiskRP
 * answers 409 PropertyChangeNotAllowed, so a client re-using a name for other content finds out.
 */
function assertSameCreationData(disk: DiskRecord, body: Record<string, unknown>): void {
  const properties = readObject(body.properties, 'properties') ?? {};
  const creationData = readObject(properties.creationData, 'properties.creationData');
  if (!creationData) return;
  const createOption = readString(creationData.createOption, 'creationData.createOption');
  const sourceResourceId = readString(creationData.sourceResourceId, 'creationData.sourceResourceId');
  const optionChanged =
    createOption !== undefined && createOption.toLowerCase() !== disk.creationData.createOption.toLowerCase();
  const sourceChanged =
    sourceResourceId !== undefined &&
    resourceKey(sourceResourceId.replace(/^\/?/, '/')) !==
      resourceKey(disk.creationData.sourceResourceId ?? '');
  if (optionChanged || sourceChanged) {
    throw new ArmError(409, 'PropertyChangeNotAllowed', "Changing property 'creationData' is not allowed.", {
      target: 'creationData',
    });
  }
}

function updateDisk(context: RouteContext, disk: DiskRecord, body: Record<string, unknown>): ArmResult {
  assertNoPendingOperation(context.state, disk, 'update');
  const properties = readObject(body.properties, 'properties') ?? {};
  const sizeGB = readNumber(properties.diskSizeGB, 'properties.diskSizeGB');
  if (sizeGB !== undefined && sizeGB !== disk.sizeGB) {
    assertSize(sizeGB);
    if (sizeGB < disk.sizeGB)
      throw ArmError.invalidParameter('Disk size reduction is not supported.', 'diskSizeGB');
    const owner = diskOwner(context.state, disk);
    if (owner)
      throw ArmError.operationNotAllowed(
        `Disk ${disk.name} is attached to VM ${owner}; deallocate it to resize.`,
      );
    disk.sizeGB = sizeGB;
  }
  const tags = readTags(body.tags);
  if (tags) disk.tags = tags;
  context.changed();
  return { status: 200, body: renderDisk(disk) };
}

/** PATCH: tags and size, answered at once. */
export function patchDisk(context: RouteContext): ArmResult {
  return updateDisk(context, requireDisk(context), context.readBody());
}

export function deleteDisk(context: RouteContext): ArmResult {
  const scope = scopeOf(context);
  const disk = ownValue(
    context.state.compute.disks,
    resourceKey(scope.id('disks', context.params.diskName ?? '')),
  );
  if (!disk) return { status: 204 };
  // DiskRP's answer, also while a VM update that attaches the disk is still running.
  const owner = diskOwner(context.state, disk);
  if (owner) throw ArmError.operationNotAllowed(`Disk ${disk.name} is attached to VM ${owner}.`);
  return acceptDelete(context, disk, {
    kind: 'disk.delete',
    subscriptionId: scope.subscriptionId,
    location: disk.location,
    durationSeconds: 10,
  });
}
