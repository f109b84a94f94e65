import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** Placeholders where the bot knows the name: a next step should be a sentence to copy as it is. */
const placeholder = /<(vm|app|set|id|job|name|kind)>/;

/**
 * The next step a card suggests names the real VM, app, set, report or alert kind, so it can be
 * copied: `enable backup vm-dev-01`, not `enable backup <vm>`.
 */
describe('next steps with the real names filled in', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  it('vms names the unprotected VM to enable backup on, and a VM to look at', async () => {
    const text = await bot.ask('vms', (t) => t.includes('vm-dev-01') && t.includes('VM(s)'));
    expect(text).toMatch(/1 of 7 VM\(s\) has no backup: protect it with .?enable backup vm-dev-01/);
    expect(text).toMatch(/Details of one VM: .?status vm-\w+-\d+/);
    expect(text).not.toMatch(placeholder);
  });

  it('dr status names an app to look at', async () => {
    const text = await bot.ask('dr status', (t) => t.includes('DR status'));
    expect(text).toMatch(/Details of one app: .?dr status (crm|shop)/);
    expect(text).not.toMatch(placeholder);
  });

  it('snapshots names the newest set to make disks from', async () => {
    await bot.ask('snapshot vm-web-02', (t) => t.includes('created'));
    const text = await bot.ask('snapshots vm-web-02', (t) => t.includes('New disks from a set'));
    const newest = /vm-web-02-\d{8}-\d{6}-[0-9a-f]{4}/.exec(text)?.[0] ?? 'no set listed';
    expect(text).toContain(`disks from snapshot ${newest}`);
    expect(text).not.toMatch(placeholder);
  });

  it('dr reports with none yet says how to get one for that app', async () => {
    const text = await bot.ask('dr reports shop', (t) => t.includes('Drill reports of shop'));
    expect(text).toContain('dr drill shop');
    expect(text).not.toMatch(placeholder);
  });

  it('a new alert subscription says how to mute and stop that very kind', async () => {
    const text = await bot.ask('alerts subscribe backup-failed shop', (t) => /hears about/.test(t));
    expect(text).toContain('alerts mute backup-failed for 2h');
    expect(text).toContain('alerts unsubscribe backup-failed shop');
    expect(text).not.toMatch(placeholder);
  });
});
