import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { cardText } from '../support/fake-bot-connector.js';
import { type ReplicaBackend, startReplicaBackend } from '../support/replica-backend.js';
import { identities, teamsIdOf } from '../support/start-test-bot.js';

/**
 * Schedules and alert polls across replicas: two bots on one PostgreSQL database sweep a due
 * schedule at the same moment and it fires once; they poll at the same moment and one of them
 * reads Azure, so the channel gets one alert.
 */
const url = process.env.DATABASE_URL;

describe.runIf(url)('schedules and alerts with two replicas', () => {
  let offsetMs = 0;
  let backend: ReplicaBackend;
  let replicas: RunningBot[] = [];
  let activity = 0;

  beforeAll(async () => {
    backend = await startReplicaBackend(url ?? '', { speed: 3600 });
    replicas = await Promise.all(
      backend.dirs.map((dir) =>
        startBot(
          { PORT: '0', DATA_DIR: dir, ...backend.env, LOG_LEVEL: 'silent', ALERT_POLL_SECONDS: '3600' },
          { now: () => new Date(Date.now() + offsetMs) },
        ),
      ),
    );
  }, 30_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await backend?.stop();
  });

  async function say(replica: RunningBot, conversation: string, text: string): Promise<void> {
    const response = await fetch(`${replica.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `in-replica-${++activity}`,
        channelId: 'msteams',
        serviceUrl: backend.connector.url,
        from: { id: teamsIdOf('alice'), name: 'alice', aadObjectId: identities.alice },
        recipient: { id: '28:bot', name: 'Recovery bot' },
        conversation: { id: conversation, conversationType: 'personal' },
        text,
      }),
    });
    expect(response.status).toBe(200);
  }

  const texts = (conversation: string) =>
    backend.connector.inConversation(conversation).map((m) => cardText(m.versions.at(-1)));

  it('fires a due schedule once and polls Azure from one replica', { timeout: 60_000 }, async () => {
    const [a, b] = replicas as [RunningBot, RunningBot];
    await say(a, 'c-schedule', 'schedule drill shop daily 09:00 UTC');
    await say(b, 'c-alerts', 'alerts subscribe drill-overdue crm');
    await expect
      .poll(() => texts('c-schedule').some((t) => t.includes('Drills of shop scheduled')))
      .toBe(true);
    await expect.poll(() => texts('c-alerts').some((t) => t.includes('Subscribed'))).toBe(true);

    offsetMs += 25 * 3_600_000;
    const fired = await Promise.all([a.fireSchedules(), b.fireSchedules()]);
    expect(fired[0] + fired[1]).toBeLessThanOrEqual(1);
    await expect.poll(() => texts('c-schedule').filter((t) => t.includes('Approval needed')).length).toBe(1);
    expect(texts('c-schedule').filter((t) => t.startsWith('Scheduled drill: shop'))).toHaveLength(1);

    const polls = await Promise.all([a.pollAlerts(), b.pollAlerts()]);
    expect(polls.filter((p) => p.polled)).toHaveLength(1);
    expect(polls.filter((p) => !p.polled)).toEqual([{ polled: false, reason: 'another replica polls' }]);
    await expect
      .poll(() => texts('c-alerts').filter((t) => t.startsWith('Drill overdue: crm')).length)
      .toBe(1);
  });
});
