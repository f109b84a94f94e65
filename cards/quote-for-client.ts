/**
 * The one place that decides how View text (which carries user-typed and Azure-given words) is
 * quoted for each client. Both renderers take their text from here.
 *
 * Adaptive Cards (Teams, the local chat page): TextBlocks and FactSet values are markdown in some
 * clients and not in others, and Teams' clients (desktop, mobile, web) disagree on what they apply
 * (microsoft/AdaptiveCards#4677, #5590): backslash escapes show as backslashes in some, code spans
 * are not in Teams' subset at all. So card text is made *markdown-inert*: it shows the same
 * characters whether a client applies CommonMark or shows the text raw.
 * - No backslash escapes. A character is left as it is wherever it cannot form markdown (`<vm>`,
 *   `0.1 s`, `&`, the `_` inside `vm_web_01`); only what would form markdown is changed, to a
 *   look-alike: emphasis marks that could pair (`*x*`, `_x_`, `**`, `~~`) become `∗ ˍ ∼`, a link's
 *   `](` becomes `］(`, an autolink's `<` `>` become `‹ ›`, an entity's `&` becomes `＆`, a
 *   backslash before punctuation `⧵`, and a line-start list, heading or quote marker (`- `, `1. `,
 *   `# `, `> `) its look-alike (`‐ 1․ ＃ ›`).
 * - `code` spans (views quote commands and user input in them) become typographic quotes “…”,
 *   which read as a quote in every client; a stray backtick becomes `ˋ`. Users who copy a
 *   suggestion with its quotes are understood: the parser drops quotes around a whole message
 *   (src/commands/clean-input.ts).
 * - Lines are joined by hard breaks (two spaces before the line end), so a markdown client keeps
 *   them apart as a raw one does, and leading indentation (a code block in markdown) is dropped.
 *
 * Slack: mrkdwn renders `code` spans, so they stay; `&`, `<` and `>` are always escaped, so user
 * and Azure text can never mention, link or ping (escape-slack-text.ts, re-exported here).
 */

export {
  type CutStyle,
  escapeSlackText,
  fitSlackLine,
  fitSlackText,
} from './escape-slack-text.js';

/** Long text is cut so one echoed 10 kB input cannot push a card over Teams' 28 KB limit. */
export const MAX_TEXT_LENGTH = 2000;

export function truncateText(text: string, max = MAX_TEXT_LENGTH): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Control characters (other than line breaks and tab) render as boxes or break some clients' parsers. */
const CONTROL_CHARS = /[\p{Cc}]/gu;
const KEPT_CONTROLS = new Set(['\n', '\r', '\t']);

const CODE_SPAN = /`([^`\n]+)`/g;
const OPEN_QUOTE = '\u201c';
const CLOSE_QUOTE = '\u201d';
/** U+02CB MODIFIER LETTER GRAVE ACCENT, as in Slack's preformatted tables. */
const GRAVE_LOOKALIKE = '\u02cb';

/** Look-alikes for the characters that would form markdown. */
const LOOKALIKE: Record<string, string> = {
  '*': '\u2217', // ∗ ASTERISK OPERATOR
  _: '\u02cd', // ˍ MODIFIER LETTER LOW MACRON
  '~': '\u223c', // ∼ TILDE OPERATOR
  '\\': '\u29f5', // ⧵ REVERSE SOLIDUS OPERATOR
  '&': '\uff06', // ＆ FULLWIDTH AMPERSAND
  ']': '\uff3d', // ］ FULLWIDTH RIGHT SQUARE BRACKET
  '<': '\u2039', // ‹
  '>': '\u203a', // ›
  '#': '\uff03', // ＃ FULLWIDTH NUMBER SIGN
  '-': '\u2010', // ‐ HYPHEN
  '+': '\uff0b', // ＋ FULLWIDTH PLUS SIGN
  '.': '\u2024', // ․ ONE DOT LEADER
  ')': '\uff09', // ） FULLWIDTH RIGHT PARENTHESIS
  '=': '\uff1d', // ＝ FULLWIDTH EQUALS SIGN
  '|': '\u2502', // │ BOX DRAWINGS LIGHT VERTICAL
};

function lookalike(char: string): string {
  return LOOKALIKE[char] ?? char;
}

/** Text for an Adaptive Card TextBlock or FactSet: cut, and inert as markdown (see above). */
export function quoteForCard(text: string, maxLength = MAX_TEXT_LENGTH): string {
  const cut = truncateText(text, maxLength).replace(CONTROL_CHARS, (char) =>
    KEPT_CONTROLS.has(char) ? char : '\uFFFD',
  );
  const quoted = cut.replace(CODE_SPAN, `${OPEN_QUOTE}$1${CLOSE_QUOTE}`).replace(/`/g, GRAVE_LOOKALIKE);
  const lines = quoted.split(/\r\n|\r|\n/).map((line) => neutraliseLineStart(line.trim()));
  const inline = neutraliseInline(lines.join('\n'));
  // A hard break (two spaces) keeps lines apart in markdown clients; raw clients show a line break.
  return inline.replace(/\n(?!\n)/g, (_newline, at: number) => (inline[at - 1] === '\n' ? '\n' : '  \n'));
}

