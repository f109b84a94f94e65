import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillReport } from '../../../src/operations/site-recovery/drill-report.js';
import { type ConnectorMessage, cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';
const vault = `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu`;
/** The estate's RPO per VM (config/demo-estate.json). */
const estateRpo: Record<string, number> = {
  'vm-sql-01': 420,
  'vm-api-01': 300,
  'vm-web-01': 240,
  'vm-web-02': 255,
};

interface AsrTask {
  friendlyName: string;
  taskType: string;
  groupTaskCustomDetails?: { rpGroupType?: string };
  state: string;
  startTime?: string;
  endTime?: string;
  customDetails: { observation?: string };
}

/**
 * A whole drill through the Bot Framework protocol the local chat page speaks (Teams' activities
 * and invokes), the real Site Recovery SDK client and the simulator: pre-flight, approval by
 * another user, progress, a manual step confirmed by button, the VMs-up notice, cleanup with
 * notes and the report, whose figures are checked against the simulator's clock and job.
 */
describe('dr drill, end to end', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SPEED: '60' });
  });
  afterAll(async () => bot?.stop());

  const arm = <T>(path: string, apiVersion = '2023-06-01') => bot.arm<T>(path, apiVersion);

  function storedReport(id: string): DrillReport {
    const db = new Database(join(bot.dataDir, 'chatops.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT body FROM drill_reports WHERE id = ?').get(id) as
        | { body: string }
        | undefined;
      return JSON.parse(row?.body ?? 'null') as DrillReport;
    } finally {
      db.close();
    }
  }

  /** The bot's drill jobs whose handle holds Azure job `name` (the test failover they started). */
  function drillJobsOf(name: string): string[] {
    const db = new Database(join(bot.dataDir, 'chatops.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT id, handle FROM jobs WHERE command_id = 'dr.drill'").all() as {
        id: string;
        handle: string | null;
      }[];
      return rows
        .filter(
          (row) =>
            (JSON.parse(row.handle ?? 'null') as { job?: { jobName?: string } } | null)?.job?.jobName ===
            name,
        )
        .map((row) => row.id);
    } finally {
      db.close();
    }
  }

  it('runs a drill from request to report', { timeout: 180_000 }, async () => {
    const { conversationId } = await bot.send('dr drill shop point processed', 'alice');
    const request = cardText(
      (await bot.waitFor(conversationId, (t) => t.includes('Approval needed'))).versions.at(-1),
    );
    expect(request).toContain('DR drill of shop');
    expect(request).toContain('healthy (all Normal)');
    expect(request).toContain('vnet-dr-test, isolated: in northeurope, the recovery region; no peerings');
    expect(request).toMatch(/Last drill\s+never/);
    expect(request).toContain('Confirm DNS cutover');
    const approvalId = /apr-[0-9a-f]{8}/.exec(request)?.[0] ?? '';
    // The requester cannot approve their own drill; another approver can.
    expect(await bot.click('approval.approve', { approvalId }, 'alice')).toMatch(
      /another approver must decide/,
    );
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);

    const manual = await bot.waitFor(conversationId, (t) => t.includes('shop: manual step waiting'), 60_000);
    const manualText = cardText(manual.versions.at(-1));
    expect(manualText).toContain('Point shop.contoso.com at the recovered web tier');
    const progress = await bot.waitFor(conversationId, (t) => t.includes('Waiting for a manual step'));
    expect(cardText(progress.versions.at(-1))).toMatch(/Group 1: Start virtual machines \(vm-sql-01\)/);
    const testVms = await arm<{ value: { name: string }[] }>(
      `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Compute/virtualMachines`,
      '2024-11-01',
    );
    expect(testVms.value.map((vm) => vm.name).sort()).toEqual([
      'vm-api-01-test',
      'vm-sql-01-test',
      'vm-web-01-test',
      'vm-web-02-test',
    ]);

    // The app is busy: a failover now is refused in plain words, naming the drill, before anyone is asked.
    const busy = await bot.ask('failover shop', (t) => t.includes('shop is busy'));
    expect(busy).toMatch(/“dr drill shop[^”]*” \(asked by alice at [^)]+\) is running as job-[0-9a-f]{8}/);
    expect(busy).toContain('dr cleanup shop');
    // A viewer may not confirm the step; an approver's click on Done resumes the plan.
    const refused = await bot.ask('dr done shop', (t) => /operator/.test(t), 'dave');
    expect(refused).toMatch(/operator/);
    expect(await bot.click('run', { command: 'dr done shop' }, 'bob', conversationId)).toMatch(/Requested/);
    await bot.waitFor(conversationId, (t) => t.includes('"Group 3: Post-steps: Confirm DNS cutover" done'));

    const up = await bot.waitFor(conversationId, (t) => t.includes('VMs are up'), 60_000);
    expect(cardText(up.versions.at(-1))).toContain(
      'Drill VMs are running in vnet-dr-test; validate, then “dr cleanup shop”',
    );

    // A second drill before cleanup is refused in plain words, before anyone is asked.
    const again = await bot.ask('dr drill shop', (t) => t.includes('shop is busy'));
    expect(again).toContain('dr cleanup shop');

    // alice and carol ask for the cleanup at the same moment: one cleanup, one report, and the
    // other told which job does it.
    const asked = await Promise.all([
      bot.send('dr cleanup shop notes "web and api answered"', 'alice'),
      bot.send('dr cleanup shop notes "web and api answered"', 'carol'),
    ]);
    const outcomes = await Promise.all(
      asked.map(async ({ conversationId }) =>
        cardText(
          (await bot.waitFor(conversationId, (t) => /Drill report|shop is busy/.test(t), 60_000)).versions.at(
            -1,
          ),
        ),
      ),
    );
    const second = outcomes.filter((t) => t.includes('shop is busy'));
    expect(second, outcomes.join('\n---\n')).toHaveLength(1);
    expect(second[0]).toMatch(
      /“dr cleanup shop[^”]*” \(asked by (alice|carol) at [^)]+\) is running as job-[0-9a-f]{8}/,
    );
    const reportCard = outcomes.find((t) => t.includes('Drill report')) ?? '';
    expect(reportCard).toMatch(/Drill report dr-\d{8}-shop-[0-9a-f]{4}: shop succeeded/);
    expect(reportCard).toContain('web and api answered');
    expect(reportCard).toContain('done by bob via chat');
    expect(reportCard).toMatch(/Left behind\s+nothing/);
    const id = /dr-\d{8}-shop-[0-9a-f]{4}/.exec(reportCard)?.[0] ?? '';

    // The figures, against the simulator's job and clock: the report's own Azure job, read through ARM.
    const report = storedReport(id);
    const drillJob = await arm<{
      name: string;
      properties: { scenarioName: string; startTime: string; tasks: AsrTask[] };
    }>(`${vault}/replicationJobs/${report.siteRecoveryJob}`);
    expect(drillJob.properties.scenarioName).toBe('TestFailover');
    const tasks = drillJob.properties.tasks;
    const lastGroup = tasks.filter((task) => task.groupTaskCustomDetails?.rpGroupType === 'Boot').at(-1);
    const lastManual = tasks.filter((task) => task.friendlyName.includes('Confirm DNS cutover')).at(-1);
    const start = drillJob.properties.startTime;
    // Whole seconds between two of Azure's times as the report prints them (cut to the second).
    const seconds = (from: string, to: string) =>
      Math.floor(Date.parse(to) / 1000) - Math.floor(Date.parse(from) / 1000);
    const triggered = Date.parse(report.triggeredAt ?? '');
    expect(Date.parse(start) - triggered).toBeGreaterThanOrEqual(0);
    expect(Date.parse(start) - triggered).toBeLessThan(5_000);
    expect(report.startedAt).toBe(start);
    expect(report.vmsRunningAt).toBe(lastGroup?.endTime);
    expect(report.vmsRunningSeconds).toBe(seconds(start, lastGroup?.endTime ?? ''));
    expect(report.serviceRestoredAt).toBe(lastManual?.endTime);
    expect(report.serviceRestoredSeconds).toBe(seconds(start, lastManual?.endTime ?? ''));
    expect(report.vmsRunningSeconds).toBeGreaterThan(0);
    // Service comes back only once someone confirmed the DNS cutover, after the VMs ran.
    expect(report.serviceRestoredSeconds).toBeGreaterThanOrEqual(report.vmsRunningSeconds ?? Infinity);
    expect(report.missing?.filter((m) => m.startsWith('RTO'))).toEqual([]);
    expect(reportCard).toContain(`VMs running after ${report.vmsRunningSeconds} s`);
    expect(reportCard).toContain(`service restored after ${report.serviceRestoredSeconds} s`);
    expect(reportCard).toContain(`until ${lastManual?.endTime?.slice(0, 19).replace('T', ' ')} UTC`);
    expect(report.points.map((p) => p.vm).sort()).toEqual(Object.keys(estateRpo).sort());
    for (const point of report.points) {
      // `processed`: the newest 5-minute point at least the VM's RPO old; the simulator's points on
      // the 4-hour marks (00:00, 04:00 ... UTC) are application-consistent, the others crash-consistent.
      const expected = Math.floor((triggered - (estateRpo[point.vm] ?? 0) * 1000) / 300_000) * 300_000;
      expect(Date.parse(point.time), point.vm).toBe(expected);
      expect(point.rpoSeconds, point.vm).toBe(seconds(new Date(expected).toISOString(), start));
      const onAppMark = expected % (4 * 3_600_000) === 0;
      expect(point.consistency, point.vm).toMatch(
        onAppMark ? /^application-consistent/ : /^crash-consistent/,
      );
    }
    expect(report.decisions).toEqual([
      expect.objectContaining({ by: 'bob', decision: 'approved', afterSeconds: expect.any(Number) }),
    ]);
    expect(report.requestedBy).toBe('alice');
    expect(report.manualActions).toEqual([
      {
        name: 'Group 3: Post-steps: Confirm DNS cutover',
        doneBy: 'done by bob via chat',
        doneAt: lastManual?.endTime,
      },
    ]);
    // Bound to the drill's own bot job: the one whose handle holds this Azure job.
    expect(drillJobsOf(report.siteRecoveryJob ?? '')).toEqual([report.drillJobId]);
    expect(report.steps.map((s) => s.name)).toContain('Delete the test virtual machines');
    expect(report.result).toBe('succeeded');

    // The drill's own card ends pointing at the report; the test VMs are gone.
    await bot.waitFor(conversationId, (t) => t.includes(`report “${id}”`), 30_000);
    const after = await arm<{ value: unknown[] }>(
      `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Compute/virtualMachines`,
      '2024-11-01',
    );
    expect(after.value).toEqual([]);

    expect(await bot.ask('dr done shop', (t) => t.includes('No manual step waiting'))).toContain(
      'Nothing of shop waits for a manual step now.',
    );
    const list = await bot.ask('dr reports shop', (t) => t.includes('Drill reports of shop'));
    // One report, the one made (its next-step line names it again).
    expect(new Set(list.match(/dr-\d{8}-shop-[0-9a-f]{4}/g))).toEqual(new Set([id]));
    const shown = await bot.ask(`dr report ${id}`, (t) => t.includes(`Drill report ${id}`));
    expect(shown).toContain(`# DR drill ${id}: shop, succeeded`);
    const status = await bot.ask('dr status shop', (t) => t.includes('DR status of shop'));
    expect(status).toMatch(/Last drill\s+\d+ ?(s|min) ago/);
  });

  it('reminds 30 minutes before the time limit, then cleans up by itself and reports with a warning', {
    timeout: 120_000,
  }, async () => {
    const { conversationId } = await bot.send('dr drill crm', 'alice');
    const request = cardText(
      (await bot.waitFor(conversationId, (t) => t.includes('Approval needed'))).versions.at(-1),
    );
    const approvalId = /apr-[0-9a-f]{8}/.exec(request)?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'carol')).toMatch(/Approved/);
    await bot.waitFor(conversationId, (t) => t.includes('Drill VMs are running in vnet-dr-test'), 60_000);
    const texts = () => bot.connector.inConversation(conversationId).map((m) => cardText(m.versions.at(-1)));

    await bot.advanceClock(3 * 3600 + 31 * 60);
    await bot.waitFor(conversationId, (t) => /DR drill of crm: cleanup in \d+ min/.test(t), 30_000);
    expect(texts().some((t) => t.includes('Drill report'))).toBe(false);

    await bot.advanceClock(30 * 60);
    const report = cardText(
      (await bot.waitFor(conversationId, (t) => t.includes('Drill report'), 60_000)).versions.at(-1),
    );
    expect(report).toMatch(/crm succeeded with warnings/);
    expect(report).toContain('the bot (time limit)');
    expect(report).toContain('Nobody ran the cleanup; the time limit did.');
    expect(texts().filter((t) => /cleanup in \d+ min/.test(t))).toHaveLength(1);
    const vms = await arm<{ value: { name: string }[] }>(
      `/subscriptions/${subscription}/resourceGroups/rg-bcdr-neu/providers/Microsoft.Compute/virtualMachines`,
      '2024-11-01',
    );
    expect(vms.value.filter((vm) => vm.name.startsWith('vm-crm'))).toEqual([]);
  });
});

