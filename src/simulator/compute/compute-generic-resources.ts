import { type GenericResource, genericResourceOf } from '../core/generic-resource.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type { ResourceBase } from './compute-state.js';

/**
 * Microsoft.Compute's resources as Microsoft.Resources lists them: VMs, disks (SKU, the VM that
 * owns them, zones), snapshots and restore point collections. Restore points are not listed (they
 * are children of their collection, as ARM's generic list leaves them out).
 */
export function computeGenericResources(state: SimulatorState): GenericResource[] {
  const { compute } = state;
  const base = (record: ResourceBase, type: string, provisioningState = 'Succeeded'): GenericResource =>
    genericResourceOf(record, type, { createdMs: record.timeCreatedMs, provisioningState });
  return [
    ...Object.values(compute.virtualMachines).map((vm) => ({
      ...base(vm, 'Microsoft.Compute/virtualMachines', vm.provisioningState),
      ...(vm.zone ? { zones: [vm.zone] } : {}),
    })),
    ...Object.values(compute.disks).map((disk) => ({
      ...base(disk, 'Microsoft.Compute/disks', disk.provisioningState),
      sku: { name: disk.sku, tier: diskTier(disk.sku) },
      ...(disk.managedBy ? { managedBy: disk.managedBy } : {}),
      ...(disk.zone ? { zones: [disk.zone] } : {}),
    })),
    ...Object.values(compute.snapshots).map((snapshot) => ({
      ...base(snapshot, 'Microsoft.Compute/snapshots', snapshot.provisioningState),
      sku: { name: snapshot.sku, tier: 'Standard' },
    })),
    ...Object.values(compute.restorePointCollections).map((collection) =>
      base(collection, 'Microsoft.Compute/restorePointCollections'),
    ),
  ];
}

function diskTier(sku: string): string {
  if (sku.startsWith('Premium')) return 'Premium';
  if (sku.startsWith('Ultra')) return 'Ultra';
  return 'Standard';
}
