import { ownValue } from '../core/own-property.js';
import { paginateList } from '../core/paginate-list.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import type { SimulatorState } from '../core/simulator-state.js';
import { backupErrors } from './backup-errors.js';
import { policyId } from './backup-names.js';
import { requireVault } from './backup-scope.js';
import type { PolicyRecord, VaultRecord } from './backup-state.js';
import { readODataFilter } from './read-odata-filter.js';
import { renderPolicy } from './render-vault.js';

/** backupPolicies list (`$filter=backupManagementType eq 'AzureIaasVM'`) and protectionPolicies get. */
export function listPolicies(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const filter = readODataFilter(context.url.searchParams.get('$filter'), ['backupManagementType']);
  const type = filter.get('backupManagementType');
  const policies =
    type !== undefined && type.toLowerCase() !== 'azureiaasvm'
      ? []
      : Object.values(context.state.backup.policies).filter((p) => p.vaultKey === resourceKey(vault.id));
  return paginateList(context, policies, (policy) => render(context.state, policy, vault));
}

export function getPolicy(context: RouteContext): ArmResult {
  const vault = requireVault(context);
  const name = context.params.policyName ?? '';
  const policy = ownValue(context.state.backup.policies, resourceKey(policyId(vault.id, name)));
  if (!policy) throw backupErrors.policyNotFound(name);
  return { status: 200, body: render(context.state, policy, vault) };
}

function render(state: SimulatorState, policy: PolicyRecord, vault: VaultRecord): unknown {
  const key = resourceKey(policy.id);
  const count = Object.values(state.backup.protectedItems).filter((item) => item.policyKey === key).length;
  return renderPolicy(policy, vault, count);
}
