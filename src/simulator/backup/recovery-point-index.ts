import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type { RecoveryPointRecord } from './backup-state.js';

/**
 * Recovery points by item, newest first: built once from `state.backup.recoveryPoints` and kept
 * until a point is added or removed (through these functions, the only writers), so that listing
 * 500 protected items does not scan every point of the vault 500 times. Not persisted: the state
 * file keeps the plain records, and a state loaded (or reset) is a new object, so a new index.
 */
type Points = Record<string, RecoveryPointRecord>;
const indexes = new WeakMap<Points, Map<string, RecoveryPointRecord[]>>();

/** Every recovery point of the item (expired ones included until removed), newest first. */
export function recoveryPointsOfItem(state: SimulatorState, itemKey: string): readonly RecoveryPointRecord[] {
  const points = state.backup.recoveryPoints;
  let index = indexes.get(points);
  if (!index) {
    index = new Map();
    for (const point of Object.values(points)) {
      const list = index.get(point.itemKey);
      if (list) list.push(point);
      else index.set(point.itemKey, [point]);
    }
    for (const list of index.values()) list.sort((a, b) => b.timeMs - a.timeMs);
    indexes.set(points, index);
  }
  return index.get(itemKey) ?? [];
}

export function addRecoveryPoint(state: SimulatorState, point: RecoveryPointRecord): void {
  state.backup.recoveryPoints[resourceKey(point.id)] = point;
  indexes.delete(state.backup.recoveryPoints);
}

/** Removes the points `expired` says are gone (of one item, or of all when `itemKey` is undefined). */
export function removeExpiredPoints(state: SimulatorState, nowMs: number, itemKey?: string): void {
  const points = state.backup.recoveryPoints;
  let removed = false;
  for (const [key, point] of Object.entries(points)) {
    if ((itemKey === undefined || point.itemKey === itemKey) && point.expiryMs <= nowMs) {
      delete points[key];
      removed = true;
    }
  }
  if (removed) indexes.delete(points);
}
