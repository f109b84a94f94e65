import { type AzurePort, parseResourceId } from '../../azure/azure-port.js';
import type { NetworkInterfaceInfo, VirtualNetworkInfo } from '../../azure/network-port.js';
import type { ReplicatedVm } from '../../azure/site-recovery-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';

/**
 * Whether a drill's test network really is isolated, read from Azure (DESIGN.md: "A drill's test
 * network is isolated"). The network must exist, lie in the recovery region, and be neither a
 * network a protected VM uses (through its NICs' subnets: every replicated VM of every plan, and the
 * recovery-side copy of those failed over), nor the failover network of the plan's items, nor
 * peered with either, in either direction. A drill VM beside a live server (same hostname, same IP)
 * is exactly the outage a drill exists to prevent, so nothing here is guessed from names.
 */
export interface TestNetworkAssessment {
  /** Empty when the named network does not exist. */
  networkId: string;
  networkName: string;
  region: string;
  isolated: boolean;
  /** Plain facts for the pre-flight card when it passes. */
  evidence: string[];
  /** Each reason it fails; empty when isolated. */
  problems: string[];
  /** Networks of the recovery region that pass, as the user would type them. */
  alternatives: string[];
}

interface Context {
  azure: AzurePort;
  signal: AbortSignal;
}

/** What the rule compares with: the networks production and failovers use, and who uses them. */
interface Forbidden {
  region: string;
  /** Lower-cased network id -> why it is off limits ("used by vm-web-01, vm-sql-01"). */
  reasons: Map<string, string>;
  failoverNetworkIds: Set<string>;
  protectedVmCount: number;
  /** Protected VMs none of whose network interfaces the bot can read: their networks are unknown. */
  unseenVms: string[];
}

/**
 * `members`: the plan's replicated VMs; `allItems`: every replicated VM the bot manages (read when
 * not given). `requestedName` is `vnet` or `rg/vnet`; absent, the plan's configured test network.
 */
export async function assessTestNetwork(
  context: Context,
  members: readonly ReplicatedVm[],
  requestedName: string | undefined,
  allItems?: readonly ReplicatedVm[],
): Promise<TestNetworkAssessment> {
  const options = { abortSignal: context.signal };
  const [networks, nics, items] = await Promise.all([
    context.azure.network.listVirtualNetworks(options),
    context.azure.network.listNetworkInterfaces(options),
    allItems ?? context.azure.siteRecovery.listReplicatedVms(options),
  ]);
  const forbidden = forbiddenNetworks(networks, nics, [...items, ...members], members);
  const judge = (network: VirtualNetworkInfo) => judgeNetwork(network, networks, forbidden);
  const alternatives = networks
    .filter((network) => judge(network).problems.length === 0)
    .map((network) => displayName(network, networks));
  const chosen = chooseNetwork(networks, members, requestedName, forbidden.region);
  if ('missing' in chosen) {
    return {
      networkId: '',
      networkName: chosen.missing,
      region: forbidden.region,
      isolated: false,
      evidence: [],
      problems: [chosen.why],
      alternatives,
    };
  }
  const verdict = judge(chosen.network);
  return {
    networkId: chosen.network.id,
    networkName: chosen.network.name,
    region: chosen.network.location,
    isolated: verdict.problems.length === 0,
    ...verdict,
    alternatives,
  };
}

/** The refusal when a network fails: every problem, and the networks to use instead. */
export function refuseTestNetwork(app: string, assessment: TestNetworkAssessment): UserFacingError {
  const [first] = assessment.alternatives;
  return new UserFacingError(
    `${assessment.networkName} is not an isolated test network for ${app}: ${assessment.problems.join('; ')}.`,
    {
      title: 'Test network refused',
      nextStep: first
        ? `Use \`network ${first}\`${assessment.alternatives.length > 1 ? ` (isolated networks in ${assessment.region}: ${assessment.alternatives.join(', ')})` : ''}: \`dr drill ${app} network ${first}\`.`
        : `No network in ${assessment.region} passes: create a virtual network there with no peerings and no production VMs, then \`dr drill ${app} network <vnet>\`.`,
    },
  );
}

