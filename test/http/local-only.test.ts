import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** A raw request, so the test can send the Host and Origin headers a browser or an attacker would. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const activity = JSON.stringify({
  type: 'message',
  channelId: 'console',
  serviceUrl: 'http://localhost:1/console/',
  from: { id: 'console-bob', aadObjectId: '00000000-0000-0000-0000-000000000b0b' },
  recipient: { id: 'bot' },
  conversation: { id: 'c1' },
  text: 'snapshot delete x',
});

describe('without Teams authentication the bot answers this machine only', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('serves a localhost client', async () => {
    const port = new URL(bot.bot.url).port;
    expect((await send(`${bot.bot.url}/`, { headers: { host: `localhost:${port}` } })).status).toBe(200);
    expect(
      (await send(`${bot.bot.url}/console/identities`, { headers: { host: `127.0.0.1:${port}` } })).status,
    ).toBe(200);
  });

  it.each([
    ['a foreign Host (DNS rebinding)', { host: 'attacker.example:3978' }],
    ['a foreign Origin', { origin: 'http://attacker.example' }],
  ])('refuses %s on /api/messages and the local chat', async (_label, headers) => {
    const post = await send(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: activity,
    });
    expect(post.status).toBe(403);
    expect(post.body).toContain('MicrosoftAppId');
    expect((await send(`${bot.bot.url}/console/identities`, { headers })).status).toBe(403);
    expect((await send(`${bot.bot.url}/`, { headers })).status).toBe(403);
  });

  it('still tells monitoring from anywhere whether it is up, and no more', async () => {
    const health = await send(`${bot.bot.url}/healthz`, { headers: { host: 'monitor.example' } });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    expect((await send(`${bot.bot.url}/metrics`, { headers: { host: 'monitor.example' } })).status).toBe(403);
  });
});

describe('with Teams authentication on', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(async () => bot?.stop());

  it('requires a Bot Framework token and turns the local chat off', async () => {
    const unsigned = await send(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: activity,
    });
    expect(unsigned.status).toBe(401);
    const page = await send(`${bot.bot.url}/`, {});
    expect(page.body).toContain('local chat page is off');
    expect((await send(`${bot.bot.url}/console/identities`, {})).status).toBe(404);
  });
});
