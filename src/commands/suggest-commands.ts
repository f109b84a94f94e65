import { commandCatalog } from './catalog.js';
import { compactWords } from './match-phrase.js';
import { damerauLevenshtein } from './suggest-closest.js';
import type { Token } from './tokenize-command.js';

/** A command phrase close to what was typed, and how many typed words it replaces. */
export interface PhraseSuggestion {
  phrase: string;
  replaces: number;
  distance: number;
}

interface KnownPhrase {
  phrase: string;
  words: number;
  /** The spec's own words rank before its aliases. */
  primary: boolean;
}

const knownPhrases: KnownPhrase[] = commandCatalog
  .flatMap((spec) => [
    { phrase: spec.words.join(' '), words: spec.words.length, primary: true },
    ...spec.aliases.map((alias) => {
      const phrase = typeof alias === 'string' ? alias : alias.phrase;
      return { phrase, words: phrase.split(' ').length, primary: false };
    }),
  ])
  .filter((known) => /[a-z]{2}/.test(known.phrase)); // "?" is nobody's typo

/** Typed text longer than this is no typo of a command phrase. */
const MAX_TYPED = 40;

/**
 * Command phrases within a few edits of the words typed from `start` ("snapshto" -> snapshot,
 * "dr stauts" -> dr status, "snapshot delet" -> snapshot delete), best first. Phrases that
 * equal what was typed are left out: they matched already, and the problem lies elsewhere.
 */
export function suggestCommandPhrases(
  tokens: readonly Token[],
  start: number,
  minWords = 1,
): PhraseSuggestion[] {
  const found = new Map<string, PhraseSuggestion & { primary: boolean }>();
  for (let words = minWords; words <= 3 && start + words <= tokens.length; words++) {
    const typed = tokens
      .slice(start, start + words)
      .map((token) => token.text.toLowerCase())
      .join(' ');
    if (typed.length > MAX_TYPED) break;
    for (const known of knownPhrases) {
      if (known.words !== words || found.has(known.phrase)) continue;
      const distance = damerauLevenshtein(compactWords(typed), compactWords(known.phrase));
      if (distance === 0 || distance > allowedDistance(typed)) continue;
      found.set(known.phrase, { phrase: known.phrase, replaces: words, distance, primary: known.primary });
    }
  }
  return [...found.values()]
    .sort(
      (a, b) => a.distance - b.distance || Number(b.primary) - Number(a.primary) || b.replaces - a.replaces,
    )
    .map(({ phrase, replaces, distance }) => ({ phrase, replaces, distance }));
}

function allowedDistance(typed: string): number {
  const letters = compactWords(typed).length;
  if (letters <= 3) return 1;
  if (letters <= 8) return 2;
  return 3;
}

/** Multi-word commands that begin with this word ("dr" -> dr status, dr drill, ...). */
export function phrasesStartingWith(word: string): string[] {
  const first = word.toLowerCase();
  return commandCatalog
    .filter((spec) => spec.words.length > 1 && spec.words[0] === first)
    .map((spec) => spec.words.join(' '))
    .filter((phrase, index, all) => all.indexOf(phrase) === index);
}
