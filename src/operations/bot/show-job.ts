import { portalLinkOf } from '../../azure/azure-cloud-endpoints.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import type { View } from '../../chat/view.js';
import { suggestClosest } from '../../commands/suggest-closest.js';
import { type JobStep, jobResultOf } from '../../jobs/job-details.js';
import type { JobRecord, StorePort } from '../../store/store-port.js';
import { formatElapsed, formatTime, formatTimeToSecond } from '../format-values.js';
import type { Operation } from '../operation.js';

/**
 * `job <id>`: one job in full: the command, who asked and approved, its state, each step of its
 * card with the times the bot saw it start and end, its progress, the Azure jobs it follows (with a
 * link to each in the portal of the bot's cloud) and its result.
 */
export function showJobWith(options: { portalUrl: string }): Operation {
  return async ({ command, store, now }) => {
    const job = await findJob(store, String(command.args.job));
    const result = jobResultOf(job.result);
    const azure = result.azure ?? [];
    const steps = result.progress?.steps ?? [];
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
        ...azure.map((ref) => ({ label: ref.kind, value: ref.name })),
        { label: 'Reference', value: job.correlationId },
        ...(result.title
          ? [{ label: 'Result', value: `${result.title}${result.summary ? `: ${result.summary}` : ''}` }]
          : []),
      ],
      ...(steps.length > 0
        ? {
            progress: {
              ...(result.progress?.percent === undefined ? {} : { percent: result.progress.percent }),
              steps: steps.map((step) => ({
                label: step.label,
                state: step.state,
                // The card's own detail often is the step's duration already: the times then go without it.
                detail: [
                  step.detail,
                  timesOf(step, job.state === 'running' && !step.detail ? now() : undefined, !step.detail),
                ]
                  .filter(Boolean)
                  .join('; '),
              })),
            },
          }
        : {}),
      ...(azure.length > 0
        ? {
            links: azure.map((ref) => ({
              label: azure.length === 1 ? 'Open in the Azure portal' : `Open ${ref.name} in the Azure portal`,
              url: portalLinkOf(options.portalUrl, ref.armId),
            })),
          }
        : {}),
    };
    return view;
  };
}

/**
 * When the bot saw the step start and end: "10:30:05 to 10:31:12 UTC (1 min 7 s)", or "since
 * 10:30:05 UTC (12.0 s)" while it runs; the elapsed time only when `withElapsed`.
 */
function timesOf(step: JobStep, runningAt: Date | undefined, withElapsed: boolean): string {
  if (!step.startedAt) return '';
  const from = formatTimeToSecond(step.startedAt, undefined, { withDate: false }).replace(/ UTC$/, '');
  if (step.endedAt) {
    const to = formatTimeToSecond(step.endedAt, undefined, { withDate: false });
    const elapsed = formatElapsed(step.endedAt.getTime() - step.startedAt.getTime());
    return withElapsed ? `${from} to ${to} (${elapsed})` : `${from} to ${to}`;
  }
  if (step.state !== 'running') return '';
  const since = `since ${from} UTC`;
  return runningAt ? `${since} (${formatElapsed(runningAt.getTime() - step.startedAt.getTime())})` : since;
}

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
