import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

const vault =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu';

async function testFailoversOf(bot: TestBot): Promise<number> {
  const jobs = await bot.arm<{ value: { properties: { scenarioName: string } }[] }>(
    `${vault}/replicationJobs`,
    '2023-06-01',
  );
  return jobs.value.filter((job) => job.properties.scenarioName === 'TestFailover').length;
}

/** The approval card a command produced in its conversation, and its request id. */
async function requestIn(bot: TestBot, text: string, user: 'alice' | 'carol' = 'alice') {
  const { conversationId } = await bot.send(text, user);
  const card = await bot.waitFor(conversationId, (t) => /apr-[0-9a-f]{8}/.test(t));
  const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(card.versions.at(-1)))?.[0] ?? '';
  return { conversationId, approvalId, card };
}

/** The answer to a command that should be refused as busy. */
async function refusalOf(bot: TestBot, text: string, user: 'alice' | 'carol' = 'carol'): Promise<string> {
  const { conversationId } = await bot.send(text, user);
  const answer = await bot.waitFor(conversationId, (t) => /busy|apr-|job-|Dry run/i.test(t));
  return cardText(answer.versions.at(-1));
}

describe('one change at a time per app and per VM', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('refuses a second drill, a failover and a cleanup race of one app, whatever is pending or running', async () => {
    const first = await requestIn(bot, 'dr drill shop');
    // Pending approval: a second drill and a failover of shop are refused, naming who and the way out.
    const second = await refusalOf(bot, 'dr drill shop');
    expect(second).toContain('shop is busy');
    expect(second).toContain('asked by alice');
    expect(second).toContain('waiting for approval');
    expect(second).toContain(first.approvalId);
    expect(second).toMatch(/Cancel button/);
    expect(await refusalOf(bot, 'failover shop')).toContain('shop is busy');
    // A dry run still shows the plan, and says the change itself would be refused now.
    const dry = await refusalOf(bot, 'dr drill shop --dry-run');
    expect(dry).toContain('Dry run');
    expect(dry).toMatch(/Not now: “dr drill shop[^”]*” cannot start/);
    // Another app is free; its own second request is refused the same way.
    const crm = await requestIn(bot, 'dr drill crm', 'carol');
    expect(crm.approvalId).not.toBe(first.approvalId);
    expect(await refusalOf(bot, 'dr drill crm', 'alice')).toContain('crm is busy');
    expect(await bot.click('approval.cancel', { approvalId: crm.approvalId }, 'carol')).toContain(
      'Cancelled',
    );

    // Approved and running: still one at a time, now naming the job.
    expect(await bot.click('approval.approve', { approvalId: first.approvalId }, 'bob')).toMatch(
      /running as job-/,
    );
    await bot.waitFor(first.conversationId, (t) => t.includes('shop: manual step waiting'), 60_000);
    // `dr done` changes nothing exclusive: it confirms the step the drill waits on.
    await bot.ask('dr done shop', (t) => t.includes('done'), 'carol');
    await bot.waitFor(first.conversationId, (t) => t.includes('VMs are up'), 60_000);
    const running = await refusalOf(bot, 'dr drill shop');
    expect(running).toMatch(/running as job-[0-9a-f]{8}/);
    expect(running).toContain('dr cleanup shop');
    expect(await refusalOf(bot, 'reprotect shop')).toContain('shop is busy');
    // The cancelled crm request freed crm: a new request is made.
    const again = await requestIn(bot, 'dr drill crm', 'carol');
    expect(await bot.click('approval.cancel', { approvalId: again.approvalId }, 'carol')).toContain(
      'Cancelled',
    );

    // The drill's own cleanup runs beside it; two typed at once: one runs, one is refused.
    const [a, b] = await Promise.all([
      bot.send('dr cleanup shop notes "checked"', 'alice'),
      bot.send('dr cleanup shop notes "me too"', 'carol'),
    ]);
    const answers = await Promise.all(
      [a, b].map(({ conversationId }) =>
        bot.waitFor(conversationId, (t) => /Drill report|busy/.test(t), 60_000),
      ),
    );
    const texts = answers.map((m) => cardText(m.versions.at(-1)));
    expect(texts.filter((t) => t.includes('Drill report'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('shop is busy'))).toHaveLength(1);
    expect(await testFailoversOf(bot)).toBe(1);
    // Everything ended: shop takes a new request.
    await bot.waitFor(first.conversationId, (t) => t.includes('cleaned up'), 30_000);
    const next = await requestIn(bot, 'dr drill shop');
    expect(await bot.click('approval.cancel', { approvalId: next.approvalId }, 'alice')).toContain(
      'Cancelled',
    );
  }, 120_000);

  it('keeps a VM whose disks are being replaced from a second disk change and from a snapshot', async () => {
    const replace = await requestIn(bot, 'restore vm-web-01 replace');
    const snapshot = await refusalOf(bot, 'snapshot vm-web-01', 'alice');
    expect(snapshot).toContain('VM vm-web-01 is busy');
    expect(snapshot).toContain('restore vm-web-01');
    expect(await refusalOf(bot, 'restore rg-shop-prod/vm-web-01 replace', 'alice')).toContain(
      'VM vm-web-01 is busy',
    );
    // Dry runs still show the plan; other VMs are free.
    expect(await refusalOf(bot, 'snapshot vm-web-02 --dry-run', 'alice')).toContain('Dry run');
    expect(await bot.click('approval.reject', { approvalId: replace.approvalId }, 'bob')).toContain(
      'Rejected',
    );
    const { conversationId } = await bot.send('snapshot vm-web-01', 'alice');
    await bot.waitFor(
      conversationId,
      (t) => /Snapshot set .* created|snapshot set/i.test(t) && !/busy/.test(t),
      30_000,
    );
  }, 60_000);

  it('ends a request that lost its app to another when it is approved, and says why on its card', async () => {
    const older = await requestIn(bot, 'dr drill crm');
    // A request from before the rule holds nothing: take its claim away, as an upgrade would find it.
    const store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
    try {
      expect(await store.claims.release(older.approvalId)).toBe(1);
    } finally {
      await store.close();
    }
    const newer = await requestIn(bot, 'dr drill crm', 'carol');
    const answer = await bot.click('approval.approve', { approvalId: older.approvalId }, 'bob');
    expect(answer).toContain('Not approved: the request was ended');
    expect(answer).toContain('asked by carol');
    await bot.waitFor(
      older.conversationId,
      (t) => t.includes('Ended by the bot') && t.includes('Ended because'),
    );
    const card = cardText(bot.connector.inConversation(older.conversationId)[0]?.versions.at(-1));
    expect(card).not.toMatch(/\bApprove\b(?! )/);
    // The newer request goes on: approved, it runs.
    expect(await bot.click('approval.approve', { approvalId: newer.approvalId }, 'bob')).toMatch(
      /running as job-/,
    );
    await bot.waitFor(newer.conversationId, (t) => t.includes('VMs are up'), 60_000);
    // The drill's request to Azure carried its own id, which ASR keeps as the job's activityId:
    // what a restarted bot finds its job by.
    const db = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
    try {
      const approval = await db.getApproval(newer.approvalId);
      const handle = (await db.getJob(approval?.jobId ?? ''))?.handle as {
        job: { requestId?: string; jobName?: string };
      };
      expect(handle.job.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const asrJob = await bot.arm<{ properties: { activityId: string } }>(
        `${vault}/replicationJobs/${handle.job.jobName}`,
        '2023-06-01',
      );
      expect(asrJob.properties.activityId.startsWith(handle.job.requestId ?? '-')).toBe(true);
    } finally {
      await db.close();
    }
    const { conversationId } = await bot.send('dr cleanup crm', 'carol');
    await bot.waitFor(conversationId, (t) => t.includes('Drill report'), 60_000);
  }, 120_000);
});

describe('a request left approved by a process that died', () => {
  it('holds its app only for a moment: the sweep ends it, with the reason, and the app is free', async () => {
    const bot = await startTestBot();
    try {
      const request = await requestIn(bot, 'dr drill crm');
      // The process approved it and died before it started: the request stays `approved`.
      const store = await SqliteStore.open({ file: join(bot.dataDir, 'chatops.db') });
      try {
        const record = await store.getApproval(request.approvalId);
        const approved = await store.updateApproval(
          request.approvalId,
          { version: record?.version ?? 0, states: ['requested'] },
          { state: 'approved' },
        );
        expect(approved?.state).toBe('approved');
      } finally {
        await store.close();
      }
      expect(await refusalOf(bot, 'dr drill crm')).toContain('approved, about to run');
      await bot.advanceClock(180);
      await bot.bot.expireApprovals();
      await bot.waitFor(
        request.conversationId,
        (t) => t.includes('Ended by the bot') && t.includes('never started'),
      );
      const again = await requestIn(bot, 'dr drill crm', 'carol');
      expect(again.approvalId).not.toBe(request.approvalId);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});

describe('decisions re-check the policy as it is when they are made', () => {
  const policyDir = mkdtempSync(join(tmpdir(), 'chatops-policy-'));
  const policyFile = join(policyDir, 'policy.yaml');
  afterAll(() => rmSync(policyDir, { recursive: true, force: true }));

  it('ends a drill request whose channel the policy no longer allows, and runs nothing', async () => {
    copyFileSync('config/policy.yaml', policyFile);
    const first = await startTestBot({ CHATOPS_POLICY: policyFile });
    const request = await requestIn(first, 'dr drill crm');
    await first.bot.close();
    // The admin restricts drills to one channel, then restarts the bot.
    const restricted = `${readFileSync('config/policy.yaml', 'utf8')}
commands:
  "dr drill":
    channels:
      teams: ["19:dr-drills@thread.tacv2"]
`;
    writeFileSync(policyFile, restricted);
    const second = await startTestBot(
      { CHATOPS_POLICY: policyFile },
      {},
      {
        dataDir: first.dataDir,
        connector: first.connector,
        clockOffsetMs: first.clockOffsetMs(),
      },
    );
    try {
      const answer = await second.click('approval.approve', { approvalId: request.approvalId }, 'bob');
      expect(answer).toContain('Not approved: the request was ended');
      expect(answer).toContain('the policy no longer allows it');
      await second.waitFor(request.conversationId, (t) => t.includes('Ended by the bot'));
      expect(await testFailoversOf(second)).toBe(0);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
