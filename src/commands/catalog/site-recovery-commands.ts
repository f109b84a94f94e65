import type { ArgSpec, CommandSpec } from '../command-spec.js';
import { appArg, available, drPointArg } from './common-args.js';

const group = 'Site Recovery';

/** The common part of every changing Site Recovery command. */
const siteRecoveryChange = {
  sideEffects: 'change',
  role: 'operator',
  group,
  availability: available,
} as const;

function marker(name: string, keywords: string[], required: boolean, description: string): ArgSpec {
  return { name, type: 'flag', required, keywords, description };
}

export const siteRecoveryCommands: readonly CommandSpec[] = [
  {
    ...siteRecoveryChange,
    id: 'dr.drill',
    syntax: 'dr drill <app> [network <vnet>] [point latest|app-consistent]',
    words: ['dr', 'drill'],
    aliases: ['drill', 'dr test', 'test failover', 'disaster recovery drill', 'dr exercise'],
    args: [
      appArg,
      {
        name: 'network',
        type: 'vnet',
        required: false,
        keywords: ['network', 'vnet', 'in network', 'into'],
        description:
          "Isolated test network (default: the plan's configured one, `vnet-dr-test` in the demo).",
      },
      drPointArg,
    ],
    approvals: 1,
    featured: true,
    summary: 'DR drill: test failover of an app into an isolated network.',
    help:
      'Runs a test failover of the whole recovery plan into an isolated network, without touching production or ' +
      'replication. First a pre-flight card (health, RPO, network isolation, last drill), then approval, then ' +
      'live progress by group and step; manual actions get a Done button. When the VMs are up, validate, then ' +
      '`dr cleanup <app>`; cleanup also happens by itself after a few hours, with a reminder.',
    examples: [
      'dr drill shop',
      'run a dr drill for shop',
      'dr drill crm network vnet-dr-test point app-consistent --dry-run',
    ],
  },
  {
    ...siteRecoveryChange,
    id: 'dr.cleanup',
    syntax: 'dr cleanup <app> [notes "..."]',
    words: ['dr', 'cleanup'],
    aliases: [
      'drill cleanup',
      'cleanup drill',
      'cleanup dr drill',
      'end drill',
      'finish drill',
      'dr drill cleanup',
    ],
    args: [
      appArg,
      {
        name: 'notes',
        type: 'text',
        required: false,
        keywords: ['notes', 'note', 'with notes', 'comment', 'comments'],
        placeholder: '"..."',
        description: 'What you validated or saw; goes into Site Recovery and the drill report.',
      },
    ],
    approvals: 0,
    summary: 'End a drill: remove the test VMs and write the drill report.',
    help:
      'Cleans up the test failover (the drill VMs and network attachments go) with your notes, then writes the ' +
      'drill report: who asked and approved, recovery points and achieved RPO per VM, achieved RTO, the step ' +
      'timeline, manual actions, result and anything left behind.',
    examples: ['dr cleanup shop', 'dr cleanup shop notes "web and api answered, DNS cutover confirmed"'],
  },
  {
    ...siteRecoveryChange,
    id: 'dr.done',
    syntax: 'dr done <app> [notes "..."]',
    words: ['dr', 'done'],
    aliases: ['dr continue', 'dr resume', 'manual step done', 'dr step done'],
    args: [
      appArg,
      {
        name: 'notes',
        type: 'text',
        required: false,
        keywords: ['notes', 'note', 'comment', 'comments'],
        placeholder: '"..."',
        description: 'What was done; kept on the step in Site Recovery and in the drill report.',
      },
    ],
    approvals: 0,
    summary: 'Confirm the manual step a drill or failover waits for.',
    help:
      'A recovery plan can stop at a manual step ("Confirm DNS cutover"). When it is really done, this (or the Done ' +
      'button on its card) lets the plan continue, recorded in Site Recovery as "done by <you> via chat".',
    examples: ['dr done shop', 'dr done shop notes "DNS switched, site answers"'],
  },
  {
    ...siteRecoveryChange,
    id: 'dr.failover.planned',
    syntax: 'failover <app> [planned]',
    words: ['failover'],
    aliases: [{ phrase: 'planned failover', presets: { planned: true } }, 'dr failover'],
    args: [
      appArg,
      marker(
        'planned',
        ['planned'],
        false,
        'Planned (the default): shut down in the primary region first, no data loss.',
      ),
      drPointArg,
    ],
    approvals: 1,
    summary: 'Planned failover of an app to the DR region (no data loss).',
    help:
      'Fails the whole recovery plan over to the recovery region in order, after shutting the primary VMs down ' +
      'so nothing is lost. Pre-flight first, then approval, then progress by group. Afterwards you `commit` ' +
      '(or cancel), then `reprotect` and later `failback`.',
    examples: ['failover shop', 'failover crm planned --dry-run'],
  },
  {
    ...siteRecoveryChange,
    id: 'dr.failover.unplanned',
    syntax: 'failover <app> unplanned',
    words: ['failover'],
    aliases: [
      { phrase: 'unplanned failover', presets: { unplanned: true } },
      { phrase: 'emergency failover', presets: { unplanned: true } },
      'dr failover',
    ],
    args: [
      appArg,
      marker(
        'unplanned',
        ['unplanned', 'emergency'],
        true,
        'The primary region is down: fail over from replicated data.',
      ),
      drPointArg,
    ],
    approvals: 2,
    summary: 'Unplanned failover when the primary region is down (data may be lost).',
    help:
      'Fails the whole recovery plan over from the replicated data when the primary region is unavailable. ' +
      'Data written after the recovery point is lost: the pre-flight card says how much. Needs two approvers ' +
      'by default.',
    examples: ['failover shop unplanned', 'unplanned failover of crm point latest --dry-run'],
  },
  {
    ...siteRecoveryChange,
    id: 'dr.failover.cancel',
    syntax: 'failover cancel <app>',
    words: ['failover', 'cancel'],
    aliases: ['cancel failover', 'dr cancel', 'undo failover'],
    args: [appArg],
    approvals: 1,
    summary: 'Cancel a failover that is not committed yet (back to the primary region).',
    help:
      'Cancels a failover before it is committed: the VMs created in the recovery region go, and the primary VMs run ' +
      'again, replicating as before. After a commit, use `reprotect` and `failback` instead.',
    examples: ['failover cancel shop', 'cancel failover of crm'],
  },
  {
    ...siteRecoveryChange,
    id: 'dr.commit',
    syntax: 'commit <app>',
    words: ['commit'],
    aliases: ['dr commit', 'commit failover'],
    args: [appArg],
    approvals: 1,
    summary: 'Commit a failover (it can no longer be cancelled).',
    help:
      'Commits the failover of the recovery plan: the recovery point is final and the failover can no longer be ' +
      'cancelled. Then `reprotect` to replicate back.',
    examples: ['commit shop', 'commit failover of shop'],
  },
  {
    ...siteRecoveryChange,
    id: 'dr.reprotect',
    syntax: 'reprotect <app>',
    words: ['reprotect'],
    aliases: ['dr reprotect', 'reverse replication'],
    args: [appArg],
    approvals: 1,
    summary: 'Replicate an app back after a failover.',
    help:
      'Starts replication from the region the app now runs in back to the other one, so it is protected again ' +
      'and a `failback` becomes possible. The initial sync can take a while; progress shows in the thread.',
    examples: ['reprotect shop', 're-protect crm'],
  },
  {
    ...siteRecoveryChange,
    id: 'dr.failback',
    syntax: 'failback <app>',
    words: ['failback'],
    aliases: ['dr failback'],
    args: [appArg, drPointArg],
    approvals: 1,
    summary: 'Fail an app back to its primary region (the whole sequence).',
    help:
      'Runs the whole failback to the primary region: failover back, commit, reprotect, each step visible in the ' +
      'thread. Pre-flight and approval first, as for a failover.',
    examples: ['failback shop', 'fail back crm --dry-run'],
  },
];
