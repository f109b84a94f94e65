import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

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
    expect(text).toMatch(/application/);
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
    expect(text).toMatch(/file system/);
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
    expect(texts.filter((t) => t.includes('A backup of vm-crm-01 is already running'))).toHaveLength(1);
  });

  it('shows the plan of a dry run and starts nothing', async () => {
    const text = await bot.ask('backup vm-web-02 --dry-run', (t) =>
      t.includes('Dry run: backup of vm-web-02'),
    );
    expect(text).toContain('Nothing was changed');
    expect(text).toContain('rsv-prod-weu');
  });
});
