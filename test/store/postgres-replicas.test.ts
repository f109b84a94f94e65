import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { startBotProcess } from '../support/bot-process.js';
import { cardText } from '../support/fake-bot-connector.js';
import { type ReplicaBackend, startReplicaBackend } from '../support/replica-backend.js';
import { identities, teamsIdOf, type User } from '../support/start-test-bot.js';

/**
 * Two bot processes on one PostgreSQL database and one simulator: an approval requested through
 * replica A gets 50 concurrent Approve clicks split across A and B. It runs once, posts one result,
 * and every click leaves one audit entry.
 */
const url = process.env.DATABASE_URL;

describe.runIf(url)('two replicas on one PostgreSQL database', () => {
  let backend: ReplicaBackend;
  let replicas: { url: string; child: ChildProcess }[] = [];
  type RunningBot = { url: string };

  beforeAll(async () => {
    backend = await startReplicaBackend(url ?? '', { speed: 3600 });
    replicas = await Promise.all(backend.dirs.map((dir) => startBotProcess(dir, '3600', backend.env)));
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGKILL');
    await backend?.stop();
  });

  async function post(replica: RunningBot, activity: Record<string, unknown>): Promise<number> {
    const response = await fetch(`${replica.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: backend.connector.url,
        recipient: { id: '28:bot', name: 'Recovery bot' },
        ...activity,
      }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  function say(replica: RunningBot, conversationId: string, text: string, user: User = 'alice') {
    return post(replica, {
      type: 'message',
      id: `in-${randomBytes(4).toString('hex')}`,
      from: { id: teamsIdOf(user), name: user, aadObjectId: identities[user] },
      conversation: { id: conversationId, conversationType: 'personal' },
      text,
    });
  }

  async function waitFor(conversationId: string, done: (text: string) => boolean, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = backend.connector
        .inConversation(conversationId)
        .find((m) => done(cardText(m.versions.at(-1))));
      if (found) return cardText(found.versions.at(-1));
      if (Date.now() > deadline) throw new Error(`timed out in ${conversationId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('runs an approved deletion once for 50 clicks split across the replicas', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = replicas as [RunningBot & { child: ChildProcess }, RunningBot & { child: ChildProcess }];
    await say(a, 'c-snap', 'snapshot vm-web-01');
    const created = await waitFor('c-snap', (t) => t.includes('created'));
    const set = /vm-web-01-\d{8}-\d{6}-[0-9a-f]{4}/.exec(created)?.[0] ?? '';
    expect(set).not.toBe('');

    await say(a, 'c-delete', `snapshot delete ${set}`);
    const request = await waitFor('c-delete', (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(request)?.[0] ?? '';
    const clicks = Array.from({ length: 50 }, (_v, i) => {
      const user: User = i % 2 === 0 ? 'bob' : 'carol';
      return post(i < 25 ? a : b, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `invoke-${i}`,
        from: { id: teamsIdOf(user), name: user, aadObjectId: identities[user] },
        conversation: { id: `click-${i}` },
        replyToId: backend.connector.cardMessageIdOf(approvalId),
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'approval.approve',
            data: { verb: 'approval.approve', approvalId },
          },
        },
      });
    });
    expect(new Set(await Promise.all(clicks))).toEqual(new Set([200]));
    await waitFor('c-delete', (t) => /Approved by (bob|carol): done/.test(t));
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const results = backend.connector
      .inConversation('c-delete')
      .map((m) => cardText(m.versions.at(-1)))
      .filter((t) => /deleted/i.test(t) && !t.includes('Approval needed'));
    expect(results).toHaveLength(1);

    const store = await PostgresStore.open({
      connectionString: backend.db.databaseUrl,
    });
    try {
      const approval = await store.getApproval(approvalId);
      expect(approval?.state).toBe('succeeded');
      expect(approval?.decisions).toHaveLength(1);
      const jobs = (await store.listJobs()).filter((job) => job.commandId === 'snapshot.delete');
      expect(jobs).toHaveLength(1);
      const decisions = (await store.listAudit({ limit: 1000 })).filter(
        (entry) => entry.kind === 'decision' && entry.approvalId === approvalId,
      );
      expect(decisions).toHaveLength(50);
      expect(decisions.filter((entry) => entry.outcome === 'approve')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('lets one of two drill requests for one app, typed at once on the two replicas, exist', {
    timeout: 60_000,
  }, async () => {
    const [a, b] = replicas as unknown as [RunningBot, RunningBot];
    for (let round = 0; round < 5; round++) {
      const [one, two] = [`c-drill-a-${round}`, `c-drill-b-${round}`];
      await Promise.all([say(a, one, 'dr drill crm', 'alice'), say(b, two, 'dr drill crm', 'carol')]);
      const answers = await Promise.all(
        [one, two].map((c) => waitFor(c, (t) => t.includes('Approval needed') || t.includes('crm is busy'))),
      );
      expect(answers.filter((t) => t.includes('Approval needed'))).toHaveLength(1);
      expect(answers.filter((t) => t.includes('crm is busy'))).toHaveLength(1);
      // The one request is cancelled by its requester, which frees crm for the next round.
      const store = await PostgresStore.open({ connectionString: backend.db.databaseUrl });
      try {
        const open = (await store.listApprovals({ states: ['requested'] })).filter((r) =>
          r.commandText.startsWith('dr drill crm'),
        );
        expect(open).toHaveLength(1);
        const [request] = open;
        const cancelled = await store.updateApproval(
          request?.id ?? '',
          { version: request?.version ?? 0, states: ['requested'] },
          { state: 'cancelled' },
        );
        expect(cancelled?.state).toBe('cancelled');
      } finally {
        await store.close();
      }
    }
  });
});
