import { mayHaveCreated, type VmDetails } from '../../azure/azure-port.js';
import { consistencyWord } from '../../chat/domain-words.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import { ensureCreated } from '../ensure-created.js';
import { formatElapsed, formatGB } from '../format-values.js';
import type { OperationContext } from '../operation.js';
import { newSetId, setTags } from './snapshot-sets.js';

/**
 * `snapshot <vm> consistent`: a VM restore point, which Azure takes across all disks at one instant
 * (crash-consistent, or application-consistent where the guest agent allows). Restore points live in
 * one collection per VM, next to the VM.
 */
export async function takeRestorePoint(context: OperationContext, vm: VmDetails): Promise<View> {
  const at = context.now();
  const name = newSetId(vm.name, at);
  const collectionName = `rpc-${vm.name}`.slice(0, 80);
  const diskTable = diskTableOf(vm);
  if (context.command.dryRun) {
    return {
      kind: 'restore-point-plan',
      title: `Dry run: consistent restore point of ${vm.name}`,
      tone: 'accent',
      summary: `Would create restore point ${name} in collection ${collectionName} covering ${vm.disks.length} disk(s). Nothing was changed.`,
      tables: [diskTable],
    };
  }
  const handle: RestorePointHandle = { kind: 'restore-point', vm, collectionName, name };
  await context.job?.saveHandle(handle);
  return createPoint(context, handle, false);
}

/** What the job saves before asking Azure: enough to finish after a restart. */
export interface RestorePointHandle {
  kind: 'restore-point';
  vm: VmDetails;
  collectionName: string;
  name: string;
}

/** Continues a restore point the bot was taking when it died (waits for it, or takes it). */
export function resumeRestorePoint(context: OperationContext, handle: RestorePointHandle): Promise<View> {
  return createPoint(context, handle, true);
}

async function createPoint(
  context: OperationContext,
  handle: RestorePointHandle,
  resuming: boolean,
): Promise<View> {
  const { vm, collectionName, name } = handle;
  const started = Date.now();
  await context.progress.show({
    kind: 'restore-point-progress',
    title: `Taking a consistent restore point of ${vm.name}`,
    tone: 'accent',
    summary: `All ${vm.disks.length} disks at one instant.`,
    progress: { steps: [{ label: 'Restore point', state: 'running' }] },
  });
  const create = () =>
    context.azure.createRestorePoint(
      {
        vm,
        location: vm.location,
        collectionName,
        restorePointName: name,
        tags: {
          [setTags.vm]: vm.id,
          [setTags.requestedBy]: context.member?.name ?? context.event.actor.displayName,
        },
      },
      { abortSignal: context.signal },
    );
  const get = () => context.azure.getRestorePoint(vm, collectionName, name, { abortSignal: context.signal });
  const point = await (resuming ? ensureCreated(context, { name, get, create }) : create()).catch(
    (error: unknown) => removeFailedPoint(context, vm, collectionName, name, error),
  );
  return {
    kind: 'restore-point-result',
    title: `Restore point of ${vm.name} created`,
    tone: 'good',
    summary: `${point.disks.length} disk restore point(s), ${consistencyWord(point.consistencyMode ?? 'CrashConsistent')}, in ${formatElapsed(Date.now() - started)}.`,
    facts: [
      { label: 'Restore point', value: point.name },
      { label: 'Collection', value: collectionName },
    ],
    tables: [diskTableOf(vm)],
  };
}

/**
 * A restore point that Azure accepted and then failed stays behind (provisioning state Failed):
 * remove it, then fail. One Azure refused outright was never made, so there is nothing to remove.
 */
async function removeFailedPoint(
  context: OperationContext,
  vm: VmDetails,
  collectionName: string,
  name: string,
  error: unknown,
): Promise<never> {
  if (!mayHaveCreated(error) || context.signal.aborted) throw error;
  try {
    await context.azure.deleteRestorePoint(vm, collectionName, name);
  } catch (cleanupError) {
    context.log.error({ err: cleanupError, restorePoint: name }, 'could not remove a failed restore point');
    throw new UserFacingError(
      `The restore point failed and could not be removed: ${(error as Error).message}`,
      {
        title: `Restore point of ${vm.name} failed`,
        nextStep: `Delete restore point ${name} in collection ${collectionName} in the portal, then try again.`,
      },
    );
  }
  throw error;
}

function diskTableOf(vm: VmDetails) {
  return {
    columns: ['Disk', 'Role', 'Provisioned', 'Used'],
    rows: vm.disks.map((d) => [
      d.name,
      d.role === 'os' ? 'OS' : `data (LUN ${d.lun ?? 0})`,
      formatGB(d.sizeGB),
      formatGB(d.usedGB),
    ]),
  };
}
