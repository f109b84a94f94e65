import type { SiteRecoveryJob, SiteRecoveryTask } from '../../azure/site-recovery-port.js';
import { stateWord } from '../../chat/domain-words.js';

/** A drill's two RTO figures, read from Azure's own task times of its test failover job. */
export interface DrillRto {
  /** The test failover job's start: where both RTOs (and the achieved RPOs) are measured from. */
  startedAt?: Date;
  /** The end of the last boot group's task: every VM of the plan running. */
  vmsRunningAt?: Date;
  vmsRunningSeconds?: number;
  /** The end of the last manual step (once confirmed), else of the plan's last task. */
  serviceRestoredAt?: Date;
  serviceRestoredSeconds?: number;
  /** The task that ends "service restored". */
  serviceRestoredStep?: string;
  /** What could not be measured, and why, in words for the report. */
  missing: string[];
}

/**
 * Whole seconds from `from` to `to`, both cut to the second as the report shows them, so the figure
 * is exactly the difference of the two times printed beside it; undefined when `to` is before `from`.
 */
export function wholeSecondsBetween(from: Date, to: Date): number | undefined {
  const seconds = Math.floor(to.getTime() / 1000) - Math.floor(from.getTime() / 1000);
  return seconds < 0 ? undefined : seconds;
}

/**
 * "VMs running": the job's start to the end of its last boot group task. "Service restored": the
 * job's start to the end of the last manual step once someone confirmed it, or, in a plan without
 * one, to the end of its last task (after which the job waits for cleanup). A figure that Azure's
 * times do not give (the job unknown, a group that did not finish, a step never confirmed, an end
 * before the start) is left out and named in `missing`, never estimated.
 */
export function measureDrillRto(job: SiteRecoveryJob | undefined, why?: string): DrillRto {
  if (!job) {
    const reason = why ?? 'the test failover job is not known';
    return { missing: [`RTO "VMs running": ${reason}.`, `RTO "service restored": ${reason}.`] };
  }
  const startedAt = job.startTime;
  if (!startedAt) {
    const reason = `Azure gave no start time for test failover job ${job.name}`;
    return { missing: [`RTO "VMs running": ${reason}.`, `RTO "service restored": ${reason}.`] };
  }
  const vms = measureTo(startedAt, lastGroupTask(job), 'VMs running');
  const service = measureTo(startedAt, serviceTask(job), 'service restored');
  return {
    startedAt,
    ...(vms.at && vms.seconds !== undefined ? { vmsRunningAt: vms.at, vmsRunningSeconds: vms.seconds } : {}),
    ...(service.at && service.seconds !== undefined
      ? {
          serviceRestoredAt: service.at,
          serviceRestoredSeconds: service.seconds,
          serviceRestoredStep: service.step,
        }
      : {}),
    missing: [...vms.missing, ...service.missing],
  };
}

type Ending = { task: SiteRecoveryTask } | { problem: string };

function measureTo(
  startedAt: Date,
  ending: Ending,
  figure: string,
): { at?: Date; seconds?: number; step?: string; missing: string[] } {
  if ('problem' in ending) return { missing: [`RTO "${figure}": ${ending.problem}.`] };
  const { task } = ending;
  const at = task.endTime;
  if (!at) return { missing: [`RTO "${figure}": Azure gave no end time for "${task.friendlyName}".`] };
  const seconds = wholeSecondsBetween(startedAt, at);
  if (seconds === undefined) {
    return {
      missing: [
        `RTO "${figure}": Azure's end of "${task.friendlyName}" (${at.toISOString()}) is before the job's start (${startedAt.toISOString()}).`,
      ],
    };
  }
  return { at, seconds, step: task.friendlyName, missing: [] };
}

function lastGroupTask(job: SiteRecoveryJob): Ending {
  const groups = job.tasks.filter((t) => t.group);
  if (groups.length === 0) return { problem: `test failover job ${job.name} has no boot group task` };
  const unfinished = groups.find((t) => t.state !== 'Succeeded');
  if (unfinished)
    return { problem: `"${unfinished.friendlyName}" did not finish (${stateWord(unfinished.state)})` };
  return { task: groups.at(-1) as SiteRecoveryTask };
}

/**
 * Service is back when the whole plan has run: every task up to the wait for cleanup, the manual
 * steps confirmed among them. Its end is the task that ended last, so it is never before the last
 * boot group's VMs run, wherever the plan puts its manual step.
 */
function serviceTask(job: SiteRecoveryJob): Ending {
  const manual = job.tasks.filter((t) => t.manual).at(-1);
  if (manual && manual.state !== 'Succeeded')
    return {
      problem: `the manual step "${manual.friendlyName}" was never confirmed (${stateWord(manual.state)})`,
    };
  const unfinished = job.tasks.find((t) => t.state !== 'Succeeded');
  if (unfinished)
    return { problem: `"${unfinished.friendlyName}" did not finish (${stateWord(unfinished.state)})` };
  const end = job.tasks.reduce<SiteRecoveryTask | undefined>(
    (latest, t) => ((t.endTime?.getTime() ?? -1) > (latest?.endTime?.getTime() ?? -1) ? t : latest),
    undefined,
  );
  return end ? { task: end } : { problem: `test failover job ${job.name} has no task` };
}
