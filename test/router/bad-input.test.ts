import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';

/** Bad input of any kind: a clear answer each, nothing created, the bot still answering after. */
describe('bad input over the Bot Framework endpoint', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  async function snapshotCount(): Promise<number> {
    const simulator = bot.bot.simulator;
    if (!simulator) throw new Error('no simulator');
    const response = await simulator.handle({
      method: 'GET',
      url: `https://management.azure.com/subscriptions/${subscription}/providers/Microsoft.Compute/snapshots?api-version=2025-01-02`,
      headers: {},
    });
    expect(response.status).toBe(200);
    return (JSON.parse(response.body ?? '{}') as { value: unknown[] }).value.length;
  }

  it.each([
    ['an unknown command', 'frobnicate vm-web-01', /don't know|didn't get/i],
    ['a typo', 'snapshto vm-web-01', /snapshot/],
    ['an unknown VM', 'snapshot vm-web-1', /no VM named “vm-web-1”[\s\S]*vm-web-01/],
    ['a missing argument', 'snapshot', /needs a VM/i],
    ['a path in a name', 'snapshot delete ../etc', /not allowed|can only|invalid|letters/i],
    ['an 81-character name', `snapshot delete ${'a'.repeat(81)}`, /80/],
    ['spaces in a VM name', 'snapshot "vm web 01"', /not allowed|can only|invalid|letters|space/i],
    ['control characters', 'snapshot vm-web-01\u0000\u0007\u001b[31m', /not a valid VM name/],
    ['10 kB of text', 'snapshot '.repeat(1200), /at most 4,000/i],
  ])('answers %s clearly and creates nothing', async (_label, text, expected) => {
    const before = await snapshotCount();
    const { conversationId, status } = await bot.send(text);
    expect(status).toBe(200);
    const message = await bot.waitFor(conversationId, () => true);
    const { cardText } = await import('../support/fake-bot-connector.js');
    const answer = cardText(message.versions.at(-1));
    expect(answer).toMatch(expected);
    expect(answer.length).toBeLessThan(3_000);
    expect(answer).not.toMatch(/stack|TypeError|at .*\.ts:\d+/);
    expect(await snapshotCount()).toBe(before);
  });

  it('still answers after all of that', async () => {
    expect(await bot.ask('whoami', (t) => t.includes('You are'))).toContain('alice');
  });

  it('rejects a body that is not JSON with 400, and a huge body with 413', async () => {
    const garbage = await fetch(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(garbage.status).toBe(400);
    const huge = await fetch(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(400_000) }),
    });
    expect(huge.status).toBe(413);
  });
});
