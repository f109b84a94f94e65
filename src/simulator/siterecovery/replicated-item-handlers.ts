import { paginateList } from '../core/paginate-list.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { renderReplicatedItem } from './render-replicated-item.js';
import {
  recordsOfVault,
  requireContainer,
  requireReplicatedItem,
  requireVault,
} from './site-recovery-scope.js';

/**
 * replicationProtectedItems: the vault-wide list (every replicated VM in one call, what the bot
 * uses), listByReplicationProtectionContainers, and get. `$filter` is not simulated: lists answer
 * every item.
 */
export function listReplicatedItems(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const items = recordsOfVault(context.state.siteRecovery.replicatedItems, vault);
  return paginateList(context, items, (item) => renderReplicatedItem(context.state, item, context.nowMs));
}

export function listContainerItems(context: RouteContext): ArmResult {
  const { container } = requireContainer(context, requireVault(context));
  const items = Object.values(context.state.siteRecovery.replicatedItems)
    .filter((item) => item.containerKey === resourceKey(container.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  return paginateList(context, items, (item) => renderReplicatedItem(context.state, item, context.nowMs));
}

export function getReplicatedItem(context: RouteContext): ArmResult {
  const item = requireReplicatedItem(context, requireVault(context));
  return { status: 200, body: renderReplicatedItem(context.state, item, context.nowMs) };
}
