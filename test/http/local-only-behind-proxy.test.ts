import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReverseProxy, startReverseProxy } from '../support/start-reverse-proxy.js';
import { identities, startTestBot, type TestBot } from '../support/start-test-bot.js';

/** A raw request on its own connection, so the test chooses every header a client or a proxy sends. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * The review's attack: a Slack-only set-up (no MicrosoftAppId) behind a reverse proxy on the same
 * machine. The proxy gives every client a loopback peer and `Host: localhost:<port>`, and a remote
 * `POST /api/messages` naming erin's Entra id ran `audit 5` as erin, an admin. Requests that come
 * through a proxy are now refused with a 403 that says why.
 */
describe('without Teams authentication, a reverse proxy on this machine does not make a client local', () => {
  let bot: TestBot;
  const proxies: ReverseProxy[] = [];
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    await bot?.stop();
  });

  async function proxy(options: { httpVersion: '1.0' | '1.1'; forwardedFor: boolean }) {
    const started = await startReverseProxy({ targetPort: Number(new URL(bot.bot.url).port), ...options });
    proxies.push(started);
    return started;
  }

  function erinAsks(conversationId: string): string {
    return JSON.stringify({
      type: 'message',
      id: `remote-${conversationId}`,
      channelId: 'msteams',
      serviceUrl: bot.connector.url,
      from: { id: '29:erin', name: 'erin', aadObjectId: identities.erin },
      recipient: { id: '28:bot' },
      conversation: { id: conversationId },
      text: 'audit 5',
    });
  }

  /** The refused request ran nothing: a later command in the same conversation is the only one answered. */
  async function expectNothingRan(conversationId: string): Promise<void> {
    await bot.send('whoami', 'dave', conversationId);
    await bot.waitFor(conversationId, (text) => text.includes('dave'));
    const answers = bot.connector.inConversation(conversationId);
    expect(answers).toHaveLength(1);
  }

  it.each([
    [
      'proxy_http_version 1.1 with X-Forwarded-For',
      { httpVersion: '1.1', forwardedFor: true },
      'X-Forwarded-For',
    ],
    [
      "nginx's default proxy_pass: HTTP/1.0, no forwarding header",
      { httpVersion: '1.0', forwardedFor: false },
      'HTTP/1.0',
    ],
  ] as const)('refuses a remote POST /api/messages through %s, saying why', async (_label, options, why) => {
    const through = await proxy(options);
    const conversationId = `through-proxy-${options.httpVersion}`;
    const answer = await send(`${through.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: erinAsks(conversationId),
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(why);
    expect(answer.body).toContain('MicrosoftAppId');
    await expectNothingRan(conversationId);
    const page = await send(`${through.url}/`, {});
    expect(page.status).toBe(403);
    expect(page.body).toContain(why);
    expect((await send(`${through.url}/console/identities`, {})).status).toBe(403);
  });

  it.each([
    ['Forwarded', 'for=203.0.113.7'],
    ['X-Forwarded-For', '203.0.113.7'],
    ['X-Forwarded-Host', 'bot.example.com'],
    ['X-Real-IP', '203.0.113.7'],
    ['Via', '1.1 proxy.example.com'],
  ])('refuses a request carrying %s, naming it', async (header, value) => {
    const conversationId = `direct-${header}`;
    const answer = await send(`${bot.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [header]: value },
      body: erinAsks(conversationId),
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(`it carries ${header}`);
    await expectNothingRan(conversationId);
  });

  it('still serves this machine directly', async () => {
    const { conversationId, status } = await bot.send('audit 5', 'erin');
    expect(status).toBe(200);
    await bot.waitFor(conversationId, (text) => text.includes('Audit'));
  });
});
