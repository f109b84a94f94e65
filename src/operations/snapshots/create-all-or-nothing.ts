import { mayHaveCreated } from '../../azure/azure-port.js';
import { explainFailure } from '../explain-failure.js';
import type { OperationContext } from '../operation.js';

export interface CreateStep<T> {
  /** The resource's name, as users see it in the card. */
  name: string;
  create(): Promise<T>;
  remove(): Promise<void>;
}

export type AllOrNothing<T> =
  | { ok: true; results: T[] }
  | {
      ok: false;
      /** "name: why" for each step that failed. */
      reasons: string[];
      /** Resources that may still exist: not removed, or (interrupted) perhaps still being created. */
      leftovers: string[];
      removed: number;
      interrupted: boolean;
    };

/**
 * Creates several resources in parallel as one unit (the disks of a snapshot set, the disks made from
 * one). If any fails, removes what this run made, including resources Azure accepted and then failed
 * (they stay behind in provisioning state Failed), but never a name Azure refused outright (it may
 * belong to someone else). When the bot is stopping, nothing is removed: creates may still complete,
 * so they are reported instead.
 */
export async function createAllOrNothing<T>(
  context: OperationContext,
  steps: CreateStep<T>[],
  onCreated: (index: number) => Promise<void>,
): Promise<AllOrNothing<T>> {
  const settled = await Promise.allSettled(
    steps.map(async (step, index) => {
      const result = await step.create();
      await onCreated(index);
      return result;
    }),
  );
  const results = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (results.length === steps.length) return { ok: true, results };
  const reasons = settled.flatMap((r, i) =>
    r.status === 'rejected'
      ? [`${steps[i]?.name}: ${explainFailure(context, r.reason, `create ${steps[i]?.name}`)}`]
      : [],
  );
  const ours = steps.filter((_, i) => {
    const outcome = settled[i];
    return outcome?.status === 'fulfilled' || mayHaveCreated(outcome?.reason);
  });
  if (context.signal.aborted) {
    return { ok: false, reasons, leftovers: ours.map((s) => s.name), removed: 0, interrupted: true };
  }
  const removals = await Promise.allSettled(ours.map((step) => step.remove()));
  const leftovers = ours.flatMap((step, i) => {
    const outcome = removals[i];
    if (outcome?.status !== 'rejected') return [];
    explainFailure(context, outcome.reason, `remove ${step.name}`);
    return [step.name];
  });
  context.log.warn(
    { failed: reasons.length, removed: ours.length - leftovers.length, leftovers },
    'rolled back',
  );
  return { ok: false, reasons, leftovers, removed: ours.length - leftovers.length, interrupted: false };
}
