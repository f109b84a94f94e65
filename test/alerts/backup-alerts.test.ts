import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { messagesMatching, poll, subscribe, withStore } from './alert-test-kit.js';

const day = 24 * 3600;

/**
 * Backup alerts end to end with the simulator's clock: its policy runs every night, a fault makes
 * vm-web-01's scheduled backups fail, another stops vm-api-01's, and a new VM appears. Each alert
 * fires once, updates its card instead of repeating, respects a mute, and resolves in its thread;
 * "Retry backup" is refused for a viewer and runs the backup, audited, for an operator.
 */
describe('backup alerts', () => {
  let bot: TestBot;
  const channels: Record<string, string> = {};
  let skipFault = '';
  beforeAll(async () => {
    bot = await startTestBot();
    // The policy runs at 22:30 UTC: start at the next 08:00 UTC, so the story is the same whatever
    // time of day the tests run.
    const sinceMidnight = (Date.now() / 1000) % day;
    await bot.advanceClock(Math.round((8 * 3600 - sinceMidnight + day) % day));
    channels.failed = await subscribe(bot, 'backup-failed shop');
    channels.muted = await subscribe(bot, 'backup-failed vm-web-01');
    await bot.send('alerts mute backup-failed for 30h', 'alice', channels.muted);
    await bot.waitFor(channels.muted, (t) => t.startsWith('Muted'));
    channels.missed = await subscribe(bot, 'backup-missed');
    channels.unprotected = await subscribe(bot, 'unprotected rg-shop-prod');
  });
  afterAll(async () => bot?.stop());

  const fault = async (body: unknown): Promise<string> => {
    const added = await bot.simulatorAdmin('POST', 'faults', body);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    return (added.body as { id: string }).id;
  };
  const cards = (channel: string, pattern: RegExp) => messagesMatching(bot, channels[channel] ?? '', pattern);
  const latest = (channel: string, pattern: RegExp) => cardText(cards(channel, pattern)[0]?.versions.at(-1));

  it('starts quiet: every VM in scope is backed up, nightly', async () => {
    const first = await poll(bot);
    // Incidents are tracked whoever listens (vm-dev-01 has no backup, no app has had a drill),
    // but none is in these channels' kinds and scopes.
    expect(first.opened).toBeGreaterThan(0);
    for (const channel of Object.keys(channels))
      expect(cards(channel, /^(Not backed up|Backup failed|No backup|Drill overdue)/), channel).toHaveLength(
        0,
      );
  });

  it('tells of a new VM with no backup, and its button enables the backup', { timeout: 60_000 }, async () => {
    const created = await bot.simulatorAdmin('POST', 'vms', {
      resourceGroup: 'rg-shop-prod',
      name: 'vm-web-03',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await poll(bot);
    await poll(bot);
    expect(cards('unprotected', /Not backed up/).map((m) => cardText(m.versions.at(-1)))).toEqual([
      expect.stringMatching(/^Not backed up: vm-web-03/),
    ]);
    expect(
      await bot.click('run', { command: 'enable backup vm-web-03' }, 'alice', channels.unprotected),
    ).toMatch(/Requested/);
    await bot.waitFor(
      channels.unprotected ?? '',
      (t) => /vm-web-03/.test(t) && /protect|enabled/i.test(t) && !t.startsWith('Not backed up'),
      30_000,
    );
    await bot.advanceClock(600);
    await poll(bot);
    const resolved = latest('unprotected', /Not backed up: vm-web-03/);
    expect(resolved).toMatch(/^Resolved: Not backed up: vm-web-03/);
    // Enabling protects it; no backup has run yet: the card says so, and not "has no backup" beside it.
    expect(resolved).toContain(
      'vm-web-03 is protected by Azure Backup now (its first backup may still be pending)',
    );
    expect(resolved).not.toContain('is backed up now');
    expect(resolved).not.toContain('has no backup');
  });

  it('says a backup failed once, then "still failing", and nothing to a muted channel until the mute ends', {
    timeout: 60_000,
  }, async () => {
    await fault({ kind: 'fail-scheduled-backup', vm: 'vm-web-01', count: 3 });
    skipFault = await fault({ kind: 'skip-scheduled-backup', vm: 'vm-api-01', count: -1 });
    await bot.advanceClock(day);
    await poll(bot);
    await poll(bot);
    const failed = cards('failed', /Backup failed: vm-web-01/);
    expect(failed).toHaveLength(1);
    const text = cardText(failed[0]?.versions.at(-1));
    expect(text).toContain('UserErrorGuestAgentStatusUnavailable');
    expect(text).toContain('Retry backup');
    expect(text).not.toContain('Still failing');
    expect(cards('muted', /Backup failed/)).toHaveLength(0);
    // No recovery point for more than 26 h: vm-api-01 (no schedule) and vm-web-01 (failing).
    expect(cards('missed', /No backup for \d+ h: vm-api-01/)).toHaveLength(1);
    expect(cards('missed', /No backup for \d+ h: vm-web-01/)).toHaveLength(1);
    expect(cards('missed', /No backup for/)).toHaveLength(2);

    await bot.advanceClock(day);
    await poll(bot);
    expect(cards('failed', /Backup failed: vm-web-01/)).toHaveLength(1);
    expect(latest('failed', /Backup failed: vm-web-01/)).toContain('Still failing: 2nd time');
    // The mute (30 h) is over: the muted channel now gets the alert, as it stands.
    expect(cards('muted', /Backup failed: vm-web-01/)).toHaveLength(1);
    expect(latest('muted', /Backup failed: vm-web-01/)).toContain('Still failing: 2nd time');
    expect(cards('missed', /No backup for/)).toHaveLength(2);
  });

  it('refuses "Retry backup" to a viewer and runs it for an operator, then resolves in the thread', {
    timeout: 60_000,
  }, async () => {
    const channel = channels.failed ?? '';
    expect(await bot.click('run', { command: 'backup vm-web-01' }, 'dave', channel)).toMatch(/Requested/);
    await bot.waitFor(channel, (t) => t.startsWith('Not permitted'));
    expect(await bot.click('run', { command: 'backup vm-web-01' }, 'alice', channel)).toMatch(/Requested/);
    await bot.waitFor(
      channel,
      (t) => /Backup of vm-web-01/.test(t) && /done|completed|recovery point/i.test(t),
      30_000,
    );
    await poll(bot);
    expect(latest('failed', /Backup failed: vm-web-01/)).toMatch(/^Resolved: Backup failed: vm-web-01/);
    expect(cards('failed', /^Resolved: Backup failed: vm-web-01/)).toHaveLength(2);
    const audit = await withStore(bot, (store) => store.listAudit({ limit: 500 }));
    const clicks = audit.filter((e) => e.commandId === 'backup.run' && e.origin === 'button');
    expect(clicks.filter((e) => e.actor.displayName === 'dave').map((e) => e.kind)).toEqual(['refusal']);
    expect(
      clicks.filter((e) => e.actor.displayName === 'alice' && e.kind === 'command').length,
    ).toBeGreaterThan(0);
    expect(audit.some((e) => e.kind === 'azure-change' && /backup/i.test(JSON.stringify(e.detail)))).toBe(
      true,
    );
  });

  it('resolves the missed backup when the schedule runs again', { timeout: 60_000 }, async () => {
    expect((await bot.simulatorAdmin('DELETE', `faults/${skipFault}`)).status).toBeLessThan(300);
    await bot.advanceClock(day);
    await poll(bot);
    expect(latest('missed', /No backup for \d+ h: vm-api-01/)).toMatch(/^Resolved: No backup/);
    expect(cards('missed', /^Resolved: No backup for \d+ h: vm-api-01/)).toHaveLength(2);
  });
});
