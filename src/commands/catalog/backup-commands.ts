import type { ArgSpec, CommandSpec } from '../command-spec.js';
import { available, recoveryPointArg, vmArg } from './common-args.js';

const group = 'Azure Backup';

const targetGroupArg: ArgSpec = {
  name: 'rg',
  type: 'resourceGroup',
  required: false,
  keywords: ['in', 'in resource group', 'rg', 'resource group'],
  description: 'Target resource group (default: the configured restore resource group).',
};

/** The three whole-VM restores share a shape; the last word says which one. */
function restoreSpec(
  kind: 'new' | 'disks' | 'replace',
  parts: Pick<CommandSpec, 'syntax' | 'args' | 'summary' | 'help' | 'examples'> & {
    aliases?: CommandSpec['aliases'];
  },
): CommandSpec {
  return {
    id: `restore.${kind}`,
    words: ['restore'],
    aliases: parts.aliases ?? ['recover'],
    sideEffects: 'change',
    role: 'operator',
    approvals: 1,
    group,
    availability: available,
    ...parts,
  };
}

export const backupCommands: readonly CommandSpec[] = [
  {
    id: 'recovery-points.list',
    syntax: 'recovery points <vm> [since <time>] [until <time>] [page N]',
    words: ['recovery', 'points'],
    aliases: ['recovery point', 'rps', 'backups', 'backup points'],
    args: [
      vmArg,
      {
        name: 'since',
        type: 'time',
        required: false,
        keywords: ['since', 'in the last', 'for the last', 'last', 'after'],
        description:
          'Only points at or after this time (`7d`, `yesterday 18:00`, `2026-12-01`); default: all.',
      },
      {
        name: 'until',
        type: 'time',
        required: false,
        keywords: ['until', 'till', 'up to', 'before'],
        description: 'Only points at or before this time (`2d ago`, `2026-12-01 18:00`); default: all.',
      },
      {
        name: 'page',
        type: 'count',
        required: false,
        keywords: ['page'],
        placeholder: 'N',
        description: 'Which page of 20, newest first (default 1); each page names the command for the next.',
      },
    ],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    group,
    summary: 'The recovery points of a VM, newest first.',
    help:
      'Lists the Azure Backup recovery points of a VM, newest first: time (UTC), consistency (application-, ' +
      'file-system- or crash-consistent), tier. Pages of 20; each page names the command for the next, so every point can be ' +
      'reached; `since` and `until` narrow it to a time window. Use a time or id from here in `restore ... from`.',
    examples: [
      'recovery points vm-sql-01',
      'recovery points vm-web-01 since 7d',
      'recovery points vm-web-01 page 2',
      'recovery points vm-web-01 since 30d until yesterday',
    ],
    availability: available,
  },
  {
    id: 'backup.run',
    syntax: 'backup <vm> [keep 30d]',
    words: ['backup'],
    aliases: ['backup now', 'on-demand backup'],
    args: [
      vmArg,
      {
        name: 'keep',
        type: 'duration',
        required: false,
        maxDays: 3650,
        keywords: ['keep', 'keep for', 'keep it for', 'retain', 'retain for', 'retention'],
        default: '30d',
        description: 'How long to keep the new recovery point (default `30d`).',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    featured: true,
    group,
    summary: 'Take an on-demand Azure Backup of a VM.',
    help:
      'Starts an on-demand backup of a protected VM and follows the backup job (take snapshot, transfer to the ' +
      'vault); the result names the new recovery point. A VM without protection gets told to `enable backup` first.',
    examples: ['backup vm-sql-01', 'backup vm-web-01 keep 90d', 'back up vm-api-01'],
    availability: available,
  },
  {
    id: 'backup.enable',
    syntax: 'enable backup <vm> [policy P]',
    words: ['enable', 'backup'],
    aliases: ['enable backups', 'turn on backup', 'configure backup', 'protect'],
    args: [
      vmArg,
      {
        name: 'policy',
        type: 'policyName',
        required: false,
        keywords: ['policy', 'with policy', 'using policy'],
        placeholder: 'P',
        description: "Backup policy of the vault (default: the vault's default, `DailyPolicy` in the demo).",
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'Protect a VM with Azure Backup.',
    help:
      'Enables Azure Backup for the VM in the Recovery Services vault of its region, with the policy you name or ' +
      'the default one. The first backup runs at the policy schedule; run `backup <vm>` for one now.',
    examples: ['enable backup vm-dev-01', 'enable backup vm-dev-01 policy DailyPolicy'],
    availability: available,
  },
  restoreSpec('new', {
    syntax: 'restore <vm> [from latest|<time>|<rp>] as new <name>',
    args: [
      vmArg,
      recoveryPointArg,
      {
        name: 'name',
        type: 'vm',
        required: true,
        keywords: ['as new', 'as a new vm', 'as new vm', 'to new vm', 'to a new vm', 'as'],
        placeholder: '<name>',
        description: 'Name of the new VM; the original VM is not touched.',
      },
      targetGroupArg,
      {
        name: 'network',
        type: 'vnet',
        required: false,
        keywords: ['network', 'vnet'],
        description: 'Target virtual network (default: from config).',
      },
      {
        name: 'subnet',
        type: 'subnet',
        required: false,
        keywords: ['subnet'],
        description: 'Target subnet (default: from config).',
      },
    ],
    summary: 'Restore a VM from a recovery point as a new VM.',
    help:
      'Creates a new VM (and its disks) from a recovery point, in the target resource group and network from ' +
      'config or your arguments. The original VM keeps running. Needs approval; the card shows the point and its age.',
    examples: [
      'restore vm-web-01 as new vm-web-01-restored',
      'restore vm-sql-01 from 2h ago as new vm-sql-01-r --dry-run',
    ],
  }),
  restoreSpec('disks', {
    syntax: 'restore <vm> [from latest|<time>|<rp>] disks',
    args: [
      vmArg,
      recoveryPointArg,
      {
        name: 'disks',
        type: 'flag',
        required: true,
        keywords: ['disks', 'as disks', 'disks only', 'only disks', 'only the disks'],
        description: 'Restore the disks only, as new managed disks.',
      },
      targetGroupArg,
    ],
    summary: 'Restore the disks of a VM from a recovery point as new disks.',
    help:
      'Creates new managed disks from a recovery point, without a VM, for you to attach or inspect. The original ' +
      'VM is not touched. Needs approval.',
    examples: ['restore vm-sql-01 disks', 'restore vm-sql-01 from yesterday 18:00 disks --dry-run'],
  }),
  restoreSpec('replace', {
    syntax: 'restore <vm> [from latest|<time>|<rp>] replace',
    args: [
      vmArg,
      recoveryPointArg,
      {
        name: 'replace',
        type: 'flag',
        required: true,
        keywords: ['replace', 'in place', 'in-place', 'original location', 'replace disks'],
        description: 'Replace the disks of the existing VM (everything written since the point is lost).',
      },
    ],
    summary: 'Replace the disks of a VM with a recovery point (data since then is lost).',
    help:
      'Replaces the disks of the existing VM with those of a recovery point: the VM may be stopped, and ' +
      'everything written since the point is lost. Needs approval; the card shows the point and how old it is. ' +
      'Run it with `--dry-run` first.',
    examples: ['restore vm-web-02 replace --dry-run', 'restore vm-web-02 from latest replace'],
  }),
  {
    id: 'restore.files',
    syntax: 'restore files <vm> [from ...]',
    words: ['restore', 'files'],
    aliases: ['file restore', 'restore file', 'files restore', 'file recovery', 'recover files'],
    args: [vmArg, recoveryPointArg],
    sideEffects: 'change',
    role: 'operator',
    approvals: 1,
    group,
    summary: 'Mount a recovery point to copy single files from it.',
    help:
      'Provisions item-level recovery from a recovery point: the script that mounts it and its password go to ' +
      'you privately, never to the channel. Run `restore files <vm> done` when finished; access ends after 12 h ' +
      'anyway, with a reminder before.',
    examples: ['restore files vm-web-01', 'restore files vm-sql-01 from 2d ago'],
    availability: available,
  },
  {
    // Its own id: revoking access is safe and must not wait for an approver.
    id: 'restore.files-done',
    syntax: 'restore files <vm> done',
    words: ['restore', 'files'],
    aliases: ['file restore', 'restore file', 'files restore', 'file recovery', 'recover files'],
    args: [
      vmArg,
      {
        name: 'done',
        type: 'flag',
        required: true,
        keywords: ['done', 'finished', 'revoke', 'unmount'],
        description: 'You are finished with the mounted recovery point.',
      },
    ],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'Revoke file-restore access when you are finished.',
    help:
      'Unmounts the recovery point provisioned by `restore files` and revokes its script. Access also ends by ' +
      'itself after 12 h.',
    examples: ['restore files vm-web-01 done', 'restore files vm-sql-01 finished'],
    availability: available,
  },
];
