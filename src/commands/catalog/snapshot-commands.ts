import type { CommandSpec } from '../command-spec.js';
import { available, vmArg } from './common-args.js';

const group = 'Snapshots and VMs';

export const snapshotCommands: readonly CommandSpec[] = [
  {
    id: 'vms.list',
    syntax: 'vms [rg] [unprotected]',
    words: ['vms'],
    aliases: [
      'virtual machines',
      'vm list',
      'machines',
      'servers',
      { phrase: 'unprotected vms', presets: { unprotected: true } },
    ],
    args: [
      {
        name: 'rg',
        type: 'resourceGroup',
        required: false,
        description: 'Only the VMs of this resource group.',
      },
      {
        name: 'unprotected',
        type: 'flag',
        required: false,
        keywords: ['unprotected', 'without backup', 'with no backup', 'have no backup', 'not backed up'],
        description: 'Only the VMs that have no Azure Backup protection.',
      },
    ],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    featured: true,
    group,
    summary: 'List the VMs with power state, size and protection.',
    help:
      'Lists every VM the bot can see, across subscriptions, with its resource group, power state, size and ' +
      'latest snapshot. Give a resource group to narrow it down, or `unprotected` for the VMs nothing backs up.',
    examples: ['vms', 'vms rg-shop-prod', 'vms unprotected', 'list vms'],
    availability: available,
  },
  {
    id: 'vm.status',
    syntax: 'status <vm>',
    words: ['status'],
    aliases: ['vm status', 'vm', 'describe', 'details', 'state'],
    args: [vmArg],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    featured: true,
    group,
    summary: 'Power state, size, disks and latest snapshot set of a VM.',
    help:
      'Shows one VM: power state, size, resource group and region, each managed disk with its provisioned and ' +
      'used size, the latest snapshot set, its Azure Backup protection (last backup, latest recovery point) and ' +
      'its replication as `dr status` knows it (health, RPO, the region it runs in, its app). A drill copy says ' +
      'which VM it stands in for, which drill made it, and that `dr cleanup` of its app removes it.',
    examples: ['status vm-web-01', 'what is the status of vm-sql-01', 'show me the status of vm-api-01'],
    availability: available,
  },
  {
    id: 'snapshots.list',
    syntax: 'snapshots <vm>',
    words: ['snapshots'],
    aliases: ['snapshot list', 'snaps', 'snapshot sets'],
    args: [vmArg],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    featured: true,
    group,
    summary: 'The snapshot sets of a VM, newest first.',
    help:
      'Lists the snapshot sets taken of a VM, newest first: set id, age, kind (full, incremental or consistent ' +
      'restore point), the disks in it and the size that is billed.',
    examples: ['snapshots vm-sql-01', 'show snapshots for vm-web-01'],
    availability: available,
  },
  {
    id: 'snapshot.create',
    syntax: 'snapshot <vm> [full|incremental] [consistent]',
    words: ['snapshot'],
    aliases: [
      'snap',
      'snapshot create',
      { phrase: 'incremental snapshot', presets: { kind: 'incremental' } },
      { phrase: 'full snapshot', presets: { kind: 'full' } },
      { phrase: 'consistent snapshot', presets: { consistent: true } },
    ],
    args: [
      vmArg,
      {
        name: 'kind',
        type: 'enum',
        required: false,
        values: ['full', 'incremental'],
        default: 'incremental',
        description:
          '`incremental` (default: billed for changed data only) or `full` (a complete copy of each disk).',
      },
      {
        name: 'consistent',
        type: 'flag',
        required: false,
        keywords: ['consistent', 'restore-point'],
        description: 'Take a VM restore point instead: one point in time across all disks (for databases).',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    featured: true,
    group,
    summary: 'Snapshot every managed disk of a VM, in parallel.',
    help:
      'Takes one snapshot per managed disk of the VM, in parallel, incremental unless you say `full`. The set is ' +
      'named and tagged (source VM, disk, set id, who asked, expiry) so `snapshots`, `disks from snapshot` and ' +
      '`snapshot prune` find it again. The reply lists each disk with provisioned, used and billed size. ' +
      '`consistent` takes a VM restore point, consistent across disks, instead.',
    examples: [
      'snapshot vm-web-01',
      'snapshot vm-sql-01 full consistent',
      'take a snapshot of vm-web-01',
      'snapshot vm-api-01 --dry-run',
    ],
    availability: available,
  },
  {
    id: 'snapshot.delete',
    syntax: 'snapshot delete <name>',
    words: ['snapshot', 'delete'],
    aliases: [
      'delete snapshot',
      'remove snapshot',
      'del snapshot',
      'rm snapshot',
      'snapshot remove',
      'snapshot rm',
      'snapshot del',
    ],
    args: [
      {
        name: 'name',
        type: 'snapshotName',
        required: true,
        description: 'The snapshot resource name, as `snapshots <vm>` shows it.',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 1,
    group,
    summary: 'Delete one snapshot.',
    help:
      'Deletes one managed-disk snapshot by name. Try it with `--dry-run` first: it shows the snapshot, its ' +
      'source disk and age, and deletes nothing.',
    examples: [
      'snapshot delete vm-web-01-20261207-103012-3f9a-os --dry-run',
      'delete snapshot vm-api-01-20261207-103015-b21c-lun0',
    ],
    availability: available,
  },
  {
    id: 'snapshot.prune',
    syntax: 'snapshot prune <vm> older-than 7d',
    words: ['snapshot', 'prune'],
    aliases: [
      'prune snapshots',
      'prune snapshot',
      'prune old snapshots',
      'snapshots prune',
      'purge snapshots',
      'delete old snapshots',
      'cleanup snapshots',
    ],
    args: [
      vmArg,
      {
        name: 'olderThan',
        type: 'duration',
        required: true,
        allowZero: true,
        keywords: ['older-than', 'older than', 'older', 'over'],
        description: 'Age limit: sets older than this go (`30m`, `12h`, `7d`, `2w`; `0d` = all of them).',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 1,
    group,
    summary: 'Delete the snapshot sets of a VM older than an age.',
    help:
      'Deletes every snapshot set of the VM older than the age you give, whole sets at a time. Run it with ' +
      '`--dry-run` first: it lists exactly what would go, with ages and billed sizes.',
    examples: [
      'snapshot prune vm-web-01 older-than 7d --dry-run',
      'prune snapshots of vm-web-01 older than 30d',
    ],
    availability: available,
  },
  {
    id: 'disks.from-snapshot',
    syntax: 'disks from snapshot <set> [for <vm>]',
    words: ['disks', 'from', 'snapshot'],
    aliases: ['disk from snapshot', 'disks from snapshots', 'disks from set', 'disks from snapshot set'],
    args: [
      {
        name: 'set',
        type: 'snapshotSet',
        required: true,
        description: 'The snapshot set id, as `snapshots <vm>` shows it.',
      },
      {
        name: 'for',
        type: 'vm',
        required: false,
        keywords: ['for'],
        description:
          'Name the new disks for this VM and put them in its resource group (default: the source VM).',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'Create new managed disks from a snapshot set.',
    help:
      'Creates one new managed disk per snapshot in the set, beside the source VM unless you name another with ' +
      '`for`. Nothing is attached or replaced: attach the disks yourself, or use them to inspect data.',
    examples: [
      'disks from snapshot vm-sql-01-20261207-103009-5d2e',
      'disks from snapshot vm-sql-01-20261207-103009-5d2e for vm-dev-01 --dry-run',
    ],
    availability: available,
  },
];
