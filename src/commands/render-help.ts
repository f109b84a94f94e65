import type { Table, View } from '../chat/view.js';
import { commandCatalog, findCommandSpec } from './catalog.js';
import { COMMAND_GROUPS, type CommandSpec } from './command-spec.js';
import { quoteUserText } from './quote-user-text.js';
import { type ApprovalsFor, renderCommandHelp } from './render-command-help.js';
import { helpName, resolveHelpTopic } from './resolve-help-topic.js';

export interface RenderHelpOptions {
  /** Help for one command, by id. */
  commandId?: string;
  /** Help for what the user typed after `help` (words, alias, group or typo). */
  topicText?: string;
  /** Whether the asker may run it; commands they may not run are left out of the list. */
  canRun?: (spec: CommandSpec) => boolean;
  /** Approvals the policy requires (the catalog default unless the policy says otherwise). */
  approvalsFor?: ApprovalsFor;
}

const HOW_TO =
  'Type a command in plain words, such as `snapshot vm-web-01` or `take a snapshot of vm-web-01`. ' +
  'Changes take `--dry-run`; `help <command>` explains one.';

/** The help card: the whole list, one command, a family (`help restore`) or a "did you mean". */
export function renderHelp(options: RenderHelpOptions = {}): View {
  const approvalsFor = options.approvalsFor ?? ((spec: CommandSpec) => spec.approvals);
  const byId = options.commandId === undefined ? undefined : findCommandSpec(options.commandId);
  if (byId) return renderCommandHelp(byId, approvalsFor);
  const topic = options.topicText?.trim();
  if (!topic)
    return renderCommandList(commandCatalog, options, approvalsFor, { title: 'Commands', summary: HOW_TO });
  const found = resolveHelpTopic(topic);
  switch (found.kind) {
    case 'command':
      return renderCommandHelp(
        found.spec,
        approvalsFor,
        found.typo
          ? `There is no ${quoteUserText(found.typo)}; this is \`${found.spec.words.join(' ')}\`.`
          : undefined,
      );
    case 'group':
      return renderCommandList(found.specs, options, approvalsFor, { title: found.group, summary: HOW_TO });
    case 'several':
      return renderCommandList(found.specs, options, approvalsFor, {
        title: `Commands: ${found.title}`,
        summary: `For details: ${found.specs.map((spec) => `\`help ${helpName(spec)}\``).join(', ')}.`,
      });
    default:
      return renderUnknownTopic(found.typed, found.suggestions);
  }
}

function renderCommandList(
  specs: readonly CommandSpec[],
  options: RenderHelpOptions,
  approvalsFor: ApprovalsFor,
  heading: { title: string; summary: string },
): View {
  const canRun = options.canRun ?? (() => true);
  const shown = specs.filter((spec) => canRun(spec));
  const hidden = specs.length - shown.length;
  const tables = COMMAND_GROUPS.map((group) => groupTable(group, shown, approvalsFor)).filter(
    (table): table is Table => table !== undefined,
  );
  const notes = ['Add `because <reason>` to any command to say why; it is logged with the command.'];
  if (hidden > 0) {
    notes.push(
      `${hidden} more ${hidden === 1 ? 'command needs a role' : 'commands need roles'} you do not have. \`whoami\` shows yours.`,
    );
  }
  return { kind: 'help', title: heading.title, tone: 'accent', summary: heading.summary, tables, notes };
}

function groupTable(
  group: string,
  specs: readonly CommandSpec[],
  approvalsFor: ApprovalsFor,
): Table | undefined {
  const rows = specs
    .filter((spec) => spec.group === group)
    .map((spec) => [spec.syntax, spec.summary, markers(spec, approvalsFor(spec)).join('; ')]);
  return rows.length === 0
    ? undefined
    : { title: group, columns: ['Command', 'What it does', 'Needs'], rows };
}

/** "1 approval", "admin", "coming: Azure Backup": what stands between the user and a result. */
export function markers(spec: CommandSpec, approvals: number): string[] {
  const marks: string[] = [];
  if (spec.availability.status === 'planned') marks.push(`(coming: ${spec.availability.capability})`);
  if (approvals > 0) marks.push(approvals === 1 ? '1 approval' : `${approvals} approvals`);
  if (spec.role === 'admin' || spec.role === 'approver') marks.push(`${spec.role} role`);
  return marks;
}

function renderUnknownTopic(typed: string, suggestions: readonly string[]): View {
  const options = suggestions.map((phrase) => `\`help ${phrase}\``).join(' or ');
  return {
    kind: 'help-unknown',
    title: 'No such command',
    tone: 'warning',
    summary:
      suggestions.length > 0
        ? `There is no command ${quoteUserText(typed)}. Did you mean ${options}?`
        : `There is no command ${quoteUserText(typed)}. Type \`help\` for the list.`,
  };
}
