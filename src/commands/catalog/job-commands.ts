import type { CommandSpec } from '../command-spec.js';
import { available, jobArg } from './common-args.js';

const group = 'Approvals and jobs';

export const jobCommands: readonly CommandSpec[] = [
  {
    id: 'jobs.list',
    syntax: 'jobs',
    words: ['jobs'],
    aliases: ['running jobs', 'job list', 'operations'],
    args: [],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    featured: true,
    group,
    summary: 'Running and recent jobs, with progress.',
    help:
      'Lists the running and recent jobs (every change the bot makes is one): id, command, who asked, state, ' +
      'progress and age. `job <id>` shows one in full.',
    examples: ['jobs', 'show jobs'],
    availability: available,
  },
  {
    id: 'job.show',
    syntax: 'job <id>',
    words: ['job'],
    aliases: ['job status', 'job details'],
    args: [{ ...jobArg, placeholder: '<id>' }],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    group,
    summary: 'One job: steps, progress, Azure handle and result.',
    help:
      'Shows one job: the command, who asked and who approved, each step with its state, the Azure operation ' +
      'or job it follows, and the result.',
    examples: ['job job-1ee122c6', 'job status job-1ee122c6'],
    availability: available,
  },
  {
    id: 'approvals.list',
    syntax: 'approvals',
    words: ['approvals'],
    aliases: ['pending approvals', 'approval requests', 'pending'],
    args: [],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    group,
    summary: 'Pending approval requests and who may decide them.',
    help:
      'Lists the approval requests still open: what would run, who asked and why, approvals so far, who may ' +
      'approve, and when it expires (30 minutes by default).',
    examples: ['approvals', 'show pending approvals'],
    availability: available,
  },
  {
    id: 'audit.list',
    syntax: 'audit [n]',
    words: ['audit'],
    aliases: ['audit log', 'history'],
    args: [
      {
        name: 'n',
        type: 'count',
        required: false,
        placeholder: 'n',
        description: 'How many recent entries (default 20, at most 200).',
      },
    ],
    sideEffects: 'read',
    role: 'admin',
    approvals: 0,
    group,
    summary: 'Recent audit entries (admins).',
    help:
      'Shows the most recent audit entries: every command, decision and change, with actor, platform, channel, ' +
      'origin and correlation id. For longer periods use `npm run audit:export -- --since 7d`.',
    examples: ['audit', 'audit 50'],
    availability: available,
  },
  {
    id: 'job.cancel',
    syntax: 'cancel <job>',
    words: ['cancel'],
    aliases: ['cancel job', 'abort', 'stop job'],
    args: [jobArg],
    sideEffects: 'change',
    role: 'operator',
    approvals: 0,
    group,
    summary: 'Cancel a running job where Azure allows it.',
    help:
      'Cancels a running job where Azure can (backup jobs, Site Recovery jobs); otherwise says why not and what ' +
      'state the job is in. A pending approval request is cancelled by its requester the same way.',
    examples: ['cancel job-1ee122c6', 'cancel job job-1ee122c6 because wrong vm'],
    availability: available,
  },
];
