import { renderApprovalView } from '../../src/approvals/render-approval-view.js';
import type { View } from '../../src/chat/view.js';
import { type RestorePlan, renderRestorePlan } from '../../src/operations/backup/plan-restore.js';
import {
  type FileRestorePlan,
  renderFileRestoreOpen,
  renderFileRestoreReminder,
  renderFileRestoreScript,
} from '../../src/operations/backup/restore-files.js';
import type { ApprovalRecord } from '../../src/store/store-port.js';

/**
 * The restore and file-restore cards, drawn by the operations' own view functions where they are
 * pure (plans, the private script, the approval request), and as the operations build them
 * otherwise (progress and results, taken from a run against the simulator).
 */
const subscription = '00000000-0000-0000-0000-000000000001';
const now = new Date('2026-11-24T10:30:00Z');
const vault = {
  id: `/subscriptions/${subscription}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu`,
  subscriptionId: subscription,
  resourceGroup: 'rg-bcdr-weu',
  name: 'rsv-prod-weu',
};
const item = (vm: string) => ({
  vault,
  containerName: `iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;${vm}`,
  itemName: `vm;iaasvmcontainerv2;rg-shop-prod;${vm}`,
  vmId: `/subscriptions/${subscription}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/${vm}`,
  vmName: vm,
});
const vm = (name: string) => ({
  id: item(name).vmId,
  subscriptionId: subscription,
  resourceGroup: 'rg-shop-prod',
  name,
  location: 'westeurope',
});
const point = { name: '48127205770759', id: 'rp-id', time: '2026-11-23T22:37:00Z', type: 'AppConsistent' };
const group = `/subscriptions/${subscription}/resourceGroups/rg-shop-prod`;
const subnet = `${group}/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-web`;

const replacePlan: RestorePlan = {
  kind: 'replace',
  vm: vm('vm-web-02'),
  item: item('vm-web-02'),
  point: { ...point, type: 'FileSystemConsistent' },
  request: { kind: 'replace', region: 'westeurope' },
  replaced: { diskNames: ['vm-web-02-osdisk'], wasRunning: true },
};
const newPlan: RestorePlan = {
  kind: 'new',
  vm: vm('vm-sql-01'),
  item: item('vm-sql-01'),
  point,
  request: {
    kind: 'new',
    region: 'westeurope',
    targetResourceGroupId: group,
    targetVmName: 'vm-sql-01-r',
    virtualNetworkId: subnet.replace(/\/subnets\/.*$/, ''),
    subnetId: subnet,
  },
};
const disksPlan: RestorePlan = {
  ...newPlan,
  kind: 'disks',
  request: { kind: 'disks', region: 'westeurope', targetResourceGroupId: group },
};
const filesPlan: FileRestorePlan = {
  vm: vm('vm-web-01'),
  item: item('vm-web-01'),
  point: { name: point.name, time: point.time, type: 'FileSystemConsistent' },
};

const replaceApproval: ApprovalRecord = {
  id: 'apr-5a1c0e2d',
  commandId: 'restore.replace',
  commandText: 'restore vm-web-02 from latest replace',
  plan: { operationPlan: replacePlan, view: renderRestorePlan(replacePlan, now) },
  requester: { platform: 'teams', id: '29:alice', displayName: 'alice' },
  reason: 'bad deploy wiped /var/www',
  conversation: { platform: 'teams', conversationId: '19:ops@thread.tacv2', reference: {} },
  approvalsNeeded: 1,
  decisions: [],
  state: 'requested',
  version: 1,
  createdAt: now,
  updatedAt: now,
  expiresAt: new Date(now.getTime() + 30 * 60_000),
};

const restoreSteps = (state: 'running' | 'succeeded' | 'failed') => [
  { label: 'Stop vm-web-02', state: 'succeeded' as const },
  { label: 'Transfer data from vault', state, ...(state === 'running' ? { detail: '40%' } : {}) },
  { label: 'Start vm-web-02', state: 'pending' as const },
];

