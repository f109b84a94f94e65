import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';
const vault = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`;

/**
 * A drill's test network is read from Azure (@azure/arm-network against the simulator) and refused
 * unless it is isolated: in the recovery region, used by no protected VM, not the failover network,
 * peered with neither. Nothing reaches Site Recovery for a refused network, at plan time or when
 * the network changed between approval and start.
 */
describe('dr drill: the test network must really be isolated', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SPEED: '600' });
  });
  afterAll(async () => bot?.stop());

  async function testFailoverJobs(): Promise<number> {
    const jobs = await bot.arm<{ value: { properties: { scenarioName: string } }[] }>(
      `${vault}/replicationJobs`,
      '2023-06-01',
    );
    return jobs.value.filter((job) => job.properties.scenarioName === 'TestFailover').length;
  }

  async function refusal(command: string): Promise<string> {
    return bot.ask(command, (t) => t.includes('Test network refused'), 'alice');
  }

  it('refuses the production network, naming the VMs that use it and the network to use', async () => {
    const text = await refusal('dr drill shop network vnet-shop-prod');
    expect(text).toContain('vnet-shop-prod is not an isolated test network for shop');
    expect(text).toContain('it is in westeurope, not in the recovery region northeurope');
    expect(text).toContain('it is used by vm-api-01, vm-sql-01, vm-web-01, vm-web-02');
    expect(text).toContain('Use “network vnet-dr-test”');
    expect(text).not.toContain('Approval needed');
    expect(await testFailoverJobs()).toBe(0);
  });

  it('refuses the failover network and a network peered with it', async () => {
    const failover = await refusal('dr drill shop network vnet-dr-neu');
    expect(failover).toContain('it is the failover network');
    expect(failover).toContain('Use “network vnet-dr-test”');
    const peered = await refusal('dr drill shop network vnet-dr-shared');
    expect(peered).toContain('it is peered with vnet-dr-neu (the failover network)');
    expect(peered).toContain('Use “network vnet-dr-test”');
    expect(await testFailoverJobs()).toBe(0);
  });

  it('refuses a network that does not exist, offering the ones that pass', async () => {
    const text = await refusal('dr drill crm network vnet-nope');
    expect(text).toContain('no virtual network named vnet-nope exists');
    expect(text).toContain('Use “network vnet-dr-test”');
    expect(await testFailoverJobs()).toBe(0);
  });

  it('shows the evidence for an isolated network on the pre-flight card', async () => {
    const text = await bot.ask(
      'dr drill shop network vnet-dr-test --dry-run',
      (t) => t.includes('Test network'),
      'alice',
    );
    expect(text).toContain(
      'vnet-dr-test, isolated: in northeurope, the recovery region; no peerings; no production VM uses it (6 protected VMs checked); not the failover network vnet-dr-neu',
    );
    expect(await testFailoverJobs()).toBe(0);
  });

  it('checks again before Azure is asked: a network peered after approval is refused', async () => {
    const { conversationId } = await bot.send('dr drill crm', 'alice');
    const request = cardText(
      (await bot.waitFor(conversationId, (t) => t.includes('Approval needed'))).versions.at(-1),
    );
    expect(request).toContain('vnet-dr-test, isolated');
    const approvalId = /apr-[0-9a-f]{8}/.exec(request)?.[0] ?? '';
    const peered = await bot.simulatorAdmin('POST', 'peerings', {
      networks: ['rg-bcdr-neu/vnet-dr-test', 'rg-shop-prod/vnet-shop-prod'],
    });
    expect(peered.status).toBe(201);
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    const failed = await bot.waitFor(conversationId, (t) =>
      t.includes('it is peered with vnet-shop-prod (used by vm-api-01, vm-sql-01, vm-web-01, vm-web-02)'),
    );
    expect(cardText(failed.versions.at(-1))).toContain(
      'vnet-dr-test is not an isolated test network for crm',
    );
    expect(await testFailoverJobs()).toBe(0);
  });
});
