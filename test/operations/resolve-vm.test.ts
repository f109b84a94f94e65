import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countArmRequests } from '../support/count-arm-requests.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

interface EstateVm {
  name: string;
  osDisk: unknown;
  dataDisks?: unknown[];
}
interface Estate {
  subscriptions: { resourceGroups: { name: string; virtualMachines?: EstateVm[] }[] }[];
}

/** An estate where vm-web-01 exists twice, in rg-shop-prod and rg-crm-prod. */
function estateWithTwin(): string {
  const estate = JSON.parse(readFileSync('config/demo-estate.json', 'utf8')) as Estate;
  const groups = estate.subscriptions[0]?.resourceGroups ?? [];
  const original = groups
    .find((g) => g.name === 'rg-shop-prod')
    ?.virtualMachines?.find((vm) => vm.name === 'vm-web-01');
  const crm = groups.find((g) => g.name === 'rg-crm-prod');
  if (!original || !crm) throw new Error('demo estate changed shape');
  crm.virtualMachines = [...(crm.virtualMachines ?? []), structuredClone(original)];
  const path = join(mkdtempSync(join(tmpdir(), 'estate-')), 'twin.json');
  writeFileSync(path, JSON.stringify(estate));
  return path;
}

describe('finding a VM by name across resource groups', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_ESTATE: estateWithTwin() });
  });
  afterAll(async () => bot?.stop());

  it('says which resource groups hold an ambiguous name and how to pick one', async () => {
    const text = await bot.ask('status vm-web-01', (t) => t.includes('ambiguous'));
    expect(text).toContain('rg-shop-prod');
    expect(text).toContain('rg-crm-prod');
    expect(text).toContain('rg-crm-prod/vm-web-01');
  });

  it('takes <rg>/<vm> to pick one', async () => {
    const text = await bot.ask('status rg-crm-prod/vm-web-01', (t) => t.includes('Latest snapshot set'));
    expect(text).toContain('rg-crm-prod');
  });

  it('suggests the closest names for an unknown VM', async () => {
    const text = await bot.ask('status vm-api-1', (t) => t.includes('no VM'));
    expect(text).toContain('vm-api-01');
  });
});

/**
 * After a failover two VMs share each name: the source and the copy Site Recovery made in the
 * recovery group. A bare name means the copy Site Recovery says is active, and the answer says so.
 */
describe('a bare VM name after a failover', () => {
  const subscription = '00000000-0000-0000-0000-000000000001';
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  /** Sends a plan command, has bob approve it, and waits for its final card. */
  async function runApproved(command: string, title: string, ending: string): Promise<string> {
    const { conversationId } = await bot.send(command, 'alice');
    const request = await bot.waitFor(
      conversationId,
      (t) => t.includes('Approval needed') && t.includes(title),
    );
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(request.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    const done = await bot.waitFor(conversationId, (t) => t.includes(`${title}: ${ending}`), 60_000);
    return cardText(done.versions.at(-1));
  }

  /** ARM requests one command costs, once warmed up (token, first pages). */
  async function armRequestsOf(command: string, done: (t: string) => boolean): Promise<number> {
    await bot.ask(command, done);
    const before = await countArmRequests(bot.bot.url);
    await bot.ask(command, done);
    return (await countArmRequests(bot.bot.url)) - before;
  }

  it('reads nothing more than before while the name is unique', { timeout: 60_000 }, async () => {
    const listed = (t: string) => t.includes('snapshot sets of vm-sql-01') || t.includes('Snapshot sets of');
    const bare = await armRequestsOf('snapshots vm-sql-01', listed);
    expect(bare).toBe(await armRequestsOf('snapshots rg-shop-prod/vm-sql-01', listed));
    const status = await bot.ask('status vm-sql-01', (t) => t.includes('Latest snapshot set'));
    expect(status).toContain('rg-shop-prod');
    expect(status).not.toMatch(/the copy in|the source VM in/);
  });

  it('means the copy in the recovery group after failover and commit of shop', {
    timeout: 180_000,
  }, async () => {
    const { conversationId } = await bot.send('failover shop', 'alice');
    const request = await bot.waitFor(conversationId, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(request.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    await bot.waitFor(conversationId, (t) => t.includes('shop: manual step waiting'), 60_000);
    await bot.ask('dr done shop', (t) => t.includes('Confirm DNS cutover'));
    await bot.waitFor(conversationId, (t) => t.includes('Planned failover of shop: done'), 60_000);
    await runApproved('commit shop', 'Commit the failover of shop', 'done');

    const snapshot = await bot.ask('snapshot vm-sql-01', (t) => t.includes('Snapshot set of vm-sql-01'));
    expect(snapshot).toContain('Snapshot set of vm-sql-01 created');
    expect(snapshot).toContain(
      'vm-sql-01: the copy in northeurope (rg-bcdr-neu), active after the failover of shop.',
    );
    expect(snapshot).toMatch(/The source VM in westeurope is .?rg-shop-prod\/vm-sql-01/);
    expect(snapshot).toMatch(/Resource group\s+rg-bcdr-neu/);
    const made = await bot.arm<{ value: { name: string }[] }>(
      `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Compute/snapshots`,
      '2024-03-02',
    );
    expect(made.value.some((s) => s.name.startsWith('vm-sql-01'))).toBe(true);

    const status = await bot.ask('status vm-sql-01', (t) => t.includes('Latest snapshot set'));
    expect(status).toContain('northeurope');
    expect(status).toMatch(/Resource group\s+rg-bcdr-neu/);
    expect(status).toContain(
      'vm-sql-01: the copy in northeurope (rg-bcdr-neu), active after the failover of shop.',
    );

    const source = await bot.ask('status rg-shop-prod/vm-sql-01', (t) => t.includes('Latest snapshot set'));
    expect(source).toMatch(/Resource group\s+rg-shop-prod/);
    expect(source).toContain('deallocated');
    expect(source).not.toMatch(/the copy in|the source VM in/);
  });

  it('means the source again once failed back, while the old copy remains', {
    timeout: 180_000,
  }, async () => {
    await runApproved('reprotect shop', 'Reprotect shop', 'done');
    // The failback stops at group 2: vm-sql-01 (group 1) is back in westeurope, its copy in
    // rg-bcdr-neu stays (deallocated), and vm-api-01 is still active in the recovery region.
    await bot.simulatorAdmin('POST', 'faults', {
      kind: 'fail-job',
      match: { pathContains: '/replicationRecoveryPlans/shop/plannedFailover' },
      task: 'vm-api-01',
    });
    await runApproved('failback shop', 'Failback of shop', 'failed');

    const status = await bot.ask('status vm-sql-01', (t) => t.includes('Latest snapshot set'));
    expect(status).toMatch(/Resource group\s+rg-shop-prod/);
    expect(status).toContain(
      'vm-sql-01: the source VM in westeurope (rg-shop-prod), active (the primary side of shop).',
    );
    expect(status).toMatch(/The failover copy in northeurope is .?rg-bcdr-neu\/vm-sql-01.?, not active/);
    const api = await bot.ask('status vm-api-01', (t) => t.includes('Latest snapshot set'));
    expect(api).toMatch(/Resource group\s+rg-bcdr-neu/);
    expect(api).toContain(
      'vm-api-01: the copy in northeurope (rg-bcdr-neu), active after the failover of shop.',
    );
  });
});
