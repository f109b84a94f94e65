import { describe, expect, it } from 'vitest';
import { commandCatalog } from '../../src/commands/catalog.js';
import type { ArgType } from '../../src/commands/command-spec.js';
import { parseCommand } from '../../src/commands/parse-command.js';
import { newSetId, snapshotName } from '../../src/operations/snapshots/snapshot-sets.js';

/**
 * `help` examples are what a new user copies first, so every id in them has the form the bot
 * really gives such ids: a snapshot set id `vm-sql-01-20261124-071201-3f9a`, not an invented
 * `ss-vm-sql-01-20250601-1030`. The forms are checked against the code that makes the ids.
 */
const ID_FORMS: Partial<Record<ArgType, RegExp>> = {
  // src/operations/snapshots/snapshot-sets.ts newSetId: <vm>-<yyyymmdd>-<hhmmss>-<4 hex>
  snapshotSet: /^[a-z0-9][a-z0-9._-]*-\d{8}-\d{6}-[0-9a-f]{4}$/,
  // snapshotName: the set id and the disk's place on the VM
  snapshotName: /^[a-z0-9][a-z0-9._-]*-\d{8}-\d{6}-[0-9a-f]{4}-(os|lun\d+)$/,
  // src/jobs/job-journal.ts: job-<8 hex>
  jobId: /^job-[0-9a-f]{8}$/,
  // src/operations/site-recovery/dr-cleanup.ts reportId: dr-<yyyymmdd>-<app>-<4 hex>
  reportId: /^dr-\d{8}-[a-z0-9_-]+-[0-9a-f]{4}$/,
};

describe('help examples use ids of the form the bot gives them', () => {
  it('describes the forms the code makes', () => {
    const setId = newSetId('vm-sql-01', new Date('2026-11-24T07:12:01Z'));
    expect(setId).toMatch(ID_FORMS.snapshotSet as RegExp);
    expect(snapshotName(setId, 'os', undefined)).toMatch(ID_FORMS.snapshotName as RegExp);
    expect(snapshotName(setId, 'data', 2)).toMatch(ID_FORMS.snapshotName as RegExp);
  });

  it('has every id in every example in that form', () => {
    const checked: string[] = [];
    for (const spec of commandCatalog) {
      for (const example of spec.examples) {
        const result = parseCommand(example);
        if (!result.ok) throw new Error(`${example}: ${result.message}`);
        for (const arg of spec.args) {
          const form = ID_FORMS[arg.type];
          const value = result.command.args[arg.name];
          if (!form || typeof value !== 'string') continue;
          expect(value, `${example} (${arg.name})`).toMatch(form);
          checked.push(value);
        }
      }
    }
    // The examples do show ids: snapshot sets, snapshots, jobs and reports.
    expect(checked.length).toBeGreaterThanOrEqual(8);
  });
});
