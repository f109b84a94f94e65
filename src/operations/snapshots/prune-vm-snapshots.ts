import type { View } from '../../chat/view.js';
import { parseDuration } from '../../commands/parse-duration.js';
import { formatAge } from '../format-values.js';
import type { OperationContext, PlannedOperation } from '../operation.js';
import { resolveVm } from '../resolve-vm.js';
import { type DeletionPlan, executeDeletion, planDeletion } from './delete-snapshots.js';
import { listSetsOfVm } from './snapshot-sets.js';

/**
 * `snapshot prune <vm> older-than 7d`: deletes the VM's snapshot sets taken before the cut-off.
 * Only sets the bot made (tagged) are candidates; the newest set is always kept, so a prune can
 * never leave a VM without its latest snapshot.
 */
export const pruneVmSnapshots: PlannedOperation<DeletionPlan> = {
  plan: planPrune,
  execute: executeDeletion,
};

async function planPrune(context: OperationContext) {
  const { command, azure, signal } = context;
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const olderThan = String(command.args.olderThan);
  const duration = parseDuration(olderThan);
  if (!duration) throw new Error(`The parser let through a bad duration: ${olderThan}`);
  const cutoff = context.now().getTime() - duration.milliseconds;
  const [newest, ...rest] = await listSetsOfVm(azure, vm, signal);
  const old = rest.filter((set) => set.createdAt !== undefined && set.createdAt.getTime() < cutoff);
  if (old.length === 0) {
    const view: View = {
      kind: 'prune-result',
      title: `Nothing to prune on ${vm.name}`,
      tone: 'neutral',
      summary: `No snapshot set of ${vm.name} is older than ${olderThan}${newest ? ` (the newest, ${newest.id}, is always kept)` : ''}.`,
      facts: newest
        ? [{ label: 'Newest set', value: `${newest.id} (${formatAge(newest.createdAt, context.now())})` }]
        : [],
    };
    return { ...planDeletion([], { title: view.title, runAgain: '' }), view, nothingToDo: true };
  }
  return planDeletion(
    old.flatMap((set) => set.snapshots),
    {
      title: `Prune ${old.length} set(s) of ${vm.name} older than ${olderThan}`,
      runAgain: `snapshot prune ${vm.name} older-than ${olderThan}`,
    },
  );
}
