import { createConnection, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textBuffer } from '../audit/audit-fixtures.js';
import { openEventStream } from '../console/open-event-stream.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

interface SlowClient {
  socket: Socket;
  /** What the server sent back. */
  received: string;
  closed: boolean;
}

const opened: SlowClient[] = [];

/**
 * A client that connects and then sends its request a byte every 100 ms (`head`: a request head
 * that never ends; `body`: a whole head, then a body that never ends) or nothing at all (`idle`).
 */
function openSlowClient(port: number, kind: 'head' | 'body' | 'idle'): Promise<SlowClient> {
  const text =
    kind === 'head'
      ? `GET /healthz HTTP/1.1\r\nHost: localhost:${port}\r\nX-Slow: ${'a'.repeat(10_000)}`
      : `{"type":"message","text":"${'a'.repeat(10_000)}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1');
    const client: SlowClient = { socket, received: '', closed: false };
    opened.push(client);
    let sent = 0;
    const drip = setInterval(() => {
      if (kind !== 'idle' && !socket.destroyed) socket.write(text.charAt(sent++));
    }, 100);
    socket.on('data', (chunk: Buffer) => {
      client.received += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(drip);
      client.closed = true;
    });
    socket.once('connect', () => {
      if (kind === 'body')
        socket.write(
          `POST /api/messages HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n`,
        );
      resolve(client);
    });
    socket.once('error', reject);
  });
}

function portOf(bot: TestBot): number {
  return Number(new URL(bot.bot.url).port);
}

afterEach(() => {
  for (const client of opened.splice(0)) client.socket.destroy();
});

/**
 * Slow clients (slowloris: many sockets sending a request a byte at a time) cannot hold the bot:
 * the server closes them with 408 within its time limits, and answers everyone else meanwhile.
 * The limits are shortened here through the start options (the defaults are 10 s and 30 s).
 */
describe('slow clients', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot(
      {},
      { httpLimits: { headersTimeoutInMs: 2_000, requestTimeoutInMs: 3_000, keepAliveTimeoutInMs: 1_000 } },
    );
  });
  afterAll(async () => bot?.stop());

  it('answers a normal request among a hundred slow ones, then closes each slow one with 408', {
    timeout: 30_000,
  }, async () => {
    const slow = await Promise.all([
      ...Array.from({ length: 80 }, () => openSlowClient(portOf(bot), 'head')),
      ...Array.from({ length: 10 }, () => openSlowClient(portOf(bot), 'body')),
      ...Array.from({ length: 10 }, () => openSlowClient(portOf(bot), 'idle')),
    ]);
    const normal = await fetch(`${bot.bot.url}/healthz`);
    const stillOpen = slow.filter((client) => !client.closed).length;
    expect(normal.status).toBe(200);
    expect(await normal.json()).toMatchObject({ status: 'ok' });
    // Answered while the slow clients were still there, not after they went.
    expect(stillOpen).toBeGreaterThan(0);
    // The server closes them (the test never does before this poll ends): 3 s at most, plus its checks.
    await expect.poll(() => slow.filter((client) => !client.closed).length, { timeout: 15_000 }).toBe(0);
    expect(slow.filter((client) => client.received.startsWith('HTTP/1.1 408 Request Timeout'))).toHaveLength(
      slow.length,
    );
  });

  it("keeps the local chat page's event stream open past the request timeout", {
    timeout: 30_000,
  }, async () => {
    const stream = await openEventStream(bot.bot.url, 'long-stream');
    try {
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const posted = await fetch(`${bot.bot.url}/console/v3/conversations/long-stream/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'still here' }),
      });
      expect(posted.status).toBe(200);
      expect(((await stream.next(5_000)).data as { activity: { text: string } }).activity.text).toBe(
        'still here',
      );
    } finally {
      stream.close();
    }
  });

  it('closes a kept-alive connection that stays idle', { timeout: 30_000 }, async () => {
    const client = await openSlowClient(portOf(bot), 'idle');
    client.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost:${portOf(bot)}\r\n\r\n`);
    await expect.poll(() => client.received, { timeout: 5_000 }).toContain('"status":"ok"');
    // The server announces its keep-alive time (Node's default would be 5 s), then keeps to it.
    expect(client.received).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
    await expect.poll(() => client.closed, { timeout: 15_000 }).toBe(true);
  });
});

describe('the connection cap', () => {
  let bot: TestBot;
  const logs = textBuffer();
  beforeAll(async () => {
    bot = await startTestBot(
      { LOG_LEVEL: 'warn' },
      {
        logDestination: logs.stream,
        httpLimits: { headersTimeoutInMs: 2_000, requestTimeoutInMs: 3_000, maxConnections: 20 },
      },
    );
  });
  afterAll(async () => bot?.stop());

  it('closes connections over the cap unanswered, says so once, and takes new ones when some end', {
    timeout: 30_000,
  }, async () => {
    const clients: SlowClient[] = [];
    for (let i = 0; i < 25; i += 1) clients.push(await openSlowClient(portOf(bot), 'idle'));
    await expect.poll(() => clients.filter((client) => client.closed).length, { timeout: 15_000 }).toBe(25);
    const dropped = clients.filter((client) => client.received === '');
    const timedOut = clients.filter((client) => client.received.startsWith('HTTP/1.1 408'));
    expect(dropped.length).toBeGreaterThanOrEqual(5);
    expect(dropped.length + timedOut.length).toBe(25);
    expect(logs.text().match(/HTTP connection cap reached/g)).toHaveLength(1);
    expect((await fetch(`${bot.bot.url}/healthz`)).status).toBe(200);
  });
});
