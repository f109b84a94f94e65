import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

/** `dr status` through the real Site Recovery SDK client against the simulator's vault rsv-dr-neu. */
describe('dr status', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('lists one line per app: VMs, health, worst RPO, last drill, readiness', async () => {
    const text = await bot.ask('dr status', (t) => t.includes('DR status'));
    expect(text).toContain('2 app(s), 6 replicated VM(s); every app can fail over');
    expect(text).toContain('7 min (vm-sql-01)');
    expect(text).toContain('6 min (vm-crm-02)');
    expect(text).not.toContain('blocked');
    expect(text).toContain('never');
  });

  it('shows one app per VM in boot-group order, with RPO and the age of the latest point', async () => {
    const text = await bot.ask('dr status shop', (t) => t.includes('DR status of shop'));
    expect(text).toContain('4 VM(s) in 3 boot group(s); ready to fail over');
    expect(text).toContain('rsv-dr-neu');
    const order = ['vm-sql-01', 'vm-api-01', 'vm-web-01', 'vm-web-02'].map((vm) => text.indexOf(vm));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/vm-sql-01[\s\S]*?Normal[\s\S]*?7 min[\s\S]*?\d+ (s|min) old[\s\S]*?Primary/);
    expect(text).toContain('dr drill shop');
  });

  it('names the closest apps for an unknown one', async () => {
    const text = await bot.ask('dr status shoop', (t) => t.includes('Unknown app'));
    expect(text).toContain('“shop”');
  });
});
