import type { RecoveryPointInfo } from '../../azure/backup-port.js';
import { UserFacingError } from '../../chat/user-facing-error.js';
import { suggestClosest } from '../../commands/suggest-closest.js';
import { formatTime } from '../format-values.js';

/**
 * `from latest|<time>|<rp>` of the restore commands: the newest point; the newest point at or
 * before a time (a date alone means the end of that day; a time without a zone is UTC); or the
 * point with that id. `points` are newest first.
 */
export function chooseRecoveryPoint(
  points: readonly RecoveryPointInfo[],
  from: string,
  vmName: string,
): RecoveryPointInfo {
  const newest = points[0];
  if (!newest) {
    throw new UserFacingError(`Azure Backup has no recovery point of ${vmName} to restore from.`, {
      title: 'No recovery point',
      nextStep: `Take one first: \`backup ${vmName}\`.`,
    });
  }
  if (from.toLowerCase() === 'latest') return newest;
  const at = parseRecoveryTime(from);
  if (at !== undefined) {
    const point = points.find((p) => p.time.getTime() <= at.getTime());
    if (point) return point;
    const oldest = points.at(-1);
    throw new UserFacingError(
      `${vmName} has no recovery point at or before ${formatTime(at)}; the oldest is from ${formatTime(oldest?.time)}.`,
      { title: 'No recovery point that old', nextStep: `List them: \`recovery points ${vmName}\`.` },
    );
  }
  const point = points.find((p) => p.name.toLowerCase() === from.toLowerCase());
  if (point) return point;
  const closest = suggestClosest(
    from,
    points.map((p) => p.name),
    3,
  );
  throw new UserFacingError(`${vmName} has no recovery point \`${from}\`; it may have expired.`, {
    title: 'Unknown recovery point',
    nextStep:
      closest.length > 0
        ? `Did you mean ${closest.map((c) => `\`${c}\``).join(', ')}? \`recovery points ${vmName}\` lists them.`
        : `List them: \`recovery points ${vmName}\`, or restore from \`latest\`.`,
  });
}

/** A time the parser accepted, as an instant; undefined for a recovery point id. */
export function parseRecoveryTime(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const text = value.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(Date.parse(`${text}T23:59:59.999Z`));
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
