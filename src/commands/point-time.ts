import { instantOf, wallTimeAt } from '../schedules/zoned-time.js';
import { parseDuration } from './parse-duration.js';

/**
 * A time as people write it when they pick a recovery point or bound a list: `2h ago`, `7d`,
 * `yesterday 18:00`, `today 06:00`, `18:00`, `2026-12-07 18:00`, `2026-12-07T18:00Z`. Reading it
 * needs no clock; `resolvePointTime` turns it into an instant given `now` and a time zone, so the
 * same words always mean the same instant for the same clock.
 */
export type PointTime =
  | { kind: 'ago'; milliseconds: number; text: string }
  | { kind: 'day'; daysBack: 0 | 1; clock?: Clock }
  | { kind: 'clock'; clock: Clock }
  | {
      kind: 'date';
      year: number;
      month: number;
      day: number;
      clock?: Clock;
      /** `Z` or `+02:00`, when written; else the time is read in the configured zone. */
      offset?: string;
    };

interface Clock {
  hour: number;
  minute: number;
  second?: number;
}

/** How many words a time may take (`2 hours ago`, `yesterday at 18:00`, `2026-12-07 18:00 UTC`). */
export const MAX_TIME_WORDS = 4;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Undefined when the words are not a time (a recovery point id, a typo). */
export function readPointTime(text: string): PointTime | undefined {
  const words = text
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== 'at');
  // A trailing `UTC` is what times mean anyway; another zone is written as an offset.
  if (words.length > 1 && words.at(-1) === 'utc') words.pop();
  if (words.length === 0) return undefined;
  const joined = words.join(' ');
  if (words.at(-1) === 'ago') return readAgo(words.slice(0, -1).join(' '));
  const first = words[0] ?? '';
  if (first === 'today' || first === 'yesterday') {
    const daysBack = first === 'today' ? 0 : 1;
    if (words.length === 1) return { kind: 'day', daysBack };
    const clock = words.length === 2 ? readClock(words[1] ?? '') : undefined;
    return clock ? { kind: 'day', daysBack, clock } : undefined;
  }
  if (words.length === 1) {
    const clock = readClock(first);
    if (clock) return { kind: 'clock', clock };
    if (/^\d+$/.test(first)) return undefined;
  }
  const iso = readIso(joined);
  if (iso) return iso;
  // `7d`, `12 hours`: a duration alone means that long ago, as `since 7d` always has.
  return /^\d/.test(first) && !/^\d{4}-/.test(first) ? readAgo(joined) : undefined;
}

function readAgo(text: string): PointTime | undefined {
  const duration = parseDuration(text.replace(/\s+/g, ''));
  return duration ? { kind: 'ago', milliseconds: duration.milliseconds, text: duration.text } : undefined;
}

/** `18:00`, `6:30`, `18:00:15`, `6pm`, `6am`. */
function readClock(word: string): Clock | undefined {
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(word);
  const meridiem = /^(\d{1,2})(am|pm)$/.exec(word);
  if (clock) {
    const [hour, minute, second] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    return clock[3] === undefined ? { hour, minute } : { hour, minute, second };
  }
  if (meridiem) {
    const hour = Number(meridiem[1]);
    if (hour < 1 || hour > 12) return undefined;
    return { hour: (hour % 12) + (meridiem[2] === 'pm' ? 12 : 0), minute: 0 };
  }
  return undefined;
}

function readIso(text: string): PointTime | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    return undefined;
  const date: PointTime = { kind: 'date', year, month, day };
  if (match[4] !== undefined) {
    const clock = readClock(`${match[4]}:${match[5]}${match[6] === undefined ? '' : `:${match[6]}`}`);
    if (!clock) return undefined;
    date.clock = clock;
  }
  if (match[7] !== undefined && date.clock) {
    const offset = match[7].toUpperCase() === 'Z' ? 'Z' : match[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4, 6)) > 59))
      return undefined;
    date.offset = offset;
  }
  return date;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clockText = (c: Clock) =>
  `${pad(c.hour)}:${pad(c.minute)}${c.second === undefined ? '' : `:${pad(c.second)}`}`;

