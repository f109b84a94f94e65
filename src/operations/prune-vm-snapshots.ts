import { parseDuration } from '../commands/parse-duration.js';
import { deleteSnapshots } from './delete-snapshots.js';
import { formatAge } from './format-values.js';
import type { Operation } from './operation.js';
import { resolveVm } from './resolve-vm.js';
import { listSetsOfVm } from './snapshot-sets.js';

/**
 * `snapshot prune <vm> older-than 7d`: deletes the VM's snapshot sets taken before the cut-off.
 * Only sets the bot made (tagged) are candidates; the newest set is always kept, so a prune can
 * never leave a VM without its latest snapshot.
 */
export const pruneVmSnapshots: Operation = async (context) => {
  const { command, azure, signal } = context;
  const vm = await resolveVm(azure, String(command.args.vm), signal);
  const olderThan = String(command.args.olderThan);
  const duration = parseDuration(olderThan);
  if (!duration) throw new Error(`The parser let through a bad duration: ${olderThan}`);
  const cutoff = context.now().getTime() - duration.milliseconds;
  const [newest, ...rest] = await listSetsOfVm(azure, vm, signal);
  const old = rest.filter((set) => set.createdAt !== undefined && set.createdAt.getTime() < cutoff);
  if (old.length === 0) {
    return {
      kind: 'prune-result',
      title: `Nothing to prune on ${vm.name}`,
      tone: 'neutral',
      summary: `No snapshot set of ${vm.name} is older than ${olderThan}${newest ? ` (the newest, ${newest.id}, is always kept)` : ''}.`,
      facts: newest
        ? [{ label: 'Newest set', value: `${newest.id} (${formatAge(newest.createdAt, context.now())})` }]
        : [],
    };
  }
  return deleteSnapshots(
    context,
    old.flatMap((set) => set.snapshots),
    {
      title: `Prune ${old.length} set(s) of ${vm.name} older than ${olderThan}`,
      runAgain: `snapshot prune ${vm.name} older-than ${olderThan}`,
    },
  );
};
