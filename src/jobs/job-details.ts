import type { Progress, StepState } from '../chat/view.js';

/**
 * What `job <id>` shows besides the command: the steps the job's card showed, each with when it
 * started and ended, its progress, and the Azure jobs it follows. Kept in the job record's `result`
 * (JSON) while it runs, and kept there beside the outcome once it ended.
 */
export interface JobDetails {
  progress?: JobProgress;
  azure?: AzureJobRef[];
}

export interface JobProgress {
  percent?: number;
  steps: JobStep[];
}

export interface JobStep {
  label: string;
  state: StepState;
  detail?: string;
  /** When the bot first saw the step running (or already ended, if it never saw it running). */
  startedAt?: Date;
  /** When the bot first saw it succeeded or failed. */
  endedAt?: Date;
}

/** An Azure job (Backup, Site Recovery) a bot job follows, by the name Azure gave it and its resource id. */
export interface AzureJobRef {
  /** `Azure Backup job`, `Site Recovery job`. */
  kind: string;
  name: string;
  /** The ARM id: `<vault id>/backupJobs/<name>` or `<vault id>/replicationJobs/<name>`. */
  armId: string;
}

/** A job record's result: its details, and once it ended the outcome and the final card's title and summary. */
export interface JobResult extends JobDetails {
  outcome?: string;
  title?: string;
  summary?: string;
}

export function jobResultOf(result: unknown): JobResult {
  return typeof result === 'object' && result !== null && !Array.isArray(result) ? (result as JobResult) : {};
}

const ended = new Set<StepState>(['succeeded', 'failed']);

/**
 * The steps of `shown` (a card's progress), timed from what was seen before: a step keeps the time
 * it was first seen running and the time it was first seen ended. Steps match by label.
 */
export function timeSteps(before: JobProgress | undefined, shown: Progress, at: Date): JobProgress {
  const steps = shown.steps.map((step): JobStep => {
    const earlier = before?.steps.find((s) => s.label === step.label);
    const started = step.state === 'running' || ended.has(step.state);
    const startedAt = earlier?.startedAt ?? (started ? at : undefined);
    const endedAt = ended.has(step.state) ? (earlier?.endedAt ?? at) : undefined;
    return {
      label: step.label,
      state: step.state,
      ...(step.detail ? { detail: step.detail } : {}),
      ...(startedAt ? { startedAt } : {}),
      ...(endedAt ? { endedAt } : {}),
    };
  });
  return { ...(shown.percent === undefined ? {} : { percent: shown.percent }), steps };
}

/** Worth writing down: a step came, went or changed state, or the progress moved by a tenth. */
export function progressMoved(before: JobProgress | undefined, after: JobProgress): boolean {
  if (!before || before.steps.length !== after.steps.length) return true;
  if (
    before.steps.some(
      (step, n) => step.label !== after.steps[n]?.label || step.state !== after.steps[n]?.state,
    )
  )
    return true;
  const tenth = (percent: number | undefined) => (percent === undefined ? -1 : Math.floor(percent / 10));
  return tenth(before.percent) !== tenth(after.percent);
}
