import type { ArgSpec, Availability } from '../command-spec.js';

/** Argument declarations shared by several commands, so they read and validate alike. */

export const vmArg: ArgSpec = {
  name: 'vm',
  type: 'vm',
  required: true,
  description: 'The VM, by name (found across subscriptions and resource groups).',
};

export const appArg: ArgSpec = {
  name: 'app',
  type: 'app',
  required: true,
  description: 'The app: a Site Recovery recovery plan, by name (`shop`, `crm`).',
};

export const jobArg: ArgSpec = {
  name: 'job',
  type: 'jobId',
  required: true,
  description: 'The job id, as shown by `jobs` and on progress cards.',
};

/** `from latest|<time>|<rp>` for every restore. */
export const recoveryPointArg: ArgSpec = {
  name: 'from',
  type: 'recoveryPoint',
  required: false,
  keywords: ['from', 'using', 'at'],
  default: 'latest',
  placeholder: 'latest|<time>|<rp>',
  description:
    'Recovery point: `latest` (default), a time (`yesterday 18:00`, `2h ago`, `2026-12-07 18:00`, UTC: the newest point at or before it) or a recovery point id.',
};

/** ASR recovery point choices for drills and failovers. */
export const drPointArg: ArgSpec = {
  name: 'point',
  type: 'enum',
  required: false,
  keywords: ['point', 'recovery point', 'from'],
  values: ['latest', 'app-consistent', 'crash-consistent', 'processed'],
  default: 'latest',
  description:
    'Which recovery point: `latest` (default; processes pending data first, lowest data loss), `app-consistent`, `crash-consistent` or `processed` (fastest). A recovery plan fails over to the newest point of that kind, not to a time.',
};

export const available: Availability = { status: 'available' };

export const comingWithApprovals: Availability = {
  status: 'planned',
  capability: 'Approvals, audit and durable jobs',
  issue: 3,
};
