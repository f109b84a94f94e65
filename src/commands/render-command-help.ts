import type { Fact, Table, View } from '../chat/view.js';
import { ARG_TYPE_RULES } from './arg-type-rules.js';
import type { ArgSpec, CommandSpec } from './command-spec.js';
import { argLabel } from './label-arg.js';

export type ApprovalsFor = (spec: CommandSpec) => number;

/** `help <command>`: everything needed to run it right the first time. */
export function renderCommandHelp(spec: CommandSpec, approvalsFor: ApprovalsFor, lead?: string): View {
  const notes = [spec.help, `Examples: ${spec.examples.map((example) => `\`${example}\``).join(' · ')}`];
  if (spec.sideEffects === 'change') {
    notes.push(
      'Add `--dry-run` to see exactly what would happen without changing anything, and `because <reason>` to say why (it is logged with the command).',
    );
  }
  return {
    kind: 'help-command',
    title: spec.syntax,
    tone: spec.availability.status === 'planned' ? 'warning' : 'accent',
    summary: lead ? `${lead} ${spec.summary}` : spec.summary,
    facts: commandFacts(spec, approvalsFor),
    ...(spec.args.length > 0 ? { tables: [argumentTable(spec.args)] } : {}),
    notes,
    footer: `Command id: ${spec.id}`,
  };
}

function commandFacts(spec: CommandSpec, approvalsFor: ApprovalsFor): Fact[] {
  const facts: Fact[] = [
    { label: 'Available', value: availabilityText(spec) },
    {
      label: 'Changes',
      value: spec.sideEffects === 'change' ? 'Yes (takes --dry-run)' : 'Nothing: read only',
    },
    { label: 'Role', value: spec.openToEveryone ? 'anyone' : `${spec.role} or above` },
    { label: 'Approvals', value: approvalsText(approvalsFor(spec)) },
  ];
  const aliases = spec.aliases.map((alias) => (typeof alias === 'string' ? alias : alias.phrase)).slice(0, 5);
  if (aliases.length > 0) facts.push({ label: 'Also understood', value: aliases.join(', ') });
  return facts;
}

export function availabilityText(spec: CommandSpec): string {
  const { availability } = spec;
  return availability.status === 'available'
    ? 'Now'
    : `Coming with ${availability.capability} (issue ${availability.issue})`;
}

export function approvalsText(count: number): string {
  if (count <= 0) return 'None';
  return count === 1 ? '1 approver (not the requester)' : `${count} approvers (not the requester)`;
}

function argumentTable(args: readonly ArgSpec[]): Table {
  return {
    title: 'Arguments',
    columns: ['Argument', 'Required', 'Allowed', 'Meaning'],
    rows: args.map((arg) => [
      argLabel(arg),
      arg.required ? 'yes' : 'no',
      allowedText(arg),
      arg.description.replace(/`/g, ''),
    ]),
  };
}

/** Plain text: table cells are not markdown, so the rules lose their code spans. */
function allowedText(arg: ArgSpec): string {
  if (arg.type === 'enum') return (arg.values ?? []).join(', ');
  if (arg.type === 'flag') return 'the word itself';
  if (arg.type === 'duration') {
    const max = `${arg.maxDays ?? 365}d`;
    return `30m, 12h, 7d or 2w; ${arg.allowZero ? '0' : 'above 0'} to ${max}`;
  }
  if (arg.type === 'text' || arg.type === 'topic')
    return arg.type === 'text' ? 'text, in quotes or to the end' : 'a command';
  return ARG_TYPE_RULES[arg.type].allowed.replace(/`/g, '');
}
