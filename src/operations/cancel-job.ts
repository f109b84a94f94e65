import type { Operation } from './operation.js';
import { findJob } from './show-job.js';

/**
 * `cancel <job>`: Azure offers no cancel for the Compute operations the bot runs today (snapshots,
 * disks, restore points, deletes): they finish within minutes. So this says so, with the job's
 * state, rather than pretending; Backup and Site Recovery jobs, which Azure can cancel, add that here.
 */
export const cancelJob: Operation = async ({ command, store }) => {
  const job = await findJob(store, String(command.args.job));
  if (job.state !== 'running') {
    return {
      kind: 'job-cancel',
      title: `${job.id} is already ${job.state}`,
      tone: 'neutral',
      summary: 'Nothing to cancel.',
    };
  }
  return {
    kind: 'job-cancel',
    title: `${job.id} cannot be cancelled`,
    tone: 'warning',
    summary: `Azure cannot cancel \`${job.commandText}\` once started; it finishes on its own, usually within minutes.`,
    notes: [
      'Undo it when it is done instead (for a snapshot set: `snapshot delete <set>`). A pending approval request is cancelled with the Cancel request button on its card.',
    ],
  };
};
