import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';

/** Azure misbehaving under the real SDK pipeline: throttling is retried; failures are rolled back and explained. */
describe('Azure faults during snapshot commands', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());
  beforeEach(async () => {
    expect((await bot.simulatorAdmin('DELETE', 'faults')).status).toBeLessThan(300);
  });

  async function resources(
    type: 'snapshots' | 'disks',
  ): Promise<{ name: string; properties: { provisioningState: string } }[]> {
    const response = await bot.bot.simulator?.handle({
      method: 'GET',
      url: `https://management.azure.com/subscriptions/${subscription}/providers/Microsoft.Compute/${type}?api-version=2025-01-02`,
      headers: {},
    });
    return (
      JSON.parse(response?.body ?? '{}') as {
        value: { name: string; properties: { provisioningState: string } }[];
      }
    ).value;
  }

  it('retries injected 429s and still succeeds', async () => {
    const added = await bot.simulatorAdmin('POST', 'faults', {
      kind: 'throttle',
      match: { method: 'PUT', resourceType: 'Microsoft.Compute/snapshots' },
      count: 2,
      retryAfterSeconds: 0,
    });
    expect(added.status).toBe(201);
    const text = await bot.ask('snapshot vm-web-01', (t) =>
      /Snapshot set of vm-web-01 created|failed/.test(t),
    );
    expect(text).toContain('Snapshot set of vm-web-01 created');
    const left = await bot.simulatorAdmin('GET', 'faults');
    expect(JSON.stringify(left.body)).not.toContain('throttle');
  });

  it('rolls back the whole set when one disk fails, and says so', async () => {
    const before = (await resources('snapshots')).length;
    await bot.simulatorAdmin('POST', 'faults', {
      kind: 'fail-operation',
      match: { method: 'PUT', pathContains: '-lun1' },
      code: 'DiskBusy',
      message: 'The disk is busy with another operation.',
    });
    const text = await bot.ask('snapshot vm-sql-01', (t) => /created|failed/.test(t));
    expect(text).toContain('Snapshot of vm-sql-01 failed');
    expect(text).toContain('The disk is busy');
    expect(text).toContain('no partial set is left behind');
    const after = await resources('snapshots');
    expect(after).toHaveLength(before);
    expect(after.filter((s) => s.properties.provisioningState === 'Failed')).toEqual([]);
  });

  it('gives a clear answer when Azure keeps failing, and the bot keeps working', async () => {
    await bot.simulatorAdmin('POST', 'faults', {
      kind: 'error',
      match: { resourceType: 'Microsoft.Compute/virtualMachines' },
      count: -1,
      status: 503,
      retryAfterSeconds: 0,
    });
    const text = await bot.ask('status vm-web-01', (t) => /Azure|went wrong/.test(t));
    expect(text).toContain('Azure is not answering');
    expect(text).toContain('Nothing was changed');
    expect(text).not.toMatch(/at .*\.ts:\d+|RestError/);
    await bot.simulatorAdmin('DELETE', 'faults');
    expect(await bot.ask('status vm-web-01', (t) => t.includes('Latest snapshot set'))).toContain(
      'vm-web-01',
    );
  });

  it('rolls back disks from a snapshot set when one disk fails', async () => {
    const made = await bot.ask('snapshot vm-sql-01', (t) => t.includes('created'));
    const setId = /vm-sql-01-\d{8}-\d{6}-[0-9a-f]{4}/.exec(made)?.[0];
    expect(setId).toBeDefined();
    const disksBefore = (await resources('disks')).length;
    await bot.simulatorAdmin('POST', 'faults', {
      kind: 'fail-operation',
      match: { method: 'PUT', pathContains: 'lun0' },
      code: 'QuotaExceeded',
      message: 'Disk quota exceeded.',
    });
    const text = await bot.ask(`disks from snapshot ${setId}`, (t) => /Disks created|failed/.test(t));
    expect(text).toContain('No disks were created');
    expect(await resources('disks')).toHaveLength(disksBefore);
    const ok = await bot.ask(`disks from snapshot ${setId}`, (t) => /Disks created|failed/.test(t));
    expect(ok).toContain('3 disk(s) created');
    expect(await resources('disks')).toHaveLength(disksBefore + 3);
    // A second failing run removes only its own disks, never those of the run before.
    await bot.simulatorAdmin('POST', 'faults', {
      kind: 'fail-operation',
      match: { method: 'PUT', pathContains: 'lun1' },
      code: 'QuotaExceeded',
      message: 'Disk quota exceeded.',
    });
    const again = await bot.ask(`disks from snapshot ${setId}`, (t) => /Disks created|failed/.test(t));
    expect(again).toContain('No disks were created');
    expect(await resources('disks')).toHaveLength(disksBefore + 3);
  });
});
