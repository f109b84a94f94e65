import type { SnapshotInfo } from '../azure/azure-port.js';
import type { View } from '../chat/view.js';
import { explainFailure } from './explain-failure.js';
import { formatGB } from './format-values.js';
import type { OperationContext } from './operation.js';

/**
 * Deletes snapshots in parallel and reports each outcome. Shared by `snapshot delete` and
 * `snapshot prune`, so both show the same plan on --dry-run and the same result after.
 */
export async function deleteSnapshots(
  context: OperationContext,
  snapshots: SnapshotInfo[],
  what: { title: string; runAgain: string },
): Promise<View> {
  const table = {
    columns: ['Snapshot', 'Resource group', 'Set', 'Billed'],
    rows: snapshots.map((s) => [s.name, s.resourceGroup, s.tags['chatops-set'] ?? '-', formatGB(s.billedGB)]),
  };
  if (context.command.dryRun) {
    return {
      kind: 'delete-plan',
      title: `Dry run: ${what.title}`,
      tone: 'accent',
      summary: `Would delete ${snapshots.length} snapshot(s). Nothing was changed.`,
      tables: [table],
      notes: [`Run it: \`${what.runAgain}\`.`],
    };
  }
  await context.progress.show({
    kind: 'delete-progress',
    title: what.title,
    tone: 'accent',
    summary: `Deleting ${snapshots.length} snapshot(s)...`,
    progress: { steps: snapshots.map((s) => ({ label: s.name, state: 'running' })) },
  });
  const results = await deleteAll(context, snapshots);
  const failed = results.filter((r) => r.error !== undefined);
  context.log.info({ deleted: results.length - failed.length, failed: failed.length }, 'snapshots deleted');
  return {
    kind: 'delete-result',
    title: failed.length === 0 ? `${what.title}: done` : `${what.title}: ${failed.length} failed`,
    tone: failed.length === 0 ? 'good' : 'attention',
    summary: `Deleted ${results.length - failed.length} of ${results.length} snapshot(s).`,
    tables: [
      {
        columns: ['Snapshot', 'Outcome'],
        rows: results.map((r) => [r.snapshot.name, r.error === undefined ? 'deleted' : `failed: ${r.error}`]),
      },
    ],
    notes:
      failed.length > 0
        ? [`The failed ones are still there; run \`${what.runAgain}\` again to retry them.`]
        : [],
  };
}

async function deleteAll(context: OperationContext, snapshots: SnapshotInfo[]) {
  const settled = await Promise.allSettled(
    snapshots.map((s) => context.azure.deleteSnapshot(s.id, { abortSignal: context.signal })),
  );
  return snapshots.map((snapshot, i) => {
    const result = settled[i];
    const error =
      result?.status === 'rejected'
        ? explainFailure(context, result.reason, `delete ${snapshot.name}`)
        : undefined;
    return { snapshot, error };
  });
}
