import { type GenericResource, genericResourceOf } from '../core/generic-resource.js';
import type { SimulatorState } from '../core/simulator-state.js';

/** Recovery Services vaults as Microsoft.Resources lists them (SKU RS0/Standard, as render-vault.ts). */
export function vaultGenericResources(state: SimulatorState): GenericResource[] {
  return Object.values(state.backup.vaults).map((vault) =>
    genericResourceOf(vault, 'Microsoft.RecoveryServices/vaults', {
      sku: { name: 'RS0', tier: 'Standard' },
      createdMs: vault.createdMs,
    }),
  );
}
