import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';

/**
 * Socket Mode against a local fake of apps.connections.open and Slack's WebSocket: envelopes are
 * acked over the socket, answers go through the Web API, a dropped socket reconnects, and
 * /healthz says when it is down.
 */
describe('Slack over Socket Mode', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot({ SLACK_APP_TOKEN: 'xapp-1-test-app-token' });
    await waitUntil(() => t.slack.socketCount === 1);
  });
  afterAll(async () => t?.stop());

  const health = async () => {
    const response = await fetch(`${t.bot.bot.url}/healthz`);
    return {
      status: response.status,
      body: (await response.json()) as { slack?: { mode: string; connected: boolean } },
    };
  };

  it('connects with the app-level token and reports it in /healthz', async () => {
    const opened = t.slack.callsOf('apps.connections.open');
    expect(opened.at(-1)?.token).toBe('xapp-1-test-app-token');
    await waitUntil(async () => (await health()).body.slack?.connected === true);
    expect((await health()).body.slack).toMatchObject({ mode: 'socket', connected: true });
  });

  it('does not take HTTP requests at /slack/events', async () => {
    const response = await fetch(`${t.bot.bot.url}/slack/events`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/Socket Mode/);
  });

  it('acks a slash command envelope over the socket and answers in the thread of its echo', async () => {
    const ack = await t.slack.sendEnvelope('slash_commands', {
      command: '/recovery',
      text: 'whoami',
      user_id: 'U0CAROL',
      user_name: 'carol',
      channel_id: 'C0SOCK',
      team_id: 'T0CONTOSO',
      trigger_id: 'trigger-sock-1',
      response_url: `${t.slack.url}../commands/sock-1`,
    });
    // An empty ack: Slack shows the author nothing; the answer comes in the channel.
    expect(ack).toEqual({});
    const echo = await t.waitForMessage(
      (m, text) => m.channel === 'C0SOCK' && text.includes('ran `/recovery whoami`'),
    );
    const reply = await t.waitForMessage((m) => m.channel === 'C0SOCK' && m.threadTs === echo.ts);
    expect(slackText(reply.versions.at(-1))).toMatch(/approver/i);
  });

  it('acks an Events API envelope and answers the mention', async () => {
    const ts = '1795000400.000100';
    await t.slack.sendEnvelope('events_api', {
      type: 'event_callback',
      event_id: 'EvSOCK1',
      team_id: 'T0CONTOSO',
      api_app_id: 'A0RECOVERY',
      event: { type: 'app_mention', user: 'U0ALICE', text: '<@U0BOT> vms', ts, channel: 'C0SOCK2' },
    });
    const reply = await t.waitForMessage((m) => m.channel === 'C0SOCK2' && m.threadTs === ts);
    expect(slackText(reply.versions.at(-1))).toMatch(/vm-web-01/);
  });

  it('reconnects when Slack drops the socket', async () => {
    const before = t.slack.connectionsOpened;
    t.slack.dropSockets();
    await waitUntil(() => t.slack.connectionsOpened > before && t.slack.socketCount === 1, 20_000);
    await waitUntil(async () => (await health()).body.slack?.connected === true, 20_000);
  }, 30_000);

  it('reports a dead socket in /healthz while Slack refuses to reconnect', async () => {
    t.slack.refuseSockets = true;
    t.slack.dropSockets();
    await waitUntil(async () => (await health()).body.slack?.connected === false, 20_000);
    t.slack.refuseSockets = false;
    await waitUntil(async () => (await health()).body.slack?.connected === true, 30_000);
  }, 60_000);
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
