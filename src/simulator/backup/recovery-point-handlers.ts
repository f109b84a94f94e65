import { paginateList } from '../core/paginate-list.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { backupErrors } from './backup-errors.js';
import { findRecoveryPoint, liveRecoveryPoints, requireItem } from './backup-scope.js';
import { readFilterTime, readODataFilter } from './read-odata-filter.js';
import { renderRecoveryPoint } from './render-recovery-point.js';

/**
 * recoveryPoints list (newest first; `$filter=startDate eq '...' and endDate eq '...'`) and get.
 * Expired recovery points are gone. An unknown one: 404 RecoveryPointNotFound (see README).
 */
export function listRecoveryPoints(context: RouteContext): ArmResult {
  const { item } = requireItem(context);
  const filter = readODataFilter(context.url.searchParams.get('$filter'), [
    'startDate',
    'endDate',
    'restorePointQueryType',
  ]);
  const from = filter.has('startDate')
    ? readFilterTime('startDate', filter.get('startDate') ?? '')
    : -Infinity;
  const to = filter.has('endDate') ? readFilterTime('endDate', filter.get('endDate') ?? '') : Infinity;
  const points = liveRecoveryPoints(context.state, item, context.nowMs).filter(
    (point) => point.timeMs >= from && point.timeMs <= to,
  );
  return paginateList(context, points, (point) => renderRecoveryPoint(point, context.nowMs));
}

export function getRecoveryPoint(context: RouteContext): ArmResult {
  const { item } = requireItem(context);
  const name = context.params.recoveryPointId ?? '';
  const point = findRecoveryPoint(context.state, item, name, context.nowMs);
  if (!point) throw backupErrors.recoveryPointNotFound(name, item.vmName);
  return { status: 200, body: renderRecoveryPoint(point, context.nowMs) };
}
