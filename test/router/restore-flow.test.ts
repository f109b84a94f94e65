import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

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
});
