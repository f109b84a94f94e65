import type { ProtectedVm } from '../../azure/backup-port.js';
import { backupProtectionByVm } from '../backup/backup-protection.js';
import { formatAge, formatGB, formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';
import { resolveVm, withActiveCopy } from '../resolve-vm.js';
import { listSetsOfVm } from '../snapshots/snapshot-sets.js';

/** `status <vm>`: power state, size, disks, the latest snapshot set, and its Azure Backup protection. */
export const showVmStatus: Operation = async (context) => {
  const { command, azure, signal, now } = context;
  const summary = await resolveVm(azure, String(command.args.vm), signal);
  const [vm, sets, protection] = await Promise.all([
    azure.getVm(summary, { abortSignal: signal }),
    listSetsOfVm(azure, summary, signal),
    backupProtectionByVm(context),
  ]);
  const backup = protection.byVm.get(summary.id.toLowerCase());
  const latest = sets[0];
  const running = vm.powerState === 'running';
  return withActiveCopy(summary, {
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
      ...backupFacts(vm.name, protection.known, protection.problem, backup, now()),
      { label: 'Replication', value: 'shown here once the Site Recovery capability lands' },
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
      ...(backup
        ? [
            { label: 'Back up now', verb: 'run', data: { command: `backup ${vm.name}` } },
            { label: 'Recovery points', verb: 'run', data: { command: `recovery points ${vm.name}` } },
          ]
        : []),
    ],
  });
};

function backupFacts(
  vmName: string,
  known: boolean,
  problem: string | undefined,
  item: ProtectedVm | undefined,
  now: Date,
): { label: string; value: string }[] {
  if (!known) return [{ label: 'Backup', value: `unknown: ${problem ?? 'Azure Backup did not answer'}` }];
  if (!item) return [{ label: 'Backup', value: `none (type: enable backup ${vmName})` }];
  return [
    {
      label: 'Backup',
      value: `${item.protectionState} in ${item.vault.name} (${item.policyName ?? 'policy unknown'})`,
    },
    {
      label: 'Last backup',
      value: item.lastBackupTime
        ? `${formatTime(item.lastBackupTime)} (${formatAge(item.lastBackupTime, now)}), ${item.lastBackupStatus ?? 'status unknown'}`
        : 'none yet',
    },
    {
      label: 'Latest recovery point',
      value: item.lastRecoveryPoint
        ? `${formatTime(item.lastRecoveryPoint)} (${formatAge(item.lastRecoveryPoint, now)})`
        : 'none yet',
    },
  ];
}
