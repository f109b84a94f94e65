import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pagePoints } from '../../../src/operations/backup/page-recovery-points.js';

interface Point {
  name: string;
  time: Date;
}

const base = Date.parse('2026-11-01T00:00:00Z');
/** Points over 40 days, some at the same instant (two backups in one second happen). */
const points = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 40 * 86_400 }), fc.integer({ min: 0, max: 10 ** 9 })), {
    maxLength: 120,
    selector: ([, id]) => id,
  })
  .map((raw) =>
    raw.map(([second, id]): Point => ({ name: String(id), time: new Date(base + second * 1000) })),
  );
const instant = fc.option(
  fc.integer({ min: -86_400, max: 41 * 86_400 }).map((s) => new Date(base + s * 1000)),
  {
    nil: undefined,
  },
);

/** Follows the pages as a reader would, from page 1 while a page says older points remain. */
function walk(
  all: readonly Point[],
  since: Date | undefined,
  until: Date | undefined,
  pageSize: number,
): Point[] {
  const seen: Point[] = [];
  for (let page = 1; ; page += 1) {
    const result = pagePoints(all, { since, until, page, pageSize });
    seen.push(...result.shown);
    expect(result.pages).toBe(Math.max(1, Math.ceil(result.matching / pageSize)));
    if (result.older === 0) break;
    expect(result.shown).toHaveLength(pageSize);
  }
  return seen;
}

const newestFirst = (a: Point, b: Point) => b.time.getTime() - a.time.getTime();

/** Issue 22 item 4: paging reaches everything. */
describe('paging recovery points', () => {
  it('visits every point of the window exactly once, newest first, for any page size', () => {
    fc.assert(
      fc.property(
        points,
        fc.integer({ min: 1, max: 30 }),
        instant,
        instant,
        (all, pageSize, since, until) => {
          const seen = walk(all, since, until, pageSize);
          const inWindow = all.filter(
            (p) => (since === undefined || p.time >= since) && (until === undefined || p.time <= until),
          );
          expect(seen.map((p) => p.name).sort()).toEqual(inWindow.map((p) => p.name).sort());
          expect(new Set(seen.map((p) => p.name)).size).toBe(seen.length);
          expect([...seen].sort(newestFirst).map((p) => p.time.getTime())).toEqual(
            seen.map((p) => p.time.getTime()),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reaches every point through since and until: a split at any instant loses none and repeats none', () => {
    fc.assert(
      fc.property(
        points,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 40 * 86_400 }),
        (all, pageSize, s) => {
          const split = new Date(base + s * 1000);
          const older = walk(all, undefined, new Date(split.getTime() - 1), pageSize);
          const newer = walk(all, split, undefined, pageSize);
          const both = [...newer, ...older];
          expect(both.map((p) => p.name).sort()).toEqual(all.map((p) => p.name).sort());
          expect(both.map((p) => p.time.getTime())).toEqual(
            [...all].sort(newestFirst).map((p) => p.time.getTime()),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says a page past the end is empty, and how many pages there are', () => {
    const all = Array.from({ length: 30 }, (_, i) => ({
      name: `p${i}`,
      time: new Date(base + i * 86_400_000),
    }));
    expect(pagePoints(all, { page: 3, pageSize: 20 })).toMatchObject({
      shown: [],
      matching: 30,
      pages: 2,
      older: 0,
    });
  });
});
