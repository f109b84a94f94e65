import { quoteUserText } from './quote-user-text.js';
import { suggestClosest } from './suggest-closest.js';
import type { Token } from './tokenize-command.js';

/** What may be said about any command, wherever it appears, kept out of the arguments. */
export interface Modifiers {
  tokens: Token[];
  dryRun: boolean;
  helpRequested: boolean;
  reason?: string;
}

export interface ModifierProblem {
  problem: 'invalid-argument' | 'unexpected-words' | 'missing-argument';
  message: string;
  suggestions: string[];
}

const MAX_REASON = 500;
const OPTIONS = ['--dry-run', '--help'];
const HELP_FLAGS = new Set(['--help', '-h', '-help', '-?']);
const REASON_WORDS = new Set(['because', 'because:', 'reason:', '--reason', 'why:']);
/** A slash command or a typed mention in front ("/recovery ...", "@bot ..."). */
const ADDRESS = /^(?:\/recovery(?:-?bot)?|@\S*)$/i;

/**
 * Takes out the bot's address, `--dry-run` (also `--dryrun`, `dry-run`, `dry run`), `--help`
 * and `because <reason>` (the rest of the line), leaving the words of the command itself.
 */
export function extractModifiers(input: readonly Token[]): Modifiers | ModifierProblem {
  const addressed = dropAddress(input);
  const reasonAt = addressed.findIndex((token, index) => index > 0 && isUnquoted(token, REASON_WORDS));
  const commandPart = reasonAt < 0 ? addressed : addressed.slice(0, reasonAt);
  // In the reason only the spelled-out option counts: "because the dry run passed" is prose.
  const reasonPart = reasonAt < 0 ? [] : addressed.slice(reasonAt + 1);
  const reasonOptions = reasonPart.filter((token) => !token.quoted && token.text.startsWith('--'));
  const dryRun = hasDryRun(commandPart) || hasDryRun(reasonOptions);
  const tokens = withoutDryRun(commandPart).filter((token) => !isUnquoted(token, HELP_FLAGS));
  const reasonTokens = reasonPart.filter((token) => !reasonOptions.includes(token) || !hasDryRun([token]));
  const reason = reasonAt < 0 ? undefined : reasonText(reasonTokens);
  const problem = checkReason(reason) ?? checkOptions(tokens);
  if (problem) return problem;
  const helpRequested = commandPart.some((token) => isUnquoted(token, HELP_FLAGS));
  return { tokens, dryRun, helpRequested, ...(reason === undefined ? {} : { reason }) };
}

function hasDryRun(tokens: readonly Token[]): boolean {
  return tokens.some((_, index) => dryRunLength(tokens, index) > 0);
}

function withoutDryRun(tokens: readonly Token[]): Token[] {
  return tokens.filter((_, index) => !isPartOfDryRun(tokens, index));
}

function dropAddress(tokens: readonly Token[]): Token[] {
  let start = 0;
  while (start < 2 && start < tokens.length && isAddress(tokens[start])) start++;
  return tokens.slice(start);
}

function isAddress(token: Token | undefined): boolean {
  return token !== undefined && !token.quoted && ADDRESS.test(token.text);
}

/** 1 for `--dry-run`-like tokens, 2 for `dry run`, 0 otherwise. */
function dryRunLength(tokens: readonly Token[], index: number): number {
  const token = tokens[index];
  if (!token || token.quoted) return 0;
  const word = token.text.toLowerCase().replace(/^-+/, '').replace(/[-_]/g, '');
  if (word === 'dryrun') return 1;
  const next = tokens[index + 1];
  return word === 'dry' && next && !next.quoted && next.text.toLowerCase() === 'run' ? 2 : 0;
}

function isPartOfDryRun(tokens: readonly Token[], index: number): boolean {
  return dryRunLength(tokens, index) > 0 || (index > 0 && dryRunLength(tokens, index - 1) === 2);
}

function isUnquoted(token: Token, words: ReadonlySet<string>): boolean {
  return !token.quoted && words.has(token.text.toLowerCase());
}

function reasonText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => token.text)
    .join(' ')
    .trim();
}

function checkReason(reason: string | undefined): ModifierProblem | undefined {
  if (reason === undefined) return undefined;
  if (reason === '') {
    return {
      problem: 'missing-argument',
      message:
        'Say why after `because`, or leave it out. Example: `snapshot vm-web-01 because patching tonight`.',
      suggestions: [],
    };
  }
  if (reason.length <= MAX_REASON) return undefined;
  return {
    problem: 'invalid-argument',
    message: `The reason is ${reason.length} characters long; keep it under ${MAX_REASON}. Put details in the ticket and link it.`,
    suggestions: [],
  };
}

/** Any other `--option` is a mistake worth naming, not a VM called "--force". */
function checkOptions(tokens: readonly Token[]): ModifierProblem | undefined {
  const option = tokens.find((token) => !token.quoted && token.text.startsWith('--'));
  if (!option) return undefined;
  const closest = suggestClosest(option.text, OPTIONS, 1)[0];
  const hint = closest ? `Did you mean \`${closest}\`?` : 'The options are `--dry-run` and `--help`.';
  return {
    problem: 'unexpected-words',
    message: `I don't know the option ${quoteUserText(option.text)}. ${hint}`,
    suggestions: closest ? [closest] : [],
  };
}
