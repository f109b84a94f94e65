import type { DiskInfo, SnapshotInfo } from '../azure/azure-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { suggestClosest } from '../commands/suggest-closest.js';
import { formatGB } from './format-values.js';
import type { Operation, OperationContext } from './operation.js';
import { resolveVm } from './resolve-vm.js';
import { listAllSets, setTags } from './snapshot-sets.js';

/**
 * `disks from snapshot <set> [for <vm>]`: one new managed disk per snapshot of the set, in the
 * source VM's resource group (or the target VM's, with `for`). The disks are not attached: that
 * stays a deliberate step. All or nothing: if one disk fails, the disks already made are deleted
 * again, and any that cannot be deleted are reported by name.
 */
export const createDisksFromSnapshot: Operation = async (context) => {
  const { command, azure, signal } = context;
  const setId = String(command.args.set);
  const sets = await listAllSets(azure, signal);
  const set = sets.find((s) => s.id.toLowerCase() === setId.toLowerCase());
  if (!set) {
    const closest = suggestClosest(
      setId,
      sets.map((s) => s.id),
      3,
    );
    throw new UserFacingError(`There is no snapshot set \`${setId}\`.`, {
      title: 'Unknown snapshot set',
      nextStep:
        closest.length > 0
          ? `Did you mean ${closest.map((c) => `\`${c}\``).join(', ')}?`
          : 'List sets with `snapshots <vm>`.',
    });
  }
  const target = command.args.for ? await resolveVm(azure, String(command.args.for), signal) : undefined;
  const first = set.snapshots[0];
  const resourceGroup = target?.resourceGroup ?? first?.resourceGroup ?? '';
  const subscriptionId = target?.subscriptionId ?? first?.subscriptionId ?? '';
  const plans = set.snapshots.map((snapshot) => ({ snapshot, name: diskName(snapshot, target?.name) }));
  const table = {
    columns: ['New disk', 'From snapshot', 'Resource group'],
    rows: plans.map((p) => [p.name, p.snapshot.name, resourceGroup]),
  };
  if (command.dryRun) {
    return {
      kind: 'disks-plan',
      title: `Dry run: disks from ${set.id}`,
      tone: 'accent',
      summary: `Would create ${plans.length} managed disk(s). Nothing was changed.`,
      tables: [table],
    };
  }
  await context.progress.show({
    kind: 'disks-progress',
    title: `Creating disks from ${set.id}`,
    tone: 'accent',
    progress: { steps: plans.map((p) => ({ label: p.name, state: 'running' })) },
  });
  const results = await Promise.allSettled(
    plans.map((p) => createDisk(context, p.snapshot, p.name, { subscriptionId, resourceGroup })),
  );
  const made = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (made.length === plans.length) return successView(set.id, made, target?.name);
  return rollBack(context, set.id, plans, results, { subscriptionId, resourceGroup });
};

function diskName(snapshot: SnapshotInfo, forVm: string | undefined): string {
  const role = snapshot.tags[setTags.role] ?? 'disk';
  const base = forVm ? `${forVm}-${role}-restored` : `${snapshot.name}-disk`;
  return base.slice(0, 80).replace(/[.-]+$/, '');
}

function createDisk(
  context: OperationContext,
  snapshot: SnapshotInfo,
  name: string,
  where: { subscriptionId: string; resourceGroup: string },
): Promise<DiskInfo> {
  return context.azure.createDiskFromSnapshot(
    {
      ...where,
      name,
      location: snapshot.location,
      sourceSnapshotId: snapshot.id,
      tags: {
        'chatops-from-snapshot': snapshot.name,
        [setTags.requestedBy]: context.member?.name ?? context.event.actor.displayName,
      },
    },
    { abortSignal: context.signal },
  );
}

function successView(setId: string, made: DiskInfo[], forVm: string | undefined): View {
  return {
    kind: 'disks-result',
    title: `Disks created from ${setId}`,
    tone: 'good',
    summary: `${made.length} disk(s) created${forVm ? ` for ${forVm}` : ''}; none attached.`,
    tables: [
      {
        columns: ['Disk', 'Resource group', 'Size'],
        rows: made.map((d) => [d.name, d.resourceGroup, formatGB(d.sizeGB)]),
      },
    ],
    notes: ['Attach them to a VM in the portal or with the Azure CLI when ready.'],
  };
}

/** Deletes every planned disk: a failed create leaves a Failed disk resource behind in Azure too. */
async function rollBack(
  context: OperationContext,
  setId: string,
  plans: { name: string }[],
  results: PromiseSettledResult<DiskInfo>[],
  where: { subscriptionId: string; resourceGroup: string },
): Promise<View> {
  const ids = plans.map(
    (p) =>
      `/subscriptions/${where.subscriptionId}/resourceGroups/${where.resourceGroup}/providers/Microsoft.Compute/disks/${p.name}`,
  );
  const cleanup = await Promise.allSettled(ids.map((id) => context.azure.deleteDisk(id)));
  const leftovers = plans.filter((_, i) => cleanup[i]?.status === 'rejected').map((p) => p.name);
  const reasons = results.flatMap((r, i) =>
    r.status === 'rejected'
      ? [`${plans[i]?.name}: ${String((r.reason as Error)?.message ?? r.reason).slice(0, 200)}`]
      : [],
  );
  context.log.warn({ setId, leftovers }, 'disks from snapshot rolled back');
  return {
    kind: 'disks-failed',
    title: `Disks from ${setId} failed`,
    tone: 'attention',
    summary: `No disks were created: ${reasons.join('; ')}`,
    notes: [
      leftovers.length === 0
        ? 'Removed the disks of this request that had been started, so nothing is left half done.'
        : `Could not remove ${leftovers.join(', ')}: delete them in the portal.`,
    ],
  };
}
