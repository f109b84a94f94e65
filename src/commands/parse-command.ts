import { type BindFailure, bindArgs } from './bind-args.js';
import { findCommandSpec } from './catalog.js';
import { cleanInput } from './clean-input.js';
import type { CommandSpec } from './command-spec.js';
import { describeBindFailure } from './describe-bind-failure.js';
import { describeUnknownCommand, didYouMean } from './describe-unknown-command.js';
import { extractModifiers, type Modifiers } from './extract-modifiers.js';
import { formatCommand } from './format-command.js';
import { type HeadMatch, matchCommandHead } from './match-command-head.js';
import { neutralise } from './quote-user-text.js';
import { suggestCommandPhrases } from './suggest-commands.js';
import { tokenizeCommand } from './tokenize-command.js';

export type ParseProblem =
  | 'empty'
  | 'too-long'
  | 'unknown-command'
  | 'missing-argument'
  | 'invalid-argument'
  | 'unexpected-words';

export type ParseResult =
  | { ok: true; command: ParsedCommand }
  | { ok: false; problem: ParseProblem; message: string; suggestions: string[]; spec?: CommandSpec };

export interface ParsedCommand {
  id: string;
  spec: CommandSpec;
  /** Every declared argument by name; defaults filled in, absent optional ones undefined. */
  args: Record<string, string | number | boolean | undefined>;
  dryRun: boolean;
  /** From `... because <reason>`, for the approval card and the audit. */
  reason?: string;
  /** The text as received, after mentions and markup were removed. */
  text: string;
  /** The same command in its canonical spelling (`snapshot vm-web-01 incremental`). */
  canonical: string;
}

/** Longer input is no command; Teams allows 28 KB, and echoing that back helps nobody. */
export const MAX_COMMAND_LENGTH = 4000;
/** Every message stays short enough for a card's summary line. */
export const MAX_MESSAGE_LENGTH = 600;
const MAX_SUGGESTION_LENGTH = 200;
const EMPTY_MESSAGE = 'Type a command, such as `status vm-web-01`, or `help` for the list.';

/** Text to typed command. Never throws: every input gets a result, and bad input a clear answer. */
export function parseCommand(text: string): ParseResult {
  if (typeof text !== 'string') return failure('empty', EMPTY_MESSAGE, ['help']);
  if (text.length > MAX_COMMAND_LENGTH) {
    const size = text.length.toLocaleString('en-US');
    return failure(
      'too-long',
      `That message is ${size} characters long; a command is at most 4,000. Send the command on its own.`,
      [],
    );
  }
  const cleaned = cleanInput(text);
  const modifiers = extractModifiers(tokenizeCommand(cleaned));
  if ('problem' in modifiers) return failure(modifiers.problem, modifiers.message, modifiers.suggestions);
  if (modifiers.tokens.length === 0) {
    return modifiers.helpRequested
      ? helpFor('', modifiers, cleaned)
      : failure('empty', EMPTY_MESSAGE, ['help']);
  }
  const head = matchCommandHead(modifiers.tokens);
  if (!head) {
    const unknown = describeUnknownCommand(modifiers.tokens);
    return failure('unknown-command', unknown.message, unknown.suggestions);
  }
  if (modifiers.helpRequested) return helpFor(headWords(head), modifiers, cleaned);
  return bindHead(head, modifiers, cleaned);
}

function bindHead(head: HeadMatch, modifiers: Modifiers, text: string): ParseResult {
  const rest = modifiers.tokens.slice(head.next, head.end);
  const failures: { spec: CommandSpec; failure: BindFailure }[] = [];
  for (const { spec, presets } of head.candidates) {
    const bound = bindArgs(spec, rest, presets);
    if (bound.ok) return success(spec, bound.args, modifiers, text);
    failures.push({ spec, failure: bound });
  }
  // The words did not fit; perhaps a longer command was mistyped ("snapshot delet x").
  if (failures.every(({ failure }) => failure.kind !== 'missing')) {
    const longer = suggestCommandPhrases(modifiers.tokens, head.start, head.wordsEnd - head.start + 1);
    if (longer.length > 0) {
      const typo = didYouMean(modifiers.tokens, head.start, longer);
      return failure('unknown-command', typo.message, typo.suggestions);
    }
  }
  const typed = modifiers.tokens.slice(head.start, head.next).map((token) => token.text);
  const described = describeBindFailure({ failures, head: typed.join(' '), rest });
  return failure(described.problem, described.message, described.suggestions, failures[0]?.spec);
}

function headWords(head: HeadMatch): string {
  return head.candidates[0]?.spec.words.join(' ') ?? '';
}

function helpFor(topic: string, modifiers: Modifiers, text: string): ParseResult {
  const spec = findCommandSpec('help');
  if (!spec) return failure('unknown-command', 'Help is not available.', []);
  return success(spec, { topic: topic === '' ? undefined : topic }, { ...modifiers, dryRun: false }, text);
}

function success(
  spec: CommandSpec,
  args: ParsedCommand['args'],
  modifiers: Modifiers,
  text: string,
): ParseResult {
  const command: ParsedCommand = {
    id: spec.id,
    spec,
    args,
    dryRun: modifiers.dryRun,
    text,
    canonical: formatCommand(spec, args, modifiers.dryRun),
    ...(modifiers.reason === undefined ? {} : { reason: modifiers.reason }),
  };
  return { ok: true, command };
}

function failure(
  problem: ParseProblem,
  message: string,
  suggestions: string[],
  spec?: CommandSpec,
): ParseResult {
  const bounded =
    message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
  const safe = suggestions
    .filter((suggestion) => suggestion.length <= MAX_SUGGESTION_LENGTH)
    .map(neutralise)
    .slice(0, 3);
  return { ok: false, problem, message: bounded, suggestions: safe, ...(spec ? { spec } : {}) };
}
