import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.js';
import { formatPointTime, readPointTime, resolvePointTime } from '../../src/commands/point-time.js';

/**
 * Issue 22 item 4: times as people type them when they choose a recovery point. Every case reads
 * against a fixed clock, at the hours that trip a wall-clock test: just after the demo backups
 * (22:30 UTC), on an ASR 4-hour mark, and just after midnight.
 */
const at = (iso: string) => resolveAt(iso);
function resolveAt(nowIso: string) {
  const now = new Date(nowIso);
  return (words: string, dayAlone: 'start' | 'end' = 'end') => {
    const time = readPointTime(words);
    if (!time) throw new Error(`not a time: ${words}`);
    return resolvePointTime(time, now, 'UTC', dayAlone).at.toISOString();
  };
}

describe('times for recovery points', () => {
  it.each([
    ['2026-12-08T22:31:00Z', 'yesterday 18:00', '2026-12-07T18:00:00.000Z'],
    ['2026-12-08T00:00:30Z', 'yesterday 18:00', '2026-12-07T18:00:00.000Z'],
    ['2026-12-08T23:59:59Z', 'yesterday at 18:00', '2026-12-07T18:00:00.000Z'],
    ['2026-12-08T08:00:00Z', 'today 06:00', '2026-12-08T06:00:00.000Z'],
    ['2026-12-08T08:00:00Z', 'today 6am', '2026-12-08T06:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '2h ago', '2026-12-08T06:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '2 hours ago', '2026-12-08T06:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '90 min ago', '2026-12-08T06:30:00.000Z'],
    ['2026-12-08T08:00:00Z', '7d', '2026-12-01T08:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '2w ago', '2026-11-24T08:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '2026-12-07 18:00', '2026-12-07T18:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '2026-12-07 18:00 UTC', '2026-12-07T18:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '2026-12-07T18:00Z', '2026-12-07T18:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '2026-12-07T18:00+01:00', '2026-12-07T17:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '2026-12-07', '2026-12-07T23:59:59.999Z'],
    ['2026-12-08T08:00:00Z', 'yesterday', '2026-12-07T23:59:59.999Z'],
    // "today" alone is up to now; a bare clock time is the last one past.
    ['2026-12-08T08:00:00Z', 'today', '2026-12-08T08:00:00.000Z'],
    ['2026-12-08T08:00:00Z', '06:00', '2026-12-08T06:00:00.000Z'],
    ['2026-12-08T04:00:00Z', '06:00', '2026-12-07T06:00:00.000Z'],
    ['2026-12-08T22:30:00Z', '22:30', '2026-12-08T22:30:00.000Z'],
  ])('at %s, %s is %s', (now, words, expected) => {
    expect(at(now)(words)).toBe(expected);
  });

  it('reads a day alone as its first instant where a window starts', () => {
    expect(at('2026-12-08T08:00:00Z')('yesterday', 'start')).toBe('2026-12-07T00:00:00.000Z');
    expect(at('2026-12-08T08:00:00Z')('2026-12-01', 'start')).toBe('2026-12-01T00:00:00.000Z');
  });

  it('reads wall-clock times in a named zone, daylight saving included', () => {
    const time = readPointTime('yesterday 18:00');
    if (!time) throw new Error('not read');
    expect(
      resolvePointTime(time, new Date('2026-07-02T08:00:00Z'), 'Europe/Amsterdam').at.toISOString(),
    ).toBe('2026-07-01T16:00:00.000Z');
    expect(
      resolvePointTime(time, new Date('2026-12-08T08:00:00Z'), 'Europe/Amsterdam').at.toISOString(),
    ).toBe('2026-12-07T17:00:00.000Z');
  });

  it('says when a time is later than now', () => {
    const time = readPointTime('today 06:00');
    if (!time) throw new Error('not read');
    expect(resolvePointTime(time, new Date('2026-12-08T04:00:00Z')).future).toBe(true);
    expect(resolvePointTime(time, new Date('2026-12-08T06:00:00Z')).future).toBe(false);
  });

  it('leaves recovery point ids and nonsense alone', () => {
    for (const words of [
      '31929779506291',
      '12345678901234',
      'latest',
      'yesterday 25:00',
      '2026-13-01',
      'disks',
      'today x',
    ])
      expect(readPointTime(words), words).toBeUndefined();
  });

  it('spells each time one way', () => {
    for (const [words, canonical] of [
      ['2 hours ago', '2h ago'],
      ['Yesterday at 18:00', 'yesterday 18:00'],
      ['2026-12-07 18:00 UTC', '2026-12-07 18:00'],
      ['today 6pm', 'today 18:00'],
    ] as const) {
      const time = readPointTime(words);
      expect(time && formatPointTime(time)).toBe(canonical);
    }
  });
});

describe('the parser takes a time of several words wherever a point is chosen', () => {
  it.each([
    ['restore vm-web-01 from yesterday 18:00 disks', 'restore.disks', 'yesterday 18:00'],
    ['restore vm-web-01 from 2h ago as new vm-web-01-r', 'restore.new', '2h ago'],
    ['restore vm-web-01 from 2 hours ago replace', 'restore.replace', '2h ago'],
    ['restore vm-web-01 from 2026-12-07 18:00 disks', 'restore.disks', '2026-12-07 18:00'],
    ['restore vm-web-01 from today 06:00 disks', 'restore.disks', 'today 06:00'],
    ['restore files vm-web-01 from yesterday 18:00', 'restore.files', 'yesterday 18:00'],
    ['restore files vm-web-01 from yesterday', 'restore.files', 'yesterday'],
    ['restore vm-web-01 from 31929779506291 disks', 'restore.disks', '31929779506291'],
  ])('%s', (text, id, from) => {
    const parsed = parseCommand(text);
    expect(parsed.ok, parsed.ok ? '' : parsed.message).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.command.id).toBe(id);
    expect(parsed.command.args.from).toBe(from);
    // The canonical text reads back to the same command.
    const again = parseCommand(parsed.command.canonical);
    expect(again.ok && again.command.args.from).toBe(from);
  });

  it('takes since, until and page on recovery points', () => {
    const parsed = parseCommand('recovery points vm-web-01 since yesterday 18:00 until 2 hours ago page 2');
    expect(parsed.ok && parsed.command.args).toEqual({
      vm: 'vm-web-01',
      since: 'yesterday 18:00',
      until: '2h ago',
      page: 2,
    });
    const old = parseCommand('recovery points for vm-sql-01 for the last 7d');
    expect(old.ok && old.command.canonical).toBe('recovery points vm-sql-01 since 7d');
  });
});
