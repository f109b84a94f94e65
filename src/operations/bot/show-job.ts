import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import { suggestClosest } from '../../commands/suggest-closest.js';
import type { JobRecord, StorePort } from '../../store/store-port.js';
import { formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';

/** `job <id>`: one job in full: command, who asked, approval, state, result. */
export const showJob: Operation = async ({ command, store }) => {
  const job = await findJob(store, String(command.args.job));
  const result = (job.result ?? {}) as { title?: string; summary?: string };
  const view: View = {
    kind: 'job-detail',
    title: `${job.id}: ${job.state}`,
    tone: job.state === 'failed' ? 'attention' : job.state === 'succeeded' ? 'good' : 'accent',
    summary: job.commandText,
    facts: [
      { label: 'Asked by', value: job.requester.displayName },
      ...(job.approvalId ? [{ label: 'Approval', value: job.approvalId }] : []),
      { label: 'Started', value: formatTime(job.createdAt) },
      { label: 'Last change', value: formatTime(job.updatedAt) },
      { label: 'Reference', value: job.correlationId },
      ...(result.title
        ? [{ label: 'Result', value: `${result.title}${result.summary ? `: ${result.summary}` : ''}` }]
        : []),
    ],
  };
  return view;
};

export async function findJob(store: StorePort, id: string): Promise<JobRecord> {
  const job = await store.getJob(id);
  if (job) return job;
  const recent = await store.listJobs({ limit: 50 });
  const closest = suggestClosest(
    id,
    recent.map((j) => j.id),
    3,
  );
  throw new UserFacingError(`There is no job \`${id}\`.`, {
    title: 'Unknown job',
    nextStep:
      closest.length > 0
        ? `Did you mean ${closest.map((c) => `\`${c}\``).join(', ')}?`
        : 'List them with `jobs`.',
  });
}
