/** A duration as users write it: `30m`, `12h`, `7d`, `2w`, also `7 days` split over two words. */
export interface Duration {
  /** The canonical spelling: `30m`, `12h`, `7d`, `2w`. */
  text: string;
  milliseconds: number;
}

const MINUTE_MS = 60_000;
const UNIT_MS: Record<'m' | 'h' | 'd' | 'w', number> = {
  m: MINUTE_MS,
  h: 60 * MINUTE_MS,
  d: 24 * 60 * MINUTE_MS,
  w: 7 * 24 * 60 * MINUTE_MS,
};
const DURATION = /^(\d{1,6})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$/i;

/** Undefined when it is not a duration; range checks are the caller's (they differ per argument). */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'd').toLowerCase();
  const key = unit.startsWith('mi') || unit === 'm' ? 'm' : (unit[0] as 'h' | 'd' | 'w');
  return { text: `${amount}${key}`, milliseconds: amount * UNIT_MS[key] };
}

/** Whether a bare word is a unit, so `older than 7 days` can join `7` and `days`. */
export function isDurationUnit(word: string): boolean {
  return /^(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$/i.test(word);
}

export const DAY_MS = UNIT_MS.d;
