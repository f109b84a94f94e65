import { UserFacingError } from '../../chat/user-facing-error.js';
import { suggestClosest } from '../../commands/suggest-closest.js';
import type { OperationContext, PlannedOperation } from '../operation.js';
import { type DeletionPlan, executeDeletion, planDeletion } from './delete-snapshots.js';
import { setTags } from './snapshot-sets.js';

/**
 * `snapshot delete <name>`: deletes one snapshot by name, or a whole set by its set id (what
 * `snapshots <vm>` lists). An unknown name changes nothing and suggests the closest names.
 */
export const deleteSnapshot: PlannedOperation<DeletionPlan> = {
  plan: planSnapshotDelete,
  execute: executeDeletion,
};

async function planSnapshotDelete(context: OperationContext) {
  const name = String(context.command.args.name);
  const wanted = name.toLowerCase();
  const all = (
    await Promise.all(
      context.azure.subscriptionIds.map((s) =>
        context.azure.listSnapshots(s, { abortSignal: context.signal }),
      ),
    )
  ).flat();
  const inSet = all.filter((s) => s.tags[setTags.set]?.toLowerCase() === wanted);
  const byName = all.filter((s) => s.name.toLowerCase() === wanted);
  const targets = inSet.length > 0 ? inSet : byName;
  if (targets.length === 0) {
    const names = [...new Set([...all.map((s) => s.name), ...all.flatMap((s) => s.tags[setTags.set] ?? [])])];
    const closest = suggestClosest(name, names, 3);
    throw new UserFacingError(`There is no snapshot or snapshot set named \`${name}\`.`, {
      title: 'Unknown snapshot',
      nextStep:
        closest.length > 0
          ? `Did you mean ${closest.map((c) => `\`${c}\``).join(', ')}?`
          : 'List them with `snapshots <vm>`.',
    });
  }
  if (inSet.length === 0 && byName.length > 1) {
    throw new UserFacingError(
      `\`${name}\` names ${byName.length} snapshots in ${byName.map((s) => s.resourceGroup).join(', ')}.`,
      {
        title: 'Which snapshot?',
        nextStep: 'Delete it in the portal, or rename one of them; the bot will not guess which to delete.',
      },
    );
  }
  const title = inSet.length > 0 ? `Delete snapshot set ${name}` : `Delete snapshot ${name}`;
  return planDeletion(targets, { title, runAgain: `snapshot delete ${name}` });
}
