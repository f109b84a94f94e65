import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, subscribe } from '../alerts/alert-test-kit.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** /metrics shows jobs by state, open alerts by kind, and Azure's throttling. */
describe('/metrics figures', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  const metrics = async () => (await fetch(`${bot.bot.url}/metrics`)).text();
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(series));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('counts jobs, open alerts and throttled ARM calls', { timeout: 60_000 }, async () => {
    const fault = await bot.simulatorAdmin('POST', 'faults', {
      kind: 'throttle',
      match: { pathContains: '/virtualMachines' },
      count: 2,
      retryAfterSeconds: 0,
    });
    expect(fault.status).toBe(201);
    await bot.ask('snapshot vm-web-01', (t) => /created/i.test(t));
    await subscribe(bot, 'drill-overdue');
    await poll(bot);
    const text = await metrics();
    expect(value(text, 'chatops_jobs{state="succeeded"}')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'chatops_alerts_open{kind="drill-overdue"}')).toBe(2);
    expect(value(text, 'chatops_azure_throttled_total{method="GET"}')).toBe(2);
  });
});
