import { describe, expect, it } from 'vitest';
import { armActionOf } from '../support/arm-action-of.js';

/** The tests' own derivation of the action ARM checks, independent of the simulator's. */
describe('ARM actions, as ARM derives them from a request', () => {
  it.each([
    [
      'POST',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/start',
      'Microsoft.Compute/virtualMachines/start/action',
    ],
    [
      'POST',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupFabrics/Azure/protectionContainers/c/protectedItems/i/backup',
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/backup/action',
    ],
    [
      'GET',
      '/subscriptions/{name}/providers/Microsoft.Compute/snapshots',
      'Microsoft.Compute/snapshots/read',
    ],
    [
      'PUT',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/c/restorePoints/p',
      'Microsoft.Compute/restorePointCollections/restorePoints/write',
    ],
    [
      'PATCH',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm',
      'Microsoft.Compute/virtualMachines/write',
    ],
    [
      'DELETE',
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d?api-version=1',
      'Microsoft.Compute/disks/delete',
    ],
    ['GET', '/subscriptions/s/resourceGroups/rg', 'Microsoft.Resources/subscriptions/resourceGroups/read'],
  ])('%s %s -> %s', (method, path, action) => {
    expect(armActionOf(method, path)).toBe(action);
  });
});
