import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPermissionLab, type PermissionLab } from '../support/permission-lab.js';
import { run } from '../support/recovery-tour.js';

/** The snapshot set a `snapshot <vm>` answer names. */
const setOf = (vm: string, text: string) =>
  new RegExp(`${vm}-\\d{8}-\\d{6}-[0-9a-f]{4}`).exec(text)?.[0] ?? '';

/**
 * The snapshot commands with the shipped role minus one action at a time (test/support/permission-lab.ts):
 * each refusal in plain words, Azure's state as before; with the full role, each works.
 */
describe('snapshot commands without each permission they need', () => {
  let lab: PermissionLab;
  beforeAll(async () => {
    lab = await openPermissionLab(3600);
  }, 60_000);
  afterAll(async () => lab?.close());

  it('snapshot <vm>', { timeout: 120_000 }, async () => {
    const result = await lab.check('snapshot', {
      command: 'snapshot vm-sql-01',
      done: /Snapshot set of vm-sql-01 created/,
    });
    expect(result.needed).toContain('Microsoft.Compute/snapshots/write');
    expect(result.refusals).toBe(result.needed.length);
  });

  it('snapshot <vm> consistent', { timeout: 120_000 }, async () => {
    const result = await lab.check('snapshot consistent', {
      command: 'snapshot vm-web-01 consistent',
      done: /Restore point of vm-web-01 created/,
      mayLeave: {
        line: /^restore points rpc-vm-web-01: $/,
        why: "the VM's restore point collection, made before the point, is the container its points share: it stays, empty",
      },
    });
    expect(result.needed).toContain('Microsoft.Compute/restorePointCollections/restorePoints/write');
    expect(result.refusals).toBe(result.needed.length);
  });

  it('disks from snapshot <set>', { timeout: 120_000 }, async () => {
    const result = await lab.check('disks from snapshot', {
      setup: async (chat) =>
        setOf('vm-sql-01', await run(chat, 'snapshot vm-sql-01', /Snapshot set of vm-sql-01 created/)),
      command: (set) => `disks from snapshot ${set}`,
      done: /Disks created from/,
    });
    expect(result.needed).toContain('Microsoft.Compute/disks/write');
    expect(result.refusals).toBe(result.needed.length);
  });

  it('snapshot delete <set>', { timeout: 120_000 }, async () => {
    const result = await lab.check('snapshot delete', {
      setup: async (chat) =>
        setOf('vm-web-02', await run(chat, 'snapshot vm-web-02', /Snapshot set of vm-web-02 created/)),
      command: (set) => `snapshot delete ${set}`,
      approvers: ['bob'],
      done: /: done/,
    });
    expect(result.needed).toContain('Microsoft.Compute/snapshots/delete');
    expect(result.refusals).toBe(result.needed.length);
  });

  it('snapshot prune <vm> older-than', { timeout: 120_000 }, async () => {
    const result = await lab.check('snapshot prune', {
      setup: async (chat) => {
        await run(chat, 'snapshot vm-api-01', /Snapshot set of vm-api-01 created/);
        await run(chat, 'snapshot vm-api-01', /Snapshot set of vm-api-01 created/);
        return '';
      },
      command: 'snapshot prune vm-api-01 older-than 0d',
      approvers: ['bob'],
      done: /: done/,
    });
    expect(result.needed).toContain('Microsoft.Compute/snapshots/delete');
    expect(result.refusals).toBe(result.needed.length);
  });
});
