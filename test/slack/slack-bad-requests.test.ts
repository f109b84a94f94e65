import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignature } from '../support/fake-slack-api.js';
import { type SlackTestBot, signingSecret, startSlackTestBot } from '../support/slack-test-bot.js';

/** Whatever reaches /slack/events unsigned, stale, forged or malformed runs nothing, and the bot stays up. */
describe('bad Slack requests', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot();
  });
  afterAll(async () => t?.stop());

  const form = 'application/x-www-form-urlencoded';
  const command = new URLSearchParams({
    command: '/recovery',
    text: 'snapshot vm-web-01',
    user_id: 'U0ALICE',
    user_name: 'alice',
    channel_id: 'C0BAD',
    team_id: 'T0CONTOSO',
    trigger_id: 'trigger-bad',
    response_url: 'http://127.0.0.1:9/unused',
  }).toString();
  const now = () => Math.floor(Date.now() / 1000);

  /** Nothing reached Slack's Web API for the channel these requests name. */
  const nothingRan = () => expect(t.slack.calls.filter((c) => c.args.channel === 'C0BAD')).toEqual([]);

  it('refuses a bad signature with 401', async () => {
    const forged = slackSignature('not-the-secret', command, now());
    expect((await t.post(command, form, { unsigned: true, headers: forged })).status).toBe(401);
    nothingRan();
  });

  it('refuses a body changed after signing with 401', async () => {
    const signed = slackSignature(signingSecret, command, now());
    const changed = command.replace('vm-web-01', 'vm-sql-01');
    expect((await t.post(changed, form, { unsigned: true, headers: signed })).status).toBe(401);
    nothingRan();
  });

  it('refuses a timestamp older than 5 minutes with 401, even when correctly signed', async () => {
    expect((await t.post(command, form, { timestamp: now() - 6 * 60 })).status).toBe(401);
    nothingRan();
  });

  it('refuses a timestamp more than 5 minutes ahead with 401, even when correctly signed', async () => {
    expect((await t.post(command, form, { timestamp: now() + 6 * 60 })).status).toBe(401);
    nothingRan();
  });

  it('refuses missing or garbled signature headers with 401', async () => {
    const signed = slackSignature(signingSecret, command, now());
    const cases: Record<string, string>[] = [
      {},
      { 'x-slack-signature': signed['x-slack-signature'] ?? '' },
      { 'x-slack-request-timestamp': String(now()) },
      { ...signed, 'x-slack-request-timestamp': 'yesterday' },
      { ...signed, 'x-slack-signature': 'v1=abc' },
      { ...signed, 'x-slack-signature': 'v0=' },
    ];
    for (const headers of cases) {
      expect((await t.post(command, form, { unsigned: true, headers })).status).toBe(401);
    }
    nothingRan();
  });

  it('answers malformed payloads (signed) with 400', async () => {
    const bodies: [string, string][] = [
      ['payload=%7Bnot-json', form],
      ['payload=%5B1%2C2%5D', form],
      ['{"type": "event_callback",', 'application/json'],
      ['[1,2,3]', 'application/json'],
      ['<xml/>', 'text/xml'],
    ];
    for (const [body, type] of bodies) {
      const answer = await t.post(body, type);
      expect(answer.status).toBe(400);
    }
    nothingRan();
  });

  it('answers a huge body with 413 before reading it all', async () => {
    const huge = `${command}&padding=${'x'.repeat(1024 * 1024)}`;
    expect((await t.post(huge, form)).status).toBe(413);
    nothingRan();
  });

  it('answers Slack’s URL verification with the challenge', async () => {
    const answer = await t.post(
      JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' }),
      'application/json',
    );
    expect(answer).toEqual({ status: 200, text: JSON.stringify({ challenge: 'c-123' }) });
  });

  it('keeps answering after all of the above', async () => {
    await t.slash('alice', 'whoami', 'C0AFTER');
    const reply = await t.waitForMessage((m, text) => m.channel === 'C0AFTER' && /operator/i.test(text));
    expect(reply.threadTs).toBeDefined();
  });
});
