import { canonicalTimeZone, daysInMonth, instantOf, wallTimeAt, weekdayOf } from './zoned-time.js';

/** When a schedule fires, as stored (JSON) with the schedule. */
export interface ScheduleRule {
  frequency: 'monthly' | 'weekly' | 'daily';
  /** Monthly: the nth weekday of the month (1-4, or -1 for the last). */
  ordinal?: number;
  /** Monthly with `ordinal`, and weekly: 0 = Sunday ... 6 = Saturday. */
  weekday?: number;
  /** Monthly: a day of the month instead (1-28, so every month has it). */
  dayOfMonth?: number;
  hour: number;
  minute: number;
  /** IANA name (`Europe/Amsterdam`). */
  timeZone: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  last: -1,
};
const ORDINAL_WORDS: Record<number, string> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  [-1]: 'last',
};
const FILLER = new Set(['on', 'the', 'at', 'of', 'every', 'month', 'each', 'in']);

export type ParsedRule = { ok: true; rule: ScheduleRule } | { ok: false; message: string };

function weekdayIndex(word: string): number {
  return WEEKDAYS.findIndex((day) => day === word || (word.length >= 3 && day.startsWith(word)));
}

/** `09:00`, `9:30`, `9am`, `2pm`. */
function readTime(word: string): { hour: number; minute: number } | undefined {
  const clock = /^(\d{1,2}):(\d{2})$/.exec(word);
  const meridiem = /^(\d{1,2})(am|pm)$/.exec(word);
  const hour = clock
    ? Number(clock[1])
    : meridiem
      ? (Number(meridiem[1]) % 12) + (meridiem[2] === 'pm' ? 12 : 0)
      : NaN;
  const minute = clock ? Number(clock[2]) : 0;
  if (Number.isNaN(hour) || hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/**
 * `monthly [on the first monday] [09:00] [Europe/Amsterdam]`, `weekly on friday 14:00 UTC`,
 * `daily 06:30`, `monthly on day 15`. Defaults: monthly, the first Monday, 09:00, UTC.
 */
export function parseScheduleRule(text: string): ParsedRule {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const rule: ScheduleRule = { frequency: 'monthly', hour: 9, minute: 0, timeZone: 'UTC' };
  for (let i = 0; i < words.length; i += 1) {
    const raw = words[i] ?? '';
    const word = raw.toLowerCase();
    const next = (words[i + 1] ?? '').toLowerCase();
    if (word === 'monthly' || word === 'weekly' || word === 'daily') rule.frequency = word;
    else if (word === 'week') rule.frequency = 'weekly';
    else if (word === 'day' && /^\d{1,2}$/.test(next)) {
      rule.dayOfMonth = Number(next);
      i += 1;
    } else if (word === 'day') rule.frequency = 'daily';
    else if (word in ORDINALS && weekdayIndex(next) >= 0) {
      rule.ordinal = ORDINALS[word];
      rule.weekday = weekdayIndex(next);
      i += 1;
    } else if (/^\d{1,2}(st|nd|rd|th)$/.test(word)) rule.dayOfMonth = Number.parseInt(word, 10);
    else if (weekdayIndex(word) >= 0) rule.weekday = weekdayIndex(word);
    else if (readTime(word)) Object.assign(rule, readTime(word));
    else if (/[/]|^utc$|^gmt$/i.test(raw)) {
      const zone = canonicalTimeZone(raw);
      if (!zone)
        return {
          ok: false,
          message: `\`${raw}\` is not a time zone I know. Use an IANA name such as \`Europe/Amsterdam\` or \`UTC\`.`,
        };
      rule.timeZone = zone;
    } else if (!FILLER.has(word))
      return {
        ok: false,
        message: `I do not understand \`${raw}\` in the schedule. Say for example \`monthly on the first monday 09:00 Europe/Amsterdam\`, \`weekly on friday 14:00 UTC\` or \`monthly on day 15 08:30\`.`,
      };
  }
  return checkRule(rule);
}

function checkRule(rule: ScheduleRule): ParsedRule {
  if (rule.dayOfMonth !== undefined && (rule.dayOfMonth < 1 || rule.dayOfMonth > 28))
    return { ok: false, message: 'A day of the month must be 1 to 28 (every month has those).' };
  if (rule.frequency === 'monthly' && rule.dayOfMonth === undefined) {
    rule.ordinal ??= 1;
    rule.weekday ??= 1;
  }
  if (rule.frequency === 'weekly') {
    if (rule.dayOfMonth !== undefined || (rule.ordinal !== undefined && rule.ordinal !== 1))
      return {
        ok: false,
        message: 'A weekly schedule takes a weekday (`weekly on friday`), not a day of the month.',
      };
    rule.weekday ??= 1;
    delete rule.ordinal;
  }
  if (rule.frequency === 'daily') {
    delete rule.ordinal;
    delete rule.weekday;
    delete rule.dayOfMonth;
  }
  if (rule.dayOfMonth !== undefined) {
    delete rule.ordinal;
    delete rule.weekday;
  }
  return { ok: true, rule };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayName = (weekday: number) => {
  const name = WEEKDAYS[weekday] ?? 'monday';
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** "monthly on the first Monday at 09:00 Europe/Amsterdam". */
export function describeRule(rule: ScheduleRule): string {
  const at = `at ${pad(rule.hour)}:${pad(rule.minute)} ${rule.timeZone}`;
  if (rule.frequency === 'daily') return `daily ${at}`;
  if (rule.frequency === 'weekly') return `weekly on ${dayName(rule.weekday ?? 1)} ${at}`;
  if (rule.dayOfMonth !== undefined) return `monthly on day ${rule.dayOfMonth} ${at}`;
  return `monthly on the ${ORDINAL_WORDS[rule.ordinal ?? 1]} ${dayName(rule.weekday ?? 1)} ${at}`;
}

/** The first time the rule fires strictly after `after`. */
export function nextRunAfter(rule: ScheduleRule, after: Date): Date {
  const today = wallTimeAt(after, rule.timeZone);
  const time = { hour: rule.hour, minute: rule.minute };
  if (rule.frequency !== 'monthly') {
    for (let offset = 0; offset <= 8; offset += 1) {
      const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
      const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      if (rule.frequency === 'weekly' && date.getUTCDay() !== rule.weekday) continue;
      const instant = instantOf(day, time, rule.timeZone);
      if (instant.getTime() > after.getTime()) return instant;
    }
    throw new Error(`No next run within 8 days for ${describeRule(rule)}`);
  }
  for (let offset = 0; offset <= 13; offset += 1) {
    const first = new Date(Date.UTC(today.year, today.month - 1 + offset, 1));
    const year = first.getUTCFullYear();
    const month = first.getUTCMonth() + 1;
    const instant = instantOf({ year, month, day: dayInMonth(rule, year, month) }, time, rule.timeZone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new Error(`No next run within a year for ${describeRule(rule)}`);
}

function dayInMonth(rule: ScheduleRule, year: number, month: number): number {
  if (rule.dayOfMonth !== undefined) return rule.dayOfMonth;
  const weekday = rule.weekday ?? 1;
  const ordinal = rule.ordinal ?? 1;
  if (ordinal > 0) {
    const firstMatch = 1 + ((weekday - weekdayOf(year, month, 1) + 7) % 7);
    return firstMatch + (ordinal - 1) * 7;
  }
  const last = daysInMonth(year, month);
  return last - ((weekdayOf(year, month, last) - weekday + 7) % 7);
}
