import type { VmSummary } from '../../azure/azure-port.js';
import type { RestoreDefaults, RestoreRequest } from '../../azure/backup-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';

export type RestoreKind = RestoreRequest['kind'];

/**
 * Where a restore of `vm` goes. The resource group is `in <rg>` or the VM's own. A new VM's subnet
 * is `network <vnet> [subnet <s>]` (a vnet of RESTORE_SUBNET_IDS, else one in the target group) or,
 * without them, the configured subnet in the target resource group, else in the VM's group, else
 * the only configured one in the VM's subscription.
 */
export function resolveRestoreTarget(
  kind: RestoreKind,
  vm: VmSummary,
  args: { rg?: string; name?: string; network?: string; subnet?: string },
  defaults: RestoreDefaults,
): RestoreRequest {
  const staging = defaults.stagingStorageAccountId
    ? { stagingStorageAccountId: defaults.stagingStorageAccountId }
    : {};
  if (kind === 'replace') return { kind, region: vm.location, ...staging };
  const group = args.rg ?? vm.resourceGroup;
  const targetResourceGroupId = `/subscriptions/${vm.subscriptionId}/resourceGroups/${group}`;
  if (kind === 'disks') return { kind, region: vm.location, targetResourceGroupId, ...staging };
  const subnetId = args.network
    ? namedSubnet(vm, group, args.network, args.subnet, defaults)
    : defaultSubnet(vm, group, defaults);
  return {
    kind,
    region: vm.location,
    targetResourceGroupId,
    targetVmName: args.name ?? '',
    virtualNetworkId: subnetId.replace(/\/subnets\/[^/]+$/i, ''),
    subnetId,
    ...staging,
  };
}

function namedSubnet(
  vm: VmSummary,
  group: string,
  network: string,
  subnet: string | undefined,
  defaults: RestoreDefaults,
): string {
  const configured = defaults.subnetIds.filter(
    (id) => partsOf(id).vnet.toLowerCase() === network.toLowerCase(),
  );
  const match = configured.find((id) => !subnet || partsOf(id).subnet.toLowerCase() === subnet.toLowerCase());
  if (match) return match;
  const vnetGroup = configured[0] ? partsOf(configured[0]).group : group;
  if (!subnet) {
    throw new UserFacingError(`Which subnet of ${network} should the new VM use?`, {
      title: 'Subnet needed',
      nextStep: `Add \`subnet <name>\` after \`network ${network}\`.`,
    });
  }
  return `/subscriptions/${vm.subscriptionId}/resourceGroups/${vnetGroup}/providers/Microsoft.Network/virtualNetworks/${network}/subnets/${subnet}`;
}

function defaultSubnet(vm: VmSummary, group: string, defaults: RestoreDefaults): string {
  const inSubscription = defaults.subnetIds.filter(
    (id) => partsOf(id).subscriptionId.toLowerCase() === vm.subscriptionId.toLowerCase(),
  );
  const inGroup = (name: string) =>
    inSubscription.find((id) => partsOf(id).group.toLowerCase() === name.toLowerCase());
  const found =
    inGroup(group) ??
    inGroup(vm.resourceGroup) ??
    (inSubscription.length === 1 ? inSubscription[0] : undefined);
  if (found) return found;
  throw new UserFacingError(`No default network is configured for a new VM in ${group}.`, {
    title: 'Network needed',
    nextStep:
      'Say where it goes: add `network <vnet> subnet <subnet>`, or set RESTORE_SUBNET_IDS for the bot.',
  });
}

function partsOf(subnetId: string): { subscriptionId: string; group: string; vnet: string; subnet: string } {
  const match =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(
      subnetId,
    );
  return {
    subscriptionId: match?.[1] ?? '',
    group: match?.[2] ?? '',
    vnet: match?.[3] ?? '',
    subnet: match?.[4] ?? '',
  };
}
