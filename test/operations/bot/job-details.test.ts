import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { runApprovedDrill } from '../../support/run-approved-drill.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

/** The jobs a list names, each once, in order (its next-step line names the newest again). */
const jobIds = (text: string) => [...new Set(text.match(/job-[0-9a-f]{8}/g))];

/** The URLs of a card's Action.OpenUrl buttons, as the fake Teams connector received it. */
function openUrls(bot: TestBot, conversationId: string): string[] {
  const message = bot.connector.inConversation(conversationId).at(-1);
  const activity = message?.versions.at(-1) as { attachments?: { content?: { actions?: unknown[] } }[] };
  return (activity?.attachments ?? [])
    .flatMap((a) => a.content?.actions ?? [])
    .filter((action): action is { type: string; url: string } => {
      return (action as { type?: string }).type === 'Action.OpenUrl';
    })
    .map((action) => action.url);
}

/**
 * Issue 22, "details when asked": `job <id>` shows what the job did and where to find it in Azure;
 * refusals and typos are no jobs (the audit keeps them); `jobs` and `audit` narrow as asked.
 */
describe('job details, narrowed lists and the audit of one thing', () => {
  let bot: TestBot;
  let drillJob = '';
  beforeAll(async () => {
    bot = await startTestBot({ SIMULATOR_SPEED: '60' });
    // A drill of crm, approved by bob: once its VMs run, its job waits for the cleanup (still running).
    await runApprovedDrill(bot, 'crm');
    drillJob = jobIds(await bot.ask('jobs', (t) => t.includes('Jobs:')))[0] ?? '';
  }, 120_000);
  afterAll(async () => bot?.stop());

  /** `job <id>` as `user`, asked again until its card satisfies `done` (what a job notes lags its card). */
  async function detailOf(
    id: string,
    done: (text: string) => boolean,
    user: 'alice' | 'dave' = 'alice',
  ): Promise<{ text: string; conversationId: string }> {
    let last = { text: '', conversationId: '' };
    for (let attempt = 0; attempt < 40; attempt++) {
      const { conversationId } = await bot.send(`job ${id}`, user);
      const text = cardText((await bot.waitFor(conversationId, (t) => t.includes(id))).versions.at(-1));
      last = { text, conversationId };
      if (done(text)) return last;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return last;
  }

  it('shows a running drill with its steps and their times, the Site Recovery job and a portal link', async () => {
    expect(drillJob).toMatch(/^job-/);
    const { text: detail, conversationId } = await detailOf(drillJob, (t) => t.includes(' to '), 'dave');
    expect(detail).toContain(`${drillJob}: running`);
    expect(detail).toContain('Site Recovery job');
    // Each step the drill's card showed, with the time the bot saw it start (and end).
    expect(detail).toMatch(/\d{2}:\d{2}:\d{2} to \d{2}:\d{2}:\d{2} UTC/);
    const urls = openUrls(bot, conversationId);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(
      /^https:\/\/portal\.azure\.com\/#resource\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.RecoveryServices\/vaults\/[^/]+\/replicationJobs\/[^/]+$/,
    );
    const asrJob = urls[0]?.split('/').pop() ?? '';
    expect(detail).toContain(asrJob);
  });

  it('keeps refusals and typos out of the jobs, and in the audit', async () => {
    await bot.ask('snapshot vm-web-1', (t) => t.includes('Unknown VM'));
    await bot.ask('snapshot vm-api-01', (t) => t.includes('created'));
    await bot.ask('backup vm-web-01', (t) => t.includes('Backing up') || t.includes('Backup of'));
    await bot.ask('backup vm-web-01', (t) => t.includes('already running'));
    const list = await bot.ask('jobs', (t) => t.includes('Jobs:'));
    expect(list).not.toContain('vm-web-1 ');
    expect(list).not.toMatch(/snapshot vm-web-1\b/);
    // The drill, the snapshot and one backup: the second backup was refused before Azure was asked.
    expect(jobIds(list)).toHaveLength(3);
    expect(await bot.ask('jobs failed', (t) => t.includes('No failed jobs'))).toMatch(/audit.{0,2} shows it/);
    const audit = await bot.ask('audit alice', (t) => t.includes('Audit:'), 'erin');
    expect(audit).toContain('snapshot vm-web-1 incremental');
    expect(audit).toMatch(/backup vm-web-01 keep 30d\s+refused/);
  });

  it('shows a running backup with its Azure Backup job and a link to it', async () => {
    const list = await bot.ask('jobs running vm-web-01', (t) => t.includes('Running jobs for vm-web-01'));
    const id = jobIds(list)[0] ?? '';
    expect(jobIds(list)).toHaveLength(1);
    const { text: detail, conversationId } = await detailOf(id, (t) => t.includes('Azure Backup job'));
    expect(detail).toContain('Azure Backup job');
    expect(openUrls(bot, conversationId)[0]).toMatch(
      /^https:\/\/portal\.azure\.com\/#resource\/subscriptions\/.+\/vaults\/[^/]+\/backupJobs\/[^/]+$/,
    );
  });

  it('narrows jobs by state, by who asked and by app or VM, in any order', async () => {
    const mine = await bot.ask('jobs mine running', (t) => t.includes('jobs of yours') || t.includes('No '));
    expect(mine).toContain('dr drill crm');
    expect(mine).toContain('backup vm-web-01');
    expect(mine).not.toContain('snapshot vm-api-01');
    const bobs = await bot.ask('my jobs', (t) => t.includes('jobs of yours'), 'bob');
    expect(bobs).toContain('No jobs of yours');
    const crm = await bot.ask('jobs crm', (t) => t.includes('for crm'));
    expect(jobIds(crm)).toEqual([drillJob]);
    expect(await bot.ask('jobs failed shop', (t) => t.includes('No failed jobs for shop'))).toBeTruthy();
  });

  it('narrows the audit to a VM or app, a request and a period', async () => {
    const vm = await bot.ask('audit vm-web-01 since 2h', (t) => t.includes('Audit:'), 'erin');
    expect(vm).toContain('of vm-web-01 in the last 2h');
    expect(vm).toContain('backup vm-web-01 keep 30d');
    expect(vm).not.toContain('snapshot vm-api-01');
    // One request, by the reference `job <id>` shows: its command, and the changes Azure accepted.
    const { text: detail } = await detailOf(drillJob, () => true);
    const reference = /Reference\n([0-9a-f]{12})/.exec(detail)?.[1] ?? '';
    expect(reference).toMatch(/^[0-9a-f]{12}$/);
    const request = await bot.ask(`audit ${reference}`, (t) => t.includes('Audit:'), 'erin');
    expect(request).toContain('azure-change');
    expect(request).not.toContain('snapshot vm-api-01');
    expect(await bot.ask('audit 5', (t) => t.includes('Audit:'), 'erin')).toContain('the last 5 entries');
  });
});
