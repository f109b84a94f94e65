import type { Actor } from '../../chat/chat-event.js';
import type { View } from '../../chat/view.js';
import type { Policy } from '../../config/policy.js';
import type { JobRecord, JobState } from '../../store/store-port.js';
import { formatAge } from '../format-values.js';
import type { Operation } from '../operation.js';

const shown = 25;
/** How many of the newest jobs (of the asked state) `mine` and an app or VM are looked for in. */
const searched = 1_000;

/** `jobs [running|failed] [mine] [<app or vm>]`: running and recent jobs, newest first, narrowed as asked. */
export const listJobs: Operation = async ({ command, store, now, policy, event }) => {
  const state = command.args.state as 'running' | 'failed' | undefined;
  const mine = command.args.mine === true;
  const target = typeof command.args.target === 'string' ? command.args.target : undefined;
  const narrowed = mine || target !== undefined;
  const states: JobState[] | undefined = state ? [state] : undefined;
  const candidates = await store.listJobs({ states, limit: narrowed ? searched : shown });
  const matching = candidates.filter(
    (job) => (!mine || samePerson(policy, job.requester, event.actor)) && (!target || names(job, target)),
  );
  const jobs = matching.slice(0, shown);
  const what = describeFilter(state, mine, target);
  const running = jobs.filter((j) => j.state === 'running').length;
  const view: View = {
    kind: 'job-list',
    title:
      jobs.length === 0
        ? `No ${what}`
        : state || narrowed
          ? `${capitalized(what)}: ${jobs.length}${matching.length > shown ? '+' : ''}`
          : `Jobs: ${running} running`,
    tone: 'neutral',
    summary:
      jobs.length === 0
        ? emptySummary(state, narrowed, candidates.length >= searched)
        : matching.length > shown
          ? `The ${shown} newest.`
          : 'Newest first.',
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
    notes: jobs[0] ? [`Details of one: \`job ${jobs[0].id}\`.`] : undefined,
  };
  return view;
};

/** "failed jobs of alice for shop" */
function describeFilter(state: string | undefined, mine: boolean, target: string | undefined): string {
  return [`${state ? `${state} ` : ''}jobs`, mine ? 'of yours' : '', target ? `for ${target}` : '']
    .filter(Boolean)
    .join(' ');
}

function emptySummary(state: string | undefined, narrowed: boolean, searchedAll: boolean): string {
  if (!state && !narrowed) return 'Every change Azure takes from the bot is a job; none has run yet.';
  const scope = searchedAll ? ` among the newest ${searched}` : '';
  return `None${scope}. A command refused before Azure changed anything is no job: \`audit\` shows it.`;
}

/** The same person, on whichever platform: by the policy, else by platform id. */
function samePerson(policy: Policy, a: Actor, b: Actor): boolean {
  if (a.platform === b.platform && a.id === b.id) return true;
  const member = policy.memberFor(b);
  return member !== undefined && policy.memberFor(a)?.name === member.name;
}

/** The job's command names the app or VM as a word (`dr drill shop`, `backup vm-web-01 keep 30d`). */
function names(job: JobRecord, target: string): boolean {
  const wanted = target.toLowerCase();
  return job.commandText
    .toLowerCase()
    .split(/\s+/)
    .some((word) => word === wanted || word.endsWith(`/${wanted}`));
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
