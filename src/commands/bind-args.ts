import { ARG_TYPE_RULES } from './arg-type-rules.js';
import type { ArgSpec, CommandSpec } from './command-spec.js';
import type { Presets } from './match-command-head.js';
import { indexPhrases, matchPhraseAt } from './match-phrase.js';
import { isDurationUnit } from './parse-duration.js';
import { MAX_TIME_WORDS, readPointTime } from './point-time.js';
import type { Token } from './tokenize-command.js';
import { type ArgValue, type InvalidReason, validateArgValue } from './validate-arg-value.js';

export type BoundArgs = Record<string, ArgValue | undefined>;

/**
 * Why the words did not fit a spec. `progress` is how far into the words it got, so that among
 * specs sharing their command words (restore, failover) the most relevant complaint wins.
 */
export type BindFailure = { ok: false; progress: number } & (
  | { kind: 'missing'; arg: ArgSpec }
  | { kind: 'invalid'; arg: ArgSpec; raw: string; reason: InvalidReason; keyword?: string }
  | { kind: 'unexpected'; tokenIndex: number }
);
export type BindResult = { ok: true; args: BoundArgs } | BindFailure;

type Step = { ok: true; next: number } | BindFailure;

/** A word or phrase that sets an argument: a flag, an enum value, or a keyword before a value. */
interface ArgWord {
  arg: ArgSpec;
  /** The enum value the word stands for. */
  value?: string;
}

/** Fits the argument words (command words already taken off) to one spec's declared arguments. */
export function bindArgs(spec: CommandSpec, tokens: readonly Token[], presets: Presets): BindResult {
  const values = new Map<string, ArgValue>(Object.entries(presets));
  let index = 0;
  while (index < tokens.length) {
    const step = bindArgWord(spec, tokens, index, values) ?? bindPositional(spec, tokens, index, values);
    if (!step.ok) return step;
    index = step.next;
  }
  const missing = spec.args.find((arg) => arg.required && !values.has(arg.name));
  if (missing) return { ok: false, kind: 'missing', arg: missing, progress: tokens.length };
  const args: BoundArgs = {};
  for (const arg of spec.args) args[arg.name] = values.get(arg.name) ?? arg.default;
  return { ok: true, args };
}

function bindArgWord(
  spec: CommandSpec,
  tokens: readonly Token[],
  index: number,
  values: Map<string, ArgValue>,
): Step | undefined {
  const open = spec.args.filter((arg) => !values.has(arg.name));
  const match = matchPhraseAt(tokens, index, indexPhrases(open.flatMap(argWords)));
  const word = match?.entries[0];
  if (!match || !word) return undefined;
  const next = index + match.consumed;
  if (word.arg.type === 'flag') {
    values.set(word.arg.name, true);
    return { ok: true, next };
  }
  if (word.value !== undefined) {
    values.set(word.arg.name, word.value);
    return { ok: true, next };
  }
  const keyword = tokens
    .slice(index, next)
    .map((token) => token.text)
    .join(' ');
  return bindValue(word.arg, tokens, next, values, keyword);
}

function argWords(arg: ArgSpec): [string, ArgWord][] {
  if (arg.type === 'flag') return (arg.keywords ?? [arg.name]).map((phrase) => [phrase, { arg }]);
  if (arg.keywords) return arg.keywords.map((phrase) => [phrase, { arg }]);
  if (arg.type === 'enum') return (arg.values ?? []).map((value) => [value, { arg, value }]);
  return [];
}

function bindPositional(
  spec: CommandSpec,
  tokens: readonly Token[],
  index: number,
  values: Map<string, ArgValue>,
): Step {
  const open = spec.args.filter((candidate) => isPositional(candidate) && !values.has(candidate.name));
  // An optional argument the word is not even a kind of is left out for the next one (`audit alice`:
  // no count, a name); a word of the right kind but wrong (`audit 500`) is still its argument's error.
  const word = tokens[index]?.text ?? '';
  const fits = (candidate: ArgSpec) => {
    const checked = validateArgValue(candidate, word);
    return checked.ok || checked.reason !== 'name';
  };
  const arg = open.find((candidate) => candidate.required || fits(candidate)) ?? open[0];
  if (!arg) return { ok: false, kind: 'unexpected', tokenIndex: index, progress: index };
  return bindValue(arg, tokens, index, values);
}

export function isPositional(arg: ArgSpec): boolean {
  return !arg.keywords && arg.type !== 'flag' && arg.type !== 'enum';
}

function bindValue(
  arg: ArgSpec,
  tokens: readonly Token[],
  from: number,
  values: Map<string, ArgValue>,
  keyword?: string,
): Step {
  const start = skipLeadNoun(arg, tokens, from);
  const taken = takeValue(arg, tokens, start);
  if (!taken) return { ok: false, kind: 'missing', arg, progress: tokens.length };
  const checked = validateArgValue(arg, taken.raw);
  if (!checked.ok) {
    const progress = start + 0.5;
    return {
      ok: false,
      kind: 'invalid',
      arg,
      raw: taken.raw,
      reason: checked.reason,
      progress,
      ...(keyword ? { keyword } : {}),
    };
  }
  values.set(arg.name, checked.value);
  return { ok: true, next: taken.next };
}

/** "snapshot vm vm-web-01", "cancel job j-1": the noun goes when a value follows it. */
function skipLeadNoun(arg: ArgSpec, tokens: readonly Token[], from: number): number {
  const nouns = ARG_TYPE_RULES[arg.type].leadNouns;
  if (nouns.length === 0) return from;
  const match = matchPhraseAt(tokens, from, indexPhrases(nouns.map((noun) => [noun, true])));
  return match && from + match.consumed < tokens.length ? from + match.consumed : from;
}

function takeValue(
  arg: ArgSpec,
  tokens: readonly Token[],
  at: number,
): { raw: string; next: number } | undefined {
  const token = tokens[at];
  if (!token) return undefined;
  if ((arg.type === 'text' || arg.type === 'topic') && !token.quoted) {
    const raw = tokens
      .slice(at)
      .map((rest) => rest.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    return { raw, next: tokens.length };
  }
  if (arg.type === 'recoveryPoint' || arg.type === 'time') {
    const time = takeTimeWords(tokens, at);
    if (time) return time;
  }
  const unit = tokens[at + 1];
  if (
    arg.type === 'duration' &&
    /^\d+$/.test(token.text) &&
    unit &&
    !unit.quoted &&
    isDurationUnit(unit.text)
  ) {
    return { raw: `${token.text}${unit.text}`, next: at + 2 };
  }
  return { raw: token.text, next: at + 1 };
}

/** `yesterday 18:00`, `2 hours ago`, `2026-12-07 18:00`: the most unquoted words that read as one time. */
function takeTimeWords(tokens: readonly Token[], at: number): { raw: string; next: number } | undefined {
  for (let count = MAX_TIME_WORDS; count >= 2; count -= 1) {
    const words = tokens.slice(at, at + count);
    if (words.length < count || words.some((token) => token.quoted)) continue;
    const raw = words.map((token) => token.text).join(' ');
    if (readPointTime(raw)) return { raw, next: at + count };
  }
  return undefined;
}