/**
 * The same rule again just before Azure is asked (a drill approved earlier, or resumed after a
 * restart): the network is named by its id, so the plan's choice stands. Throws the refusal when
 * it fails now; else the fresh evidence and region, for the report.
 */
export async function recheckTestNetwork(
  context: Context,
  plan: { app: string; networkId: string },
  members: readonly ReplicatedVm[],
  allItems: readonly ReplicatedVm[],
): Promise<{ networkEvidence: string[]; networkRegion: string }> {
  const { resourceGroup, name } = parseResourceId(plan.networkId);
  const assessed = await assessTestNetwork(context, members, `${resourceGroup}/${name}`, allItems);
  if (!assessed.isolated) throw refuseTestNetwork(plan.app, assessed);
  return { networkEvidence: assessed.evidence, networkRegion: assessed.region };
}

function forbiddenNetworks(
  networks: readonly VirtualNetworkInfo[],
  nics: readonly NetworkInterfaceInfo[],
  items: readonly ReplicatedVm[],
  members: readonly ReplicatedVm[],
): Forbidden {
  const unique = [...new Map(items.map((item) => [item.id.toLowerCase(), item])).values()];
  const users = new Map<string, Set<string>>();
  const unseenVms: string[] = [];
  for (const item of unique) {
    if (!protectedVmIds(item).some((vmId) => nics.some((n) => n.vmId?.toLowerCase() === vmId)))
      unseenVms.push(item.vmName);
    for (const vmId of protectedVmIds(item)) {
      for (const nic of nics.filter((n) => n.vmId?.toLowerCase() === vmId)) {
        for (const subnetId of nic.subnetIds) {
          const networkId = networkIdOfSubnet(subnetId);
          users.set(networkId, (users.get(networkId) ?? new Set()).add(item.vmName));
        }
      }
    }
  }
  const reasons = new Map<string, string>();
  for (const [networkId, vms] of users) reasons.set(networkId, `used by ${[...vms].sort().join(', ')}`);
  const failoverNetworkIds = new Set(
    members.flatMap((m) => (m.recoveryNetworkId ? [m.recoveryNetworkId.toLowerCase()] : [])),
  );
  for (const id of failoverNetworkIds) {
    const used = reasons.get(id);
    reasons.set(id, used ? `the failover network, ${used}` : 'the failover network');
  }
  return {
    region: recoveryRegion(networks, members),
    reasons,
    failoverNetworkIds,
    protectedVmCount: unique.length,
    unseenVms,
  };
}

/** The source VM, and the recovery-side VM while the item is active there (after a failover). */
function protectedVmIds(item: ReplicatedVm): string[] {
  const ids = [item.vmId.toLowerCase()];
  if (item.activeLocation === 'Recovery' && item.recoveryResourceGroupId && item.recoveryVmName) {
    ids.push(
      `${item.recoveryResourceGroupId}/providers/Microsoft.Compute/virtualMachines/${item.recoveryVmName}`.toLowerCase(),
    );
  }
  return ids;
}

/** The region of the items' failover network, else of the recovery resource group's networks. */
function recoveryRegion(networks: readonly VirtualNetworkInfo[], members: readonly ReplicatedVm[]): string {
  const byId = (id: string | undefined) => networks.find((n) => n.id.toLowerCase() === id?.toLowerCase());
  for (const member of members) {
    const network = byId(member.recoveryNetworkId) ?? byId(member.testNetworkId);
    if (network) return network.location;
  }
  return 'unknown';
}

