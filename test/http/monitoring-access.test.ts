import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textBuffer } from '../audit/audit-fixtures.js';
import { externalAddress, fromOutside } from '../support/external-address.js';
import { type ReverseProxy, startReverseProxy } from '../support/start-reverse-proxy.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

const token = 'metrics-token-0123456789abcdef';

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/**
 * /metrics names commands, outcomes and jobs: it answers this machine directly, or a bearer token
 * (METRICS_TOKEN). /healthz answers anyone, but only with what a load balancer needs.
 */
describe('monitoring behind a proxy, with METRICS_TOKEN set', () => {
  let bot: TestBot;
  let proxy: ReverseProxy;
  const logs = textBuffer();
  beforeAll(async () => {
    bot = await startTestBot({ METRICS_TOKEN: token, LOG_LEVEL: 'trace' }, { logDestination: logs.stream });
    proxy = await startReverseProxy({
      targetPort: Number(new URL(bot.bot.url).port),
      httpVersion: '1.1',
      forwardedFor: true,
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await bot?.stop();
  });

  it('refuses /metrics to a remote client without the token, and to a wrong one', async () => {
    const bare = await get(`${proxy.url}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer');
    expect(bare.body).toContain('Authorization: Bearer <METRICS_TOKEN>');
    expect(bare.body).not.toContain('chatops_');
    for (const wrong of [`${token}x`, token.slice(0, -1), 'x'.repeat(token.length)]) {
      const refused = await get(`${proxy.url}/metrics`, { authorization: `Bearer ${wrong}` });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(refused.body).not.toContain('chatops_');
    }
    expect((await get(`${proxy.url}/metrics`, { authorization: `Basic ${token}` })).status).toBe(401);
  });

  it('serves /metrics to the token from anywhere, and to this machine without it', async () => {
    const scraped = await get(`${proxy.url}/metrics`, { authorization: `Bearer ${token}` });
    expect(scraped.status).toBe(200);
    expect(scraped.body).toContain('chatops_http_requests_total');
    expect((await get(`${bot.bot.url}/metrics`)).body).toContain('chatops_http_requests_total');
  });

  it('tells a remote client only ok from /healthz, and the token or this machine the details', async () => {
    const remote = await get(`${proxy.url}/healthz`);
    expect(remote.status).toBe(200);
    expect(JSON.parse(remote.body)).toEqual({ status: 'ok' });
    const detailed = { status: 'ok', store: 'ok', azure: 'simulator', simulator: 'embedded' };
    expect(
      JSON.parse((await get(`${proxy.url}/healthz`, { authorization: `Bearer ${token}` })).body),
    ).toEqual(detailed);
    expect(JSON.parse((await get(`${bot.bot.url}/healthz`)).body)).toEqual(detailed);
  });

  it('never logs the token', () => {
    expect(logs.text()).toContain('bot ready');
    expect(logs.text()).not.toContain(token);
  });
});

describe('monitoring with Teams authentication on and no METRICS_TOKEN', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(async () => bot?.stop());

  it('refuses /metrics to another machine, saying how to allow it, and serves this one', async () => {
    const remote = await get(fromOutside(bot, '/metrics'));
    expect(remote.status).toBe(403);
    expect(remote.body).toContain(`it came from ${externalAddress()}, not from this machine`);
    expect(remote.body).toContain('set METRICS_TOKEN');
    expect(remote.body).not.toContain('chatops_');
    expect((await get(`${bot.bot.url}/metrics`)).body).toContain('chatops_http_requests_total');
  });

  it('tells another machine only ok from /healthz', async () => {
    const remote = await get(fromOutside(bot, '/healthz'));
    expect(remote.status).toBe(200);
    expect(JSON.parse(remote.body)).toEqual({ status: 'ok' });
  });
});
