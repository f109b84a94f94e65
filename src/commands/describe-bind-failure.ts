import { ARG_TYPE_RULES } from './arg-type-rules.js';
import type { BindFailure } from './bind-args.js';
import type { ArgSpec, CommandSpec } from './command-spec.js';
import { argLabel } from './label-arg.js';
import { quoteUserText } from './quote-user-text.js';
import { suggestClosest } from './suggest-closest.js';
import type { Token } from './tokenize-command.js';

export interface ProblemText {
  problem: 'missing-argument' | 'invalid-argument' | 'unexpected-words';
  message: string;
  suggestions: string[];
}

/** What the user is told when the words after a command do not fit it. */
export interface FailureContext {
  /** The specs that share the command words, in catalog order, and why each did not fit. */
  failures: { spec: CommandSpec; failure: BindFailure }[];
  /** The command words as typed, then the argument words. */
  head: string;
  rest: readonly Token[];
}

const UNREADABLE: ProblemText = {
  problem: 'unexpected-words',
  message: 'I could not read that command. Type `help`.',
  suggestions: [],
};

export function describeBindFailure(context: FailureContext): ProblemText {
  const [first, ...others] = rankFailures(context.failures);
  if (!first) return UNREADABLE;
  const { spec, failure } = first;
  if (failure.kind === 'unexpected') return describeUnexpected(context, failure.tokenIndex);
  if (failure.kind === 'invalid') {
    return { problem: 'invalid-argument', message: describeInvalid(spec, failure), suggestions: [] };
  }
  // Specs that stopped at the same point for want of another word: offer all of those words.
  const alternatives = others.flatMap((other) =>
    other.failure.kind === 'missing' && other.failure.progress === failure.progress
      ? [other.failure.arg]
      : [],
  );
  return describeMissing(spec, [failure.arg, ...alternatives]);
}

function describeMissing(spec: CommandSpec, args: readonly ArgSpec[]): ProblemText {
  const labels = [...new Set(args.map(argLabel))];
  const [only] = args;
  const needs = labels.length > 1 || !only ? `one of ${listWords(labels)}` : missingNoun(only);
  return {
    problem: 'missing-argument',
    message: `\`${commandName(spec)}\` needs ${needs}. Try \`${exampleOf(spec)}\`.`,
    suggestions: [exampleOf(spec)],
  };
}

/** Furthest first; among equals, catalog order (stable sort). */
function rankFailures(failures: FailureContext['failures']): FailureContext['failures'] {
  return [...failures].sort((a, b) => b.failure.progress - a.failure.progress);
}

function describeUnexpected(context: FailureContext, tokenIndex: number): ProblemText {
  const specs = context.failures.map((entry) => entry.spec);
  const first = specs[0];
  const token = context.rest[tokenIndex];
  if (!first || !token) return UNREADABLE;
  const name = commandName(first);
  const echo = quoteUserText(token.text);
  if (specs.every((spec) => spec.args.length === 0)) {
    return {
      problem: 'unexpected-words',
      message: `\`${name}\` takes nothing after it; I didn't expect ${echo}. Try \`${name}\`.`,
      suggestions: [name],
    };
  }
  const vocabulary = specs.flatMap((spec) => spec.args.flatMap(argVocabulary));
  const closest = token.quoted ? undefined : suggestClosest(token.text, vocabulary, 1)[0];
  const usage = specs.map((spec) => `\`${spec.syntax}\``).join(' or ');
  if (closest?.toLowerCase() === token.text.toLowerCase()) {
    // A known word said twice, or two choices that exclude each other ("full incremental").
    return {
      problem: 'unexpected-words',
      message: `${echo} clashes with an earlier word in \`${name}\`: give each choice once. Usage: ${usage}.`,
      suggestions: [],
    };
  }
  if (closest) {
    const fixed = [
      context.head,
      ...context.rest.map((rest, index) => (index === tokenIndex ? closest : shown(rest))),
    ].join(' ');
    return {
      problem: 'unexpected-words',
      message: `I didn't expect ${echo} in \`${name}\`. Did you mean \`${closest}\`?`,
      suggestions: [fixed],
    };
  }
  return {
    problem: 'unexpected-words',
    message: `I didn't expect ${echo} in \`${name}\`. Usage: ${usage}.`,
    suggestions: [],
  };
}

function describeInvalid(spec: CommandSpec, failure: Extract<BindFailure, { kind: 'invalid' }>): string {
  const { arg, raw, reason } = failure;
  const echo = quoteUserText(raw);
  const rule = ARG_TYPE_RULES[arg.type];
  const where = failure.keyword ? ` after \`${failure.keyword.toLowerCase()}\`` : '';
  switch (reason) {
    case 'zero':
      return `${echo} is no time at all; \`${commandName(spec)}\` needs a duration above zero, such as \`7d\`.`;
    case 'too-big':
      return arg.type === 'duration'
        ? `${echo} is too long${where}: the most is ${arg.maxDays ?? 365}d.`
        : `${echo} is out of range${where}: use ${rule.allowed}.`;
    case 'too-long':
      return `The ${arg.name} text is ${raw.length} characters long; keep it under 500.`;
    default:
      if (arg.type === 'enum') return `${echo} is not a choice${where}: use ${listWords(arg.values ?? [])}.`;
      return `${echo} is not ${rule.noun.replace(/^an? /, 'a valid ')}${where}: use ${rule.allowed}. Try \`${exampleOf(spec)}\`.`;
  }
}

/** Words that may follow the command: flags, enum values, keywords. */
function argVocabulary(arg: ArgSpec): string[] {
  if (arg.type === 'flag') return [...(arg.keywords ?? [arg.name])];
  return [...(arg.keywords ?? []), ...(arg.keywords ? [] : (arg.values ?? []))];
}

function missingNoun(arg: ArgSpec): string {
  if (arg.keywords || arg.type === 'flag') return `\`${argLabel(arg)}\``;
  if (arg.type === 'enum' && arg.values) return `one of ${listWords(arg.values)}`;
  return ARG_TYPE_RULES[arg.type].noun;
}

/** `a`, `b` or `c`. */
function listWords(words: readonly string[]): string {
  const quoted = words.map((word) => `\`${word}\``);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function commandName(spec: CommandSpec): string {
  return spec.words.join(' ');
}

function exampleOf(spec: CommandSpec): string {
  return spec.examples[0] ?? spec.words.join(' ');
}

function shown(token: Token): string {
  return token.quoted ? `"${token.text}"` : token.text;
}
