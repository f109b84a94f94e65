import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { cardText, FakeBotConnector } from '../support/fake-bot-connector.js';
import { messageIn, runningJob } from '../support/seeded-jobs.js';

const subscription = '00000000-0000-0000-0000-000000000001';
const vault = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`;
const testNetwork = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Network/virtualNetworks/vnet-dr-test`;
const drVault = { id: vault, subscriptionId: subscription, resourceGroup: 'rg-bcdr-neu', name: 'rsv-dr-neu' };

/**
 * A drill and a failover whose bot died after saving its plan and before it saved Azure's job: the
 * next start adopts the test failover Azure had accepted (no second one), and starts the failover
 * Azure never received (exactly one), reporting where it was asked although its first message was
 * never remembered.
 */
const testFailoverBody = {
  properties: {
    failoverDirection: 'PrimaryToRecovery',
    networkType: 'VmNetworkAsInput',
    networkId: testNetwork,
    providerSpecificDetails: [{ instanceType: 'A2A', recoveryPointType: 'Latest' }],
  },
};

function drillHandle(job: Record<string, unknown>) {
  return {
    kind: 'dr-drill',
    job,
    plan: {
      app: 'shop',
      plan: { vault: drVault, name: 'shop' },
      networkId: testNetwork,
      networkName: 'vnet-dr-test',
      isolated: true,
      point: 'Latest',
      pointLabel: 'latest',
      vms: [],
      manualSteps: ['Confirm DNS cutover'],
      cleanupAfterMs: 4 * 3_600_000,
    },
  };
}