/** Backslash before ASCII punctuation or a line end: an escape or a hard break in markdown. */
const BACKSLASH_ESCAPE = /\\(?=[!-/:-@[-`{-~]|\n|$)/g;
/** `&amp;`, `&#60;`, `&#x3c;`: markdown shows the character, a raw client the entity. */
const ENTITY = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;
/** `<https://x>` and `<a@b.c>` are links in markdown and show without their brackets. */
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>/g;
/** `[label](url)` and `![alt](src)`: without `](` there is no inline link. */
const LINK_MIDDLE = /\](?=\()/g;
/** Runs of one emphasis character. */
const EMPHASIS_RUN = /\*+|_+|~+/g;

function neutraliseInline(text: string): string {
  const plain = text
    .replace(BACKSLASH_ESCAPE, lookalike('\\'))
    .replace(ENTITY, lookalike('&'))
    .replace(AUTOLINK, `${lookalike('<')}$1${lookalike('>')}`)
    .replace(LINK_MIDDLE, lookalike(']'));
  return neutraliseEmphasis(plain);
}

/**
 * Emphasis needs an opening and a closing run of the same character, each touching a non-space
 * on one side. A run with white space (or the text's edge) on both sides, or an `_` inside a word,
 * can do neither; when fewer than two runs of a character can, none pairs and all stay literal.
 * Otherwise every run that could is replaced: more than CommonMark strictly needs, and safe in
 * clients whose rules differ a little.
 */
function neutraliseEmphasis(text: string): string {
  const candidates = new Map<string, { index: number; length: number }[]>();
  for (const run of text.matchAll(EMPHASIS_RUN)) {
    const index = run.index ?? 0;
    const before = text[index - 1];
    const after = text[index + run[0].length];
    const char = run[0].charAt(0);
    if (isSpace(before) && isSpace(after)) continue;
    if (char === '_' && isWordChar(before) && isWordChar(after)) continue;
    const list = candidates.get(char) ?? [];
    list.push({ index, length: run[0].length });
    candidates.set(char, list);
  }
  const replaced = Array.from(text);
  // Array.from splits by code point; map string indexes onto it.
  const offsets = codePointOffsets(text);
  for (const [char, runs] of candidates) {
    if (runs.length < 2) continue;
    for (const { index, length } of runs) {
      for (let i = index; i < index + length; i++) {
        const at = offsets.get(i);
        if (at !== undefined) replaced[at] = lookalike(char);
      }
    }
  }
  return replaced.join('');
}

function codePointOffsets(text: string): Map<number, number> {
  const offsets = new Map<number, number>();
  let unit = 0;
  let point = 0;
  for (const char of text) {
    offsets.set(unit, point);
    unit += char.length;
    point += 1;
  }
  return offsets;
}

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/u.test(char);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** A line made of one repeated marker (and spaces): a rule, or a heading's underline. */
const RULE_LINE = /^([-*_=~])(?:[ \t]*\1)*[ \t]*$/;
/** A table's delimiter row (`---|:---:`). */
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?$/;

/** A list, heading, quote, rule, fence or table-delimiter line, changed so it stays text. */
function neutraliseLineStart(line: string): string {
  const marked = neutraliseMarker(line);
  return marked.includes('|') && TABLE_DELIMITER.test(marked)
    ? marked.replace(/\|/g, lookalike('|'))
    : marked;
}

function neutraliseMarker(line: string): string {
  if (RULE_LINE.test(line)) return lookalike(line.charAt(0)) + line.slice(1);
  const bullet = /^([-+*]|#{1,6}|>)(?=[ \t]|$)/.exec(line);
  if (bullet) return Array.from(bullet[0], lookalike).join('') + line.slice(bullet[0].length);
  // `>` quotes even without a space after it.
  if (line.startsWith('>')) return lookalike('>') + line.slice(1);
  const ordered = /^(\d{1,9})([.)])(?=[ \t]|$)/.exec(line);
  if (ordered) return `${ordered[1]}${lookalike(ordered[2] ?? '.')}${line.slice(ordered[0].length)}`;
  if (/^~{3,}/.test(line)) return lookalike('~') + line.slice(1);
  // A link reference definition (`[x]: url`) vanishes from the text in markdown.
  const definition = /^\[[^\]]*\](?=:)/.exec(line);
  if (definition) return `${definition[0].slice(0, -1)}${lookalike(']')}${line.slice(definition[0].length)}`;
  return line;
}
