import { formatDuration } from '../chat/domain-words.js';
import { wallTimeAt } from '../schedules/zoned-time.js';
/** Small, consistent formatting for cards: sizes, ages, durations. */

export function formatGB(value: number | undefined): string {
  if (value === undefined) return 'n/a';
  if (value === 0) return '0 GB';
  if (value < 1) return `${(value * 1024).toFixed(0)} MB`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} GB`;
}

export function formatAge(from: Date | undefined, now: Date): string {
  if (!from) return 'unknown';
  const seconds = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400 * 2) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

/** How long something took, in the shared duration words (src/chat/domain-words.ts): 4.2 s, 45 s, 2 min 5 s. */
export function formatElapsed(ms: number): string {
  return formatDuration(ms / 1000, { exact: true });
}

/** "2026-11-24 07:12 UTC": unambiguous for people in several time zones during an incident. */
export function formatTime(date: Date | undefined): string {
  if (!date) return 'unknown';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The wall clock in `timeZone` as "2026-12-04 20:20:14" (Intl's tz data, so daylight saving is right). */
function wallClock(date: Date, timeZone: string): string {
  const wall = wallTimeAt(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

/**
 * "2026-12-04 19:20:14 UTC (20:20:14 Europe/Amsterdam)": to the second, for records such as drill
 * reports, in UTC and in the zone the team plans in (its date too when that differs). Seconds are
 * cut, not rounded, so two shown times differ by exactly the whole seconds between them.
 */
export function formatTimeToSecond(
  date: Date | undefined,
  timeZone?: string,
  options: { withDate?: boolean } = {},
): string {
  if (!date || Number.isNaN(date.getTime())) return 'unknown';
  const full = date.toISOString().slice(0, 19).replace('T', ' ');
  const utc = options.withDate === false ? full.slice(11) : full;
  if (!timeZone || timeZone === 'UTC') return `${utc} UTC`;
  const local = wallClock(date, timeZone);
  const shown = local.slice(0, 10) === full.slice(0, 10) ? local.slice(11) : local;
  return `${utc} UTC (${shown} ${timeZone})`;
}

/**
 * Names as a reader copies them, each in a `code` span: "`a`", "`a` and `b`", "`a`, `b` or `c`".
 * Names already in a span are not wrapped again.
 */
export function quotedList(names: readonly string[], joiner: 'and' | 'or' = 'and'): string {
  const quoted = names.map((name) => (name.startsWith('`') ? name : `\`${name}\``));
  if (quoted.length <= 1) return quoted[0] ?? '';
  return `${quoted.slice(0, -1).join(', ')} ${joiner} ${quoted.at(-1)}`;
}
