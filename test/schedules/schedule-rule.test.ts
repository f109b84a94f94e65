import { describe, expect, it } from 'vitest';
import {
  describeRule,
  nextRunAfter,
  parseScheduleRule,
  type ScheduleRule,
} from '../../src/schedules/schedule-rule.js';

function rule(text: string): ScheduleRule {
  const parsed = parseScheduleRule(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}

describe('schedule rules', () => {
  it('reads the forms people type, with the defaults said back', () => {
    expect(describeRule(rule('monthly'))).toBe('monthly on the first Monday at 09:00 UTC');
    expect(describeRule(rule('monthly on the first monday 09:00 Europe/Amsterdam'))).toBe(
      'monthly on the first Monday at 09:00 Europe/Amsterdam',
    );
    expect(describeRule(rule('monthly on the last fri at 17:30 America/New_York'))).toBe(
      'monthly on the last Friday at 17:30 America/New_York',
    );
    expect(describeRule(rule('monthly on day 15 8am'))).toBe('monthly on day 15 at 08:00 UTC');
    expect(describeRule(rule('weekly on friday 2pm UTC'))).toBe('weekly on Friday at 14:00 UTC');
    expect(describeRule(rule('daily 06:30 Asia/Tokyo'))).toBe('daily at 06:30 Asia/Tokyo');
  });

  it('refuses what it cannot read, saying what would work', () => {
    for (const text of [
      'monthly on day 31',
      'weekly on day 3',
      'monthly 25:00',
      'monthly Mars/Olympus',
      'fortnightly',
    ]) {
      const parsed = parseScheduleRule(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(20);
    }
  });

  it('finds the first Monday 09:00 in Amsterdam, in winter (UTC+1) and in summer (UTC+2)', () => {
    const r = rule('monthly on the first monday 09:00 Europe/Amsterdam');
    // 2026-12-07 is the first Monday of December; Amsterdam is UTC+1 then.
    expect(nextRunAfter(r, new Date('2026-12-04T10:00:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    // After it has passed: the first Monday of January 2027 is the 4th.
    expect(nextRunAfter(r, new Date('2026-12-07T08:00:00Z')).toISOString()).toBe('2027-01-04T08:00:00.000Z');
    // June 2027: the first Monday is the 7th, Amsterdam is UTC+2.
    expect(nextRunAfter(r, new Date('2027-05-31T00:00:00Z')).toISOString()).toBe('2027-06-07T07:00:00.000Z');
  });

  it('follows daylight saving on the day it changes, and the last weekday of a month', () => {
    // Europe moves to summer time on Sunday 2027-03-28 at 02:00 -> 03:00.
    const sunday = rule('weekly on sunday 02:30 Europe/Amsterdam');
    const run = nextRunAfter(sunday, new Date('2027-03-27T12:00:00Z'));
    expect(run.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    const last = rule('monthly on the last friday 17:00 UTC');
    expect(nextRunAfter(last, new Date('2027-02-01T00:00:00Z')).toISOString()).toBe(
      '2027-02-26T17:00:00.000Z',
    );
    const daily = rule('daily 06:30 Asia/Tokyo');
    expect(nextRunAfter(daily, new Date('2026-12-04T00:00:00Z')).toISOString()).toBe(
      '2026-12-04T21:30:00.000Z',
    );
  });

  it('is always strictly later than the time it starts from, one period at most', () => {
    const r = rule('monthly on the second tuesday 23:45 Pacific/Auckland');
    let at = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 30; i += 1) {
      const next = nextRunAfter(r, at);
      expect(next.getTime()).toBeGreaterThan(at.getTime());
      expect(next.getTime() - at.getTime()).toBeLessThanOrEqual(40 * 86_400_000);
      at = next;
    }
  });
});