/** Every button (Action.*) of a card as the connector received it. */
function buttonsOf(
  activity: Record<string, unknown> | undefined,
): { title?: string; data?: Record<string, string> }[] {
  const found: { title?: string; data?: Record<string, string> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Action.'))
        found.push(record as { title?: string; data?: Record<string, string> });
      else Object.values(record).forEach(walk);
    }
  };
  walk(activity?.attachments);
  return found;
}

/**
 * The manual-step card keeps up with its step, however it is confirmed (the card's Done button,
 * `dr done` typed elsewhere, Site Recovery's resume in the portal) and across a restart of the bot:
 * its latest version says who and when, to the second of Azure's task end, and has no button left.
 */
describe('the manual-step card keeps up', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // A restart below stops the drill it follows at once rather than waiting for it.
    bot = await startTestBot({ SIMULATOR_SPEED: '600' }, { shutdownGraceMs: 200 });
  });
  afterAll(async () => bot?.stop());

  const step = 'Group 3: Post-steps: Confirm DNS cutover';
  /** The Done button's data of the first drill's card, clicked again during a later drill. */
  let firstDrillDone: Record<string, string> = {};

  /** Asks for a drill of shop, has bob approve it, and returns its thread and manual-step card. */
  async function drillToManualStep(): Promise<{ thread: string; card: ConnectorMessage }> {
    const { conversationId: thread } = await bot.send('dr drill shop', 'alice');
    const request = await bot.waitFor(thread, (t) => t.includes('Approval needed'), 30_000);
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(request.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    const card = await bot.waitFor(thread, (t) => t.includes('shop: manual step waiting'), 60_000);
    expect(buttonsOf(card.versions.at(-1)).map((b) => b.title)).toContain('Done');
    return { thread, card };
  }

  /** When Azure ended the manual step of the newest test failover, as the card should say it. */
  async function stepEnd(): Promise<string> {
    const jobs = await bot.arm<{ value: { properties: { scenarioName: string; tasks: AsrTask[] } }[] }>(
      `${vault}/replicationJobs`,
      '2023-06-01',
    );
    const job = jobs.value.find((j) => j.properties.scenarioName === 'TestFailover');
    const end = job?.properties.tasks.find((task) => task.friendlyName === step)?.endTime ?? '';
    return `${new Date(end).toISOString().slice(11, 19)} UTC`;
  }

  async function newestDrillJob(): Promise<{ state: string; stateDescription: string } | undefined> {
    const jobs = await bot.arm<{
      value: { properties: { scenarioName: string; state: string; stateDescription: string } }[];
    }>(`${vault}/replicationJobs`, '2023-06-01');
    return jobs.value.find((j) => j.properties.scenarioName === 'TestFailover')?.properties;
  }

  /** Waits until the card's latest version no longer waits; returns its text, checked for buttons. */
  async function settledText(card: ConnectorMessage): Promise<string> {
    await expect
      .poll(() => cardText(card.versions.at(-1)), { timeout: 30_000 })
      .toContain('shop: manual step done');
    expect(buttonsOf(card.versions.at(-1))).toEqual([]);
    return cardText(card.versions.at(-1));
  }

  async function cleanUp(thread: string): Promise<void> {
    await bot.waitFor(thread, (t) => t.includes('VMs are up'), 60_000);
    const { conversationId } = await bot.send('dr cleanup shop', 'alice');
    await bot.waitFor(conversationId, (t) => t.includes('Drill report'), 60_000);
    await bot.waitFor(thread, (t) => t.startsWith('DR drill of shop: cleaned up'), 30_000);
  }

  it('after its own Done button: who and when, no button; a later click says so', {
    timeout: 120_000,
  }, async () => {
    const { thread, card } = await drillToManualStep();
    const done = buttonsOf(card.versions.at(-1)).find((b) => b.title === 'Done');
    const { verb: _verb, ...data } = done?.data ?? {};
    firstDrillDone = data;
    expect(await bot.click('run', data, 'bob', thread)).toMatch(/Requested/);
    const text = await settledText(card);
    expect(text).toContain(`${step}. Done by bob at ${await stepEnd()}.`);

    // carol clicks the same button of a copy of the card she still sees.
    await bot.click('run', data, 'carol', thread);
    const answer = await bot.waitFor(thread, (t) => t.includes('Already done'), 15_000);
    expect(cardText(answer.versions.at(-1))).toContain(
      `"${step}" is already done. Done by bob at ${await stepEnd()}.`,
    );
    await cleanUp(thread);
  });

  it('after `dr done` typed in another chat, with the notes', { timeout: 120_000 }, async () => {
    const { thread, card } = await drillToManualStep();
    // The first drill's card, clicked now, confirms nothing of this drill: it says how that step ended.
    await bot.click('run', firstDrillDone, 'bob', thread);
    await bot.waitFor(thread, (t) => t.includes('Already done'), 15_000);
    expect(await newestDrillJob()).toMatchObject({
      state: 'Suspended',
      stateDescription: 'WaitingForManualAction',
    });
    expect(cardText(card.versions.at(-1))).toContain('shop: manual step waiting');

    const elsewhere = await bot.ask(
      'dr done shop notes "DNS switched"',
      (t) => t.includes(`shop: "${step}" done`),
      'carol',
    );
    expect(elsewhere).toContain(`shop: "${step}" done`);
    const text = await settledText(card);
    expect(text).toContain(`Done by carol at ${await stepEnd()}.`);
    expect(text).toContain('DNS switched');
    await cleanUp(thread);
  });

  it('after a resume in the Azure portal (ARM), and a click on the old card says so', {
    timeout: 120_000,
  }, async () => {
    const { thread, card } = await drillToManualStep();
    const job = /Site Recovery job ([0-9a-f-]{36})/.exec(
      bot.connector
        .inConversation(thread)
        .map((m) => cardText(m.versions.at(-1)))
        .join('\n'),
    )?.[1];
    const resumed = await bot.bot.simulator?.handle({
      method: 'POST',
      url: `https://management.azure.com${vault}/replicationJobs/${job}/resume?api-version=2023-06-01`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: {} }),
    });
    expect(resumed?.status).toBe(202);
    const text = await settledText(card);
    expect(text).toContain(`${step}. Confirmed in the Azure portal at ${await stepEnd()}.`);

    const done = buttonsOf(card.versions[0]).find((b) => b.title === 'Done');
    const { verb: _verb, ...data } = done?.data ?? {};
    await bot.click('run', data, 'bob', thread);
    const answer = await bot.waitFor(thread, (t) => t.includes('Already done'), 15_000);
    expect(cardText(answer.versions.at(-1))).toContain(
      `Confirmed in the Azure portal at ${await stepEnd()}.`,
    );
    await cleanUp(thread);
  });

  it('a card the previous process posted is updated by the next one', { timeout: 120_000 }, async () => {
    const { thread, card } = await drillToManualStep();
    await bot.bot.close();
    bot = await startTestBot(
      { SIMULATOR_SPEED: '600' },
      { shutdownGraceMs: 200 },
      { dataDir: bot.dataDir, connector: bot.connector, clockOffsetMs: bot.clockOffsetMs() },
    );
    await bot.ask('dr done shop', (t) => t.includes(`shop: "${step}" done`), 'bob');
    const text = await settledText(card);
    expect(text).toContain(`Done by bob at ${await stepEnd()}.`);
    const cards = bot.connector
      .inConversation(thread)
      .filter((m) => cardText(m.versions[0]).includes('shop: manual step'));
    expect(cards.map((m) => m.id)).toEqual([card.id]);
    await cleanUp(thread);
  });
});
