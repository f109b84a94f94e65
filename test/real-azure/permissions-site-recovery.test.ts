import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPermissionLab, type PermissionLab } from '../support/permission-lab.js';
import { ask, type ChatSide, run } from '../support/recovery-tour.js';

const bob = { approvers: ['bob' as const] };

/** The steps that bring a recovery plan where a command can run, each with the full role. */
const drill = (chat: ChatSide) => run(chat, 'dr drill shop', /manual step waiting/, bob);
const done = (chat: ChatSide) =>
  run(chat, 'dr done shop', /shop: "Group 3: Post-steps: Confirm DNS cutover" done/);
const cleanup = (chat: ChatSide) => run(chat, 'dr cleanup shop notes "checked"', /Drill report/);
const failover = (chat: ChatSide) => run(chat, 'failover crm', /Planned failover of crm: done/, bob);
const commit = (chat: ChatSide) => run(chat, 'commit crm', /Commit the failover of crm: done/, bob);
const reprotect = (chat: ChatSide) => run(chat, 'reprotect crm', /Reprotect crm: done/, bob);

/**
 * The Site Recovery commands with the shipped role minus one action at a time
 * (test/support/permission-lab.ts): each refusal in plain words, Azure's state as before; with the
 * full role, each works.
 */
describe('Site Recovery commands without each permission they need', () => {
  let lab: PermissionLab;
  beforeAll(async () => {
    lab = await openPermissionLab(3600);
  }, 60_000);
  afterAll(async () => lab?.close());

  it('dr drill <app>', { timeout: 300_000 }, async () => {
    const result = await lab.check('dr drill', {
      command: 'dr drill shop',
      ...bob,
      done: /manual step waiting/,
      teardown: async (chat) => {
        await done(chat);
        await cleanup(chat);
      },
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/testFailover/action',
    );
    expect(result.needed).toContain('Microsoft.Network/networkInterfaces/read');
    expect(result.refusals).toBe(result.needed.length);
  });

  it('dr done <app>', { timeout: 300_000 }, async () => {
    const result = await lab.check('dr done', {
      setup: async (chat) => {
        await drill(chat);
        return '';
      },
      command: 'dr done shop',
      done: /shop: "Group 3: Post-steps: Confirm DNS cutover" done/,
      teardown: async (chat) => {
        await cleanup(chat);
      },
      afterRefusal: async (chat) => {
        await done(chat);
        await cleanup(chat);
      },
    });
    expect(result.needed).toContain('Microsoft.RecoveryServices/vaults/replicationJobs/resume/action');
    expect(result.refusals).toBe(result.needed.length);
  });

  it('dr cleanup <app>', { timeout: 300_000 }, async () => {
    const result = await lab.check('dr cleanup', {
      setup: async (chat) => {
        await drill(chat);
        await done(chat);
        return '';
      },
      command: 'dr cleanup shop notes "checked"',
      done: /Drill report/,
      // Unless Azure went on cleaning up on its own (a cleanup job the bot could not follow).
      afterRefusal: async (chat) => {
        for (let attempt = 0; ; attempt += 1) {
          const { text } = await ask(
            chat,
            'dr cleanup shop notes "checked"',
            /Drill report|Nothing to clean up/,
          );
          if (/Drill report|Nothing to clean up/.test(text)) return;
          // Azure's own cleanup still running: it ends within a second at this speed.
          if (attempt > 20) throw new Error(`the drill of shop did not end:\n${text}`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      },
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/testFailoverCleanup/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('failover <app>', { timeout: 300_000 }, async () => {
    const result = await lab.check('failover', {
      command: 'failover crm',
      ...bob,
      done: /Planned failover of crm: done/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/plannedFailover/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('failover <app> unplanned', { timeout: 300_000 }, async () => {
    const result = await lab.check('failover unplanned', {
      command: 'failover crm unplanned',
      approvers: ['bob', 'carol'],
      done: /Unplanned failover of crm: done/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/unplannedFailover/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('commit <app>', { timeout: 300_000 }, async () => {
    const result = await lab.check('commit', {
      setup: async (chat) => {
        await failover(chat);
        return '';
      },
      command: 'commit crm',
      ...bob,
      done: /Commit the failover of crm: done/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/failoverCommit/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('failover cancel <app>', { timeout: 300_000 }, async () => {
    const result = await lab.check('failover cancel', {
      setup: async (chat) => {
        await failover(chat);
        return '';
      },
      command: 'failover cancel crm',
      ...bob,
      done: /Cancel the failover of crm: done/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/failoverCancel/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('reprotect <app>', { timeout: 300_000 }, async () => {
    const result = await lab.check('reprotect', {
      setup: async (chat) => {
        await failover(chat);
        await commit(chat);
        return '';
      },
      command: 'reprotect crm',
      ...bob,
      done: /Reprotect crm: done/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/reProtect/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });

  it('failback <app>', { timeout: 300_000 }, async () => {
    const result = await lab.check('failback', {
      setup: async (chat) => {
        await failover(chat);
        await commit(chat);
        await reprotect(chat);
        return '';
      },
      command: 'failback crm',
      ...bob,
      done: /Failback of crm: done/,
    });
    expect(result.needed).toContain(
      'Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/reProtect/action',
    );
    expect(result.refusals).toBe(result.needed.length);
  });
});
