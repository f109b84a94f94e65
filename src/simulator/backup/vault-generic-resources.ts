import type { GenericResource } from '../core/generic-resource.js';
import type { SimulatorState } from '../core/simulator-state.js';

/** Recovery Services vaults as Microsoft.Resources lists them (SKU RS0/Standard, as render-vault.ts). */
export function vaultGenericResources(state: SimulatorState): GenericResource[] {
  return Object.values(state.backup.vaults).map((vault) => ({
    id: vault.id,
    name: vault.name,
    type: 'Microsoft.RecoveryServices/vaults',
    subscriptionId: vault.subscriptionId,
    resourceGroup: vault.resourceGroup,
    location: vault.location,
    tags: vault.tags,
    sku: { name: 'RS0', tier: 'Standard' },
    createdMs: vault.createdMs,
    provisioningState: 'Succeeded',
  }));
}
