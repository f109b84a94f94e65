import { AzurePermissionError } from '../../azure/azure-permission-error.js';
import type { ProtectedVm } from '../../azure/backup-port.js';
import { protectionWord, stateWord } from '../../chat/domain-words.js';
import type { OperationContext } from '../operation.js';

/**
 * Backup protection of every VM, by VM id (lower case), from the managed vaults: one list call per
 * vault. When Azure Backup cannot be asked (no vault configured, or it fails), `known` is false and
 * the caller says so rather than calling every VM unprotected.
 */
export async function backupProtectionByVm(
  context: Pick<OperationContext, 'azure' | 'signal' | 'log'>,
): Promise<{ known: boolean; byVm: Map<string, ProtectedVm>; problem?: string; cause?: unknown }> {
  const { azure, signal, log } = context;
  if (azure.backup.vaults.length === 0)
    return { known: false, byVm: new Map(), problem: 'no backup vault is configured (BACKUP_VAULT_IDS)' };
  try {
    const items = await azure.backup.listProtectedVms({ abortSignal: signal });
    const active = items.filter((item) => item.protectionState !== 'ProtectionStopped');
    return { known: true, byVm: new Map(active.map((item) => [item.vmId.toLowerCase(), item])) };
  } catch (error) {
    log.warn({ err: error }, 'backup protection could not be read');
    // A missing permission is no silence: say which one.
    const problem = error instanceof AzurePermissionError ? error.message : 'Azure Backup did not answer';
    return { known: false, byVm: new Map(), problem, cause: error };
  }
}

/** "Protected, last backup 5 h ago (Completed)" in a table cell. */
export function protectionCell(
  item: ProtectedVm | undefined,
  age: (date: Date | undefined) => string,
): string {
  if (!item) return 'none';
  const last = item.lastBackupTime ? `last ${age(item.lastBackupTime)}` : 'no backup yet';
  const status =
    item.lastBackupStatus && item.lastBackupStatus !== 'Completed'
      ? ` (${stateWord(item.lastBackupStatus)})`
      : '';
  return `${protectionWord(item.protectionState)}, ${last}${status}`;
}
