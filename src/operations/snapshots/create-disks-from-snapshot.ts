import { randomBytes } from 'node:crypto';
import { computeResourceId, type DiskInfo, type SnapshotInfo } from '../../azure/azure-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import { suggestClosest } from '../../commands/suggest-closest.js';
import { ensureCreated } from '../ensure-created.js';
import { formatGB } from '../format-values.js';
import type { Operation, OperationContext, ResumeOperation } from '../operation.js';
import { resolveVm } from '../resolve-vm.js';
import { type AllOrNothing, createAllOrNothing } from './create-all-or-nothing.js';
import { listAllSets, type SnapshotSet, setTags } from './snapshot-sets.js';

interface DiskPlan {
  snapshot: SnapshotInfo;
  name: string;
}

interface Target {
  subscriptionId: string;
  resourceGroup: string;
  vmName?: string;
}

/**
 * `disks from snapshot <set> [for <vm>]`: one new managed disk per snapshot of the set, in the
 * source VM's resource group (or the target VM's, with `for`). The disks are not attached: that
 * stays a deliberate step. Names end in a random tail, so running it twice never touches the disks
 * of the first run. All or nothing: if one disk fails, the disks this run made are deleted again.
 */
export const createDisksFromSnapshot: Operation = async (context) => {
  const { command, azure, signal } = context;
  const set = await findSet(context, String(command.args.set));
  const vm = command.args.for ? await resolveVm(azure, String(command.args.for), signal) : undefined;
  const first = set.snapshots[0];
  const target: Target = {
    subscriptionId: vm?.subscriptionId ?? first?.subscriptionId ?? '',
    resourceGroup: vm?.resourceGroup ?? first?.resourceGroup ?? '',
    vmName: vm?.name,
  };
  const tail = randomBytes(2).toString('hex');
  const plans = set.snapshots.map((snapshot) => ({
    snapshot,
    name: diskName(snapshot, target.vmName, tail),
  }));
  if (command.dryRun) return planView(set.id, plans, target);
  const handle: DisksHandle = { kind: 'disks-from-snapshot', setId: set.id, plans, target };
  await context.job?.saveHandle(handle);
  return createDisks(context, handle, false);
};

/** What the job saves before asking Azure for anything: enough to finish after a restart. */
interface DisksHandle {
  kind: 'disks-from-snapshot';
  setId: string;
  plans: DiskPlan[];
  target: Target;
}

/** Continues creating the disks of a set after the bot was killed, in the same message, once. */
export const resumeDisksFromSnapshot: ResumeOperation = (context, saved) =>
  createDisks(context, saved as DisksHandle, true);

async function createDisks(context: OperationContext, handle: DisksHandle, resuming: boolean): Promise<View> {
  const { setId, plans, target } = handle;
  await context.progress.show({
    kind: 'disks-progress',
    title: `Creating disks from ${setId}`,
    tone: 'accent',
    progress: { steps: plans.map((p) => ({ label: p.name, state: 'running' })) },
  });
  const outcome = await createAllOrNothing(
    context,
    plans.map((plan) => ({
      name: plan.name,
      create: () => {
        const create = () => createDisk(context, plan, target);
        if (!resuming) return create();
        const id = computeResourceId(target, 'disks', plan.name);
        return ensureCreated(context, { name: plan.name, get: () => context.azure.getDisk(id), create });
      },
      remove: () => context.azure.deleteDisk(computeResourceId(target, 'disks', plan.name)),
    })),
    async () => undefined,
  );
  return outcome.ok ? successView(setId, outcome.results, target.vmName) : failedView(setId, outcome);
}

async function findSet(context: OperationContext, setId: string): Promise<SnapshotSet> {
  const sets = await listAllSets(context.azure, context.signal);
  const set = sets.find((s) => s.id.toLowerCase() === setId.toLowerCase());
  if (set) return set;
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

function diskName(snapshot: SnapshotInfo, forVm: string | undefined, tail: string): string {
  const role = snapshot.tags[setTags.role] ?? 'disk';
  const base = forVm ? `${forVm}-${role}` : snapshot.name;
  return `${base.slice(0, 74).replace(/[.-]+$/, '')}-${tail}`;
}

function createDisk(context: OperationContext, plan: DiskPlan, target: Target): Promise<DiskInfo> {
  return context.azure.createDiskFromSnapshot(
    {
      subscriptionId: target.subscriptionId,
      resourceGroup: target.resourceGroup,
      name: plan.name,
      location: plan.snapshot.location,
      sourceSnapshotId: plan.snapshot.id,
      tags: {
        'chatops-from-snapshot': plan.snapshot.name,
        [setTags.requestedBy]: context.member?.name ?? context.event.actor.displayName,
      },
    },
    { abortSignal: context.signal },
  );
}

function planView(setId: string, plans: DiskPlan[], target: Target): View {
  return {
    kind: 'disks-plan',
    title: `Dry run: disks from ${setId}`,
    tone: 'accent',
    summary: `Would create ${plans.length} managed disk(s) in ${target.resourceGroup}. Nothing was changed.`,
    tables: [{ columns: ['New disk', 'From snapshot'], rows: plans.map((p) => [p.name, p.snapshot.name]) }],
    notes: ['The names end in a random tail chosen per run, so the real run picks new ones.'],
  };
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

function failedView(setId: string, outcome: Extract<AllOrNothing<unknown>, { ok: false }>): View {
  const cleanNote = outcome.interrupted
    ? `The bot was stopping; Azure may still finish ${outcome.leftovers.join(', ')}. Delete them in the portal if unwanted.`
    : outcome.leftovers.length === 0
      ? `Removed the ${outcome.removed} disk(s) this command had made, so nothing is left half done.`
      : `Could not remove ${outcome.leftovers.join(', ')}: delete them in the portal.`;
  return {
    kind: 'disks-failed',
    title: `Disks from ${setId} failed`,
    tone: 'attention',
    summary: `No disks were created: ${outcome.reasons.join('; ')}`,
    notes: [cleanNote],
  };
}
