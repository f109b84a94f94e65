import { AzureRequestError, type SnapshotInfo } from '../../azure/azure-port.js';
import type { View } from '../../chat/view.js';
import { explainFailure } from '../explain-failure.js';
import { formatGB } from '../format-values.js';
import type { OperationContext, PlannedOperation, ResumeOperation } from '../operation.js';
import { setTags } from './snapshot-sets.js';

/** The exact snapshots to delete, as resolved when the command was given (and approved). */
export interface DeletionPlan {
  title: string;
  /** The command that produces this plan again, for "run it again". */
  runAgain: string;
  snapshots: { id: string; name: string; resourceGroup: string; set?: string; billedGB?: number }[];
}

/** The plan and the card that describes it, shared by `snapshot delete` and `snapshot prune`. */
export function planDeletion(snapshots: SnapshotInfo[], what: { title: string; runAgain: string }) {
  const plan: DeletionPlan = {
    ...what,
    snapshots: snapshots.map((s) => ({
      id: s.id,
      name: s.name,
      resourceGroup: s.resourceGroup,
      set: s.tags[setTags.set],
      billedGB: s.billedGB,
    })),
  };
  const view: View = {
    kind: 'delete-plan',
    title: what.title,
    tone: 'accent',
    summary: `Deletes ${snapshots.length} snapshot(s).`,
    tables: [
      {
        columns: ['Snapshot', 'Resource group', 'Set', 'Billed'],
        rows: plan.snapshots.map((s) => [s.name, s.resourceGroup, s.set ?? '-', formatGB(s.billedGB)]),
      },
    ],
  };
  return { plan, view };
}

/**
 * Deletes exactly the planned snapshots. First checks they all still exist: if the world changed
 * since the plan was made (approved), nothing is deleted and the card says what changed.
 */
export const executeDeletion: PlannedOperation<DeletionPlan>['execute'] = async (context, plan) => {
  await context.job?.saveHandle(plan);
  const missing = await missingSnapshots(context, plan);
  if (missing.length > 0) {
    return {
      kind: 'delete-stale',
      title: `${plan.title}: plan no longer holds`,
      tone: 'warning',
      summary: `${missing.join(', ')} no longer exist(s), so nothing was deleted.`,
      notes: [`Run \`${plan.runAgain}\` again to see the current plan.`],
    };
  }
  return deletePlanned(context, plan);
};

/**
 * After a restart: the dead process may have deleted some of the plan already, so what is gone now
 * counts as deleted (a DELETE of an absent snapshot succeeds) instead of "plan no longer holds".
 */
export const resumeDeletion: ResumeOperation = (context, handle) =>
  deletePlanned(context, handle as DeletionPlan);

async function deletePlanned(context: OperationContext, plan: DeletionPlan): Promise<View> {
  await context.progress.show({
    kind: 'delete-progress',
    title: plan.title,
    tone: 'accent',
    summary: `Deleting ${plan.snapshots.length} snapshot(s)...`,
    progress: { steps: plan.snapshots.map((s) => ({ label: s.name, state: 'running' })) },
  });
  const results = await deleteAll(context, plan);
  const failed = results.filter((r) => r.error !== undefined);
  context.log.info({ deleted: results.length - failed.length, failed: failed.length }, 'snapshots deleted');
  return {
    kind: 'delete-result',
    title: failed.length === 0 ? `${plan.title}: done` : `${plan.title}: ${failed.length} failed`,
    tone: failed.length === 0 ? 'good' : 'attention',
    summary: `Deleted ${results.length - failed.length} of ${results.length} snapshot(s).`,
    tables: [
      {
        columns: ['Snapshot', 'Outcome'],
        rows: results.map((r) => [r.name, r.error === undefined ? 'deleted' : `failed: ${r.error}`]),
      },
    ],
    notes:
      failed.length > 0
        ? [`The failed ones are still there; run \`${plan.runAgain}\` again to retry them.`]
        : [],
  };
}

async function missingSnapshots(context: OperationContext, plan: DeletionPlan): Promise<string[]> {
  const checks = await Promise.all(
    plan.snapshots.map(async (s) => {
      try {
        await context.azure.getSnapshot(s.id, { abortSignal: context.signal });
        return undefined;
      } catch (error) {
        if (error instanceof AzureRequestError && error.statusCode === 404) return s.name;
        throw error;
      }
    }),
  );
  return checks.filter((name): name is string => name !== undefined);
}

async function deleteAll(context: OperationContext, plan: DeletionPlan) {
  const settled = await Promise.allSettled(
    plan.snapshots.map((s) => context.azure.deleteSnapshot(s.id, { abortSignal: context.signal })),
  );
  return plan.snapshots.map((snapshot, i) => {
    const result = settled[i];
    const error =
      result?.status === 'rejected'
        ? explainFailure(context, result.reason, `delete ${snapshot.name}`)
        : undefined;
    return { name: snapshot.name, error };
  });
}
