import type { ProtectedVm } from '../../azure/backup-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { OperationContext } from '../operation.js';
import type { ResolvedVm } from '../resolve-vm.js';

/**
 * The Azure Backup item of a VM, from the managed vaults (one list call per vault). A VM without
 * one gets the next step: enable backup.
 */
export async function findProtectedVm(context: OperationContext, vm: ResolvedVm): Promise<ProtectedVm> {
  const { azure, signal } = context;
  if (azure.backup.vaults.length === 0) {
    throw new UserFacingError('No Recovery Services vault is configured for the bot.', {
      title: 'Azure Backup is not set up',
      nextStep: 'Set BACKUP_VAULT_IDS to the vaults that protect your VMs, and restart the bot.',
    });
  }
  const items = await azure.backup.listProtectedVms({ abortSignal: signal });
  const item = items.find((i) => i.vmId.toLowerCase() === vm.id.toLowerCase());
  if (!item || item.protectionState === 'ProtectionStopped') {
    throw new UserFacingError(`${vm.name} is not protected by Azure Backup.`, {
      title: 'Not protected',
      // After a failover the copy in use may not be backed up: say which copy this is.
      nextStep: `${vm.activeCopy ? `${vm.activeCopy} ` : ''}Run \`enable backup ${vm.name}\` first.`,
    });
  }
  return item;
}
