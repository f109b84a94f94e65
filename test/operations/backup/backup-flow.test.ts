import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

/** Azure Backup from chat, through the real SDK client against the simulator's Backup provider. */
describe('Azure Backup commands', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('lists a VM’s recovery points, newest first, with consistency and tier', async () => {
    const text = await bot.ask('recovery points vm-sql-01', (t) =>
      t.includes('Recovery points of vm-sql-01'),
    );
    expect(text).toMatch(/application-consistent/);
    expect(text).not.toMatch(/AppConsistent/);
    expect(text).toMatch(/older point\(s\) not shown/);
    const times = [...text.matchAll(/(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/g)].map((m) => m[1] ?? '');
    expect(times.length).toBeGreaterThan(5);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('narrows recovery points to a time window', async () => {
    const text = await bot.ask('recovery points vm-web-01 since 3d', (t) =>
      t.includes('Recovery points of vm-web-01'),
    );
    const rows = [...text.matchAll(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g)];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(6);
    expect(text).toMatch(/file-system-consistent/);
  });

  it('tells to enable backup for a VM without protection', async () => {
    const text = await bot.ask('backup vm-dev-01', (t) => t.includes('Not protected'));
    expect(text).toContain('enable backup vm-dev-01');
  });

  it('backs up with progress from the job’s tasks, and names the new recovery point', async () => {
    const before = await bot.ask('recovery points vm-api-01', (t) =>
      t.includes('Recovery points of vm-api-01'),
    );
    const { conversationId } = await bot.send('backup vm-api-01 keep 7d');
    const done = await bot.waitFor(conversationId, (t) => t.includes('Backup of vm-api-01 done'), 60_000);
    const texts = done.versions.map((v) => cardText(v));
    expect(texts.some((t) => t.includes('Take Snapshot'))).toBe(true);
    const final = texts.at(-1) ?? '';
    expect(final).toMatch(/New recovery point \S+/);
    const point = /New recovery point (\S+?),/.exec(final)?.[1] ?? '';
    expect(before).not.toContain(point);
    const after = await bot.ask('recovery points vm-api-01', (t) =>
      t.includes('Recovery points of vm-api-01'),
    );
    expect(after).toContain(point);
  });

  it('says a backup is already running instead of starting a second one', async () => {
    // Two at once: whichever reaches Azure second is refused, as Azure refuses it.
    const [a, b] = await Promise.all([bot.send('backup vm-crm-01'), bot.send('backup vm-crm-01')]);
    const ended = (t: string) => t.includes('Backup of vm-crm-01 done') || t.includes('already running');
    const answers = await Promise.all([a, b].map((c) => bot.waitFor(c.conversationId, ended, 60_000)));
    const texts = answers.map((m) => cardText(m.versions.at(-1)));
    expect(texts.filter((t) => t.includes('Backup of vm-crm-01 done'))).toHaveLength(1);
    const refused = texts.find((t) => t.includes('A backup of vm-crm-01 is already running')) ?? '';
    expect(refused).not.toBe('');
    // It names the running backup (the bot's job and Azure's), and the next step with that job's id.
    const running = /already running: (job-[0-9a-f]{8})/.exec(refused)?.[1] ?? 'no job named';
    expect(refused).toMatch(/Azure Backup job( [0-9a-f-]{36})? in vault rsv-prod-weu/);
    expect(refused).toContain(`cancel ${running}`);
    expect(refused).not.toContain('<job>');
    const done = texts.find((t) => t.includes('Backup of vm-crm-01 done')) ?? '';
    expect(done).toMatch(/Consistency\s+(application|crash|file-system)-consistent/);
  });

  it('shows the plan of a dry run and starts nothing', async () => {
    const text = await bot.ask('backup vm-web-02 --dry-run', (t) =>
      t.includes('Dry run: backup of vm-web-02'),
    );
    expect(text).toContain('Nothing was changed');
    expect(text).toContain('rsv-prod-weu');
  });

  it('shows backup protection in vms, and lists the unprotected ones', async () => {
    const all = await bot.ask('vms', (t) => t.includes('VMs') && t.includes('vm-dev-01'));
    expect(all).toMatch(/protected, last/);
    expect(all).toMatch(/1 of 7 VM\(s\) has no backup/);
    const unprotected = await bot.ask('vms unprotected', (t) => t.includes('VMs without backup'));
    expect(unprotected).toContain('vm-dev-01');
    expect(unprotected).not.toContain('vm-sql-01');
  });

  it('shows the backup of a VM in status', async () => {
    const text = await bot.ask('status vm-sql-01', (t) => t.includes('Latest recovery point'));
    expect(text).toMatch(/protected in rsv-prod-weu \(DailyPolicy\)/);
    expect(text).toContain('Back up now');
    const dev = await bot.ask('status vm-dev-01', (t) => t.includes('Backup'));
    expect(dev).toMatch(/Backup\s+none: type .?enable backup vm-dev-01/);
  });

  it('enables backup of an unprotected VM with the default policy, then backs it up', async () => {
    const dry = await bot.ask('enable backup vm-dev-01 --dry-run', (t) => t.includes('Dry run'));
    expect(dry).toContain('policy DailyPolicy');
    const unknown = await bot.ask('enable backup vm-dev-01 policy NoSuchPolicy', (t) =>
      t.includes('Unknown policy'),
    );
    expect(unknown).toContain('DailyPolicy');
    const { conversationId } = await bot.send('enable backup vm-dev-01');
    const done = await bot.waitFor(conversationId, (t) => t.includes('Backup enabled for vm-dev-01'), 30_000);
    expect(cardText(done.versions.at(-1))).toContain('rsv-prod-weu');
    const again = await bot.ask('enable backup vm-dev-01', (t) => t.includes('already protected'));
    expect(again).toContain('DailyPolicy');
    const backup = await bot.send('backup vm-dev-01');
    await bot.waitFor(backup.conversationId, (t) => t.includes('Backup of vm-dev-01 done'), 60_000);
  });
});
