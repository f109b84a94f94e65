import { type AzurePort, AzureRequestError, type VmSummary } from '../azure/azure-port.js';
import type { RecoveryPlanInfo, ReplicatedVm, SiteRecoveryPort } from '../azure/site-recovery-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { suggestClosest } from '../commands/suggest-closest.js';

/** A VM found by name; `activeCopy` is set when Site Recovery chose it among same-named copies. */
export interface ResolvedVm extends VmSummary {
  /** Says which copy this is and how to reach the other ("vm-sql-01, active in northeurope after ..."). */
  activeCopy?: string;
}

/**
 * Finds a VM by name across every managed subscription and resource group (one list call per
 * subscription). Names are case-insensitive in Azure. `rg/vm` picks one of several same-named VMs.
 * A bare name that matches the two copies of a replicated VM (after a failover, the source and the
 * VM Site Recovery made in the recovery region) means the copy Site Recovery says is active; only
 * then is Site Recovery asked, so a unique name costs no further reads.
 */
export async function resolveVm(azure: AzurePort, name: string, signal?: AbortSignal): Promise<ResolvedVm> {
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
    const active = group === undefined ? await findActiveCopy(azure.siteRecovery, matches, signal) : {};
    if (active.vm) return active.vm;
    throw ambiguousName(vmName ?? '', matches, active.problem);
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

/** Adds the sentence saying which copy a command acted on, first among the view's notes. */
export function withActiveCopy(vm: ResolvedVm, view: View): View {
  return vm.activeCopy ? { ...view, notes: [vm.activeCopy, ...(view.notes ?? [])] } : view;
}

function ambiguousName(vmName: string, matches: VmSummary[], problem: string | undefined): UserFacingError {
  const places = matches.map((vm) => `${vm.resourceGroup}/${vm.name}`);
  const why = problem ? ` The bot could not ask Site Recovery which copy is active: ${problem}` : '';
  return new UserFacingError(
    `\`${vmName}\` is ambiguous: it exists in ${matches.map((vm) => vm.resourceGroup).join(' and ')}.${why}`,
    {
      title: 'Which VM?',
      nextStep: `Say which, with the resource group: ${places.map((p) => `\`${p}\``).join(' or ')}.`,
    },
  );
}

/**
 * The active copy among same-named VMs, when every match is a copy of one replicated item: its
 * recovery-side VM while the item is active in the recovery region (after a failover, until the
 * failback), else its source VM. Anything else stays ambiguous. A Site Recovery that cannot be read
 * is reported in the ambiguous answer, not hidden.
 */
async function findActiveCopy(
  siteRecovery: SiteRecoveryPort,
  matches: VmSummary[],
  signal: AbortSignal | undefined,
): Promise<{ vm?: ResolvedVm; problem?: string }> {
  if (siteRecovery.vaults.length === 0) return {};
  let items: ReplicatedVm[];
  let plans: RecoveryPlanInfo[];
  try {
    [items, plans] = await Promise.all([
      siteRecovery.listReplicatedVms({ abortSignal: signal }),
      siteRecovery.listRecoveryPlans({ abortSignal: signal }),
    ]);
  } catch (error) {
    // Azure said no (a vault the bot may not read, throttling): the ambiguous answer says so.
    if (error instanceof AzureRequestError) return { problem: error.message };
    throw error;
  }
  for (const item of items) {
    const copies = copiesOf(item, matches);
    if (!copies) continue;
    const planNames = plans
      .filter((plan) => plan.groups.some((g) => g.itemIds.some((id) => sameId(id, item.id))))
      .map((plan) => plan.name);
    return { vm: describeActiveCopy(item.activeLocation, copies, planNames) };
  }
  return {};
}

/** The item's source and recovery-side VMs, when the matches are exactly those two. */
function copiesOf(
  item: ReplicatedVm,
  matches: VmSummary[],
): { source: VmSummary; recovery: VmSummary } | undefined {
  const source = matches.find((vm) => sameId(vm.id, item.vmId));
  const recovery = matches.find((vm) => isRecoverySide(item, vm));
  if (!source || !recovery || source === recovery) return undefined;
  return matches.every((vm) => vm === source || vm === recovery) ? { source, recovery } : undefined;
}

function isRecoverySide(item: ReplicatedVm, vm: VmSummary): boolean {
  if (!item.recoveryVmName || !item.recoveryResourceGroupId) return false;
  const groupId = `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}`;
  return sameId(item.recoveryVmName, vm.name) && sameId(item.recoveryResourceGroupId, groupId);
}

function describeActiveCopy(
  activeLocation: string,
  copies: { source: VmSummary; recovery: VmSummary },
  planNames: string[],
): ResolvedVm | undefined {
  const { source, recovery } = copies;
  const plans = planNames.length > 0 ? planNames.join(' and ') : undefined;
  if (activeLocation === 'Recovery') {
    const after = plans ? `the failover of ${plans}` : 'a Site Recovery failover';
    return {
      ...recovery,
      activeCopy: `${recovery.name}: the copy in ${recovery.location} (${recovery.resourceGroup}), active after ${after}. The source VM in ${source.location} is \`${source.resourceGroup}/${source.name}\`.`,
    };
  }
  if (activeLocation === 'Primary') {
    const side = plans ? ` (the primary side of ${plans})` : '';
    return {
      ...source,
      activeCopy: `${source.name}: the source VM in ${source.location} (${source.resourceGroup}), active${side}. The failover copy in ${recovery.location} is \`${recovery.resourceGroup}/${recovery.name}\`, not active.`,
    };
  }
  return undefined;
}

/** ARM ids and names compare without regard to case. */
function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
