import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { renderContainer, renderFabric } from './render-fabric.js';
import { recordsOfVault, requireContainer, requireFabric, requireVault } from './site-recovery-scope.js';

/**
 * replicationFabrics list / get, replicationProtectionContainers listByReplicationFabrics / get, and
 * the vault-wide replicationProtectionContainers list.
 */
export function listFabrics(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  return paginateList(context, recordsOfVault(context.state.siteRecovery.fabrics, vault), renderFabric);
}

export function getFabric(context: RouteContext): ArmResult {
  return { status: 200, body: renderFabric(requireFabric(context, requireVault(context))) };
}

export function listFabricContainers(context: RouteContext): ArmResult {
  const fabric = requireFabric(context, requireVault(context));
  const containers = Object.values(context.state.siteRecovery.containers).filter(
    (container) => container.fabricKey === resourceKey(fabric.id),
  );
  return paginateList(context, containers, (container) => renderContainer(context.state, container, fabric));
}

export function listVaultContainers(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const pairs = recordsOfVault(context.state.siteRecovery.containers, vault).flatMap((container) => {
    const fabric = ownValue(context.state.siteRecovery.fabrics, container.fabricKey);
    return fabric ? [{ container, fabric }] : [];
  });
  return paginateList(context, pairs, ({ container, fabric }) =>
    renderContainer(context.state, container, fabric),
  );
}

export function getContainer(context: RouteContext): ArmResult {
  const { fabric, container } = requireContainer(context, requireVault(context));
  return { status: 200, body: renderContainer(context.state, container, fabric) };
}
