import type { View } from '../../src/chat/view.js';
import { ALERT_SAMPLE_VIEWS } from './alert-sample-views.js';
import { DR_SAMPLE_VIEWS } from './dr-sample-views.js';
import { RESTORE_SAMPLE_VIEWS } from './restore-sample-views.js';

/** A representative View for every card shape the renderers must handle; golden files pin each. */
export const SAMPLE_VIEWS: Record<string, View> = {
  'help-list': {
    kind: 'help',
    title: 'Commands',
    tone: 'accent',
    summary: 'Type a command, or `help <command>` for details.',
    tables: [
      {
        columns: ['Command', 'What it does'],
        rows: [
          ['vms [rg] [unprotected]', 'List the VMs, their backup and replication state'],
          ['snapshot <vm> [full|incremental]', 'Snapshot every managed disk of a VM'],
          ['snapshots <vm>', 'List snapshot sets, newest first'],
          ['dr drill <app>', 'Test failover of a recovery plan (not available yet: Site Recovery)'],
        ],
      },
    ],
    notes: ['Examples: `snapshot vm-sql-01`, `snapshots vm-sql-01`, `vms rg-shop-prod`.'],
  },
  'snapshot-progress': {
    kind: 'snapshot-progress',
    title: 'Snapshot of vm-sql-01',
    tone: 'accent',
    summary: 'Taking incremental snapshots of 3 disks.',
    progress: {
      percent: 40,
      steps: [
        { label: 'vm-sql-01-osdisk', state: 'succeeded', detail: '127 GiB provisioned, 38 GiB used' },
        { label: 'vm-sql-01-data-0', state: 'running', detail: '512 GiB provisioned' },
        { label: 'vm-sql-01-data-1', state: 'pending' },
        { label: 'Tag the set', state: 'skipped' },
        { label: 'Verify', state: 'failed', detail: 'Conflict: a snapshot is already running' },
      ],
    },
    footer: 'ref 3f9c2a · started by alice',
  },
  'snapshot-result': {
    kind: 'snapshot-result',
    title: 'Snapshot set ss-20240501-1042 of vm-sql-01',
    tone: 'good',
    summary: '3 disks, incremental, in 14 s.',
    facts: [
      { label: 'VM', value: 'vm-sql-01 (rg-shop-prod)' },
      { label: 'Kind', value: 'incremental' },
      { label: 'Expires', value: '2024-05-31' },
    ],
    tables: [
      {
        title: 'Disks',
        columns: ['Disk', 'Provisioned', 'Used', 'Billed'],
        rows: [
          ['vm-sql-01-osdisk', '127 GiB', '38 GiB', '38 GiB'],
          ['vm-sql-01-data-0', '512 GiB', '210 GiB', '210 GiB'],
          ['vm-sql-01-data-1', '1024 GiB', '96 GiB', '96 GiB'],
        ],
        note: 'Billed: 344 GiB in total (incremental snapshots bill used size).',
      },
    ],
    notes: ['List sets with `snapshots vm-sql-01`.'],
    footer: 'ref 3f9c2a · 14 s',
  },
  error: {
    kind: 'error',
    title: 'Unknown VM vm-sq-01',
    tone: 'attention',
    summary: 'No VM named vm-sq-01 in subscription 00000000-0000-0000-0000-000000000001.',
    notes: ['Did you mean `vm-sql-01`?'],
    footer: 'ref 9b1d77',
  },
  'empty-table': {
    kind: 'snapshot-list',
    title: 'Snapshot sets of vm-web-01',
    tables: [{ columns: ['Set', 'Age', 'Kind', 'Billed'], rows: [] }],
    notes: ['Take one with `snapshot vm-web-01`.'],
  },
  'wide-table': {
    kind: 'vm-list',
    title: 'VMs',
    tables: [
      {
        columns: ['VM', 'Resource group', 'OS', 'Power', 'Size', 'Backup', 'Replication'],
        rows: [
          ['vm-web-01', 'rg-shop-prod', 'Linux', 'running', 'Standard_D2s_v5', 'DailyPolicy', 'healthy'],
          ['vm-dev-01', 'rg-dev', 'Linux', 'stopped', 'Standard_B2s', 'none', 'none'],
        ],
      },
    ],
  },
  'long-text': {
    kind: 'error',
    title: 'Not a command: *bold* _it_ [link](http://x) <b>html</b> & co',
    tone: 'warning',
    summary: `I could not read "${'x'.repeat(2500)}".`,
    facts: [{ label: 'You typed', value: '- list\n1. item\n# heading\n> quote\u0007' }],
    notes: ['Try `help`.'],
  },
  actions: {
    kind: 'approval-request',
    title: 'Approval needed: dr drill shop',
    tone: 'warning',
    summary: 'alice asks to run a DR drill of recovery plan shop into vnet-dr-test.',
    facts: [
      { label: 'Requested by', value: 'alice' },
      { label: 'Expires', value: 'in 30 minutes' },
    ],
    actions: [
      { label: 'Approve', verb: 'approval.approve', data: { requestId: 'req-1' }, style: 'positive' },
      {
        label: 'Reject',
        verb: 'approval.reject',
        data: { requestId: 'req-1', verb: 'spoofed' },
        style: 'destructive',
        confirm: 'Reject the DR drill of shop?',
      },
      { label: 'Details', verb: 'approval.show', data: { requestId: 'req-1' } },
    ],
  },
  // Azure Backup cards (issue 6), shaped as the operations build them.
  'recovery-point-list': {
    kind: 'recovery-point-list',
    title: 'Recovery points of vm-sql-01',
    tone: 'neutral',
    summary: '31 point(s), newest first, in vault rsv-prod-weu (policy DailyPolicy).',
    tables: [
      {
        columns: ['Time (UTC)', 'Age', 'Consistency', 'Tier', 'Point'],
        rows: [
          ['2026-11-23 22:30 UTC', '12 h', 'application', 'Instant, Hardened', '2719347711462938645'],
          ['2026-11-22 22:30 UTC', '1 d 12 h', 'application', 'Instant, Hardened', '2719261311462938645'],
          ['2026-11-21 22:31 UTC', '2 d 12 h', 'crash', 'Hardened', '2719174911462938645'],
        ],
        note: '28 older point(s) not shown: narrow it with `recovery points vm-sql-01 since 7d`.',
      },
    ],
    notes: ['Restore from one: `restore vm-sql-01 from <time or point> as new <name>`.'],
  },
  'backup-progress': {
    kind: 'backup-progress',
    title: 'Backing up vm-sql-01',
    tone: 'accent',
    summary: 'Backup job 3a1c0e2d-9b1f-4f5e-8e8a-0c6f2d1b7a44 is running.',
    progress: {
      percent: 35,
      steps: [
        { label: 'Take Snapshot', state: 'succeeded' },
        { label: 'Transfer data to vault', state: 'running', detail: '22%' },
      ],
    },
    footer:
      'Azure Backup job 3a1c0e2d-9b1f-4f5e-8e8a-0c6f2d1b7a44 in vault rsv-prod-weu. `cancel job-1f2e3d4c` stops it.',
  },
  'backup-result': {
    kind: 'backup-result',
    title: 'Backup of vm-sql-01 done',
    tone: 'good',
    summary: 'New recovery point 2719434111462938645, 2026-11-24 10:02 UTC.',
    facts: [
      { label: 'Status', value: 'Completed' },
      { label: 'Consistency', value: 'application-consistent' },
      { label: 'Vault', value: 'rsv-prod-weu' },
    ],
    progress: {
      steps: [
        { label: 'Take Snapshot', state: 'succeeded' },
        { label: 'Transfer data to vault', state: 'succeeded' },
      ],
    },
    footer:
      'Job 3a1c0e2d-9b1f-4f5e-8e8a-0c6f2d1b7a44, in 21m 4s. `recovery points vm-sql-01` lists them all.',
  },
  'backup-failed': {
    kind: 'backup-result',
    title: 'Backup of vm-api-01 failed',
    tone: 'attention',
    summary:
      'VM Agent is unable to communicate with the Azure Backup Service. (UserErrorGuestAgentStatusUnavailable)',
    progress: {
      steps: [
        { label: 'Take Snapshot', state: 'failed' },
        { label: 'Transfer data to vault', state: 'pending' },
      ],
    },
    notes: ['Try again: `backup vm-api-01`.'],
    footer: 'Job 7b2d9c11-0e4a-4c1b-9f3e-51a2c8d0e6f7, after 2m 10s.',
  },
  'backup-enabled': {
    kind: 'backup-enabled',
    title: 'Backup enabled for vm-dev-01',
    tone: 'good',
    summary: 'Protected in vault rsv-prod-weu with policy DailyPolicy (protected, first backup pending).',
    notes: ["The first scheduled backup runs at the policy's time.", 'Take one now: `backup vm-dev-01`.'],
  },
  'vm-list-backup': {
    kind: 'vm-list',
    title: 'VMs without backup',
    tone: 'warning',
    summary: '1 VM(s), 0 running.',
    tables: [
      {
        columns: ['VM', 'Resource group', 'Power', 'Size', 'OS', 'Backup'],
        rows: [['vm-dev-01', 'rg-dev', 'deallocated', 'Standard_B2s', 'Linux', 'none']],
      },
    ],
    notes: ['1 of 7 VM(s) has no backup: `enable backup <vm>`.', 'Details of one VM: `status <vm>`.'],
  },
  ...RESTORE_SAMPLE_VIEWS,
  ...DR_SAMPLE_VIEWS,
  ...ALERT_SAMPLE_VIEWS,
};