describe('resuming Site Recovery jobs that died before the job was saved', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-resume-asr-'));
  const connector = new FakeBotConnector();
  afterAll(async () => {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(
    bot: RunningBot,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await bot.simulator?.handle({
      method,
      url: `https://management.azure.com${path}?api-version=2023-06-01`,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response?.status ?? 0,
      body: JSON.parse(response?.body || '{}') as Record<string, unknown>,
    };
  }

  async function jobsOf(bot: RunningBot, scenario: string): Promise<string[]> {
    const jobs = await call(bot, 'GET', `${vault}/replicationJobs`);
    return (jobs.body.value as { name: string; properties: { scenarioName: string } }[])
      .filter((job) => job.properties.scenarioName === scenario)
      .map((job) => job.name);
  }

  it('adopts the accepted test failover and starts the failover Azure never got, once each', async () => {
    await connector.start();
    const env = { PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '600', LOG_LEVEL: 'silent' };
    const first = await startBot(env);
    const requestedAt = new Date(Date.now() - 1_000).toISOString();
    // What the dead process had asked: a test failover of shop, accepted by Azure, with the
    // request id it had saved just before asking.
    const requestId = '7d3f0c1e-0000-4000-8000-00000000d711';
    const accepted = await call(
      first,
      'POST',
      `${vault}/replicationRecoveryPlans/shop/testFailover`,
      testFailoverBody,
      { 'x-ms-client-request-id': requestId },
    );
    expect(accepted.status).toBe(202);
    const [adopted] = await jobsOf(first, 'TestFailover');
    await first.close();

    const drill = drillHandle({ requestedAt, requestId, announced: [] });
    const failover = {
      kind: 'dr-sequence',
      jobs: [{ requestedAt, announced: [] }],
      sequence: {
        app: 'crm',
        plan: { vault: drVault, name: 'crm' },
        title: 'Planned failover of crm',
        steps: [{ kind: 'PlannedFailover', direction: 'PrimaryToRecovery', label: 'Planned failover' }],
        target: 'the recovery region',
        afterwards: 'commit-or-cancel',
      },
    };
    const store = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    await store.insertJob(
      runningJob('job-dddd0001', 'dr.drill', 'dr drill shop', drill, messageIn(connector, 'c-drill')),
    );
    // Killed before its first message was remembered: it reports where it was asked, in a new message.
    const asked = messageIn(connector, 'c-failover');
    connector.messages.splice(
      connector.messages.findIndex((m) => m.conversationId === 'c-failover'),
      1,
    );
    await store.insertJob({
      ...runningJob('job-dddd0002', 'dr.failover.planned', 'failover crm', failover, asked),
      messages: [],
      conversation: { platform: 'teams', conversationId: 'c-failover', reference: asked.reference },
    });
    await store.close();

    const second = await startBot(env);
    try {
      const texts = (conversationId: string) =>
        connector.inConversation(conversationId).map((m) => cardText(m.versions.at(-1)));
      await expect
        .poll(() => texts('c-drill').some((t) => t.includes('shop: manual step waiting')), {
          timeout: 30_000,
        })
        .toBe(true);
      expect(texts('c-drill')[0]).toContain(`Site Recovery job ${adopted}`);
      // Saved before claims existed, the resumed drill holds shop again: one change at a time.
      const claims = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
      try {
        expect((await claims.claims.get('app:shop'))?.holder).toBe('job-dddd0001');
      } finally {
        await claims.close();
      }
      expect(await jobsOf(second, 'TestFailover')).toEqual([adopted]);
      await expect
        .poll(() => texts('c-failover')[0] ?? '', { timeout: 30_000 })
        .toContain('Planned failover of crm: done');
      expect(await jobsOf(second, 'PlannedFailover')).toHaveLength(1);
      expect(texts('c-failover')).toHaveLength(1);
    } finally {
      await second.close();
    }
    // Both resumed jobs are recorded as ended (a stale handle would leave them running for ever).
    const after = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    try {
      const failoverJob = await after.getJob('job-dddd0002');
      expect(failoverJob?.state).toBe('succeeded');
      expect(failoverJob?.messages.map((m) => m.conversationId)).toEqual(['c-failover']);
    } finally {
      await after.close();
    }
  }, 90_000);
});

/**
 * A job adopts only the Azure job its own request started (ASR keeps the request id as the job's
 * activityId). A drill job left behind whose request never reached Azure, resumed while another
 * test failover of the same plan runs, must not follow that one: it is told the plan is busy.
 */
describe("a resumed job never follows another request's Azure job", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-resume-own-'));
  const connector = new FakeBotConnector();
  afterAll(async () => {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses instead of adopting a test failover another request started', async () => {
    await connector.start();
    const env = { PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '600', LOG_LEVEL: 'silent' };
    const first = await startBot(env);
    const requestedAt = new Date(Date.now() - 1_000).toISOString();
    const response = await first.simulator?.handle({
      method: 'POST',
      url: `https://management.azure.com${vault}/replicationRecoveryPlans/shop/testFailover?api-version=2023-06-01`,
      headers: { 'content-type': 'application/json', 'x-ms-client-request-id': 'someone-elses-request' },
      body: JSON.stringify(testFailoverBody),
    });
    expect(response?.status).toBe(202);
    await first.close();

    const store = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    const handle = drillHandle({ requestedAt, requestId: 'a-request-azure-never-got', announced: [] });
    await store.insertJob(
      runningJob('job-dddd0003', 'dr.drill', 'dr drill shop', handle, messageIn(connector, 'c-own')),
    );
    await store.close();

    const second = await startBot(env);
    try {
      const text = () => cardText(connector.inConversation('c-own')[0]?.versions.at(-1));
      await expect.poll(text, { timeout: 30_000 }).toMatch(/busy|not possible|does not allow/i);
      expect(text()).not.toContain('Site Recovery job');
    } finally {
      await second.close();
    }
    const after = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    try {
      expect((await after.getJob('job-dddd0003'))?.state).toBe('failed');
    } finally {
      await after.close();
    }
  }, 90_000);
});

/**
 * The job a request started may have ended, and another taken its place as the plan's current
 * scenario, before the bot comes back: it is found among the vault's jobs by its request id and
 * adopted, not asked for a second time.
 */
describe('a resumed job finds its own Azure job after the plan moved on', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-resume-moved-on-'));
  const connector = new FakeBotConnector();
  afterAll(async () => {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adopts its finished failover although a commit is the current job, and starts none', async () => {
    await connector.start();
    const env = { PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '3600', LOG_LEVEL: 'silent' };
    const first = await startBot(env);
    const arm = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await first.simulator?.handle({
        method,
        url: `https://management.azure.com${path}?api-version=2023-06-01`,
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return JSON.parse(response?.body || '{}') as Record<string, unknown>;
    };
    const requestedAt = new Date(Date.now() - 1_000).toISOString();
    const requestId = '5b1d7c2a-0000-4000-8000-00000000f0a1';
    await arm(
      'POST',
      `${vault}/replicationRecoveryPlans/crm/plannedFailover`,
      { properties: { failoverDirection: 'PrimaryToRecovery' } },
      { 'x-ms-client-request-id': requestId },
    );
    const jobsOf = async (scenario: string) =>
      (
        (await arm('GET', `${vault}/replicationJobs`)).value as {
          name: string;
          properties: { scenarioName: string; state: string };
        }[]
      ).filter((job) => job.properties.scenarioName === scenario);
    await expect
      .poll(async () => (await jobsOf('PlannedFailover'))[0]?.properties.state, { timeout: 30_000 })
      .toBe('Succeeded');
    await arm('POST', `${vault}/replicationRecoveryPlans/crm/failoverCommit`);
    await first.close();

    const failover = {
      kind: 'dr-sequence',
      jobs: [{ requestedAt, requestId, announced: [] }],
      sequence: {
        app: 'crm',
        plan: { vault: drVault, name: 'crm' },
        title: 'Planned failover of crm',
        steps: [{ kind: 'PlannedFailover', direction: 'PrimaryToRecovery', label: 'Planned failover' }],
        target: 'the recovery region',
        afterwards: 'commit-or-cancel',
      },
    };
    const store = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    await store.insertJob(
      runningJob(
        'job-dddd0004',
        'dr.failover.planned',
        'failover crm',
        failover,
        messageIn(connector, 'c-moved'),
      ),
    );
    await store.close();

    const second = await startBot(env);
    try {
      const text = () => cardText(connector.inConversation('c-moved')[0]?.versions.at(-1));
      await expect.poll(text, { timeout: 30_000 }).toContain('Planned failover of crm: done');
    } finally {
      await second.close();
    }
    const after = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
    try {
      expect((await after.getJob('job-dddd0004'))?.state).toBe('succeeded');
    } finally {
      await after.close();
    }
  }, 90_000);
});
