import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPermissionLab, type PermissionLab } from '../support/permission-lab.js';
import { ask, run } from '../support/recovery-tour.js';

const bob = { approvers: ['bob' as const] };

/**
 * The Azure Backup commands with the shipped role minus one action at a time
 * (test/support/permission-lab.ts): each refusal in plain words, Azure's state as before; with the
 * full role, each works.
 */
describe('Azure Backup commands without each permission they need', () => {
  let lab: PermissionLab;
  beforeAll(async () => {
    lab = await openPermissionLab(3600);
  }, 60_000);
  afterAll(async () => lab?.close());

  it('backup <vm>', { timeout: 120_000 }, async () => {
    const result = await lab.check('backup', {
      command: 'backup vm-web-01',
      done: /Backup of vm-web-01 done/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/backup/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('enable backup <vm>', { timeout: 120_000 }, async () => {
    const result = await lab.check('enable backup', {
      command: 'enable backup vm-dev-01',
      done: /Backup enabled for vm-dev-01/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/write',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('restore <vm> replace', { timeout: 180_000 }, async () => {
    const result = await lab.check('restore replace', {
      command: 'restore vm-web-02 replace because a bad deploy',
      ...bob,
      done: /Replace the disks of vm-web-02: done/,
      whenUnfollowed: /vm-web-02 stays stopped \(deallocated\) while the restore runs: start it once job/,
      reported: {
        'Microsoft.Compute/virtualMachines/start/action': /vm-web-02 is still stopped: starting it failed/,
      },
    });
    expect(result.needed).toContain('Microsoft.Compute/virtualMachines/deallocate/action');
    expect(result.refusals).toBe(result.needed.length);
  });

  it('restore <vm> as new <name>', { timeout: 180_000 }, async () => {
    const result = await lab.check('restore as new', {
      command: 'restore vm-sql-01 as new vm-sql-01-r',
      ...bob,
      done: /Restore vm-sql-01 as new VM vm-sql-01-r: done/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/restore/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('restore <vm> disks', { timeout: 180_000 }, async () => {
    const result = await lab.check('restore disks', {
      command: 'restore vm-crm-01 disks',
      ...bob,
      done: /Restore the disks of vm-crm-01: done/,
    });
    expect(result.refusals).toBe(result.needed.length);
  });

  it('restore files <vm>', { timeout: 180_000 }, async () => {
    const result = await lab.check('restore files', {
      command: 'restore files vm-web-01',
      ...bob,
      done: /File restore from vm-web-01: open/,
      teardown: async (chat) => {
        await run(chat, 'restore files vm-web-01 done', /File restore of vm-web-01 closed/);
      },
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/provisionInstantItemRecovery/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('restore files <vm> done', { timeout: 180_000 }, async () => {
    const close = async (
      chat: Parameters<NonNullable<Parameters<PermissionLab['check']>[1]['setup']>>[0],
    ) => {
      await run(chat, 'restore files vm-web-01 done', /File restore of vm-web-01 closed/);
    };
    const result = await lab.check('restore files done', {
      setup: async (chat) => {
        await run(chat, 'restore files vm-web-01', /File restore from vm-web-01: open/, bob);
        return '';
      },
      command: 'restore files vm-web-01 done',
      done: /File restore of vm-web-01 closed/,
      afterRefusal: close,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/revokeInstantItemRecovery/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });
});

/** `cancel <job>` needs a backup still running when it arrives: Azure at a pace a person sees (60). */
describe('cancel <job> without its permission', () => {
  let lab: PermissionLab;
  beforeAll(async () => {
    lab = await openPermissionLab(60);
  }, 60_000);
  afterAll(async () => lab?.close());

  it('cancel <job>', { timeout: 120_000 }, async () => {
    const result = await lab.check('cancel', {
      // A running backup, followed by the bot: its card offers `cancel job-...`.
      setup: async (chat) => {
        const { text } = await ask(chat, 'backup vm-sql-01', /cancel job-[0-9a-f]{8}/);
        return /cancel (job-[0-9a-f]{8})/.exec(text)?.[1] ?? '';
      },
      command: (job) => `cancel ${job}`,
      done: /Cancelling job-/,
      // The backup goes on when its cancel is refused: cancelled with the full role, it ends.
      afterRefusal: async (chat, job) => {
        await run(chat, `cancel ${job}`, /Cancelling job-/);
      },
    });
    expect(result.needed).toEqual(['Microsoft.RecoveryServices/vaults/backupJobs/cancel/action']);
    expect(result.refusals).toBe(1);
  });
});
