import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/simulator/create-simulator.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import { approve, click, say, startBotProcess, until } from '../support/bot-process.js';
import { cardText, FakeBotConnector } from '../support/fake-bot-connector.js';

/**
 * The one moment of a drill's cleanup a random kill rarely hits: Azure has taken the
 * TestFailoverCleanup, the bot dies before it hears back (so it never saved the job's name), and
 * Azure finishes the cleanup while the bot is down. The next process must adopt that cleanup and
 * write the report, not say "nothing to clean up" and leave the drill without one. The simulator
 * runs in this test's process behind SIMULATOR_URL; it kills the bot the instant it has accepted
 * the request, before the answer goes back.
 */
const group =
  'https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bcdr-neu';
const vault = `${group}/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`;

describe('the bot killed the instant Azure takes a drill cleanup', () => {
  const connector = new FakeBotConnector();
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-kill-cleanup-'));
  const children: ChildProcess[] = [];
  let simulator: Simulator;
  let server: SimulatorServer;
  let victim: ChildProcess | undefined;
  let killedAt: string | undefined;

  beforeAll(async () => {
    await connector.start();
    simulator = await createSimulator({ speed: 90 });
    server = await startSimulatorServer({
      simulator: {
        close: () => simulator.close(),
        handle: async (request) => {
          const response = await simulator.handle(request);
          if (victim && request.method === 'POST' && /\/testFailoverCleanup\?/i.test(request.url)) {
            killedAt = `${response.status}`;
            victim.kill('SIGKILL');
            victim = undefined;
          }
          return response;
        },
      },
      httpPort: 0,
      httpsPort: 0,
    });
  }, 30_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await connector.stop();
    await server?.close();
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function asrJobs(scenario: string): Promise<{ name: string; state: string }[]> {
    const response = await simulator.handle({
      method: 'GET',
      url: `${vault}/replicationJobs?api-version=2025-01-01`,
      headers: {},
    });
    const page = JSON.parse(response.body ?? '{}') as {
      value: { name: string; properties: { scenarioName: string; state: string } }[];
    };
    return page.value
      .filter((job) => job.properties.scenarioName === scenario)
      .map((job) => ({ name: job.name, state: job.properties.state }));
  }

  it('adopts the cleanup Azure finished meanwhile and writes the one report', async () => {
    const env = { SIMULATOR_URL: server.httpUrl };
    const first = await startBotProcess(dataDir, '90', env);
    children.push(first.child);
    const thread = await say(first.url, connector, 'dr drill shop');
    const texts = (conversation: string) =>
      connector.inConversation(conversation).map((m) => cardText(m.versions.at(-1)));
    await until(() => texts(thread).some((t) => t.includes('Approval needed')), 'the approval card');
    await approve(first.url, connector, /apr-[0-9a-f]{8}/.exec(texts(thread)[0] ?? '')?.[0] ?? '');
    const seen = () => `${texts(thread).join('\n---\n')}\n${first.output()}`;
    await until(
      () => texts(thread).some((t) => t.includes('manual step waiting')),
      'the manual step',
      60_000,
      seen,
    );
    await click(first.url, connector, 'run', { command: 'dr done shop' }, 'bob', thread);
    await until(() => texts(thread).some((t) => t.includes('VMs are up')), 'the VMs up', 60_000, seen);

    victim = first.child;
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    const cleanupThread = await say(first.url, connector, 'dr cleanup shop notes "kill test"');
    await exited;
    expect(killedAt, 'Azure accepted the cleanup before the kill').toMatch(/^20[02]$/);
    expect(texts(cleanupThread).join('\n')).not.toContain('Drill report');

    // Azure finishes the cleanup while no bot runs.
    const deadline = Date.now() + 30_000;
    while (!(await asrJobs('TestFailoverCleanup')).every((job) => job.state === 'Succeeded')) {
      if (Date.now() > deadline) throw new Error('the cleanup did not finish in Azure');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const second = await startBotProcess(dataDir, '90', env);
    children.push(second.child);
    await until(
      () => texts(cleanupThread).some((t) => t.includes('Drill report')),
      'the report after the restart',
      60_000,
      () => `${texts(cleanupThread).join('\n---\n')}\n${second.output()}`,
    );
    expect(texts(cleanupThread).find((t) => t.includes('Drill report'))).toContain('shop succeeded');
    await until(
      () => texts(thread).some((t) => t.startsWith('DR drill of shop: cleaned up')),
      'the drill closed',
    );
    expect(await asrJobs('TestFailoverCleanup')).toHaveLength(1);
    expect(await asrJobs('TestFailover')).toHaveLength(1);

    const db = new Database(join(dataDir, 'chatops.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM drill_reports').get()).toEqual({ n: 1 });
      // A job is recorded ended just after its last message goes out.
      await until(
        () =>
          (db.prepare("SELECT count(*) AS n FROM jobs WHERE state = 'running'").get() as { n: number }).n ===
          0,
        'no job running',
        10_000,
      );
      // The drill's approval ends with its job, though another process finished it.
      await until(
        () =>
          (db.prepare('SELECT state FROM approvals').all() as { state: string }[]).every(
            (a) => a.state === 'succeeded',
          ),
        'the drill approval succeeded',
        10_000,
        () => JSON.stringify(db.prepare('SELECT id, state FROM approvals').all()),
      );
      expect(db.prepare('SELECT state FROM approvals').all()).toEqual([{ state: 'succeeded' }]);
    } finally {
      db.close();
    }
  }, 180_000);
});
