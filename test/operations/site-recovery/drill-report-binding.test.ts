import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTimeToSecond } from '../../../src/operations/format-values.js';
import type { DrillHandle } from '../../../src/operations/site-recovery/dr-drill.js';
import type { DrillReport } from '../../../src/operations/site-recovery/drill-report.js';
import { drVault, startPortalDrill, withStore } from '../../alerts/alert-test-kit.js';
import { cardText } from '../../support/fake-bot-connector.js';
import { runApprovedDrill } from '../../support/run-approved-drill.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

interface AsrJob {
  name: string;
  properties: {
    scenarioName: string;
    startTime: string;
    tasks: {
      friendlyName: string;
      taskType: string;
      state: string;
      endTime?: string;
      groupTaskCustomDetails?: { rpGroupType?: string };
    }[];
  };
}

interface AsrPlan {
  properties: { allowedOperations: string[]; currentScenario?: { scenarioName: string; jobId: string } };
}

/** Whole seconds between two of Azure's times as a report prints them (each cut to the second). */
const seconds = (from: string, to: string) =>
  Math.floor(Date.parse(to) / 1000) - Math.floor(Date.parse(from) / 1000);

/**
 * A drill report is bound to the test failover its own drill started, never to "the newest drill of
 * the app": a drill started in the portal is reported as such, with Azure's figures and no request,
 * and when two bot jobs claim one test failover the report is the one that started it, never a later
 * one's requester and clock. crm has no manual step: "service restored" is the end of its last task.
 */
