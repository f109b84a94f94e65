/**
 * A large estate for the simulator (its estate-file format, see src/simulator/README.md): `vms`
 * Linux VMs in resource groups of 10, every one backed up daily and replicated to northeurope,
 * and one recovery plan per resource group (so 500 VMs give 50 plans). For measuring how the bot's
 * Azure calls grow with the estate (`npm run bench`, test/alerts/watcher-arm-calls.test.ts).
 */
export function generateEstate(vms: number): Record<string, unknown> {
  const subscriptionId = '00000000-0000-0000-0000-000000000001';
  const groups = Array.from({ length: Math.ceil(vms / 10) }, (_g, g) => {
    const name = `rg-app${String(g + 1).padStart(3, '0')}-prod`;
    const count = Math.min(10, vms - g * 10);
    return {
      name,
      location: 'westeurope',
      virtualMachines: Array.from({ length: count }, (_v, i) => ({
        name: `vm-app${String(g + 1).padStart(3, '0')}-${String(i + 1).padStart(2, '0')}`,
        size: 'Standard_D2s_v5',
        osType: 'Linux',
        osDisk: { sizeGB: 64, usedGB: 12, sku: 'Premium_LRS', changeRateGBPerDay: 0.5 },
      })),
    };
  });
  const vmRefs = groups.flatMap((group) => group.virtualMachines.map((vm) => `${group.name}/${vm.name}`));
  return {
    subscriptions: [
      {
        subscriptionId,
        displayName: 'Generated estate',
        resourceGroups: [
          ...groups,
          { name: 'rg-bcdr-weu', location: 'westeurope' },
          {
            name: 'rg-bcdr-neu',
            location: 'northeurope',
            virtualNetworks: [
              {
                name: 'vnet-dr-neu',
                addressPrefix: '10.110.0.0/16',
                subnets: [{ name: 'snet-recovery', addressPrefix: '10.110.1.0/24' }],
              },
              {
                name: 'vnet-dr-test',
                addressPrefix: '10.250.0.0/16',
                subnets: [{ name: 'snet-test', addressPrefix: '10.250.1.0/24' }],
              },
            ],
          },
        ],
      },
    ],
    backup: {
      vaults: [
        {
          subscriptionId,
          resourceGroup: 'rg-bcdr-weu',
          name: 'rsv-prod-weu',
          location: 'westeurope',
          policies: [
            { name: 'DailyPolicy', scheduleTimeUtc: '22:30', dailyRetentionDays: 30, instantRestoreDays: 2 },
          ],
          protectedVms: vmRefs.map((vm) => ({ vm, policy: 'DailyPolicy' })),
          history: { days: 3, crashConsistentDaysAgo: [] },
        },
      ],
    },
    siteRecovery: {
      vaults: [
        {
          subscriptionId,
          resourceGroup: 'rg-bcdr-neu',
          name: 'rsv-dr-neu',
          location: 'northeurope',
          sourceLocation: 'westeurope',
          replicatedVms: vmRefs.map((vm, i) => ({ vm, rpoSeconds: 240 + (i % 7) * 30 })),
          recoveryPlans: groups.map((group) => ({
            name: group.name.replace(/^rg-|-prod$/g, ''),
            bootGroups: [{ vms: group.virtualMachines.map((vm) => `${group.name}/${vm.name}`) }],
          })),
          testNetwork: 'rg-bcdr-neu/vnet-dr-test',
        },
      ],
    },
  };
}
