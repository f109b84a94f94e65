/** One word of a command. Quoted words keep their spaces and are never read as keywords. */
export interface Token {
  text: string;
  quoted: boolean;
}

const TRAILING_SEPARATORS = /[,;?!]+$/;
const SENTENCE_END = /[.]+$/;
/** Stray punctuation and dashes ("snapshot vm-web-01 - dry run") carry no meaning. */
const ONLY_PUNCTUATION = /^[?!.,;:\-\u2012-\u2015]+$/;

/**
 * Splits cleaned text on spaces, keeping "double-quoted" runs together (an unclosed quote runs
 * to the end, as people forget to close them). Then drops the punctuation people type around
 * commands ("status vm-web-01?", "snapshot vm-web-01, full"): Azure names cannot end in it.
 */
export function tokenizeCommand(text: string): Token[] {
  const raw = splitQuoted(text);
  const tidy = raw.map((token, index) =>
    token.quoted ? token : trimPunctuation(token, index === raw.length - 1),
  );
  const words = tidy.filter(
    (token) => token.quoted || (token.text !== '' && !ONLY_PUNCTUATION.test(token.text)),
  );
  // A lone "?" is a question for help, not noise.
  return words.length === 0 && raw.length === 1 && raw[0]?.text === '?' ? raw : words;
}

function splitQuoted(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let quoted = false;
  let inQuotes = false;
  const flush = () => {
    if (current !== '' || quoted) tokens.push({ text: current, quoted });
    current = '';
    quoted = false;
  };
  for (const char of text) {
    if (char === '"') {
      inQuotes = !inQuotes;
      quoted = true;
    } else if (!inQuotes && /\s/.test(char)) {
      flush();
    } else {
      current += char;
    }
  }
  flush();
  return tokens;
}

function trimPunctuation(token: Token, last: boolean): Token {
  let text = token.text.replace(TRAILING_SEPARATORS, '');
  if (last && !ONLY_PUNCTUATION.test(text)) text = text.replace(SENTENCE_END, '');
  return { text, quoted: false };
}
