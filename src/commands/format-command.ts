import { ARG_TYPE_RULES } from './arg-type-rules.js';
import { type BoundArgs, isPositional } from './bind-args.js';
import type { ArgSpec, CommandSpec } from './command-spec.js';
import { COURTESY, matchCommandHead, TRAILING_FILLER } from './match-command-head.js';
import { compactWords } from './match-phrase.js';
import { tokenizeCommand } from './tokenize-command.js';

/**
 * The command in its canonical spelling ("take a snapshot of vm-web-01" -> `snapshot vm-web-01
 * incremental`), for approval cards, audit and "did you mean" buttons: one way to read it back.
 */
export function formatCommand(spec: CommandSpec, args: BoundArgs, dryRun = false): string {
  const parts: string[] = [...spec.words];
  for (const arg of spec.args) {
    const value = args[arg.name];
    if (value === undefined || value === false) continue;
    // Choices are words the parser must see unquoted; they are catalog words, never user text.
    const shown = arg.type === 'enum' ? String(value) : quoteIfNeeded(spec, arg, String(value));
    if (arg.type === 'flag') parts.push(arg.keywords?.[0] ?? arg.name);
    else if (arg.keywords?.[0]) parts.push(arg.keywords[0], shown);
    else parts.push(shown);
  }
  if (dryRun) parts.push('--dry-run');
  return protectFirstValue(spec, parts).join(' ');
}

/** "job list" would read as `jobs`: a first value that lengthens the command words is quoted. */
function protectFirstValue(spec: CommandSpec, parts: string[]): string[] {
  const words = spec.words.length;
  const first = parts[words];
  if (first === undefined || first.startsWith('"')) return parts;
  const head = matchCommandHead(tokenizeCommand(parts.slice(0, words + 1).join(' ')));
  if (!head || head.wordsEnd <= words) return parts;
  return [...parts.slice(0, words), `"${first}"`, ...parts.slice(words + 1)];
}

/** Words that leave the line wherever they stand: courtesy at the end, the reason, the option. */
const ALWAYS_SPECIAL = new Set([...COURTESY, 'because', 'dry', 'run', 'dryrun'].map(compactWords));
const AFTER_HEAD = new Set([...TRAILING_FILLER].map(compactWords));

/**
 * Quotes a value the parser would otherwise read as something else (filler, a keyword or choice
 * of this command, the noun before a value, or the first word of one), so the canonical text
 * reads back the same.
 */
function quoteIfNeeded(spec: CommandSpec, arg: ArgSpec, value: string): string {
  const word = compactWords(value);
  const phrases = [...ARG_TYPE_RULES[arg.type].leadNouns, ...spec.args.flatMap(argVocabulary)];
  const plain =
    /^[^\s"'`-][^\s"]*$/.test(value) &&
    !/[,;?!.]$/.test(value) &&
    !ALWAYS_SPECIAL.has(word) &&
    !(isPositional(arg) && AFTER_HEAD.has(word)) &&
    !phrases.some(
      (phrase) => compactWords(phrase) === word || compactWords(phrase.split(' ')[0] ?? '') === word,
    );
  return plain ? value : `"${value.replace(/"/g, "'")}"`;
}

function argVocabulary(arg: ArgSpec): readonly string[] {
  if (arg.type === 'flag') return arg.keywords ?? [arg.name];
  return [...(arg.keywords ?? []), ...(arg.type === 'enum' ? (arg.values ?? []) : [])];
}
