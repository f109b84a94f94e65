import { firstCommandWord } from './match-command-head.js';
import { quoteUserText } from './quote-user-text.js';
import { phrasesStartingWith, suggestCommandPhrases } from './suggest-commands.js';
import type { Token } from './tokenize-command.js';

export interface UnknownCommandText {
  message: string;
  suggestions: string[];
}

const GREETING =
  'Hello! I run recovery commands such as `status vm-web-01` or `snapshot vm-web-01`. Type `help` for the list.';

/** "I don't know `snapshto`. Did you mean `snapshot`?", with the corrected commands as suggestions. */
export function describeUnknownCommand(tokens: readonly Token[]): UnknownCommandText {
  const start = firstCommandWord(tokens);
  const word = tokens[start];
  if (!word) return { message: GREETING, suggestions: ['help'] };
  const close = suggestCommandPhrases(tokens, start).slice(0, 3);
  if (close.length > 0) return didYouMean(tokens, start, close);
  const followers = word.quoted ? [] : phrasesStartingWith(word.text);
  if (followers.length > 0) {
    return {
      message: `${quoteUserText(word.text)} needs another word: ${followers.map((phrase) => `\`${phrase}\``).join(', ')}.`,
      suggestions: followers.map((phrase) => withRest(phrase, tokens, start + 1)),
    };
  }
  return {
    message: `I don't know ${quoteUserText(word.text)}. Type \`help\` for the list of commands.`,
    suggestions: ['help'],
  };
}

/** A command phrase was typed almost right ("snapshot delet" -> snapshot delete). */
export function didYouMean(
  tokens: readonly Token[],
  start: number,
  close: readonly { phrase: string; replaces: number; distance: number }[],
): UnknownCommandText {
  const best = close[0];
  if (!best) return describeUnknownCommand(tokens);
  const typed = tokens
    .slice(start, start + best.replaces)
    .map((token) => token.text)
    .join(' ');
  const equallyGood = close.filter((entry) => entry.distance === best.distance).slice(0, 2);
  const options = equallyGood.map((entry) => `\`${entry.phrase}\``).join(' or ');
  return {
    message: `I don't know ${quoteUserText(typed)}. Did you mean ${options}?`,
    suggestions: close.map((entry) => withRest(entry.phrase, tokens, start + entry.replaces)),
  };
}

function withRest(phrase: string, tokens: readonly Token[], from: number): string {
  const rest = tokens.slice(from).map((token) => (token.quoted ? `"${token.text}"` : token.text));
  return [phrase, ...rest].join(' ');
}
