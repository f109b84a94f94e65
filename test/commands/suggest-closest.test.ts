import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, suggestClosest } from '../../src/commands/suggest-closest.js';

const vms = ['vm-web-01', 'vm-web-02', 'vm-api-01', 'vm-sql-01', 'vm-crm-01', 'vm-crm-02', 'vm-dev-01'];

describe('suggestClosest', () => {
  it('finds the VMs a mistyped name means, best first', () => {
    expect(suggestClosest('vm-web-1', vms)).toEqual(['vm-web-01', 'vm-web-02']);
    expect(suggestClosest('VM-SQL-01', vms)).toEqual(['vm-sql-01']);
    expect(suggestClosest('vm-wbe-01', vms)[0]).toBe('vm-web-01');
  });

  it('takes part of a name as a hint', () => {
    expect(suggestClosest('sql', vms)).toEqual(['vm-sql-01']);
    expect(suggestClosest('crm', vms)).toEqual(['vm-crm-01', 'vm-crm-02']);
  });

  it('stays quiet when nothing is close', () => {
    expect(suggestClosest('database', vms)).toEqual([]);
    expect(suggestClosest('', vms)).toEqual([]);
    expect(suggestClosest('x'.repeat(500), vms)).toEqual([]);
  });

  it('respects max', () => {
    expect(suggestClosest('crm', vms, 1)).toEqual(['vm-crm-01']);
    expect(suggestClosest('vm-web-1', vms, 0)).toEqual([]);
  });
});

describe('damerauLevenshtein', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(damerauLevenshtein('snapshto', 'snapshot')).toBe(1);
    expect(damerauLevenshtein('stauts', 'status')).toBe(1);
    expect(damerauLevenshtein('hlep', 'help')).toBe(1);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
  });

  it('is a symmetric distance that is zero only for equal words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const distance = damerauLevenshtein(a, b);
        expect(distance).toBe(damerauLevenshtein(b, a));
        expect(distance === 0).toBe(a === b);
        expect(distance).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});
