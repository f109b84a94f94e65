import { formatAge, formatGB } from './format-values.js';
import type { Operation } from './operation.js';
import { resolveVm } from './resolve-vm.js';
import { listSetsOfVm } from './snapshot-sets.js';

/** `status <vm>`: power state, size, disks and the latest snapshot set. */
export const showVmStatus: Operation = async ({ command, azure, signal, now }) => {
  const summary = await resolveVm(azure, String(command.args.vm), signal);
  const [vm, sets] = await Promise.all([
    azure.getVm(summary, { abortSignal: signal }),
    listSetsOfVm(azure, summary, signal),
  ]);
  const latest = sets[0];
  const running = vm.powerState === 'running';
  return {
    kind: 'vm-status',
    title: `${vm.name}`,
    tone: running ? 'good' : 'warning',
    summary: `${vm.powerState} · ${vm.size} · ${vm.osType} · ${vm.location}`,
    facts: [
      { label: 'Resource group', value: vm.resourceGroup },
      { label: 'Subscription', value: vm.subscriptionId },
      {
        label: 'Latest snapshot set',
        value: latest
          ? `${latest.id} (${formatAge(latest.createdAt, now())}, ${latest.incremental ? 'incremental' : 'full'})`
          : 'none',
      },
      {
        label: 'Backup and replication',
        value: 'shown here once the Azure Backup and Site Recovery capabilities land',
      },
    ],
    tables: [
      {
        title: 'Disks',
        columns: ['Disk', 'Role', 'Provisioned', 'Used', 'SKU'],
        rows: vm.disks.map((d) => [
          d.name,
          d.role === 'os' ? 'OS' : `data (LUN ${d.lun ?? 0})`,
          formatGB(d.sizeGB),
          formatGB(d.usedGB),
          d.sku ?? 'n/a',
        ]),
      },
    ],
    actions: [
      { label: 'Snapshot now', verb: 'run', data: { command: `snapshot ${vm.name}` } },
      { label: 'Snapshot sets', verb: 'run', data: { command: `snapshots ${vm.name}` } },
    ],
  };
};
