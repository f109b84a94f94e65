import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadEstate, parseEstate } from '../../src/simulator/core/load-estate.js';

const demoPath = new URL('../../config/demo-estate.json', import.meta.url).pathname;

describe('simulator: the estate file', () => {
  it('holds the demo estate of DESIGN.md', async () => {
    const estate = await loadEstate(demoPath);
    const [subscription] = estate.subscriptions;
    expect(subscription?.subscriptionId).toBe('00000000-0000-0000-0000-000000000001');
    const groups = Object.fromEntries((subscription?.resourceGroups ?? []).map((g) => [g.name, g]));
    expect(groups['rg-shop-prod']?.virtualMachines.map((vm) => vm.name)).toEqual([
      'vm-web-01',
      'vm-web-02',
      'vm-api-01',
      'vm-sql-01',
    ]);
    expect(groups['rg-crm-prod']?.virtualMachines.map((vm) => vm.name)).toEqual(['vm-crm-01', 'vm-crm-02']);
    expect(groups['rg-dev']?.virtualMachines.map((vm) => vm.name)).toEqual(['vm-dev-01']);
    const sql = groups['rg-shop-prod']?.virtualMachines.find((vm) => vm.name === 'vm-sql-01');
    expect(sql?.osType).toBe('Windows');
    expect(sql?.dataDisks).toHaveLength(2);
    for (const vm of Object.values(groups).flatMap((g) => g.virtualMachines)) {
      expect(vm.osDisk.usedGB).toBeLessThanOrEqual(vm.osDisk.sizeGB);
      expect(vm.osDisk.usedGB).toBeGreaterThan(0);
    }
    expect(groups['rg-shop-prod']?.location).toBe('westeurope');
    const vault = estate.backup?.vaults[0];
    expect(vault).toMatchObject({ name: 'rsv-prod-weu', resourceGroup: 'rg-bcdr-weu' });
    expect(vault?.protectedVms.map((p) => p.vm)).not.toContain('rg-dev/vm-dev-01');
    const dr = estate.siteRecovery?.vaults[0];
    expect(dr).toMatchObject({
      name: 'rsv-dr-neu',
      resourceGroup: 'rg-bcdr-neu',
      location: 'northeurope',
      testNetwork: 'rg-bcdr-neu/vnet-dr-test',
    });
    const shop = dr?.recoveryPlans.find((plan) => plan.name === 'shop');
    expect(shop?.bootGroups.map((g) => g.vms)).toEqual([
      ['rg-shop-prod/vm-sql-01'],
      ['rg-shop-prod/vm-api-01'],
      ['rg-shop-prod/vm-web-01', 'rg-shop-prod/vm-web-02'],
    ]);
    expect(shop?.bootGroups[0]?.preActions[0]?.kind).toBe('runbook');
    expect(shop?.bootGroups[2]?.postActions[0]).toMatchObject({
      kind: 'manual',
      name: 'Confirm DNS cutover',
    });
    expect(dr?.recoveryPlans.map((plan) => plan.name)).toEqual(['shop', 'crm']);
    // Every group with VMs has a network; the recovery group has the failover network first, the
    // isolated test network, and a network peered with the failover one (a drill must refuse it).
    for (const group of Object.values(groups).filter((g) => g.virtualMachines.length > 0))
      expect(group.virtualNetworks.length).toBeGreaterThan(0);
    expect(groups['rg-dev']?.virtualNetworks.map((n) => n.name)).toEqual(['vnet-dev']);
    expect(groups['rg-bcdr-neu']?.virtualNetworks.map((n) => [n.name, n.peerings])).toEqual([
      ['vnet-dr-neu', []],
      ['vnet-dr-test', []],
      ['vnet-dr-shared', ['rg-bcdr-neu/vnet-dr-neu']],
    ]);
  });

  it('names the file and the bad field when the estate is invalid', async () => {
    const demo = JSON.parse(await readFile(demoPath, 'utf8'));
    demo.subscriptions[0].resourceGroups[0].virtualMachines[3].dataDisks[1].usedGB = 9999;
    expect(() => parseEstate(demo, 'my-estate.json')).toThrow(
      /my-estate\.json[\s\S]*subscriptions\[0\]\.resourceGroups\[0\]\.virtualMachines\[3\]\.dataDisks\[1\]\.usedGB: usedGB must not exceed sizeGB/,
    );
    const typo = JSON.parse(await readFile(demoPath, 'utf8'));
    typo.subscriptions[0].resourceGroups[2].virtualMachines[0].sizeGB = 1;
    expect(() => parseEstate(typo, 'typo.json')).toThrow(
      /resourceGroups\[2\]\.virtualMachines\[0\]: Unrecognized key/,
    );
    const dangling = JSON.parse(await readFile(demoPath, 'utf8'));
    dangling.backup.vaults[0].protectedVms.push({ vm: 'rg-shop-prod/vm-ghost', policy: 'DailyPolicy' });
    expect(() => parseEstate(dangling, 'dangling.json')).toThrow(
      /backup\.vaults\[0\]\.protectedVms\[6\]\.vm: no VM 'rg-shop-prod\/vm-ghost'/,
    );
  });

  it('names a VM subnet or a peering that does not exist', async () => {
    const demo = JSON.parse(await readFile(demoPath, 'utf8'));
    demo.subscriptions[0].resourceGroups[0].virtualMachines[0].subnet = 'vnet-shop-prod/snet-ghost';
    demo.subscriptions[0].resourceGroups[4].virtualNetworks[1].peerings = ['rg-bcdr-neu/vnet-ghost'];
    expect(() => parseEstate(demo, 'nets.json')).toThrow(
      /resourceGroups\[0\]\.virtualMachines\[0\]\.subnet: no subnet 'vnet-shop-prod\/snet-ghost'[\s\S]*resourceGroups\[4\]\.virtualNetworks\[1\]\.peerings\[0\]: no other network 'rg-bcdr-neu\/vnet-ghost'/,
    );
  });

  it('refuses a missing or malformed file with its path', async () => {
    await expect(loadEstate('/nonexistent/estate.json')).rejects.toThrow('/nonexistent/estate.json');
  });
});
