import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** The one port's endpoints (DESIGN.md, "External contract"). */
describe('HTTP endpoints', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('reports health', async () => {
    const response = await fetch(`${bot.bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      store: 'ok',
      azure: 'simulator',
      simulator: 'embedded',
    });
  });

  it('serves the local chat page at /', async () => {
    const response = await fetch(`${bot.bot.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html');
  });

  it('counts commands by outcome and ARM requests in /metrics', async () => {
    await bot.ask('vms', (t) => t.includes('VM(s)'));
    await bot.ask('snapshot vm-web-01', (t) => t.includes('Not permitted'), 'dave');
    const text = await (await fetch(`${bot.bot.url}/metrics`)).text();
    expect(text).toMatch(/chatops_commands_total\{command="vms.list",outcome="succeeded"\} [1-9]/);
    expect(text).toMatch(/chatops_commands_total\{command="snapshot.create",outcome="refused"\} [1-9]/);
    expect(text).toMatch(/chatops_azure_requests_total\{method="GET",status="200"\} [1-9]/);
    expect(text).toMatch(/chatops_http_requests_total\{route="\/api\/messages",status="200"\} [1-9]/);
    expect(text).toContain('chatops_command_duration_seconds_bucket');
  });

  it('says how to turn Slack on at /slack/events when it is not configured', async () => {
    const response = await fetch(`${bot.bot.url}/slack/events`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'Slack is not configured on this bot: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN.',
    });
  });
});
