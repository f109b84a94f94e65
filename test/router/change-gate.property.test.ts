import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/chat/chat-event.js';
import { ChangeGate } from '../../src/router/change-gate.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

/**
 * The one-change-per-app rule of the gate alone, on a real SQLite store, as an invariant over random
 * starts, rechecks and ends of jobs: a change starts only when nothing else of its app is in flight, except a
 * drill's cleanup beside its drill; and an app with nothing in flight always takes a change. The
 * whole-bot model test (dr-safety.model.test.ts) found the cleanup-outlives-its-drill case after
 * 400 runs, and a drill refused on its recheck after a restart while its cleanup ran (which gave up
 * the app it held); here each takes a few dozen.
 */
const commands = ['dr.drill', 'dr.cleanup', 'dr.failover.planned', 'dr.commit', 'dr.reprotect'] as const;
const apps = ['shop', 'crm'] as const;
const alice: Actor = { platform: 'console', id: 'console-alice', displayName: 'alice' };

type Step =
  | { kind: 'start'; command: (typeof commands)[number]; app: (typeof apps)[number] }
  | { kind: 'end'; pick: number }
  /** A running change checks again, as it does after a restart and just before Azure is asked. */
  | { kind: 'recheck'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('start' as const),
    command: fc.constantFrom(...commands),
    app: fc.constantFrom(...apps),
  }),
  fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('recheck' as const), pick: fc.nat() }),
);

interface Running {
  id: string;
  command: string;
  app: string;
}

describe('the change gate keeps one change per app in flight (property)', () => {
  let dir: string;
  let store: SqliteStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'change-gate-'));
    store = await SqliteStore.open({ file: join(dir, 'chatops.db') });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a change only beside nothing, or a cleanup beside its drill; a free app always takes one', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
        const now = new Date();
        const gate = new ChangeGate(store, () => now);
        const running: Running[] = [];
        try {
          for (const next of steps) {
            if (next.kind === 'end') {
              const done = running.splice(next.pick % Math.max(running.length, 1), 1)[0];
              if (!done) continue;
              await endJob(store, gate, done.id, 'succeeded');
              continue;
            }
            if (next.kind === 'recheck') {
              const job = running[next.pick % Math.max(running.length, 1)];
              if (!job) continue;
              const conflict = await gate.claim(
                { id: job.command, args: { app: job.app } },
                { id: job.id, commandId: job.command, commandText: job.command, requester: alice },
              );
              expect(conflict?.claim.commandText, `${job.command} ${job.app} refused on its recheck`).toBe(
                undefined,
              );
              // And it still holds its app (a cleanup holds it only without its drill beside it).
              const app = await store.claims.get(`app:${job.app}`);
              if (job.command !== 'dr.cleanup')
                expect(app?.holder, `${job.command} lost ${job.app}`).toBe(job.id);
              continue;
            }
            const id = `job-${(serial++).toString(16).padStart(8, '0')}`;
            const commandText = `${next.command} ${next.app}`;
            await store.insertJob(jobRecord(id, next.command, commandText, now));
            const conflict = await gate.claim(
              { id: next.command, args: { app: next.app } },
              { id, commandId: next.command, commandText, requester: alice },
            );
            const beside = running.filter((job) => job.app === next.app);
            if (conflict) {
              // Refused: only while something of the app is in flight.
              expect(beside, `${commandText} refused with nothing of ${next.app} in flight`).not.toEqual([]);
              await endJob(store, gate, id, 'failed');
              continue;
            }
            running.push({ id, command: next.command, app: next.app });
            const allowed =
              beside.length === 0 ||
              (next.command === 'dr.cleanup' && beside.length === 1 && beside[0]?.command === 'dr.drill');
            expect(
              allowed,
              `${commandText} started beside ${beside.map((job) => job.command).join(', ')}`,
            ).toBe(true);
          }
        } finally {
          for (const job of running) await endJob(store, gate, job.id, 'succeeded');
        }
      }),
      { numRuns: 500 },
    );
  });
});

function jobRecord(id: string, commandId: string, commandText: string, now: Date) {
  return {
    id,
    commandId,
    commandText,
    requester: alice,
    correlationId: id.slice(4),
    state: 'running' as const,
    handle: {},
    messages: [],
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

async function endJob(store: SqliteStore, gate: ChangeGate, id: string, state: 'succeeded' | 'failed') {
  const job = await store.getJob(id);
  if (job) await store.updateJob(id, { version: job.version }, { state });
  await gate.release(id);
}
