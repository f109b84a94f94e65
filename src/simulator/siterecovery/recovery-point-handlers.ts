import { deterministicUuid } from '../core/deterministic-uuid.js';
import { paginateList } from '../core/paginate-list.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { stalledSinceOf } from './replication-lag.js';
import { requireReplicatedItem, requireVault } from './site-recovery-scope.js';
import type { ReplicatedItemRecord } from './site-recovery-state.js';

/**
 * replicationRecoveryPoints.listByReplicationProtectedItems: the A2A recovery points of an item,
 * newest first, derived from the clock like Azure's rolling retention (24 hours, the portal's
 * default policy): a crash-consistent point every 5 minutes for the last 2 hours, then one an hour;
 * an app-consistent point every 4 hours (on the hour, UTC). The newest point is the newest 5-minute
 * mark at least the item's RPO old, so `now - newest` is never less than the reported RPO. While an
 * item does not replicate (failed over), its points stop at its last RPO calculation; while its
 * replication lags (an injected fault) they stop when the lag began, and a past lag leaves a gap.
 */
const minuteMs = 60_000;
const crashEveryMs = 5 * minuteMs;
const appEveryMs = 4 * 60 * minuteMs;
const denseMs = 2 * 60 * minuteMs;
const retentionMs = 24 * 60 * minuteMs;

export interface SimRecoveryPoint {
  timeMs: number;
  type: 'CrashConsistent' | 'AppConsistent';
}

export function recoveryPointsOf(
  item: ReplicatedItemRecord,
  nowMs: number,
  stalledSinceMs?: number,
): SimRecoveryPoint[] {
  const rpoMs = item.rpoSeconds * 1000;
  const replicatedUntil =
    item.protectionState === 'Protected' ? (stalledSinceMs ?? nowMs) : item.lastRpoCalculatedMs;
  const newest = Math.floor((replicatedUntil - rpoMs) / crashEveryMs) * crashEveryMs;
  const from = Math.max(newest - retentionMs, item.createdMs);
  // A past lag: nothing between the last point before it and the first point once it caught up.
  const gaps = (item.replicationGaps ?? []).map((gap) => ({
    after: gap.fromMs - rpoMs,
    before: Math.floor((gap.toMs - rpoMs) / crashEveryMs) * crashEveryMs,
  }));
  const points: SimRecoveryPoint[] = [];
  for (let t = newest; t >= from; t -= crashEveryMs) {
    if (gaps.some((gap) => t > gap.after && t < gap.before)) continue;
    const isApp = t % appEveryMs === 0;
    if (isApp) points.push({ timeMs: t, type: 'AppConsistent' });
    else if (newest - t < denseMs || t % (60 * minuteMs) === 0)
      points.push({ timeMs: t, type: 'CrashConsistent' });
  }
  return points;
}

export function listRecoveryPoints(context: RouteContext): ArmResult {
  const item = requireReplicatedItem(context, requireVault(context));
  const points = recoveryPointsOf(item, context.nowMs, stalledSinceOf(context.state, item, context.nowMs));
  return paginateList(context, points, (point) => {
    const name = deterministicUuid(`asr-rp:${item.id.toLowerCase()}:${point.timeMs}`);
    return {
      id: `${item.id}/recoveryPoints/${name}`,
      name,
      type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems/recoveryPoints',
      properties: {
        recoveryPointTime: new Date(point.timeMs).toISOString(),
        recoveryPointType: point.type,
        providerSpecificDetails: { instanceType: 'A2A', recoveryPointSyncType: 'PerVmRecoveryPoint' },
      },
    };
  });
}
