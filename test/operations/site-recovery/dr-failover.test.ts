import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot, type User } from '../../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';
const vault = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`;

/**
 * Failovers of whole recovery plans from chat, through the real Site Recovery SDK client against
 * the simulator: planned failover, commit (by the card's button), reprotect and the whole failback;
 * an unplanned failover that needs two distinct approvers and stops at a failing VM in group 2.
 */
describe('failover, commit, reprotect and failback', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SPEED: '600' });
  });
  afterAll(async () => bot?.stop());

  const arm = <T>(path: string, apiVersion = '2023-06-01') => bot.arm<T>(path, apiVersion);

  async function vmsIn(group: string): Promise<{ name: string }[]> {
    const body = await arm<{ value: { name: string }[] }>(
      `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines`,
      '2024-11-01',
    );
    return body.value;
  }

  async function powerOf(group: string, vm: string): Promise<string | undefined> {
    const view = await arm<{ statuses: { code: string }[] }>(
      `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/${vm}/instanceView`,
      '2024-11-01',
    );
    return view.statuses.find((s) => s.code.startsWith('PowerState/'))?.code;
  }

  /** The approval card's id in the conversation (the newest request). */
  async function approvalIn(conversationId: string, title: string): Promise<{ id: string; text: string }> {
    const card = await bot.waitFor(conversationId, (t) => t.includes('Approval needed') && t.includes(title));
    const text = cardText(card.versions.at(-1));
    return { id: /apr-[0-9a-f]{8}/.exec(text)?.[0] ?? '', text };
  }

  async function approve(conversationId: string, title: string, by: User = 'bob'): Promise<string> {
    const { id, text } = await approvalIn(conversationId, title);
    expect(await bot.click('approval.approve', { approvalId: id }, by)).toMatch(/Approved/);
    return text;
  }

  it('fails crm over (planned), commits by button, reprotects, then fails back', {
    timeout: 180_000,
  }, async () => {
    const { conversationId } = await bot.send('failover crm', 'alice');
    const request = await approve(conversationId, 'Planned failover of crm');
    expect(request).toContain('No data is lost');
    expect(request).toMatch(
      /Direction\s+from the primary region \(westeurope\) to the recovery region \(northeurope\)/,
    );
    expect(request).not.toContain('PrimaryToRecovery');
    const result = await bot.waitFor(
      conversationId,
      (t) => t.includes('Planned failover of crm: done'),
      60_000,
    );
    const resultText = cardText(result.versions.at(-1));
    expect(resultText).toContain('Commit or cancel?');
    expect(resultText).toContain('crm runs in the recovery region (northeurope)');
    expect(resultText).toContain('Commit');
    expect(resultText).toContain('Cancel failover');
    expect((await vmsIn('rg-bcdr-neu')).map((vm) => vm.name).sort()).toEqual(['vm-crm-01', 'vm-crm-02']);
    expect(await powerOf('rg-crm-prod', 'vm-crm-01')).toBe('PowerState/deallocated');

    // The result card's Commit button runs `commit crm` through the normal path (its own approval).
    expect(await bot.click('run', { command: 'commit crm' }, 'alice', conversationId)).toMatch(/Requested/);
    await approve(conversationId, 'Commit the failover of crm');
    await bot.waitFor(conversationId, (t) => t.includes('Commit the failover of crm: done'), 60_000);

    const { conversationId: reprotectChat } = await bot.send('reprotect crm', 'alice');
    await approve(reprotectChat, 'Reprotect crm');
    const reprotected = await bot.waitFor(reprotectChat, (t) => t.includes('Reprotect crm: done'), 60_000);
    expect(cardText(reprotected.versions.at(-1))).toContain('failback crm');
    const status = await bot.ask('dr status crm', (t) => t.includes('DR status of crm'));
    expect(status).toMatch(/Active location\s+the recovery region \(northeurope\)/);
    // Running in the recovery region, reprotected: it is ready to fail back, not to fail over.
    expect(status).toContain('ready to fail back to the primary region (westeurope)');
    expect(status).not.toContain('ready to fail over');
    expect(status).toContain('failback crm');
    expect(status).not.toMatch(/PlannedFailover|UnplannedFailover|ReverseReplicate/);

    const { conversationId: failbackChat } = await bot.send('failback crm', 'alice');
    const failbackRequest = await approve(failbackChat, 'Failback of crm');
    expect(failbackRequest).toContain('Planned failover back to the primary region');
    const back = await bot.waitFor(failbackChat, (t) => t.includes('Failback of crm: done'), 120_000);
    const backText = cardText(back.versions.at(-1));
    expect(backText).toContain('crm runs in the primary region (westeurope)');
    for (const step of ['Planned failover back to the primary region', 'Commit the failback', 'Reprotect'])
      expect(backText).toContain(step);
    expect(await vmsIn('rg-bcdr-neu')).toEqual([]);
    expect(await powerOf('rg-crm-prod', 'vm-crm-01')).toBe('PowerState/running');
    const plan = await arm<{ properties: { allowedOperations: string[] } }>(
      `${vault}/replicationRecoveryPlans/crm`,
    );
    expect(plan.properties.allowedOperations).toEqual([
      'PlannedFailover',
      'UnplannedFailover',
      'TestFailover',
    ]);
  });

  it('needs two distinct approvers for an unplanned failover; a failing VM in group 2 stops the plan', {
    timeout: 120_000,
  }, async () => {
    await bot.simulatorAdmin('POST', 'faults', {
      kind: 'fail-job',
      match: { pathContains: '/replicationRecoveryPlans/shop/unplannedFailover' },
      task: 'vm-api-01',
    });
    const { conversationId } = await bot.send('failover shop unplanned', 'alice');
    const { id, text } = await approvalIn(conversationId, 'Unplanned failover of shop');
    expect(text).toMatch(/Recovery point\s+latest: the latest point/);
    expect(text).not.toMatch(/\(Latest\)/);
    expect(text).toMatch(/Data written after the recovery point is lost: up to 7 min/);
    expect(await bot.click('approval.approve', { approvalId: id }, 'bob')).toContain(
      'Approved (1 of 2); waiting for another approver.',
    );
    expect(await bot.click('approval.approve', { approvalId: id }, 'bob')).toMatch(/already/i);
    expect(await vmsIn('rg-bcdr-neu')).toEqual([]);
    expect(await bot.click('approval.approve', { approvalId: id }, 'carol')).toMatch(/Approved/);
    const failed = await bot.waitFor(
      conversationId,
      (t) => t.includes('Unplanned failover of shop: failed'),
      60_000,
    );
    const failedText = cardText(failed.versions.at(-1));
    expect(failedText).toContain('Failed at "Group 2: Start virtual machines (vm-api-01)"');
    expect(failedText).toContain(
      'Azure could not create a VM in the recovery region (vCPU quota or a policy).',
    );
    expect(failedText).toContain('(28031)');
    expect(failedText).toContain('failover cancel shop');
    // Group 1 failed over; nothing after the failing group did.
    expect((await vmsIn('rg-bcdr-neu')).map((vm) => vm.name)).toEqual(['vm-sql-01']);
  });
});
