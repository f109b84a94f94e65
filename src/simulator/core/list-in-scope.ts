import type { RouteContext } from './route-types.js';

/**
 * The records of a list call: the subscription's, or one resource group's when the route names one
 * (`/subscriptions/{s}/providers/...` vs `/subscriptions/{s}/resourceGroups/{rg}/providers/...`).
 */
export function inScope<T extends { subscriptionId: string; resourceGroup: string }>(
  records: Record<string, T>,
  context: RouteContext,
): T[] {
  const subscriptionId = (context.params.subscriptionId ?? '').toLowerCase();
  const group = context.params.resourceGroupName?.toLowerCase();
  return Object.values(records).filter(
    (record) =>
      record.subscriptionId.toLowerCase() === subscriptionId &&
      (group === undefined || record.resourceGroup.toLowerCase() === group),
  );
}
