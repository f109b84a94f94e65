import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { cardText } from '../support/fake-bot-connector.js';
import { type ReplicaBackend, startReplicaBackend } from '../support/replica-backend.js';
import { identities, teamsIdOf } from '../support/start-test-bot.js';

/**
 * Timers across replicas: two bots on one PostgreSQL database (in one test process, so that their
 * clocks can be moved together) both sweep an overdue approval at the same moment; it expires once
 * and its card is updated once.
 */
const url = process.env.DATABASE_URL;

describe.runIf(url)('approval expiry with two replicas', () => {
  let offsetMs = 0;
  let backend: ReplicaBackend;
  let replicas: RunningBot[] = [];

  beforeAll(async () => {
    backend = await startReplicaBackend(url ?? '', { speed: 3600 });
    replicas = await Promise.all(
      backend.dirs.map((dir) =>
        startBot(
          { PORT: '0', DATA_DIR: dir, ...backend.env, LOG_LEVEL: 'silent' },
          { now: () => new Date(Date.now() + offsetMs) },
        ),
      ),
    );
  }, 30_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await backend?.stop();
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
        serviceUrl: backend.connector.url,
        from: { id: teamsIdOf('alice'), name: 'alice', aadObjectId: identities.alice },
        recipient: { id: '28:bot', name: 'Recovery bot' },
        conversation: { id: 'c-expiry', conversationType: 'personal' },
        text: 'dr drill shop',
      }),
    });
    expect(response.status).toBe(200);
    await expect
      .poll(() =>
        backend.connector
          .inConversation('c-expiry')
          .some((m) => cardText(m.versions.at(-1)).includes('Approval needed')),
      )
      .toBe(true);

    // The card's message is recorded just after it is posted; the sweep updates the card through it.
    const store = await PostgresStore.open({ connectionString: backend.db.databaseUrl });
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
    const card = backend.connector
      .inConversation('c-expiry')
      .find((m) => cardText(m.versions.at(-1)).includes('DR drill of shop'));
    await expect.poll(() => cardText(card?.versions.at(-1)), { timeout: 10_000 }).toMatch(/Expired at/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(card?.versions.filter((v) => /Expired at/.test(cardText(v)))).toHaveLength(1);
  });
});
