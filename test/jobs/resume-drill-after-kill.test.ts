import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approve, click, say, startBotProcess, until } from '../support/bot-process.js';
import { cardText, FakeBotConnector } from '../support/fake-bot-connector.js';

/** The simulator's jobs of the drill, from its state file (the embedded simulator persists it). */
function testFailoverJobs(dataDir: string): { name: string; state: string }[] {
  const state = JSON.parse(readFileSync(join(dataDir, 'simulator-state.json'), 'utf8')) as {
    siteRecovery: { jobs: Record<string, { name: string; scenarioName: string; state: string }> };
  };
  return Object.values(state.siteRecovery.jobs).filter((job) => job.scenarioName === 'TestFailover');
}

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('a drill survives SIGKILL of the bot', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatops-kill-drill-'));
  const connector = new FakeBotConnector();
  const children: ChildProcess[] = [];
  beforeAll(() => connector.start());
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes mid-failover and during the manual-step wait, with one test failover and one card each', async () => {
    // At speed 60 the test failover of shop takes 10 s to its manual step.
    const first = await startBotProcess(dataDir, '60');
    children.push(first.child);
    const thread = await say(first.url, connector, 'dr drill shop');
    const texts = () => connector.inConversation(thread).map((m) => cardText(m.versions.at(-1)));
    await until(() => texts().some((t) => t.includes('Approval needed')), 'the approval card');
    const approvalId = /apr-[0-9a-f]{8}/.exec(texts()[0] ?? '')?.[0] ?? '';
    await approve(first.url, connector, approvalId);
    const progress = () => texts().find((t) => t.startsWith('DR drill of shop')) ?? '';
    await until(() => /Site Recovery job [0-9a-f-]{36}/.test(progress()), 'the drill in progress');
    const azureJob = /Site Recovery job ([0-9a-f-]{36})/.exec(progress())?.[1];
    await kill(first.child);
    expect(texts().some((t) => t.includes('manual step waiting'))).toBe(false);

    // Second process: follows the same test failover to its manual step.
    const second = await startBotProcess(dataDir, '60');
    children.push(second.child);
    await until(
      () => texts().some((t) => t.includes('shop: manual step waiting')),
      'the manual step',
      60_000,
      () => `${texts().join('\n---\n')}\n${second.output()}`,
    );
    expect(progress()).toContain(`Site Recovery job ${azureJob}`);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await kill(second.child);

    // Third process, killed while the plan waits for the manual step: no second card, no second failover.
    const third = await startBotProcess(dataDir, '60');
    children.push(third.child);
    // The third process takes the drill up again (its log says so), then bob confirms the step.
    await until(
      () => third.output().includes('resuming a job after a restart'),
      'the resumed drill',
      60_000,
      () => `${texts().join('\n---\n')}\n${third.output()}`,
    );
    await click(third.url, connector, 'run', { command: 'dr done shop' }, 'bob', thread);
    await until(
      () => texts().some((t) => t.includes('VMs are up')),
      'the VMs up',
      60_000,
      () => `${texts().join('\n---\n')}\n${third.output()}`,
    );
    // The notice, and the drill's own card once it shows the running VMs.
    const upCards = () => texts().filter((t) => t.includes('DR drill of shop: VMs are up'));
    await until(() => upCards().length === 2, 'the drill card showing the VMs up');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(upCards()).toHaveLength(2);
    // One card, posted waiting (now done: the step was confirmed).
    const manualCards = connector
      .inConversation(thread)
      .filter((m) => cardText(m.versions[0]).includes('shop: manual step waiting'));
    expect(manualCards).toHaveLength(1);
    await until(
      () => cardText(manualCards[0]?.versions.at(-1)).includes('Done by bob at'),
      'the manual step card done',
    );
    const jobs = testFailoverJobs(dataDir);
    expect(jobs.map((job) => job.name)).toEqual([azureJob]);
    expect(jobs[0]?.state).toBe('Suspended');

    // And the cleanup finishes the drill in its thread.
    const cleanup = await say(third.url, connector, 'dr cleanup shop notes "restart drill"');
    await until(
      () =>
        connector.inConversation(cleanup).some((m) => cardText(m.versions.at(-1)).includes('Drill report')),
      'the report',
      60_000,
    );
    // Under a loaded CI machine the drill's follower can lag its cleanup by many polls, and an
    // update the chat refuses is posted anew (deliver): the closing card may be a new message.
    await until(
      () => texts().some((t) => t.startsWith('DR drill of shop') && t.includes('cleaned up')),
      'the drill card closed',
      90_000,
      () => `${texts().join('\n---\n')}\n${third.output()}`,
    );
    expect(cardText(connector.inConversation(cleanup)[0]?.versions.at(-1))).toContain('shop succeeded');
  }, 240_000);
});
