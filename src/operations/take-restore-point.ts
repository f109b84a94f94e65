import { mayHaveCreated, type VmDetails } from '../azure/azure-port.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { View } from '../chat/view.js';
import { formatElapsed, formatGB } from './format-values.js';
import type { OperationContext } from './operation.js';
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
  const diskTable = {
    columns: ['Disk', 'Role', 'Provisioned', 'Used'],
    rows: vm.disks.map((d) => [
      d.name,
      d.role === 'os' ? 'OS' : `data (LUN ${d.lun ?? 0})`,
      formatGB(d.sizeGB),
      formatGB(d.usedGB),
    ]),
  };
  if (context.command.dryRun) {
    return {
      kind: 'restore-point-plan',
      title: `Dry run: consistent restore point of ${vm.name}`,
      tone: 'accent',
      summary: `Would create restore point ${name} in collection ${collectionName} covering ${vm.disks.length} disk(s). Nothing was changed.`,
      tables: [diskTable],
    };
  }
  const started = Date.now();
  await context.progress.show({
    kind: 'restore-point-progress',
    title: `Taking a consistent restore point of ${vm.name}`,
    tone: 'accent',
    summary: `All ${vm.disks.length} disks at one instant.`,
    progress: { steps: [{ label: 'Restore point', state: 'running' }] },
  });
  const point = await context.azure
    .createRestorePoint(
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
    )
    .catch((error: unknown) => removeFailedPoint(context, vm, collectionName, name, error));
  return {
    kind: 'restore-point-result',
    title: `Restore point of ${vm.name} created`,
    tone: 'good',
    summary: `${point.disks.length} disk restore point(s), ${point.consistencyMode ?? 'crash-consistent'}, in ${formatElapsed(Date.now() - started)}.`,
    facts: [
      { label: 'Restore point', value: point.name },
      { label: 'Collection', value: collectionName },
    ],
    tables: [diskTable],
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
