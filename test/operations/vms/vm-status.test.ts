import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';

/**
 * `status <vm>` shows the VM's replication as Site Recovery (and `dr status`) knows it, and a drill's
 * copy of a VM says whose copy it is, which drill made it and how it goes away: never "enable backup".
 */
describe('status <vm> and Site Recovery', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SPEED: '600' });
  });
  afterAll(async () => bot?.stop());

  it('shows the replication of a replicated VM: health, RPO, where it is active, its app', async () => {
    const text = await bot.ask('status vm-web-01', (t) => t.includes('Latest snapshot set'));
    expect(text).not.toContain('Site Recovery capability lands');
    expect(text).toMatch(/Replication\s+protected, health Normal, in vault rsv-dr-neu/);
    expect(text).toMatch(/RPO\s+4 min/);
    expect(text).toMatch(/Active in\s+the primary region \(westeurope\)/);
    expect(text).toMatch(/Copies made in\s+the recovery region \(northeurope, rg-bcdr-neu\)/);
    expect(text).toContain('dr status shop');
  });

  it('says a VM Site Recovery does not replicate is not replicated', async () => {
    const text = await bot.ask('status vm-dev-01', (t) => t.includes('Latest snapshot set'));
    expect(text).toMatch(/Replication\s+none: Site Recovery does not replicate this VM/);
  });

  it('says a drill copy is one, of which VM, from which drill, and that `dr cleanup` removes it', {
    timeout: 120_000,
  }, async () => {
    const { conversationId } = await bot.send('dr drill crm', 'alice');
    const request = await bot.waitFor(conversationId, (t) => /apr-[0-9a-f]{8}/.test(t));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(request.versions.at(-1)))?.[0] ?? '';
    const approved = await bot.click('approval.approve', { approvalId }, 'bob');
    const jobId = /job-[0-9a-f]{8}/.exec(approved)?.[0] ?? 'no job id in the answer';
    await expect
      .poll(
        async () => {
          const body = await bot.arm<{ value: { name: string }[] }>(
            `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Compute/virtualMachines`,
            '2024-11-01',
          );
          return body.value.map((vm) => vm.name);
        },
        { timeout: 60_000, interval: 250 },
      )
      .toContain('vm-crm-01-test');
    const text = await bot.ask('status vm-crm-01-test', (t) => t.includes('Latest snapshot set'));
    expect(text).toContain('drill copy of vm-crm-01');
    expect(text).toContain(
      'A drill copy of vm-crm-01, made in the recovery region (northeurope, rg-bcdr-neu) by the drill of crm',
    );
    expect(text).toContain(jobId);
    expect(text).toMatch(/dr cleanup crm.{0,3} deletes it/);
    expect(text).not.toContain('enable backup');
    expect(text).not.toContain('Back up now');
  });
});
