import type { CommandSpec } from '../command-spec.js';
import { appArg, available } from './common-args.js';

const group = 'Site Recovery';

export const siteRecoveryReadCommands: readonly CommandSpec[] = [
  {
    id: 'dr.status',
    syntax: 'dr status [app]',
    words: ['dr', 'status'],
    aliases: ['dr health', 'replication status', 'replication health', 'replication', 'asr status'],
    args: [
      { ...appArg, required: false, description: 'One app (recovery plan); leave out for one line per app.' },
    ],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    featured: true,
    group,
    summary: 'Replication health, RPO and readiness per app and VM.',
    help:
      'Per recovery plan and VM: replication health, RPO with the age of the latest recovery point, active ' +
      'location, the last drill, and anything that would block a failover. Without an app, one line per app.',
    examples: ['dr status', 'dr status shop', 'replication status crm'],
    availability: available,
  },
  {
    id: 'dr.reports',
    syntax: 'dr reports [app]',
    words: ['dr', 'reports'],
    aliases: ['drill reports', 'dr report list', 'dr drill reports'],
    args: [{ ...appArg, required: false, description: 'Only the reports of this app (recovery plan).' }],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    group,
    summary: 'List the stored drill reports, newest first.',
    help:
      'Lists the drill reports written by `dr cleanup`, newest first, with the app, date, result and the RPO and ' +
      'RTO achieved. `dr report <id>` opens one.',
    examples: ['dr reports', 'dr reports shop'],
    availability: available,
  },
  {
    id: 'dr.report',
    syntax: 'dr report <id>',
    words: ['dr', 'report'],
    aliases: ['drill report', 'dr drill report'],
    args: [
      {
        name: 'id',
        type: 'reportId',
        required: true,
        placeholder: '<id>',
        description: 'The report id, as `dr reports` lists it.',
      },
    ],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    group,
    summary: 'Show one drill report, with a Markdown copy.',
    help:
      'Shows a drill report: plan, who asked and approved, recovery point and achieved RPO per VM, achieved ' +
      'RTO, the step timeline, manual actions and who did them, notes, result and anything left behind. ' +
      'Offers the report as Markdown for your records.',
    examples: ['dr report dr-20261204-shop-3f9c', 'drill report dr-20261204-shop-3f9c'],
    availability: available,
  },
];
