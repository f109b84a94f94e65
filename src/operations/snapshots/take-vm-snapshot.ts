import {
  computeResourceId,
  type DiskInfo,
  type SnapshotInfo,
  type VmDetails,
} from '../../azure/azure-port.js';
import type { ProgressStep, View } from '../../chat/view.js';
import { ensureCreated } from '../ensure-created.js';
import { formatElapsed, formatGB, formatTime } from '../format-values.js';
import type { Operation, OperationContext, ResumeOperation } from '../operation.js';
import { resolveVm, withActiveCopy } from '../resolve-vm.js';
import { type AllOrNothing, createAllOrNothing } from './create-all-or-nothing.js';
import { listSetsOfVm, newSetId, setTags, snapshotName } from './snapshot-sets.js';
import { type RestorePointHandle, resumeRestorePoint, takeRestorePoint } from './take-restore-point.js';

/** Snapshots are kept this long unless pruned earlier; the expiry is a tag, shown on every card. */
const retentionMs = 7 * 86_400_000;

interface DiskPlan {
  disk: DiskInfo;
  name: string;
}

/**
 * `snapshot <vm> [full|incremental] [consistent]`: one snapshot per managed disk, in parallel,
 * incremental by default, tagged as one set. If any disk fails, the snapshots already made are
 * deleted again, so no partial set is left behind (or what could not be deleted is reported).
 */
export const takeVmSnapshot: Operation = async (context) => {
  const { command, azure, signal } = context;
  const summary = await resolveVm(azure, String(command.args.vm), signal);
  const vm = await azure.getVm(summary, { abortSignal: signal });
  if (command.args.consistent === true) return withActiveCopy(summary, await takeRestorePoint(context, vm));
  const incremental = command.args.kind !== 'full';
  const at = context.now();
  const setId = newSetId(vm.name, at);
  const plans = vm.disks.map((disk) => ({ disk, name: snapshotName(setId, disk.role, disk.lun) }));
  if (plans.length === 0) return withActiveCopy(summary, noDisksView(vm));
  const previous = incremental ? (await listSetsOfVm(azure, vm, signal))[0] : undefined;
  if (command.dryRun)
    return withActiveCopy(summary, planView(vm, plans, incremental, setId, previous !== undefined));
  const handle: SnapshotSetHandle = {
    kind: 'snapshot-set',
    vm,
    plans,
    setId,
    incremental,
    at: at.toISOString(),
  };
  await context.job?.saveHandle(handle);
  return withActiveCopy(summary, await createSet(context, vm, plans, { setId, incremental, at }, false));
};

/** What a snapshot job saves before it asks Azure for anything: enough to finish it after a restart. */
interface SnapshotSetHandle {
  kind: 'snapshot-set';
  vm: VmDetails;
  plans: DiskPlan[];
  setId: string;
  incremental: boolean;
  at: string;
}

/** Continues a snapshot set the bot was taking when it died, in the same message, once. */
export const resumeVmSnapshot: ResumeOperation = (context, saved) => {
  if ((saved as { kind?: string }).kind === 'restore-point')
    return resumeRestorePoint(context, saved as RestorePointHandle);
  const handle = saved as SnapshotSetHandle;
  const set = { setId: handle.setId, incremental: handle.incremental, at: new Date(handle.at) };
  return createSet(context, handle.vm, handle.plans, set, true);
};

async function createSet(
  context: OperationContext,
  vm: VmDetails,
  plans: DiskPlan[],
  set: { setId: string; incremental: boolean; at: Date },
  resuming: boolean,
): Promise<View> {
  const started = Date.now();
  const steps: ProgressStep[] = plans.map((plan) => ({ label: plan.disk.name, state: 'running' }));
  const show = () => context.progress.show(progressView(vm, set.setId, steps));
  await show();
  const tags = setTagsFor(context, vm, set.setId, set.at);
  const outcome = await createAllOrNothing(
    context,
    plans.map((plan) => ({
      name: plan.name,
      create: () => {
        const request = {
          subscriptionId: vm.subscriptionId,
          resourceGroup: vm.resourceGroup,
          name: plan.name,
          location: plan.disk.location,
          sourceDiskId: plan.disk.id,
          incremental: set.incremental,
          tags: { ...tags, [setTags.disk]: plan.disk.name, [setTags.role]: roleTag(plan.disk) },
        };
        const create = () => context.azure.createSnapshot(request, { abortSignal: context.signal });
        if (!resuming) return create();
        const id = computeResourceId(vm, 'snapshots', plan.name);
        return ensureCreated(context, { name: plan.name, get: () => context.azure.getSnapshot(id), create });
      },
      remove: () => context.azure.deleteSnapshot(computeResourceId(vm, 'snapshots', plan.name)),
    })),
    async (index) => {
      markStep(steps, index, 'succeeded');
      await show();
    },
  );
  if (!outcome.ok) return failedView(vm, outcome);
  return resultView(vm, plans, outcome.results, set, Date.now() - started);
}

function setTagsFor(
  context: OperationContext,
  vm: VmDetails,
  setId: string,
  at: Date,
): Record<string, string> {
  return {
    [setTags.set]: setId,
    [setTags.vm]: vm.id,
    [setTags.requestedBy]: (context.member?.name ?? context.event.actor.displayName).slice(0, 128),
    [setTags.expires]: new Date(at.getTime() + retentionMs).toISOString(),
  };
}

function roleTag(disk: DiskInfo): string {
  return disk.role === 'os' ? 'os' : `data-lun${disk.lun ?? 0}`;
}

