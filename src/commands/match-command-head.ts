import { commandCatalog } from './catalog.js';
import type { CommandSpec } from './command-spec.js';
import { indexPhrases, isWordAt, matchPhraseAt } from './match-phrase.js';
import type { Token } from './tokenize-command.js';

export type Presets = Record<string, string | boolean>;

/** One spec the leading words may name, with the argument values the phrase implies. */
export interface HeadCandidate {
  spec: CommandSpec;
  presets: Presets;
}

export interface HeadMatch {
  candidates: HeadCandidate[];
  /** Index of the first argument token (after the command words and the filler after them). */
  next: number;
  /** Index after the last argument token (courtesy at the end left out). */
  end: number;
  /** Index of the first command word (after leading filler). */
  start: number;
  /** Index after the command words. */
  wordsEnd: number;
}

/**
 * Words that only carry tone or grammar before a command ("please take a snapshot of",
 * "show me the status of"). None of them is a command word, so dropping them cannot change which
 * command is meant; and they are dropped only before the command words.
 */
export const LEADING_FILLER = new Set(
  (
    'please pls plz kindly can could would will you u i we want wanna need to like id let lets go ahead and ' +
    'hey hi hello ok okay now quickly urgently asap just bot show me list get give tell display view see check ' +
    'find what which whats is are the a an all my our take make create do run start trigger kick off perform execute ' +
    'new current about'
  ).split(' '),
);

/** Filler right after the command words ("status of vm-web-01", "snapshots for vm-web-01"). */
export const TRAILING_FILLER = new Set('of for on in the a an my our please pls me about all'.split(' '));

/** Courtesy at the end of a line ("snapshot vm-web-01 please"). */
export const COURTESY = new Set('please pls plz thanks thx ty thank you now asap me'.split(' '));

/** Most filler words skipped before giving up on finding a command. */
const MAX_LEADING_FILLER = 8;

const headIndex = indexPhrases(
  commandCatalog.flatMap((spec) => [
    [spec.words.join(' '), { spec, presets: {} }] as [string, HeadCandidate],
    ...spec.aliases.map((alias): [string, HeadCandidate] =>
      typeof alias === 'string'
        ? [alias, { spec, presets: {} }]
        : [alias.phrase, { spec, presets: alias.presets }],
    ),
  ]),
);

/** Finds the command words, skipping leading filler; undefined when no command is named. */
export function matchCommandHead(tokens: readonly Token[]): HeadMatch | undefined {
  for (let start = 0; start <= MAX_LEADING_FILLER && start < tokens.length; start++) {
    const match = matchPhraseAt(tokens, start, headIndex);
    if (match) {
      const wordsEnd = start + match.consumed;
      const end = trimCourtesy(tokens, wordsEnd);
      return {
        candidates: match.entries,
        start,
        wordsEnd,
        next: skipTrailingFiller(tokens, wordsEnd, end, argWordsOf(match.entries)),
        end,
      };
    }
    if (!isWordAt(tokens, start, LEADING_FILLER)) return undefined;
  }
  return undefined;
}

/** Index of the first token that is not leading filler. */
export function firstCommandWord(tokens: readonly Token[]): number {
  let index = 0;
  while (index < tokens.length && isWordAt(tokens, index, LEADING_FILLER)) index++;
  return index;
}

/**
 * Filler words that are no filler for these commands: an enum value or keyword of theirs
 * (`alerts mute all for 2h`).
 */
function argWordsOf(candidates: readonly HeadCandidate[]): Set<string> {
  return new Set(
    candidates.flatMap(({ spec }) =>
      spec.args.flatMap((arg) => [
        ...(arg.keywords ?? []),
        ...(arg.type === 'enum' ? (arg.values ?? []) : []),
      ]),
    ),
  );
}

function skipTrailingFiller(
  tokens: readonly Token[],
  from: number,
  end: number,
  argWords: Set<string>,
): number {
  let index = from;
  // Only while a value follows: "vms of" keeps its "of" so the error can point at it.
  while (
    index < end - 1 &&
    isWordAt(tokens, index, TRAILING_FILLER) &&
    !argWords.has(tokens[index]?.text.toLowerCase() ?? '')
  )
    index++;
  return index;
}

/** End of the arguments, without "please" or "thanks" at the end of the line. */
function trimCourtesy(tokens: readonly Token[], from: number): number {
  let end = tokens.length;
  while (end > from && isWordAt(tokens, end - 1, COURTESY)) end--;
  return end;
}
