import type { View } from '../../src/chat/view.js';

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
};
