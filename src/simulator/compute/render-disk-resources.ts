import { ownValue } from '../core/own-property.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type { DiskRecord, SnapshotRecord } from './compute-state.js';

/**
 * Disks and snapshots as DiskRP returns them (REST spec examples Disk_Get, Snapshot_GetIncrementalSnapshot).
 * Two properties are the simulator's own, since Azure reports neither:
 *  - `properties.usedSizeBytes`: bytes written on a disk (on a snapshot: on its source when taken);
 *  - `properties.billedSizeBytes` (snapshots): what the snapshot adds to the bill.
 * The SDK's deserializer drops them; read them from the raw body (see README).
 */
const gib = 1024 ** 3;

function skuTier(sku: string): string {
  if (sku.startsWith('Premium')) return 'Premium';
  if (sku.startsWith('Ultra')) return 'Ultra';
  return 'Standard';
}

function creationData(record: DiskRecord | SnapshotRecord): Record<string, string> {
  const data: Record<string, string> = { createOption: record.creationData.createOption };
  if (record.creationData.sourceResourceId) data.sourceResourceId = record.creationData.sourceResourceId;
  if (record.creationData.sourceUniqueId) data.sourceUniqueId = record.creationData.sourceUniqueId;
  return data;
}

export function renderDisk(disk: DiskRecord): unknown {
  return {
    name: disk.name,
    id: disk.id,
    type: 'Microsoft.Compute/disks',
    location: disk.location,
    tags: disk.tags,
    ...(disk.managedBy ? { managedBy: disk.managedBy } : {}),
    sku: { name: disk.sku, tier: skuTier(disk.sku) },
    ...(disk.zone ? { zones: [disk.zone] } : {}),
    properties: {
      ...(disk.osType ? { osType: disk.osType } : {}),
      hyperVGeneration: disk.hyperVGeneration,
      creationData: creationData(disk),
      diskSizeGB: disk.sizeGB,
      diskSizeBytes: disk.sizeGB * gib,
      uniqueId: disk.uniqueId,
      encryption: { type: 'EncryptionAtRestWithPlatformKey' },
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
      timeCreated: new Date(disk.timeCreatedMs).toISOString(),
      provisioningState: disk.provisioningState,
      diskState: disk.managedBy ? 'Attached' : 'Unattached',
      usedSizeBytes: disk.usedBytes,
    },
  };
}

export function renderSnapshot(state: SimulatorState, snapshot: SnapshotRecord, nowMs: number): unknown {
  return {
    name: snapshot.name,
    id: snapshot.id,
    type: 'Microsoft.Compute/snapshots',
    location: snapshot.location,
    tags: snapshot.tags,
    sku: { name: snapshot.sku, tier: 'Standard' },
    properties: {
      ...(snapshot.osType ? { osType: snapshot.osType } : {}),
      hyperVGeneration: snapshot.hyperVGeneration,
      creationData: creationData(snapshot),
      diskSizeGB: snapshot.sizeGB,
      diskSizeBytes: snapshot.sizeGB * gib,
      uniqueId: snapshot.uniqueId,
      incremental: snapshot.incremental,
      ...(snapshot.incrementalSnapshotFamilyId
        ? { incrementalSnapshotFamilyId: snapshot.incrementalSnapshotFamilyId }
        : {}),
      encryption: { type: 'EncryptionAtRestWithPlatformKey' },
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
      timeCreated: new Date(snapshot.timeCreatedMs).toISOString(),
      provisioningState: snapshot.provisioningState,
      diskState: 'Unattached',
      completionPercent: completionPercent(state, snapshot, nowMs),
      usedSizeBytes: snapshot.usedBytes,
      billedSizeBytes: snapshot.billedBytes,
    },
  };
}

/** Lazy progress: how far the simulated clock is through the creating operation. */
function completionPercent(state: SimulatorState, snapshot: SnapshotRecord, nowMs: number): number {
  const operation = snapshot.pendingOperationId
    ? ownValue(state.operations, snapshot.pendingOperationId)
    : undefined;
  if (!operation || operation.settled) return snapshot.provisioningState === 'Succeeded' ? 100 : 0;
  const span = operation.endMs - operation.startMs;
  if (span <= 0) return 100;
  return Math.min(99, Math.max(0, Math.floor(((nowMs - operation.startMs) / span) * 100)));
}