function judgeNetwork(
  network: VirtualNetworkInfo,
  networks: readonly VirtualNetworkInfo[],
  forbidden: Forbidden,
): { evidence: string[]; problems: string[] } {
  const key = network.id.toLowerCase();
  const problems: string[] = [];
  if (network.location !== forbidden.region)
    problems.push(`it is in ${network.location}, not in the recovery region ${forbidden.region}`);
  const own = forbidden.reasons.get(key);
  if (own) problems.push(`it is ${own}`);
  const peered = peersOf(network, networks);
  for (const remote of peered) {
    const why = forbidden.reasons.get(remote.id.toLowerCase());
    if (why) problems.push(`it is peered with ${remote.name} (${why})`);
  }
  // A peering to a network the bot cannot read (a hub in another subscription) may lead to
  // production: isolation cannot be shown, so it does not pass.
  const known = new Set(networks.map((n) => n.id.toLowerCase()));
  for (const peering of network.peerings.filter((p) => !known.has(p.remoteNetworkId.toLowerCase())))
    problems.push(
      `it is peered with ${peering.remoteNetworkId.split('/').pop()}, a network outside the subscriptions the bot reads, so its isolation cannot be shown`,
    );
  const unseen =
    forbidden.unseenVms.length > 0
      ? `; no network interface found for ${forbidden.unseenVms.join(', ')}`
      : '';
  const failover = [...forbidden.failoverNetworkIds]
    .map((id) => networks.find((n) => n.id.toLowerCase() === id)?.name ?? id.split('/').pop())
    .join(', ');
  const evidence = [
    `in ${network.location}, the recovery region`,
    peered.length === 0
      ? 'no peerings'
      : `peered only with ${peered.map((p) => p.name).join(', ')}, which no protected VM uses`,
    `no production VM uses it (${forbidden.protectedVmCount} protected VMs checked${unseen})`,
    ...(failover ? [`not the failover network ${failover}`] : []),
  ];
  return { evidence, problems };
}

/** Networks peered with this one in either direction (a peering made on one side only counts too). */
function peersOf(network: VirtualNetworkInfo, networks: readonly VirtualNetworkInfo[]): VirtualNetworkInfo[] {
  const key = network.id.toLowerCase();
  const live = (state: string) => state.toLowerCase() !== 'disconnected';
  return networks.filter(
    (other) =>
      other.id.toLowerCase() !== key &&
      (network.peerings.some(
        (p) => live(p.state) && p.remoteNetworkId.toLowerCase() === other.id.toLowerCase(),
      ) ||
        other.peerings.some((p) => live(p.state) && p.remoteNetworkId.toLowerCase() === key)),
  );
}

type Choice = { network: VirtualNetworkInfo } | { missing: string; why: string };

function chooseNetwork(
  networks: readonly VirtualNetworkInfo[],
  members: readonly ReplicatedVm[],
  requested: string | undefined,
  region: string,
): Choice {
  if (requested === undefined) {
    const configured = members.find((m) => m.testNetworkId)?.testNetworkId;
    if (!configured) {
      throw new UserFacingError('The recovery plan has no test network configured, and none was named.', {
        title: 'No test network',
        nextStep:
          'Name one: `dr drill <app> network <vnet>` (a network in the recovery region, not used by production).',
      });
    }
    const network = networks.find((n) => n.id.toLowerCase() === configured.toLowerCase());
    const name = configured.split('/').pop() ?? configured;
    return network
      ? { network }
      : { missing: name, why: `the configured test network ${name} does not exist` };
  }
  const [group, name] = requested.includes('/') ? requested.split('/', 2) : [undefined, requested];
  const named = networks.filter(
    (n) =>
      n.name.toLowerCase() === name?.toLowerCase() &&
      (group === undefined || n.resourceGroup.toLowerCase() === group.toLowerCase()),
  );
  const inRegion = named.filter((n) => n.location === region);
  const candidates = named.length > 1 && inRegion.length > 0 ? inRegion : named;
  const [only] = candidates;
  if (only && candidates.length === 1) return { network: only };
  if (candidates.length > 1) {
    const where = candidates.map((n) => `${n.resourceGroup}/${n.name}`).join(', ');
    return {
      missing: requested,
      why: `several networks are named ${requested} (${where}): name one as rg/vnet`,
    };
  }
  return {
    missing: requested,
    why: `no virtual network named ${requested} exists in the managed subscriptions`,
  };
}

function networkIdOfSubnet(subnetId: string): string {
  const key = subnetId.toLowerCase();
  const at = key.indexOf('/subnets/');
  return at < 0 ? key : key.slice(0, at);
}

/** `name`, or `rg/name` when another network has the same name. */
function displayName(network: VirtualNetworkInfo, networks: readonly VirtualNetworkInfo[]): string {
  const twins = networks.filter((n) => n.name.toLowerCase() === network.name.toLowerCase());
  return twins.length > 1 ? `${network.resourceGroup}/${network.name}` : network.name;
}
