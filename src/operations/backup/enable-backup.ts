import { AzurePermissionError } from '../../azure/azure-permission-error.js';
import type { VaultRef } from '../../azure/backup-port.js';
import { protectionWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import type { Operation, OperationContext } from '../operation.js';
import { resolveVm } from '../resolve-vm.js';
import { backupProtectionByVm } from './backup-protection.js';

/** The policy used when none is named: the vault's own default names, in order. */
const defaultPolicies = ['DefaultPolicy', 'DailyPolicy'];

/**
 * `enable backup <vm> [policy P]`: protects a VM with Azure Backup in a managed vault of its
 * subscription, with the named policy or the vault's default, and waits until Azure lists it.
 */
export const enableBackup: Operation = async (context) => {
  const { command, azure, signal } = context;
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const protection = await backupProtectionByVm(context);
  if (!protection.known) {
    if (protection.cause instanceof AzurePermissionError) throw protection.cause;
    throw new UserFacingError(`Azure Backup cannot be asked right now: ${protection.problem}.`, {
      title: 'Backup status unknown',
      nextStep: 'Try again in a minute.',
    });
  }
  const existing = protection.byVm.get(vm.id.toLowerCase());
  if (existing) {
    return {
      kind: 'backup-enabled',
      title: `${vm.name} is already protected`,
      tone: 'good',
      summary: `Vault ${existing.vault.name}, policy ${existing.policyName ?? 'unknown'} (${protectionWord(existing.protectionState)}).`,
      notes: [`Back it up now: \`backup ${vm.name}\`.`],
    };
  }
  const vault = vaultFor(context, vm.subscriptionId);
  const policy = await choosePolicy(
    context,
    vault,
    command.args.policy ? String(command.args.policy) : undefined,
  );
  if (command.dryRun) {
    return {
      kind: 'backup-enable-plan',
      title: `Dry run: enable backup of ${vm.name}`,
      tone: 'accent',
      summary: `Would protect ${vm.name} in vault ${vault.name} with policy ${policy.name}. Nothing was changed.`,
    };
  }
  await context.progress.show({
    kind: 'backup-enable-progress',
    title: `Enabling backup of ${vm.name}`,
    tone: 'accent',
    summary: `Vault ${vault.name}, policy ${policy.name}.`,
    progress: { steps: [{ label: 'Configure protection', state: 'running' }] },
  });
  await azure.backup.enableProtection(
    vault,
    { id: vm.id, name: vm.name, resourceGroup: vm.resourceGroup },
    policy.id,
    { abortSignal: signal },
  );
  const item = await waitUntilListed(context, vm.id);
  const view: View = {
    kind: 'backup-enabled',
    title: `Backup enabled for ${vm.name}`,
    tone: 'good',
    summary: `Protected in vault ${vault.name} with policy ${policy.name}${item ? ` (${protectionWord(item.protectionState)})` : ''}.`,
    notes: ["The first scheduled backup runs at the policy's time.", `Take one now: \`backup ${vm.name}\`.`],
  };
  return view;
};

function vaultFor(context: OperationContext, subscriptionId: string): VaultRef {
  const vaults = context.azure.backup.vaults.filter(
    (vault) => vault.subscriptionId.toLowerCase() === subscriptionId.toLowerCase(),
  );
  const vault = vaults[0];
  if (!vault) {
    throw new UserFacingError(
      `No managed Recovery Services vault is in the VM's subscription ${subscriptionId}.`,
      {
        title: 'No vault for this VM',
        nextStep: 'Add the vault that should protect it to BACKUP_VAULT_IDS.',
      },
    );
  }
  return vault;
}

async function choosePolicy(
  context: OperationContext,
  vault: VaultRef,
  wanted: string | undefined,
): Promise<{ id: string; name: string }> {
  const policies = await context.azure.backup.listPolicies(vault, { abortSignal: context.signal });
  const byName = (name: string) => policies.find((p) => p.name.toLowerCase() === name.toLowerCase());
  const policy = wanted ? byName(wanted) : (defaultPolicies.map(byName).find(Boolean) ?? policies[0]);
  if (!policy) {
    const names = policies.map((p) => `\`${p.name}\``).join(', ');
    throw new UserFacingError(
      wanted
        ? `Vault ${vault.name} has no backup policy \`${wanted}\`.`
        : `Vault ${vault.name} has no VM backup policy.`,
      {
        title: 'Unknown policy',
        nextStep: names ? `Pick one of ${names}.` : 'Create a VM backup policy in the vault first.',
      },
    );
  }
  return policy;
}

/** Azure lists a newly protected VM after a moment (IRPending); a minute is plenty. */
async function waitUntilListed(context: OperationContext, vmId: string) {
  for (let attempt = 0; attempt < 12; attempt++) {
    const items = await context.azure.backup.listProtectedVms({ abortSignal: context.signal });
    const item = items.find((i) => i.vmId.toLowerCase() === vmId.toLowerCase());
    if (item) return item;
    await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, context.azure.backup.pollIntervalMs)));
  }
  return undefined;
}
