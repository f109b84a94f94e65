import { describe, expect, it } from 'vitest';
import type { ChangeClaim } from '../../src/store/change-claim-port.js';
import type { StorePort } from '../../src/store/store-port.js';
import { alice, at } from './store-fixtures.js';

const RACERS = 50;

function claim(scope: string, holder: string, minute = 0): ChangeClaim {
  return {
    scope,
    holder,
    commandId: 'dr.drill',
    commandText: 'dr drill shop',
    requester: alice,
    createdAt: at(minute),
  };
}

/** One change at a time rests on these: one holder per scope, whatever the races. */
export function describeChangeClaims(use: () => StorePort): void {
  describe('change claims', () => {
    it('gives a scope to the first holder and answers later ones with it, read back exactly', async () => {
      const first = claim('app:shop', 'apr-1');
      expect(await use().claims.take(first)).toStrictEqual(first);
      expect(await use().claims.take(claim('app:shop', 'apr-2', 1))).toStrictEqual(first);
      expect(await use().claims.get('app:shop')).toStrictEqual(first);
      expect(await use().claims.get('app:crm')).toBeUndefined();
    });

    it(`lets exactly one of ${RACERS} racing holders take a scope`, async () => {
      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, n) => use().claims.take(claim('app:shop', `apr-${n}`))),
      );
      const winners = new Set(results.map((r) => r.holder));
      expect(winners.size).toBe(1);
      expect((await use().claims.list()).map((c) => c.holder)).toEqual([...winners]);
    });

    it('hands a stale claim over only when the stale holder still holds it', async () => {
      await use().claims.take(claim('app:shop', 'apr-1'));
      expect(await use().claims.replace('apr-9', claim('app:shop', 'apr-2', 1))).toBe(false);
      expect(await use().claims.replace('apr-1', claim('app:shop', 'apr-2', 1))).toBe(true);
      expect((await use().claims.get('app:shop'))?.holder).toBe('apr-2');
      const racers = await Promise.all(
        Array.from({ length: RACERS }, (_, n) =>
          use().claims.replace('apr-2', claim('app:shop', `job-${n}`)),
        ),
      );
      expect(racers.filter(Boolean)).toHaveLength(1);
    });

    it("releases a holder's claims, one scope or all, and nobody else's", async () => {
      await use().claims.take(claim('app:shop', 'job-1'));
      await use().claims.take(claim('cleanup:shop', 'job-1'));
      await use().claims.take(claim('app:crm', 'job-2'));
      expect(await use().claims.release('job-1', 'cleanup:shop')).toBe(1);
      expect(await use().claims.release('job-1')).toBe(1);
      expect(await use().claims.release('job-1')).toBe(0);
      expect((await use().claims.list()).map((c) => c.scope)).toEqual(['app:crm']);
    });
  });
}
