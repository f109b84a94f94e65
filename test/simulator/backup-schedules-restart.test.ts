import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  advanceClock,
  backupClient,
  fieldsOf,
  startPinnedSimulator,
  vaultGroup,
  vaultName,
} from './backup-test-kit.js';
import { collect, withTempDir } from './simulator-test-kit.js';

/** Scheduled backups and the state file: kept across restarts, caught up after downtime. */
const dayMs = 86_400_000;
const startMs = Date.parse('2025-06-10T08:00:00Z');

async function scheduledJobNames(simulator: Awaited<ReturnType<typeof startPinnedSimulator>>) {
  const jobs = await collect(
    backupClient(simulator).backupJobs.list(vaultName, vaultGroup, {
      filter: "startTime eq '2025-06-10 08:00:00 AM' and operation eq 'Backup'",
    }),
  );
  return jobs.map((job) => `${fieldsOf(job.properties).entityFriendlyName}:${job.name}`).sort();
}

describe('simulator: scheduled backups across restarts', () => {
  it('keeps the runs it made, makes none twice, and catches up the days it was down', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      let realMs = startMs;
      const now = () => realMs;
      const first = await startPinnedSimulator({ stateFile, now });
      await advanceClock(first, dayMs / 1000);
      const made = await scheduledJobNames(first);
      expect(made).toHaveLength(6);
      await first.close();

      const second = await startPinnedSimulator({ stateFile, now });
      expect(await scheduledJobNames(second)).toEqual(made);
      await second.close();

      // Two days pass while the simulator is down: their runs happened all the same.
      realMs += 2 * dayMs;
      const third = await startPinnedSimulator({ stateFile, now });
      const caughtUp = await scheduledJobNames(third);
      expect(caughtUp).toHaveLength(18);
      expect(caughtUp).toEqual(expect.arrayContaining(made));
      await third.close();
    });
  });

  it('loads a state file written before the policies ran by themselves and continues after its history', async () => {
    await withTempDir(async (dir) => {
      const stateFile = join(dir, 'state.json');
      let realMs = startMs;
      const now = () => realMs;
      const first = await startPinnedSimulator({ stateFile, now });
      await first.close();
      // What the previous simulator wrote: the same version, items without their schedule mark.
      const state = JSON.parse(await readFile(stateFile, 'utf8'));
      for (const item of Object.values(state.backup.protectedItems) as Record<string, unknown>[]) {
        delete item.scheduledThroughMs;
      }
      await writeFile(stateFile, JSON.stringify(state));

      realMs += dayMs;
      const second = await startPinnedSimulator({ stateFile, now });
      expect(await scheduledJobNames(second)).toHaveLength(6);
      await second.close();
      const saved = JSON.parse(await readFile(stateFile, 'utf8'));
      const marks = Object.values(saved.backup.protectedItems).map(
        (item) => (item as { scheduledThroughMs?: number }).scheduledThroughMs,
      );
      expect(marks).toEqual(Array(6).fill(Date.parse('2025-06-10T22:30:00Z')));
    });
  });
});