export const RESTORE_SAMPLE_VIEWS: Record<string, View> = {
  'restore-plan-new': renderRestorePlan(newPlan, now),
  'restore-plan-disks': renderRestorePlan(disksPlan, now),
  'restore-approval-replace': renderApprovalView(replaceApproval, now),
  'restore-progress': {
    kind: 'restore-progress',
    title: 'Replace the disks of vm-web-02',
    tone: 'accent',
    summary: 'Restore job cb047a85-5077-455a-b880-30f719ca61a9 is running.',
    progress: { percent: 40, steps: restoreSteps('running') },
    footer:
      'Azure Backup job cb047a85-5077-455a-b880-30f719ca61a9 in vault rsv-prod-weu. `cancel job-5840977a` stops it.',
  },
  'restore-result-new': {
    kind: 'restore-result',
    title: 'Restore vm-sql-01 as new VM vm-sql-01-r: done',
    tone: 'good',
    summary:
      'vm-sql-01-r is running in rg-shop-prod, from the recovery point of 2026-11-23 22:37 UTC (12 h ago).',
    progress: { steps: [{ label: 'Transfer data from vault', state: 'succeeded' }] },
    tables: [
      {
        columns: ['Disk', 'Role', 'Size'],
        rows: [
          ['vm-sql-01-osdisk-20261124-102805', 'OS', '128 GB'],
          ['vm-sql-01-data-20261124-102805', 'data (LUN 0)', '1024 GB'],
          ['vm-sql-01-log-20261124-102805', 'data (LUN 1)', '512 GB'],
        ],
      },
    ],
    notes: ['vm-sql-01 was not touched. `status vm-sql-01-r` shows the new VM.'],
    footer: 'Azure Backup job cb047a85-5077-455a-b880-30f719ca61a9, in 1 min 50 s.',
  },
  'restore-result-replace': {
    kind: 'restore-result',
    title: 'Replace the disks of vm-web-02: done',
    tone: 'good',
    summary:
      'vm-web-02 now runs on the disks of the recovery point of 2026-11-23 22:37 UTC (12 h ago); it is running. vm-web-02 was started again.',
    progress: { steps: [{ label: 'Transfer data from vault', state: 'succeeded' }] },
    tables: [
      { columns: ['Disk', 'Role', 'Size'], rows: [['vm-web-02-osdisk-20261124-102805', 'OS', '64 GB']] },
    ],
    notes: [
      'The old disks stay in rg-shop-prod, detached: vm-web-02-osdisk. Delete them once vm-web-02 checks out.',
    ],
    footer: 'Azure Backup job cb047a85-5077-455a-b880-30f719ca61a9, in 2 min 5 s.',
  },
  'restore-failed': {
    kind: 'restore-result',
    title: 'Replace the disks of vm-api-01: failed',
    tone: 'attention',
    summary:
      'Disk creation failed: the target storage is full. (UserErrorDiskCreationFailed) vm-api-01 was started again.',
    facts: [
      { label: 'Recovery point', value: '2026-11-23 22:37 UTC (12 h ago)' },
      { label: 'Consistency', value: 'file-system-consistent' },
      { label: 'Point id', value: '48127205770759' },
    ],
    progress: { steps: [{ label: 'Transfer data from vault', state: 'failed' }] },
    notes: ['Check the VM and the recovery point, then run the restore again.'],
    footer: 'Azure Backup job 7b2d9c11-0e4a-4c1b-9f3e-51a2c8d0e6f7, after 3 min 12 s.',
  },
  'file-restore-script': renderFileRestoreScript(
    filesPlan,
    {
      password: 'cFSHY3piwHbJLJ6',
      scripts: [
        {
          fileName: 'vm-web-01_20261123T223700_8d5b9b81a5fc1784769e1477e4f6a696.py',
          osType: 'Linux',
          content: [
            '#!/usr/bin/env python3',
            '# Microsoft Azure Backup - file recovery for VM "vm-web-01".',
            'import sys',
            '',
            'TargetPortalAddress = "pod01-rec2.westeurope.backup.windowsazure.com"',
            'TargetPassword="cFSHY3piwHbJLJ6"',
            '',
            'def main():',
            '    return 0  # *not* markdown: __keep__ as is',
          ].join('\n'),
        },
      ],
    },
    new Date('2026-11-24T22:30:00Z'),
    now,
  ),
  'file-restore-open': renderFileRestoreOpen(filesPlan, new Date('2026-11-24T22:30:00Z'), now),
  'file-restore-reminder': renderFileRestoreReminder(
    filesPlan,
    new Date('2026-11-24T22:30:00Z'),
    new Date('2026-11-24T22:00:00Z'),
  ),
  'file-restore-closed': {
    kind: 'file-restore-closed',
    title: 'File restore of vm-web-01 closed',
    tone: 'good',
    summary: 'Unmounted the recovery point(s) of 2026-11-23 22:37 UTC; the script no longer works.',
    notes: ['Unmount the disks on the machine where you ran the script, too (the script offers it).'],
  },
  'file-restore-ended': {
    kind: 'file-restore-result',
    title: 'File restore from vm-web-01: closed',
    tone: 'good',
    summary: 'Access ended after 12 h. The script no longer works.',
    facts: [{ label: 'Recovery point', value: '2026-11-23 22:37 UTC' }],
  },
};
