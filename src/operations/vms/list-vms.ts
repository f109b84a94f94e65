import type { View } from '../../chat/view.js';
import { backupProtectionByVm, protectionCell } from '../backup/backup-protection.js';
import { formatAge } from '../format-values.js';
import type { Operation } from '../operation.js';

const maxRows = 100;

/**
 * `vms [rg] [unprotected]`: every VM the bot can see with its backup protection: one list call per
 * subscription and one per vault, however many VMs. `unprotected` keeps the VMs without backup.
 * When Azure Backup cannot be asked, the card says so instead of calling every VM unprotected.
 */
export const listVms: Operation = async (context) => {
  const { command, azure, signal, now } = context;
  const [all, protection] = await Promise.all([
    azure.listVms({ abortSignal: signal }),
    backupProtectionByVm(context),
  ]);
  const group = command.args.rg === undefined ? undefined : String(command.args.rg).toLowerCase();
  const unprotectedOnly = command.args.unprotected === true;
  const inScope = all.filter((vm) => group === undefined || vm.resourceGroup.toLowerCase() === group);
  const isUnprotected = (vm: (typeof all)[number]) => !protection.byVm.has(vm.id.toLowerCase());
  const vms = inScope
    .filter((vm) => !unprotectedOnly || !protection.known || isUnprotected(vm))
    .sort((a, b) => a.resourceGroup.localeCompare(b.resourceGroup) || a.name.localeCompare(b.name));
  const unprotectedVms = inScope.filter(isUnprotected);
  const unprotectedCount = unprotectedVms.length;
  const firstUnprotected = unprotectedVms.map((vm) => vm.name).sort()[0];
  const notes = [
    ...(!protection.known ? [`Backup protection is unknown: ${protection.problem}.`] : []),
    ...(protection.known && unprotectedCount > 0
      ? [
          `${unprotectedCount} of ${inScope.length} VM(s) ${unprotectedCount === 1 ? 'has' : 'have'} no backup${
            unprotectedCount === 1
              ? ''
              : ` (${unprotectedVms
                  .map((vm) => vm.name)
                  .sort()
                  .slice(0, 5)
                  .join(', ')}${unprotectedCount > 5 ? ', ...' : ''})`
          }: protect ${unprotectedCount === 1 ? 'it' : 'each'} with \`enable backup ${firstUnprotected}\`.`,
        ]
      : []),
  ];
  if (unprotectedOnly && protection.known && vms.length === 0 && inScope.length > 0) {
    return {
      kind: 'vm-list',
      title: 'Every VM has a backup',
      tone: 'good',
      summary: `All ${inScope.length} VM(s)${group ? ` in ${command.args.rg}` : ''} are protected by Azure Backup.`,
    };
  }
  if (vms.length === 0) {
    const groups = [...new Set(all.map((vm) => vm.resourceGroup))].sort();
    return {
      kind: 'vm-list',
      title: 'No VMs found',
      tone: 'warning',
      summary: group
        ? `No VM in resource group \`${command.args.rg}\`.`
        : 'The bot sees no VMs in its subscriptions.',
      notes: groups.length > 0 ? [`Resource groups with VMs: ${groups.join(', ')}.`] : [],
    };
  }
  const view: View = {
    kind: 'vm-list',
    title: `${unprotectedOnly && protection.known ? 'VMs without backup' : 'VMs'}${group ? ` in ${command.args.rg}` : ''}`,
    tone: unprotectedOnly && protection.known ? 'warning' : 'neutral',
    summary: `${vms.length} VM(s), ${vms.filter((vm) => vm.powerState === 'running').length} running.`,
    tables: [
      {
        columns: ['VM', 'Resource group', 'Power', 'Size', 'OS', 'Backup'],
        rows: vms
          .slice(0, maxRows)
          .map((vm) => [
            vm.name,
            vm.resourceGroup,
            vm.powerState,
            vm.size,
            vm.osType,
            protection.known
              ? protectionCell(protection.byVm.get(vm.id.toLowerCase()), (d) => formatAge(d, now()))
              : 'unknown',
          ]),
        note:
          vms.length > maxRows
            ? `${vms.length - maxRows} more not shown; narrow it with \`vms <resource group>\`.`
            : undefined,
      },
    ],
    notes: [...notes, `Details of one VM: \`status ${vms[0]?.name}\`.`],
  };
  return view;
};
