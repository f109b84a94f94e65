import type { CommandSpec } from '../command-spec.js';
import { available, jobArg } from './common-args.js';

const group = 'Approvals and jobs';

export const jobCommands: readonly CommandSpec[] = [
  {
    id: 'jobs.list',
    syntax: 'jobs [running|failed] [mine] [<app or vm>]',
    words: ['jobs'],
    aliases: [
      { phrase: 'running jobs', presets: { state: 'running' } },
      { phrase: 'failed jobs', presets: { state: 'failed' } },
      { phrase: 'my jobs', presets: { mine: true } },
      'job list',
      'operations',
    ],
    args: [
      {
        name: 'state',
        type: 'enum',
        required: false,
        values: ['running', 'failed'],
        placeholder: 'running|failed',
        description: 'Only the running jobs, or only those that failed (default: every state).',
      },
      {
        name: 'mine',
        type: 'flag',
        required: false,
        description: 'Only the jobs you asked for.',
      },
      {
        name: 'target',
        type: 'vm',
        required: false,
        placeholder: '<app or vm>',
        description: 'Only the jobs whose command names this app or VM (`shop`, `vm-web-01`).',
      },
    ],
    sideEffects: 'read',
    role: 'viewer',
    approvals: 0,
    featured: true,
    group,
    summary: 'Running and recent jobs, by state, by you, or by app or VM.',
    help:
      'Lists the running and recent jobs (every change Azure took from the bot is one; a command refused by the ' +
      'bot or by Azure before anything changed is in the audit only): id, command, who asked, state and age, newest first. Narrow it with ' +
      '`running` or `failed`, `mine`, and an app or VM, in any order. `job <id>` shows one in full.',
    examples: ['jobs', 'jobs failed shop', 'jobs mine running', 'running jobs', 'jobs vm-web-01'],
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
    summary: 'One job: steps with times, progress, Azure job and result.',
    help:
      'Shows one job: the command, who asked and who approved, each step with its state and the times it started ' +
      'and ended, the progress, the Azure Backup or Site Recovery job it follows with a link to it in the Azure ' +
      'portal, and the result.',
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
    syntax: 'audit [n] [<who or what>] [since <duration>]',
    words: ['audit'],
    aliases: ['audit log', 'history'],
    args: [
      {
        name: 'n',
        type: 'count',
        required: false,
        placeholder: 'n',
        description: 'How many entries (default 20, at most 200).',
      },
      {
        name: 'about',
        type: 'vm',
        required: false,
        placeholder: '<who or what>',
        description:
          'Only entries of a person (`alice`), about an app or VM (`shop`, `vm-web-01`), or of one request: a ' +
          'reference, approval, job or ARM request id.',
      },
      {
        name: 'since',
        type: 'duration',
        required: false,
        keywords: ['since'],
        description: 'Only entries of this last period (`30m`, `2h`, `7d`).',
      },
    ],
    sideEffects: 'read',
    role: 'admin',
    approvals: 0,
    group,
    summary: 'Audit entries, by person, app or VM, request and period (admins).',
    help:
      'Shows the newest audit entries: every command (refused ones too), decision and change, with who, platform, ' +
      'channel, origin and reference. Narrow it to a person, an app or VM, or one request (its reference, ' +
      'approval, job or ARM request id), and to a period with `since`. For longer periods use ' +
      '`npm run audit:export -- --since 7d`.',
    examples: ['audit', 'audit 50', 'audit alice', 'audit vm-web-01 since 2h', 'audit shop since 7d'],
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
