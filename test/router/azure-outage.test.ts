import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/simulator/create-simulator.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** How long ARM is unreachable: 30 s as the issue asks; OUTAGE_SECONDS shortens it for a quick local run. */
const outageMs = Number(process.env.OUTAGE_SECONDS ?? 30) * 1000;

/**
 * Azure unreachable for 30 s while jobs run: the bot talks to a simulator over real HTTP
 * (SIMULATOR_URL), whose server is closed (connections refused) and opened again on the same port.
 * Azure's side (the simulator's jobs) goes on meanwhile, as it does when only the way to ARM is
 * broken. The jobs wait, say so in their cards, and resume; commands asked meanwhile get a clear
 * answer and change nothing.
 */
describe('Azure unreachable for 30 s in the middle of jobs', () => {
  let simulator: Simulator;
  let server: SimulatorServer;
  let port: number;
  let bot: TestBot;

  beforeAll(async () => {
    // Speed 10: a backup takes about 75 s and the drill about 60 s to its manual step, so both
    // are still running in Azure when ARM comes back.
    simulator = await createSimulator({ speed: 10 });
    server = await startSimulatorServer({ simulator, httpPort: 0, httpsPort: 0 });
    port = Number(new URL(server.httpUrl).port);
    bot = await startTestBot({ SIMULATOR_URL: server.httpUrl, SIMULATOR_SPEED: '10' });
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await server?.close();
    await simulator?.close();
  });

  /** Every item of an ARM list, following nextLink. */
  async function listAll(url: string): Promise<{ properties: Record<string, unknown> }[]> {
    const items: { properties: Record<string, unknown> }[] = [];
    for (let next: string | undefined = url; next; ) {
      const response = await simulator.handle({ method: 'GET', url: next, headers: {} });
      const page = JSON.parse(response.body ?? '{}') as {
        value: { properties: Record<string, unknown> }[];
        nextLink?: string;
      };
      items.push(...page.value);
      next = page.nextLink;
    }
    return items;
  }

  async function jobsInAzure(): Promise<{ backups: number; testFailovers: number }> {
    const group =
      'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups';
    const backups = await listAll(
      `${group}/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu/backupJobs?api-version=2025-02-01`,
    );
    const asr = await listAll(
      `${group}/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu/replicationJobs?api-version=2025-01-01`,
    );
    return {
      backups: backups.filter(
        (job) => job.properties.operation === 'Backup' && job.properties.entityFriendlyName === 'vm-api-01',
      ).length,
      testFailovers: asr.filter((job) => job.properties.scenarioName === 'TestFailover').length,
    };
  }

  it('keeps following a backup and a drill, says Azure is not answering, and finishes both once', {
    timeout: 240_000,
  }, async () => {
    const before = await jobsInAzure();
    const backup = await bot.send('backup vm-api-01', 'alice');
    const drill = await bot.send('dr drill shop', 'alice');
    const request = await bot.waitFor(drill.conversationId, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(request.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    await bot.waitFor(backup.conversationId, (t) => t.includes('Take Snapshot'), 30_000);
    await bot.waitFor(drill.conversationId, (t) => /Site Recovery job [0-9a-f-]{36}/.test(t), 30_000);

    // ARM goes away: every connection is refused.
    await server.close();
    const downAt = Date.now();
    const backupCard = await bot.waitFor(
      backup.conversationId,
      (t) => t.includes('Azure is not answering') && t.includes('retrying'),
      outageMs,
    );
    const drillCard = await bot.waitFor(
      drill.conversationId,
      (t) => t.includes('Azure is not answering') && t.includes('retrying'),
      outageMs,
    );
    expect(cardText(backupCard.versions.at(-1))).toContain('The work goes on in Azure meanwhile');
    expect(cardText(drillCard.versions.at(-1))).toContain('DR drill of shop');

    // Commands asked during the outage get a clear answer, not a stack trace, and change nothing.
    const status = await bot.ask('status vm-web-01', (t) => /Azure|went wrong/.test(t));
    expect(status).toContain('Azure is not answering');
    expect(status).not.toMatch(/Something went wrong|RestError|ECONNREFUSED at/);
    const snapshot = await bot.ask('snapshot vm-web-02', (t) => /Azure|went wrong|created/.test(t));
    expect(snapshot).toContain('Azure is not answering');
    expect(snapshot).not.toContain('Something went wrong');

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outageMs - (Date.now() - downAt))));
    server = await startSimulatorServer({ simulator, httpPort: port, httpsPort: 0 });

    // Both jobs resume in their own cards and end once.
    const done = await bot.waitFor(
      backup.conversationId,
      (t) => t.includes('Backup of vm-api-01 done'),
      120_000,
    );
    expect(cardText(done.versions.at(-1))).toMatch(/New recovery point \S+/);
    await bot.waitFor(drill.conversationId, (t) => t.includes('shop: manual step waiting'), 120_000);
    const after = await jobsInAzure();
    expect(after.backups - before.backups).toBe(1);
    expect(after.testFailovers - before.testFailovers).toBe(1);
    // The snapshot asked during the outage left nothing behind.
    const snapshots = await simulator.handle({
      method: 'GET',
      url: 'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Compute/snapshots?api-version=2025-01-02',
      headers: {},
    });
    expect(snapshots.body).not.toContain('vm-web-02-');

    // One job each in the bot's journal: the backup succeeded, the drill waits for its manual
    // step, and the snapshot refused during the outage is recorded as failed.
    const jobs = await bot.ask('jobs', (t) => t.includes('Jobs:'));
    // Each job once (the next-step line names the newest again).
    expect(new Set(jobs.match(/job-[0-9a-f]{8}/g)).size).toBe(3);
    expect(jobs).toMatch(/backup vm-api-01[^\n]*\nalice\nsucceeded/);
    expect(jobs).toMatch(/dr drill shop[^\n]*\nalice\nrunning/);
    expect(jobs).toMatch(/snapshot vm-web-02[^\n]*\nalice\nfailed/);
  });
});
