import type { AzurePort, VmSummary } from '../azure/azure-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import { suggestClosest } from '../commands/suggest-closest.js';

/**
 * Finds a VM by name across every managed subscription and resource group (one list call per
 * subscription). Names are case-insensitive in Azure. `rg/vm` picks one of several same-named VMs.
 */
export async function resolveVm(azure: AzurePort, name: string, signal?: AbortSignal): Promise<VmSummary> {
  const vms = await azure.listVms({ abortSignal: signal });
  const [group, vmName] = name.includes('/') ? name.split('/', 2) : [undefined, name];
  const wanted = (vmName ?? '').toLowerCase();
  const matches = vms.filter(
    (vm) =>
      vm.name.toLowerCase() === wanted &&
      (group === undefined || vm.resourceGroup.toLowerCase() === group.toLowerCase()),
  );
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    const places = matches.map((vm) => `${vm.resourceGroup}/${vm.name}`);
    throw new UserFacingError(
      `\`${vmName}\` is ambiguous: it exists in ${matches.map((vm) => vm.resourceGroup).join(' and ')}.`,
      {
        title: 'Which VM?',
        nextStep: `Say which, with the resource group: ${places.map((p) => `\`${p}\``).join(' or ')}.`,
      },
    );
  }
  const closest = suggestClosest(vmName ?? '', [...new Set(vms.map((vm) => vm.name))], 3);
  throw new UserFacingError(`There is no VM named \`${vmName}\`${group ? ` in ${group}` : ''}.`, {
    title: 'Unknown VM',
    nextStep:
      closest.length > 0
        ? `Did you mean ${closest.map((c) => `\`${c}\``).join(', ')}?`
        : 'Type `vms` to list the VMs the bot can see.',
  });
}
