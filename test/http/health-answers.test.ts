import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { createLogger } from '../../src/observability/create-logger.js';
import { Metrics } from '../../src/observability/metrics.js';
import { type ReverseProxy, startReverseProxy } from '../support/start-reverse-proxy.js';

/**
 * What /healthz says in each state of the bot, to a remote client (through a proxy) and to this
 * machine: the HTTP app over real HTTP, with the state it reports set by the test.
 */
describe('/healthz in each state', () => {
  let health: Record<string, unknown> = {};
  let server: Server;
  let proxy: ReverseProxy;
  let local = '';
  beforeAll(async () => {
    const app = createHttpApp({
      log: createLogger('silent'),
      metrics: new Metrics(),
      botFramework: async (_request, response) => {
        response.status(200).end();
      },
      slackMode: 'socket',
      localChat: undefined,
      localOnly: false,
      health: async () => health,
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    local = `http://localhost:${port}`;
    proxy = await startReverseProxy({ targetPort: port, httpVersion: '1.1', forwardedFor: true });
  });
  afterAll(async () => {
    await proxy?.close();
    server?.close();
  });

  async function healthz(base: string): Promise<[number, unknown]> {
    const response = await fetch(`${base}/healthz`, { headers: { connection: 'close' } });
    return [response.status, await response.json()];
  }

  it.each([
    ['all well', { store: 'ok', slack: { ok: true } }, 200, 'ok', 'ok'],
    ['the Slack socket down', { store: 'ok', slack: { ok: false } }, 200, 'ok', 'degraded'],
    ['the store unreachable', { store: 'unreachable', slack: { ok: true } }, 503, 'not ok', 'degraded'],
  ])(
    'with %s: a load balancer gets the status, this machine the details',
    async (_label, state, status, remote, detailed) => {
      health = { ...state, azure: 'simulator', simulator: 'embedded' };
      expect(await healthz(proxy.url)).toEqual([status, { status: remote }]);
      expect(await healthz(local)).toEqual([status, { status: detailed, ...health }]);
    },
  );
});
