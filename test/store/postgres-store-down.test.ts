import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/postgres-schema.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/**
 * The bot on PostgreSQL when the database goes away (a TCP proxy in front of the real server is
 * cut): /healthz says so with 503, reads still answer, a change is refused with "cannot write its records
 * approvals right now" and nothing reaches Azure; when the database is back, changes work again.
 */
const url = process.env.DATABASE_URL;

/** A TCP proxy to the PostgreSQL server that can be cut and restored. */
async function startProxy(
  target: URL,
): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const listening = createServer((client) => {
        const upstream = createConnection(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server = listening;
      listening.listen(port, '127.0.0.1', () => {
        port = (listening.address() as { port: number }).port;
        resolve();
      });
    });
  const cut = async () => {
    const closing = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const socket of sockets) socket.destroy();
    await closing;
    server = undefined;
  };
  await listen();
  return { port, cut, restore: listen, close: cut };
}

describe.runIf(url)('the bot on PostgreSQL when the database goes away', () => {
  let db: TestSchema;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let bot: TestBot;

  beforeAll(async () => {
    db = await createTestSchema(url ?? '');
    const target = new URL(url ?? '');
    proxy = await startProxy(target);
    const viaProxy = new URL(target);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    viaProxy.searchParams.set('options', `-c search_path=${db.schema}`);
    bot = await startTestBot({ DATABASE_URL: viaProxy.toString() });
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await proxy?.close();
    await db?.drop();
  });

  async function health(): Promise<{ status: number; body: { store?: string } }> {
    const response = await fetch(`${bot.bot.url}/healthz`);
    return { status: response.status, body: (await response.json()) as { store?: string } };
  }

  async function snapshotCount(): Promise<number> {
    const body = await bot.arm<{ value: unknown[] }>(
      '/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Compute/snapshots',
      '2025-01-02',
    );
    return body.value.length;
  }

  it('answers reads, refuses changes it could not record, and recovers', { timeout: 60_000 }, async () => {
    expect(await health()).toMatchObject({ status: 200, body: { store: 'ok' } });
    const before = await snapshotCount();

    await proxy.cut();
    expect(await health()).toMatchObject({ status: 503, body: { store: 'unreachable' } });
    const read = await bot.ask('status vm-web-01', (t) => t.includes('vm-web-01'));
    expect(read).toMatch(/running|deallocated/);
    const change = await bot.ask(
      'snapshot vm-web-01',
      (t) => t.includes('cannot write its records'),
      'alice',
    );
    expect(change).toContain('The bot cannot write its records right now');
    expect(await snapshotCount()).toBe(before);

    await proxy.restore();
    expect(await health()).toMatchObject({ status: 200, body: { store: 'ok' } });
    const done = await bot.ask('snapshot vm-web-01', (t) => t.includes('created'), 'alice');
    expect(done).toContain('Snapshot set of vm-web-01 created');
    expect(await snapshotCount()).toBeGreaterThan(before);
  });
});
