import type { SimulatorState } from '../core/simulator-state.js';
import type { DiskRecord, SnapshotRecord } from './compute-state.js';

/**
 * Deterministic snapshot billing, after Azure's rules: a full snapshot bills the used size of its
 * disk; the first incremental snapshot of a disk (its family) bills the used size too; each later
 * one bills the blocks changed since the previous one in the family, i.e. the disk's change rate
 * times the simulated time between them, at most the used size.
 */
const dayMs = 24 * 3600 * 1000;

export interface SnapshotBilling {
  usedBytes: number;
  billedBytes: number;
  incrementalSnapshotFamilyId?: string;
}

export function billSnapshot(
  state: SimulatorState,
  disk: DiskRecord,
  incremental: boolean,
  nowMs: number,
): SnapshotBilling {
  const usedBytes = disk.usedBytes;
  if (!incremental) return { usedBytes, billedBytes: usedBytes };
  const familyId = disk.uniqueId;
  const previous = latestInFamily(state, familyId, nowMs);
  if (!previous) return { usedBytes, billedBytes: usedBytes, incrementalSnapshotFamilyId: familyId };
  return {
    usedBytes,
    billedBytes: changedBytes(disk, previous.timeCreatedMs, nowMs),
    incrementalSnapshotFamilyId: familyId,
  };
}

export function changedBytes(
  disk: Pick<DiskRecord, 'usedBytes' | 'changeRateBytesPerDay'>,
  sinceMs: number,
  nowMs: number,
): number {
  const changed = Math.round((disk.changeRateBytesPerDay * Math.max(0, nowMs - sinceMs)) / dayMs);
  return Math.min(disk.usedBytes, changed);
}

function latestInFamily(
  state: SimulatorState,
  familyId: string,
  beforeMs: number,
): SnapshotRecord | undefined {
  let latest: SnapshotRecord | undefined;
  for (const snapshot of Object.values(state.compute.snapshots)) {
    if (snapshot.incrementalSnapshotFamilyId !== familyId || snapshot.provisioningState === 'Failed')
      continue;
    if (snapshot.timeCreatedMs > beforeMs) continue;
    if (!latest || snapshot.timeCreatedMs >= latest.timeCreatedMs) latest = snapshot;
  }
  return latest;
}

/**
 * Deleting an incremental snapshot does not free the blocks the next one in its family still
 * needs: they move to that next snapshot's bill (at most its used size).
 */
export function rebillAfterDelete(state: SimulatorState, deleted: SnapshotRecord): void {
  const familyId = deleted.incrementalSnapshotFamilyId;
  if (!familyId) return;
  let next: SnapshotRecord | undefined;
  for (const snapshot of Object.values(state.compute.snapshots)) {
    if (
      snapshot === deleted ||
      snapshot.incrementalSnapshotFamilyId !== familyId ||
      snapshot.provisioningState === 'Failed'
    )
      continue;
    if (snapshot.timeCreatedMs < deleted.timeCreatedMs) continue;
    if (!next || snapshot.timeCreatedMs < next.timeCreatedMs) next = snapshot;
  }
  if (next) next.billedBytes = Math.min(next.usedBytes, next.billedBytes + deleted.billedBytes);
}
