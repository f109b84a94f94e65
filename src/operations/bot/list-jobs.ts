import type { View } from '../../chat/view.js';
import { formatAge } from '../format-values.js';
import type { Operation } from '../operation.js';

/** `jobs`: running and recent jobs, newest first. */
export const listJobs: Operation = async ({ store, now }) => {
  const jobs = await store.listJobs({ limit: 25 });
  const running = jobs.filter((j) => j.state === 'running').length;
  const view: View = {
    kind: 'job-list',
    title: jobs.length === 0 ? 'No jobs yet' : `Jobs: ${running} running`,
    tone: 'neutral',
    summary:
      jobs.length === 0
        ? 'Every change the bot makes is a job; none has run yet.'
        : 'The 25 newest, newest first.',
    tables:
      jobs.length === 0
        ? undefined
        : [
            {
              columns: ['Job', 'Command', 'Asked by', 'State', 'Started'],
              rows: jobs.map((j) => [
                j.id,
                j.commandText,
                j.requester.displayName,
                j.state,
                formatAge(j.createdAt, now()),
              ]),
            },
          ],
    notes: jobs.length > 0 ? ['Details of one: `job <id>`.'] : undefined,
  };
  return view;
};