/** The time in one spelling (`2h ago`, `yesterday 18:00`, `2026-12-07 18:00`), as commands echo it. */
export function formatPointTime(time: PointTime): string {
  switch (time.kind) {
    case 'ago':
      return `${time.text} ago`;
    case 'day':
      return `${time.daysBack === 0 ? 'today' : 'yesterday'}${time.clock ? ` ${clockText(time.clock)}` : ''}`;
    case 'clock':
      return clockText(time.clock);
    case 'date': {
      const date = `${time.year}-${pad(time.month)}-${pad(time.day)}`;
      if (!time.clock) return date;
      return time.offset
        ? `${date}T${clockText(time.clock)}${time.offset}`
        : `${date} ${clockText(time.clock)}`;
    }
  }
}

/**
 * The instant the words mean at `now`, reading wall-clock times in `timeZone` (UTC unless the
 * config names one). A day without a time is its last instant (`from yesterday`: the newest point
 * of yesterday), or its first for the start of a window (`since yesterday`); a bare clock time is
 * the latest one not after now. `future` says when the words name a time later than now.
 */
export function resolvePointTime(
  time: PointTime,
  now: Date,
  timeZone = 'UTC',
  dayAlone: 'end' | 'start' = 'end',
): { at: Date; future: boolean } {
  const at =
    dayAlone === 'start' && (time.kind === 'day' || time.kind === 'date') && !time.clock
      ? startOfDay(time, now, timeZone)
      : instantFor(time, now, timeZone);
  return { at, future: at.getTime() > now.getTime() };
}

function instantFor(time: PointTime, now: Date, timeZone: string): Date {
  switch (time.kind) {
    case 'ago':
      return new Date(now.getTime() - time.milliseconds);
    case 'day': {
      const today = wallTimeAt(now, timeZone);
      const day = shiftDay(today, -time.daysBack);
      if (time.clock) return wallInstant(day, time.clock, timeZone);
      const endOfDay = new Date(
        wallInstant(shiftDay(day, 1), { hour: 0, minute: 0 }, timeZone).getTime() - 1,
      );
      // "today" with no time is up to now: the day is not over.
      return endOfDay.getTime() > now.getTime() ? now : endOfDay;
    }
    case 'clock': {
      const today = wallTimeAt(now, timeZone);
      const todayAt = wallInstant(today, time.clock, timeZone);
      return todayAt.getTime() <= now.getTime()
        ? todayAt
        : wallInstant(shiftDay(today, -1), time.clock, timeZone);
    }
    case 'date': {
      const { year, month, day } = time;
      if (!time.clock)
        return new Date(
          wallInstant(shiftDay({ year, month, day }, 1), { hour: 0, minute: 0 }, timeZone).getTime() - 1,
        );
      if (time.offset) {
        if (time.offset === 'Z')
          return new Date(
            Date.UTC(year, month - 1, day, time.clock.hour, time.clock.minute, time.clock.second ?? 0),
          );
        const sign = time.offset.startsWith('-') ? -1 : 1;
        const offsetMs =
          sign * (Number(time.offset.slice(1, 3)) * 60 + Number(time.offset.slice(4, 6))) * 60_000;
        return new Date(
          Date.UTC(year, month - 1, day, time.clock.hour, time.clock.minute, time.clock.second ?? 0) -
            offsetMs,
        );
      }
      return wallInstant({ year, month, day }, time.clock, timeZone);
    }
  }
}

function startOfDay(time: Extract<PointTime, { kind: 'day' | 'date' }>, now: Date, timeZone: string): Date {
  const day = time.kind === 'day' ? shiftDay(wallTimeAt(now, timeZone), -time.daysBack) : time;
  return wallInstant(day, { hour: 0, minute: 0 }, timeZone);
}

interface Day {
  year: number;
  month: number;
  day: number;
}

function shiftDay(day: Day, by: number): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + by));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function wallInstant(day: Day, clock: Clock, timeZone: string): Date {
  if (timeZone === 'UTC')
    return new Date(Date.UTC(day.year, day.month - 1, day.day, clock.hour, clock.minute, clock.second ?? 0));
  const minute = instantOf(day, clock, timeZone);
  return new Date(minute.getTime() + (clock.second ?? 0) * 1000);
}