function markStep(steps: ProgressStep[], index: number, state: ProgressStep['state']): void {
  const step = steps[index];
  if (step) step.state = state;
}

function failedView(vm: VmDetails, outcome: Extract<AllOrNothing<unknown>, { ok: false }>): View {
  if (outcome.interrupted) {
    return {
      kind: 'snapshot-interrupted',
      title: `Snapshot of ${vm.name} interrupted`,
      tone: 'warning',
      summary: `The bot was stopping while the snapshots were being taken. Azure may still finish: ${outcome.leftovers.join(', ')}.`,
      notes: [
        `Check with \`snapshots ${vm.name}\` in a minute, and remove what you do not want with \`snapshot delete ${outcome.leftovers[0] ?? 'SET'}\`${outcome.leftovers.length > 1 ? ' (each in turn)' : ''}.`,
      ],
    };
  }
  const cleanNote =
    outcome.leftovers.length === 0
      ? `Removed the ${outcome.removed} snapshot(s) this command had made, so no partial set is left behind.`
      : `Could not remove ${outcome.leftovers.join(', ')}; delete ${outcome.leftovers.length === 1 ? 'it' : 'each'} with \`snapshot delete ${outcome.leftovers[0]}\`.`;
  return {
    kind: 'snapshot-failed',
    title: `Snapshot of ${vm.name} failed`,
    tone: 'attention',
    summary: `No snapshot set was created: ${outcome.reasons.join('; ')}`,
    notes: [
      cleanNote,
      'Run the command again when the cause is fixed; Azure throttling or a busy disk usually clears in a minute.',
    ],
  };
}

function progressView(vm: VmDetails, setId: string, steps: ProgressStep[]): View {
  const done = steps.filter((s) => s.state === 'succeeded').length;
  return {
    kind: 'snapshot-progress',
    title: `Snapshotting ${vm.name}`,
    tone: 'accent',
    summary: `${done} of ${steps.length} disks done.`,
    facts: [{ label: 'Set', value: setId }],
    progress: { percent: Math.round((done / steps.length) * 100), steps: steps.map((s) => ({ ...s })) },
  };
}

function diskRows(plans: DiskPlan[], billed: (plan: DiskPlan) => string): string[][] {
  return plans.map((plan) => [
    plan.disk.name,
    plan.disk.role === 'os' ? 'OS' : `data (LUN ${plan.disk.lun ?? 0})`,
    formatGB(plan.disk.sizeGB),
    formatGB(plan.disk.usedGB),
    billed(plan),
  ]);
}

const diskColumns = ['Disk', 'Role', 'Provisioned', 'Used', 'Billed'];

function resultView(
  vm: VmDetails,
  plans: DiskPlan[],
  made: SnapshotInfo[],
  set: { setId: string; incremental: boolean; at: Date },
  elapsedMs: number,
): View {
  const byName = new Map(made.map((s) => [s.name, s]));
  const total = made.reduce<number | undefined>(
    (sum, s) => (sum === undefined || s.billedGB === undefined ? undefined : sum + s.billedGB),
    0,
  );
  return {
    kind: 'snapshot-result',
    title: `Snapshot set of ${vm.name} created`,
    tone: 'good',
    summary: `${made.length} ${set.incremental ? 'incremental' : 'full'} snapshot(s), one per disk, in ${formatElapsed(elapsedMs)}.`,
    facts: [
      { label: 'Set', value: set.setId },
      { label: 'Resource group', value: vm.resourceGroup },
      { label: 'Billed in total', value: formatGB(total) },
      { label: 'Expires', value: formatTime(new Date(set.at.getTime() + retentionMs)) },
    ],
    tables: [
      { columns: diskColumns, rows: diskRows(plans, (plan) => formatGB(byName.get(plan.name)?.billedGB)) },
    ],
    notes: [`New disks from this set: \`disks from snapshot ${set.setId}\`.`],
    actions: [{ label: 'List snapshot sets', verb: 'run', data: { command: `snapshots ${vm.name}` } }],
  };
}

function planView(
  vm: VmDetails,
  plans: DiskPlan[],
  incremental: boolean,
  setId: string,
  hasPrevious: boolean,
): View {
  const billedNote = !incremental
    ? 'A full snapshot bills the used size of each disk.'
    : hasPrevious
      ? 'Incremental: each snapshot bills only the blocks changed since the previous set.'
      : 'Incremental, first of its family: each snapshot bills the used size; later ones bill only changes.';
  return {
    kind: 'snapshot-plan',
    title: `Dry run: snapshot of ${vm.name}`,
    tone: 'accent',
    summary: `Would create ${plans.length} ${incremental ? 'incremental' : 'full'} snapshot(s) in ${vm.resourceGroup}. Nothing was changed.`,
    facts: [{ label: 'Set', value: setId }],
    tables: [
      {
        columns: [...diskColumns.slice(0, 4), 'Snapshot name'],
        rows: diskRows(plans, (plan) => plan.name),
      },
    ],
    notes: [billedNote, `Run it: \`snapshot ${vm.name}${incremental ? '' : ' full'}\`.`],
  };
}

function noDisksView(vm: VmDetails): View {
  return {
    kind: 'snapshot-failed',
    title: `Nothing to snapshot on ${vm.name}`,
    tone: 'warning',
    summary: `${vm.name} has no managed disks the bot can see, so no snapshot was taken.`,
    notes: ['Check the VM in the portal; unmanaged (VHD) disks are not supported.'],
  };
}
