import type { Estate } from '../core/estate-schema.js';

/**
 * Estate references the network slice relies on: a VM's `subnet` names a network of its own group
 * and one of its subnets; a network's `peerings` name networks of the same subscription, not itself.
 */
export function findNetworkReferenceProblems(estate: Estate): string[] {
  const problems: string[] = [];
  estate.subscriptions.forEach((subscription, s) => {
    const networks = new Map<string, Set<string>>();
    for (const group of subscription.resourceGroups) {
      for (const vnet of group.virtualNetworks) {
        const subnets = new Set(vnet.subnets.map((subnet) => subnet.name.toLowerCase()));
        networks.set(`${group.name}/${vnet.name}`.toLowerCase(), subnets);
      }
    }
    subscription.resourceGroups.forEach((group, g) => {
      const where = `subscriptions[${s}].resourceGroups[${g}]`;
      group.virtualMachines.forEach((vm, v) => {
        if (!vm.subnet) return;
        const [vnet = '', subnet = ''] = vm.subnet.toLowerCase().split('/');
        if (!networks.get(`${group.name}/${vnet}`.toLowerCase())?.has(subnet))
          problems.push(
            `${where}.virtualMachines[${v}].subnet: no subnet '${vm.subnet}' in resource group '${group.name}'`,
          );
      });
      group.virtualNetworks.forEach((vnet, n) => {
        vnet.peerings.forEach((ref, p) => {
          const self = `${group.name}/${vnet.name}`.toLowerCase();
          if (ref.toLowerCase() === self || !networks.has(ref.toLowerCase()))
            problems.push(
              `${where}.virtualNetworks[${n}].peerings[${p}]: no other network '${ref}' in subscription ${subscription.subscriptionId}`,
            );
        });
      });
    });
  });
  return problems;
}
