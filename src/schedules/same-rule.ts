import type { ScheduleRule } from './schedule-rule.js';
import { canonicalTimeZone } from './zoned-time.js';

/**
 * Whether two rules fire at the same times: the same fields once parsed (`weekly on fri 14:00 UTC`
 * and `weekly on friday 2pm` are one rule), the zone by its canonical name. Stored rules are JSON,
 * so anything that is not a rule matches nothing.
 */
export function sameRule(a: unknown, b: ScheduleRule): boolean {
  if (typeof a !== 'object' || a === null) return false;
  const stored = a as Partial<ScheduleRule>;
  const zone = (name: unknown) => (typeof name === 'string' ? (canonicalTimeZone(name) ?? name) : name);
  return (
    stored.frequency === b.frequency &&
    stored.ordinal === b.ordinal &&
    stored.weekday === b.weekday &&
    stored.dayOfMonth === b.dayOfMonth &&
    stored.hour === b.hour &&
    stored.minute === b.minute &&
    zone(stored.timeZone) === zone(b.timeZone)
  );
}
