import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { createSimulator, type Simulator } from '../../src/simulator/create-simulator.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { cardText, FakeBotConnector } from '../support/fake-bot-connector.js';
import { createTestSchema, type TestSchema } from '../support/postgres-schema.js';
import { identities, teamsIdOf, type User } from '../support/start-test-bot.js';

/**
 * Timers across replicas: two bots on one PostgreSQL database (in one test process, so that their
 * clocks can be moved together) both sweep an overdue approval at the same moment; it expires once
 * and its card is updated once.
 */
const url = process.env.DATABASE_URL;

describe.runIf(url)('approval expiry with two replicas', () => {
  let db: TestSchema;
  const connector = new FakeBotConnector();
  const dirs = [mkdtempSync(join(tmpdir(), 'timer-a-')), mkdtempSync(join(tmpdir(), 'timer-b-'))];
  let offsetMs = 0;
  let simulator: Simulator;
  let server: SimulatorServer;
  let replicas: RunningBot[] = [];

  beforeAll(async () => {
    db = await createTestSchema(url ?? '');
    await connector.start();
    for (const [user, aadObjectId] of Object.entries(identities))
      connector.addMember({ id: teamsIdOf(user as User), name: user, aadObjectId });
    simulator = await createSimulator({ speed: 3600 });
    server = await startSimulatorServer({ simulator, httpPort: 0, httpsPort: 0, certDir: dirs[0] });
    replicas = await Promise.all(
      dirs.map((dir) =>
        startBot(
          {
            PORT: '0',
            DATA_DIR: dir,
            DATABASE_URL: db.databaseUrl,
            SIMULATOR_URL: server.httpUrl,
            LOG_LEVEL: 'silent',
          },
          { now: () => new Date(Date.now() + offsetMs) },
        ),
      ),
    );
  }, 30_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await server?.close();
    await simulator?.close();
    await connector.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('expires an overdue approval once, whichever replica sweeps first', { timeout: 60_000 }, async () => {
    const [a, b] = replicas as [RunningBot, RunningBot];
    const response = await fetch(`${a.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'in-expiry',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: teamsIdOf('alice'), name: 'alice', aadObjectId: identities.alice },
        recipient: { id: '28:bot', name: 'Recovery bot' },
        conversation: { id: 'c-expiry', conversationType: 'personal' },
        text: 'dr drill shop',
      }),
    });
    expect(response.status).toBe(200);
    await expect
      .poll(() =>
        connector
          .inConversation('c-expiry')
          .some((m) => cardText(m.versions.at(-1)).includes('Approval needed')),
      )
      .toBe(true);

    // The card's message is recorded just after it is posted; the sweep updates the card through it.
    const store = await PostgresStore.open({ connectionString: db.databaseUrl });
    await expect
      .poll(async () => (await store.listApprovals()).every((r) => r.message !== undefined))
      .toBe(true);
    await store.close();
    offsetMs = 31 * 60_000;
    const expired = await Promise.all([
      a.expireApprovals(),
      b.expireApprovals(),
      a.expireApprovals(),
      b.expireApprovals(),
    ]);
    expect(expired.reduce((sum, n) => sum + n, 0)).toBe(1);
    const card = connector
      .inConversation('c-expiry')
      .find((m) => cardText(m.versions.at(-1)).includes('DR drill of shop'));
    await expect.poll(() => cardText(card?.versions.at(-1)), { timeout: 10_000 }).toMatch(/Expired at/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(card?.versions.filter((v) => /Expired at/.test(cardText(v)))).toHaveLength(1);
  });
});
