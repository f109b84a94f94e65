import type { SiteRecoveryJob, SiteRecoveryTask } from '../../azure/site-recovery-port.js';
import type { MessageRef } from '../../chat/chat-event.js';
import type { View } from '../../chat/view.js';
import { formatTimeToSecond } from '../format-values.js';
import type { OperationContext } from '../operation.js';

/**
 * The cards of a plan job's manual steps ("Confirm DNS cutover"): posted with a Done button when
 * the job waits at one, and turned into how the step ended (who, when, without the button) as soon
 * as the follower sees it ended, however it was confirmed: the button, `dr done`, or the portal.
 */

/** A manual step shown as a card; saved with the job so a restarted bot updates the same card. */
export interface AnnouncedStep {
  /** The task's friendly name ("Group 3: Post-steps: Confirm DNS cutover"): unique in a job, unlike its name. */
  task: string;
  message: MessageRef;
  /** The card shows how the step ended: nothing left to update. */
  settled?: boolean;
}

/** Saved states before the card's ref was kept hold bare task names: their cards cannot be updated. */
export type AnnouncedEntry = string | AnnouncedStep;

/** How a manual step ended, from the job Azure shows. */
export type ManualStepOutcome =
  | { kind: 'done'; at?: Date; by?: string; notes?: string; comments?: string }
  | { kind: 'ended'; at?: Date; jobState: string };

const endedJobStates = new Set(['Succeeded', 'Failed', 'Cancelled', 'CompletedWithInformation']);
/** The comments `dr done` resumes with ("done by bob via chat: DNS switched"). */
const chatComments = /^done by (.+?) via chat(?:: ([\s\S]*))?$/;

export function waitingManualTask(job: SiteRecoveryJob): SiteRecoveryTask | undefined {
  if (job.stateDescription !== 'WaitingForManualAction') return undefined;
  return job.tasks.find((task) => task.manual && task.state === 'Suspended');
}

export function announcedTask(entry: AnnouncedEntry): string {
  return typeof entry === 'string' ? entry : entry.task;
}

/** Done (with who, from the comments ASR keeps, and when), ended with its job, or still open. */
export function manualStepOutcome(
  job: SiteRecoveryJob,
  task: SiteRecoveryTask,
): ManualStepOutcome | undefined {
  if (task.state === 'Succeeded') {
    const comments = task.manual?.observation?.trim() || undefined;
    const chat = comments ? chatComments.exec(comments) : null;
    if (chat) return { kind: 'done', at: task.endTime, by: chat[1], notes: chat[2], comments };
    return { kind: 'done', at: task.endTime, comments };
  }
  if (['Failed', 'Cancelled', 'Skipped'].includes(task.state) || endedJobStates.has(job.state))
    return { kind: 'ended', at: job.endTime ?? task.endTime, jobState: job.state };
  return undefined;
}

/**
 * Brings the cards in line with `job`: each announced card whose step has ended is updated once
 * (a failed update is retried at the next look), and a step the job now waits at gets its card.
 * Saves the state when it changed.
 */
export async function updateManualStepCards(
  context: OperationContext,
  app: string,
  job: SiteRecoveryJob,
  state: { announced: AnnouncedEntry[] },
  save: () => Promise<void>,
): Promise<void> {
  let changed = await settleEndedSteps(context, app, job, state.announced);
  const waiting = waitingManualTask(job);
  if (waiting && !state.announced.some((entry) => announcedTask(entry) === waiting.friendlyName)) {
    const message = await context.post(manualActionView(app, waiting, { job: job.name }));
    state.announced.push({ task: waiting.friendlyName, message });
    changed = true;
  }
  if (changed) await save();
}

async function settleEndedSteps(
  context: OperationContext,
  app: string,
  job: SiteRecoveryJob,
  announced: AnnouncedEntry[],
): Promise<boolean> {
  let changed = false;
  for (const [index, entry] of announced.entries()) {
    if (typeof entry === 'string' || entry.settled) continue;
    const task = job.tasks.find((t) => t.manual && t.friendlyName === entry.task);
    const outcome = task ? manualStepOutcome(job, task) : undefined;
    if (!task || !outcome) continue;
    try {
      await context.update(entry.message, manualActionView(app, task, { job: job.name, outcome }));
    } catch (error) {
      // The plan goes on whatever a chat service says; the next look tries the card again.
      context.log.warn({ err: error, task: entry.task }, 'a manual step card could not be updated');
      continue;
    }
    announced[index] = { ...entry, settled: true };
    changed = true;
  }
  return changed;
}

/**
 * The card of a manual step: waiting, with a Done button bound to this job and step (so an old
 * card never confirms a later step), or, given its outcome, how it ended and no button.
 */
export function manualActionView(
  app: string,
  task: SiteRecoveryTask,
  options: { job?: string; outcome?: ManualStepOutcome } = {},
): View {
  const { outcome } = options;
  if (outcome?.kind === 'done') return doneView(app, task, outcome);
  if (outcome?.kind === 'ended') return endedView(app, task, outcome);
  const bound: Record<string, string> = options.job ? { job: options.job, step: task.friendlyName } : {};
  return {
    kind: 'dr-manual-action',
    title: `${app}: manual step waiting`,
    tone: 'warning',
    summary: `${task.friendlyName}. ${task.manual?.instructions ?? ''}`.trim(),
    notes: [
      `The recovery plan waits until someone confirms this step. Done when it is really done: click Done (operators and approvers), or type \`dr done ${app}\`.`,
    ],
    actions: [
      { label: 'Done', verb: 'run', data: { command: `dr done ${app}`, ...bound }, style: 'positive' },
    ],
  };
}

/** "Done by bob at 19:20:14 UTC.", or who else confirmed it, in the words Site Recovery kept. */
export function doneSentence(outcome: Extract<ManualStepOutcome, { kind: 'done' }>): string {
  const at = outcome.at ? ` at ${formatTimeToSecond(outcome.at, undefined, { withDate: false })}` : '';
  if (outcome.by) return `Done by ${outcome.by}${at}.`;
  if (!outcome.comments) return `Confirmed in the Azure portal${at}.`;
  return `Confirmed outside the chat${at}: "${outcome.comments}".`;
}

function doneView(
  app: string,
  task: SiteRecoveryTask,
  outcome: Extract<ManualStepOutcome, { kind: 'done' }>,
): View {
  return {
    kind: 'dr-manual-action',
    title: `${app}: manual step done`,
    tone: 'good',
    summary: `${task.friendlyName}. ${doneSentence(outcome)}`,
    ...(outcome.notes ? { facts: [{ label: 'Notes', value: outcome.notes }] } : {}),
    notes: ['The recovery plan went on from here; its progress card shows the rest.'],
  };
}

export function endedSentence(outcome: Extract<ManualStepOutcome, { kind: 'ended' }>): string {
  const at = outcome.at ? ` at ${formatTimeToSecond(outcome.at, undefined, { withDate: false })}` : '';
  return `The Site Recovery job ended ${outcome.jobState}${at} while this step waited; there is nothing to confirm.`;
}

function endedView(
  app: string,
  task: SiteRecoveryTask,
  outcome: Extract<ManualStepOutcome, { kind: 'ended' }>,
): View {
  return {
    kind: 'dr-manual-action',
    title: `${app}: manual step no longer waiting`,
    tone: outcome.jobState === 'Failed' ? 'attention' : 'warning',
    summary: `${task.friendlyName}. ${endedSentence(outcome)}`,
    notes: [`\`dr status ${app}\` shows where the plan stands.`],
  };
}
