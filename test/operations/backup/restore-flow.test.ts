import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';

/** Restores from chat: approval, the job's progress, and what appears in the simulator's Compute state. */
describe('restore commands', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  async function arm<T>(path: string, apiVersion = '2025-04-01'): Promise<{ status: number; body: T }> {
    const response = await bot.bot.simulator?.handle({
      method: 'GET',
      url: `https://management.azure.com/subscriptions/${subscription}${path}?api-version=${apiVersion}`,
      headers: {},
    });
    return { status: response?.status ?? 0, body: JSON.parse(response?.body ?? '{}') as T };
  }

  /** Sends as alice, approves as bob, and waits for the result card in the thread. */
  async function approveAndWait(
    text: string,
    done: (t: string) => boolean,
  ): Promise<{ card: string; request: string }> {
    const { conversationId } = await bot.send(text, 'alice');
    const request = await bot.waitFor(conversationId, (t) => t.includes('Approval needed'));
    const requestText = cardText(request.versions.at(-1));
    const approvalId = /apr-[0-9a-f]{8}/.exec(requestText)?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    const result = await bot.waitFor(conversationId, done, 60_000);
    return { card: cardText(result.versions.at(-1)), request: requestText };
  }

  it('restores a VM as a new VM after approval: a running VM with its own disks appears', async () => {
    const { card, request } = await approveAndWait('restore vm-sql-01 as new vm-sql-01-r', (t) =>
      /^Restore vm-sql-01 as new VM vm-sql-01-r: (done|failed)/.test(t),
    );
    expect(request).toMatch(/Recovery point\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(\d+ (h|min|days) ago\)/);
    expect(card).toContain('Restore vm-sql-01 as new VM vm-sql-01-r: done');
    const vm = await arm<{ properties: { storageProfile: { dataDisks: unknown[] } } }>(
      '/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-sql-01-r',
      '2024-11-01',
    );
    expect(vm.status).toBe(200);
    expect(vm.body.properties.storageProfile.dataDisks).toHaveLength(2);
  });

  interface DiskBody {
    name: string;
    managedBy?: string;
    properties: { creationData: { createOption: string; sourceResourceId?: string } };
  }

  it('restores the disks of a VM as new disks, attached to nothing', async () => {
    const { card } = await approveAndWait('restore vm-sql-01 disks', (t) =>
      /^Restore the disks of vm-sql-01: (done|failed)/.test(t),
    );
    expect(card).toContain('3 disk(s) of vm-sql-01 restored in rg-shop-prod');
    const disks = await arm<{ value: DiskBody[] }>(
      '/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/disks',
      '2025-01-02',
    );
    const restored = disks.body.value.filter(
      (d) =>
        d.properties.creationData.createOption === 'Restore' &&
        d.name.startsWith('vm-sql-01') &&
        !d.managedBy,
    );
    expect(restored).toHaveLength(3);
    for (const disk of restored) expect(card).toContain(disk.name);
  });

  it('replaces the disks of a running VM: stops it, restores, starts it again, keeps the old disks', async () => {
    type VmBody = { properties: { storageProfile: { osDisk: { managedDisk: { id: string } } } } };
    const path = '/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-02';
    const before = await arm<VmBody>(path, '2024-11-01');
    const oldOs = before.body.properties.storageProfile.osDisk.managedDisk.id;
    const { card, request } = await approveAndWait('restore vm-web-02 replace', (t) =>
      /^Replace the disks of vm-web-02: (done|failed)/.test(t),
    );
    expect(request).toMatch(/Everything written to vm-web-02 after .* is lost/);
    expect(request).toContain('vm-web-02 is running: it is stopped (deallocated)');
    expect(card).toContain('Replace the disks of vm-web-02: done');
    expect(card).toMatch(/it is running/);
    const after = await arm<VmBody>(path, '2024-11-01');
    const newOs = after.body.properties.storageProfile.osDisk.managedDisk.id;
    expect(newOs).not.toBe(oldOs);
    const view = await arm<{ statuses: { code: string }[] }>(`${path}/instanceView`, '2024-11-01');
    expect(view.body.statuses.map((s) => s.code)).toContain('PowerState/running');
    const old = await arm<DiskBody>(oldOs.replace(`/subscriptions/${subscription}`, ''), '2025-01-02');
    expect(old.status).toBe(200);
    expect(old.body.managedBy).toBeUndefined();
    expect(card).toContain(old.body.name);
  });

  it('shows the exact plan of a dry run, asks nobody and changes nothing', async () => {
    const text = await bot.ask('restore vm-web-01 replace --dry-run', (t) =>
      t.includes('Dry run: Replace the disks of vm-web-01'),
    );
    expect(text).toContain('Nothing was changed');
    expect(text).toMatch(/Everything written to vm-web-01 after .* is lost/);
    expect(text).not.toContain('Approval needed');
    const view = await arm<{ statuses: { code: string }[] }>(
      '/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01/instanceView',
      '2024-11-01',
    );
    expect(view.body.statuses.map((s) => s.code)).toContain('PowerState/running');
  });

  it('picks the newest recovery point at or before a time', async () => {
    const list = await bot.ask('recovery points vm-web-01', (t) =>
      t.includes('Recovery points of vm-web-01'),
    );
    const rows = [...list.matchAll(/(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC\n[^\n]*\n[^\n]*\n[^\n]*\n(\d{14})/g)];
    const third = rows[2];
    expect(third).toBeDefined();
    const time = `${third?.[1]?.replace(' ', 'T')}:59Z`;
    const text = await bot.ask(`restore vm-web-01 from ${time} disks --dry-run`, (t) =>
      t.includes('Dry run'),
    );
    expect(text).toContain(third?.[2] ?? 'missing');
  });

  it('answers bad restores with the reason and the next step, before anyone is asked', async () => {
    const cases: [string, string, string][] = [
      ['restore vm-web-01 as new vm-web-02', 'Name taken', 'Choose another name'],
      ['restore vm-web-01 from 12345678901234 disks', 'Unknown recovery point', 'recovery points vm-web-01'],
      ['restore vm-web-01 from 2020-01-01 disks', 'No recovery point that old', 'the oldest is from'],
      ['restore vm-dev-01 disks', 'Not protected', 'enable backup vm-dev-01'],
      ['restore vm-web-01 as new vm-x network vnet-other', 'Subnet needed', 'Add “subnet'],
      ['restore vm-nope-01 disks', 'Unknown VM', 'There is no VM named'],
    ];
    for (const [command, title, next] of cases) {
      const text = await bot.ask(command, (t) => t.includes(title) || t.includes('Approval needed'));
      expect(text, command).toContain(title);
      expect(text, command).toContain(next);
    }
  });

  it('starts the VM again when the restore job fails, and says why in Azure’s words', async () => {
    const fault = await bot.simulatorAdmin('POST', 'faults', {
      kind: 'fail-job',
      code: 'UserErrorDiskCreationFailed',
      message: 'Disk creation failed: the target storage is full.',
      match: { method: 'POST', pathContains: 'vm-api-01' },
      count: 1,
    });
    expect(fault.status).toBe(201);
    const { card } = await approveAndWait('restore vm-api-01 replace', (t) =>
      /^Replace the disks of vm-api-01: (done|failed)/.test(t),
    );
    expect(card).toContain('Replace the disks of vm-api-01: failed');
    expect(card).toContain('Disk creation failed: the target storage is full. (UserErrorDiskCreationFailed)');
    expect(card).toContain('vm-api-01 was started again');
    const view = await arm<{ statuses: { code: string }[] }>(
      '/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-api-01/instanceView',
      '2024-11-01',
    );
    expect(view.body.statuses.map((s) => s.code)).toContain('PowerState/running');
  });

  it('keeps following a restore through a storm of 429s from Azure Backup', async () => {
    const storm = await bot.simulatorAdmin('POST', 'faults', {
      kind: 'throttle',
      match: { method: 'GET', pathContains: 'backupJobs' },
      count: 12,
      retryAfterSeconds: 0,
    });
    expect(storm.status).toBe(201);
    const { card } = await approveAndWait('restore vm-crm-01 disks', (t) =>
      /^Restore the disks of vm-crm-01: (done|failed)/.test(t),
    );
    expect(card).toContain('Restore the disks of vm-crm-01: done');
    const faults = await bot.simulatorAdmin('GET', 'faults');
    expect(JSON.stringify(faults.body)).not.toContain('backupJobs');
  });
});
