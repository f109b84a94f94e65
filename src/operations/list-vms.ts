import type { View } from '../chat/view.js';
import type { Operation } from './operation.js';

const maxRows = 100;

/**
 * `vms [rg] [unprotected]`: every VM the bot can see, one list call per subscription. Backup
 * protection is not known until the Azure Backup capability lands, so `unprotected` says so
 * instead of pretending every VM is unprotected.
 */
export const listVms: Operation = async ({ command, azure, signal }) => {
  const all = await azure.listVms({ abortSignal: signal });
  const group = command.args.rg === undefined ? undefined : String(command.args.rg).toLowerCase();
  const vms = all
    .filter((vm) => group === undefined || vm.resourceGroup.toLowerCase() === group)
    .sort((a, b) => a.resourceGroup.localeCompare(b.resourceGroup) || a.name.localeCompare(b.name));
  const notes = [
    ...(command.args.unprotected === true
      ? [
          '`unprotected` needs backup status, which arrives with the Azure Backup capability (issue 6); showing all VMs.',
        ]
      : []),
    'Details of one VM: `status <vm>`.',
  ];
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
    title: group ? `VMs in ${command.args.rg}` : 'VMs',
    tone: 'neutral',
    summary: `${vms.length} VM(s), ${vms.filter((vm) => vm.powerState === 'running').length} running.`,
    tables: [
      {
        columns: ['VM', 'Resource group', 'Power', 'Size', 'OS', 'Location'],
        rows: vms
          .slice(0, maxRows)
          .map((vm) => [vm.name, vm.resourceGroup, vm.powerState, vm.size, vm.osType, vm.location]),
        note:
          vms.length > maxRows
            ? `${vms.length - maxRows} more not shown; narrow it with \`vms <resource group>\`.`
            : undefined,
      },
    ],
    notes,
  };
  return view;
};
