import type { RecoveryPointInfo } from '../../azure/backup-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import { formatPointTime, readPointTime, resolvePointTime } from '../../commands/point-time.js';
import { suggestClosest } from '../../commands/suggest-closest.js';
import { formatTime } from '../format-values.js';
import { pagePoints } from './page-recovery-points.js';

export interface PointChoice {
  point: RecoveryPointInfo;
  /** When chosen by a time: "the newest at or before 2026-12-07 18:00 UTC (yesterday 18:00)". */
  chosenBy?: string;
}

export interface ChooseOptions {
  now: Date;
  /** Times without an offset are read in this zone; UTC unless the config names one. */
  timeZone?: string;
  /** The same command with another `from`, for answers that offer the nearest points. */
  retry: (from: string) => string;
  /** "application-consistent" for `AppConsistent`. */
  consistencyOf: (type: string) => string;
}

/**
 * `from latest|<time>|<rp>` of the restore commands: the newest point; the newest point at or
 * before a time (`yesterday 18:00`, `2h ago`, `2026-12-07 18:00`; a day alone means its end; UTC
 * unless an offset is written); or the point with that id. A time or id that matches no point is
 * answered with the nearest points as commands to copy.
 */
export function chooseRecoveryPoint(
  unsorted: readonly RecoveryPointInfo[],
  from: string,
  vmName: string,
  options: ChooseOptions,
): PointChoice {
  const points = pagePoints(unsorted, { page: 1, pageSize: Number.MAX_SAFE_INTEGER }).shown;
  const newest = points[0];
  if (!newest) {
    throw new UserFacingError(`Azure Backup has no recovery point of ${vmName} to restore from.`, {
      title: 'No recovery point',
      nextStep: `Take one first: \`backup ${vmName}\`.`,
    });
  }
  if (from.toLowerCase() === 'latest') return { point: newest };
  const offer = (candidates: readonly RecoveryPointInfo[]) =>
    candidates
      .map((p) => `\`${options.retry(p.name)}\` (${formatTime(p.time)}, ${options.consistencyOf(p.type)})`)
      .join(' or ');
  const time = readPointTime(from);
  if (time) {
    const { at, future } = resolvePointTime(time, options.now, options.timeZone ?? 'UTC');
    const asked = `${formatTime(at)}${time.kind === 'date' ? '' : ` (${formatPointTime(time)})`}`;
    if (future) {
      throw new UserFacingError(
        `${asked} is later than now (${formatTime(options.now)}): there is no recovery point of ${vmName} from then yet.`,
        { title: 'Time in the future', nextStep: `The newest point: ${offer([newest])}.` },
      );
    }
    const point = points.find((p) => p.time.getTime() <= at.getTime());
    if (point) return { point, chosenBy: `the newest at or before ${asked}` };
    const oldest = points.slice(-2).reverse();
    throw new UserFacingError(
      `${vmName} has no recovery point at or before ${asked}; the oldest is from ${formatTime(oldest[0]?.time)}.`,
      {
        title: 'No recovery point that old',
        nextStep: `The nearest: ${offer(oldest)}. \`recovery points ${vmName}\` lists them all.`,
      },
    );
  }
  const point = points.find((p) => p.name.toLowerCase() === from.toLowerCase());
  if (point) return { point };
  const closest = suggestClosest(
    from,
    points.map((p) => p.name),
    2,
  );
  const near = closest.flatMap((name) => points.filter((p) => p.name === name));
  throw new UserFacingError(`${vmName} has no recovery point \`${from}\`; it may have expired.`, {
    title: 'Unknown recovery point',
    nextStep:
      near.length > 0
        ? `Did you mean ${offer(near)}? \`recovery points ${vmName}\` lists them.`
        : `List them: \`recovery points ${vmName}\`, or restore from the newest: ${offer([newest])}.`,
  });
}
