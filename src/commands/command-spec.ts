/**
 * The shape of one command in the catalog (Hubot's command-bus record, declared once). Help, the
 * parser, the Teams command list, the Slack usage hint and the policy defaults all read these.
 */

/** Ordered: viewer < operator < approver < admin; a member holds every role below their own. */
export type Role = 'viewer' | 'operator' | 'approver' | 'admin';

export type CommandGroup =
  | 'Snapshots and VMs'
  | 'Azure Backup'
  | 'Site Recovery'
  | 'Alerts and schedules'
  | 'Approvals and jobs'
  | 'General';

/** Display order of the groups in help and the README. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  'Snapshots and VMs',
  'Azure Backup',
  'Site Recovery',
  'Alerts and schedules',
  'Approvals and jobs',
  'General',
];

export type ArgType =
  | 'vm'
  | 'app'
  | 'resourceGroup'
  | 'duration'
  | 'snapshotName'
  | 'snapshotSet'
  | 'jobId'
  | 'reportId'
  | 'count'
  | 'recoveryPoint'
  | 'time'
  | 'vnet'
  | 'subnet'
  | 'policyName'
  | 'text'
  | 'topic'
  | 'enum'
  | 'flag';

/**
 * How an argument appears in the text follows from its declaration:
 * - `flag`: present or not; `keywords` are the phrases that set it (default: its name).
 * - `enum` without `keywords`: the value itself is the word (`full`, `incremental`), anywhere.
 * - any type with `keywords`: a keyword phrase then the value (`older-than 7d`, `as new <name>`).
 * - otherwise positional, filled in declaration order.
 * `text` and `topic` values take the rest of the line unless quoted.
 */
export interface ArgSpec {
  name: string;
  type: ArgType;
  required: boolean;
  /** One line for help: what it means and what is used when it is left out. */
  description: string;
  /** Phrases (space-separated words) that introduce the value or set the flag. */
  keywords?: readonly string[];
  /** Allowed values of an `enum`. */
  values?: readonly string[];
  default?: string | number | boolean;
  /** Durations: whether `0d` is allowed ("prune everything older than now"). */
  allowZero?: boolean;
  /** Durations: the longest accepted, in days (365 unless set). */
  maxDays?: number;
  /** How the value is shown in syntax and messages (`<vm>`); derived from the type when absent. */
  placeholder?: string;
}

export type Availability =
  | { status: 'available' }
  | {
      status: 'planned';
      /** The capability that brings it, as users know it ("Azure Backup"). */
      capability: string;
      issue: number;
    };

/** Another way to say the command; `presets` are argument values the phrase itself implies. */
export interface CommandAlias {
  phrase: string;
  presets: Record<string, string | boolean>;
}

export interface CommandSpec {
  /** Stable id, used by policy files, audit and tests: `snapshot.create`, `dr.drill`. */
  id: string;
  /** As in DESIGN.md; the contract users read. */
  syntax: string;
  /** The leading words that name the command. Several specs may share them (restore, failover). */
  words: readonly string[];
  /** Natural or short variants of the leading words ("take snapshot", "delete snapshot"). */
  aliases: readonly (string | CommandAlias)[];
  args: readonly ArgSpec[];
  sideEffects: 'read' | 'change';
  /** Default required role; the policy file may override it. */
  role: Role;
  /** Default approvals needed before it runs; the policy file may override it. */
  approvals: 0 | 1 | 2;
  /** Answered for people without any role, so they can learn why they were refused. */
  openToEveryone?: boolean;
  /** One of the few commands shown in the Teams command list and the Slack usage hint. */
  featured?: boolean;
  group: CommandGroup;
  summary: string;
  help: string;
  /** Runnable examples against the demo estate; each parses to this spec (a test checks). */
  examples: readonly string[];
  availability: Availability;
}