describe('drill reports are bound to their own Azure job', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SPEED: '60' });
    // An earlier drill of crm run by the bot, so "the newest drill of crm" exists to be wrongly picked.
    await runApprovedDrill(bot, 'crm');
    await cleanUp('bot drill');
  }, 120_000);
  afterAll(async () => bot?.stop());

  const plan = () => bot.arm<AsrPlan>(`${drVault}/replicationRecoveryPlans/crm`, '2023-06-01');

  async function cleanUp(notes: string): Promise<{ report: DrillReport; card: string }> {
    const { conversationId } = await bot.send(`dr cleanup crm notes "${notes}"`, 'carol');
    const message = await bot.waitFor(conversationId, (t) => t.includes('Drill report dr-'), 60_000);
    const card = cardText(message.versions.at(-1));
    const id = /dr-\d{8}-crm-[0-9a-f]{4}/.exec(card)?.[0] ?? '';
    const stored = await withStore(bot, (store) => store.getDrillReport(id));
    return { report: stored?.body as DrillReport, card };
  }

  /** Starts a test failover of crm as the portal would; resolves with its Azure job once its VMs run. */
  async function portalDrill(): Promise<string> {
    expect(await startPortalDrill(bot, 'crm')).toBe(202);
    await expect
      .poll(async () => (await plan()).properties.allowedOperations, { timeout: 30_000, interval: 100 })
      .toContain('TestFailoverCleanup');
    return (await plan()).properties.currentScenario?.jobId.split('/').pop() ?? '';
  }

  it('reports a drill started in the portal as such, with its own job’s times', {
    timeout: 90_000,
  }, async () => {
    // The team plans crm's drills in Amsterdam time: the report shows its times there too.
    const scheduled = await bot.ask('schedule drill crm weekly on friday 14:00 Europe/Amsterdam', (t) =>
      /Drills of crm scheduled/.test(t),
    );
    expect(scheduled).toContain('Europe/Amsterdam');
    const jobName = await portalDrill();
    const { report, card } = await cleanUp('portal drill checked');

    expect(report.siteRecoveryJob).toBe(jobName);
    expect(report.startedOutsideBot).toBe(true);
    expect(report.drillJobId).toBeUndefined();
    expect(report.requestedBy).toBeUndefined();
    expect(report.decisions).toEqual([]);
    expect(card).toContain('the drill was started outside the bot');

    const job = await bot.arm<AsrJob>(`${drVault}/replicationJobs/${jobName}`, '2023-06-01');
    const { startTime, tasks } = job.properties;
    const lastGroup = tasks.filter((t) => t.groupTaskCustomDetails?.rpGroupType === 'Boot').at(-1);
    const lastTask = tasks.at(-1);
    expect(report.startedAt).toBe(startTime);
    expect(report.vmsRunningAt).toBe(lastGroup?.endTime);
    expect(report.vmsRunningSeconds).toBe(seconds(startTime, lastGroup?.endTime ?? ''));
    expect(report.serviceRestoredAt).toBe(lastTask?.endTime);
    expect(report.serviceRestoredSeconds).toBe(seconds(startTime, lastTask?.endTime ?? ''));
    expect(report.vmsRunningSeconds).toBeGreaterThanOrEqual(0);
    expect(report.serviceRestoredSeconds).toBeGreaterThanOrEqual(report.vmsRunningSeconds ?? Infinity);
    expect(report.timeZone).toBe('Europe/Amsterdam');
    expect(card).toContain(`VMs running after ${report.vmsRunningSeconds} s`);
    expect(card).toContain(formatTimeToSecond(new Date(startTime), 'Europe/Amsterdam'));
    expect(card).toMatch(/\d\d:\d\d:\d\d UTC \((\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d Europe\/Amsterdam\)/);
    // What a portal drill cannot tell: its points and network were never recorded by the bot.
    expect(report.missing).toEqual([
      'Recovery point and RPO per VM: the drill was started outside the bot, so they were not recorded.',
      'Test network and isolation evidence: the drill was started outside the bot.',
    ]);
  });

  it('binds the report to the drill that started the test failover, not a later job that followed it', {
    timeout: 90_000,
  }, async () => {
    const { conversationId } = await bot.send('dr drill crm', 'alice');
    const request = await bot.waitFor(conversationId, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(request.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    await bot.waitFor(conversationId, (t) => t.includes('Drill VMs are running'), 60_000);
    // Older bots let a second drill follow the first one's Azure job (the "RTO -2 s"): its
    // record, asked later by carol, holds the same test failover and is the newer drill of crm.
    const started = await withStore(bot, async (store) => {
      const [own] = (await store.listJobs({ states: ['running'] })).filter((j) => j.commandId === 'dr.drill');
      if (!own) throw new Error('no running drill of crm');
      const handle = own.handle as DrillHandle;
      const later = new Date(Date.parse(handle.triggeredAt ?? '') + 90_000);
      await store.insertJob({
        ...own,
        id: 'job-f011ower',
        requester: { platform: 'teams', id: '29:carol', displayName: 'carol' },
        approvalId: undefined,
        state: 'succeeded',
        handle: { ...handle, triggeredAt: later.toISOString() },
        messages: [],
        owner: undefined,
        leaseExpiresAt: undefined,
        version: 1,
        createdAt: later,
        updatedAt: later,
      });
      return { id: own.id, jobName: handle.job.jobName ?? '' };
    });

    const { report } = await cleanUp('validated');
    expect(report.drillJobId).toBe(started.id);
    expect(report.requestedBy).toBe('alice');
    expect(report.siteRecoveryJob).toBe(started.jobName);
    const job = await bot.arm<AsrJob>(`${drVault}/replicationJobs/${started.jobName}`, '2023-06-01');
    const lastGroup = job.properties.tasks
      .filter((t) => t.groupTaskCustomDetails?.rpGroupType === 'Boot')
      .at(-1);
    expect(report.vmsRunningSeconds).toBe(seconds(job.properties.startTime, lastGroup?.endTime ?? ''));
    expect(report.vmsRunningSeconds).toBeGreaterThan(0);
    for (const point of report.points) expect(point.rpoSeconds, point.vm).toBeGreaterThanOrEqual(0);
  });
});
