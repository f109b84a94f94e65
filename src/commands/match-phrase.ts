import type { Token } from './tokenize-command.js';

/**
 * Words compare without case, hyphens and underscores, and may be split or joined, so
 * "back up", "backup" and "back-up" are one phrase, as are "dr-drill" and "dr drill".
 */
export function compactWords(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '');
}

/** Articles people put inside a command phrase ("delete the snapshot"); never a whole phrase. */
const ARTICLES = new Set(['the', 'a', 'an']);

/** The longest a phrase gets, in words; bounds the matching work. */
const MAX_PHRASE_WORDS = 6;

export interface PhraseMatch<T> {
  entries: T[];
  /** How many tokens the phrase took, articles included. */
  consumed: number;
}

/**
 * The longest phrase of `index` (keyed by compactWords) that the tokens spell from `start`;
 * among equal phrases, the fewest tokens, so a value that happens to be an article is kept.
 * Quoted tokens never take part: quoting is how a user says "this is a value".
 */
export function matchPhraseAt<T>(
  tokens: readonly Token[],
  start: number,
  index: ReadonlyMap<string, T[]>,
): PhraseMatch<T> | undefined {
  let best: { entries: T[]; consumed: number; length: number } | undefined;
  let compact = '';
  for (let k = 1; k <= MAX_PHRASE_WORDS && start + k <= tokens.length; k++) {
    const token = tokens[start + k - 1];
    if (!token || token.quoted) break;
    const word = token.text.toLowerCase();
    if (k > 1 && ARTICLES.has(word)) continue;
    compact += compactWords(word);
    const entries = index.get(compact);
    if (entries && (!best || compact.length > best.length))
      best = { entries, consumed: k, length: compact.length };
  }
  return best && { entries: best.entries, consumed: best.consumed };
}

/** An index from compact phrase to what it names. */
export function indexPhrases<T>(pairs: Iterable<[phrase: string, value: T]>): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const [phrase, value] of pairs) {
    // Keyed without inner articles, as matchPhraseAt skips them in what was typed.
    const words = phrase.split(' ').filter((word, index) => index === 0 || !ARTICLES.has(word));
    const key = compactWords(words.join(''));
    const list = index.get(key) ?? [];
    list.push(value);
    index.set(key, list);
  }
  return index;
}

/** Whether the unquoted token at `index` is one of the words (lower case). */
export function isWordAt(tokens: readonly Token[], index: number, words: ReadonlySet<string>): boolean {
  const token = tokens[index];
  return token !== undefined && !token.quoted && words.has(token.text.toLowerCase());
}
