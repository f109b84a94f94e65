/**
 * Turns what a chat platform delivers into plain command text: Teams sends HTML-ish text with
 * `<at>` mentions and entities, Slack sends `<@U..>` mentions and `<url|label>` links, phones send
 * curly quotes and autocorrected dashes. Pure string work with linear regexes only, because any
 * input reaches it.
 */

/** Teams mentions, including the mentioned name ("<at>Recovery Bot</at>"). */
const TEAMS_MENTION = /<at\b[^>]*>[^<]*<\/at>/gi;
/** Formatting tags Teams may wrap text in; other `<...>` is left alone (users paste `<vm>`). */
const TEAMS_TAGS = /<\/?(?:p|div|span|br|b|i|u|strong|em|code|pre|at)\b[^>]*>/gi;
/** Slack user, group and special mentions: <@U0BOT>, <@U0BOT|name>, <!here>, <!subteam^S1|@sre>. */
const SLACK_MENTION = /<[@!][^>\s]*>/g;
/** Slack auto-links: <https://x|label> -> label, <https://x> -> https://x, <#C1|chan> -> chan. */
const SLACK_LINK = /<(?:https?:|mailto:|#)[^>|\s]*(?:\|([^>]*))?>/gi;

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6}|#39);/gi;

/**
 * Control, format (zero-width, bidi overrides), lone surrogate and private-use characters: they
 * can hide text or reorder what a reviewer sees, and no command needs them.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu;
const WHITESPACE_CONTROL = /[\t\n\r\v\f\u0085]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;
const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;
/** Autocorrect turns `--dry-run` into `—dry-run`; a dash at a word start means `--`. */
const DASH_AT_WORD_START = /(^|\s)[\u2012-\u2015\u2212]+(?=\S)/g;

/**
 * Cards show markdown characters that would format as look-alikes (cards/quote-for-client.ts);
 * text copied from a card reads as the characters. (NFKC already maps the fullwidth ones.)
 */
const CARD_LOOKALIKES: Record<string, string> = {
  '\u2217': '*',
  '\u02cd': '_',
  '\u223c': '~',
  '\u2010': '-',
  '\u29f5': '\\',
};
const CARD_LOOKALIKE = /[\u2217\u02cd\u223c\u2010\u29f5]/g;

export function cleanInput(raw: string): string {
  const unwrapped = raw
    .replace(TEAMS_MENTION, ' ')
    .replace(TEAMS_TAGS, ' ')
    .replace(SLACK_MENTION, ' ')
    .replace(SLACK_LINK, (link: string, label: string | undefined) => label ?? link.slice(1, -1));
  const plain = decodeEntities(unwrapped)
    .normalize('NFKC')
    .replace(WHITESPACE_CONTROL, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  const cleaned = unquoteWhole(plain)
    .replace(CARD_LOOKALIKE, (char) => CARD_LOOKALIKES[char] ?? char)
    .replace(CURLY_DOUBLE, '"')
    .replace(CURLY_SINGLE, "'")
    .replace(DASH_AT_WORD_START, '$1--')
    .replace(/\s+/g, ' ')
    .trim();
  return unquoteWhole(cleaned);
}

/**
 * Cards quote the commands they suggest (“snapshot vm-web-01”, `snapshot vm-web-01` on Slack):
 * a whole message in such quotes, perhaps with the sentence's full stop, is the command inside.
 * Only when the inside holds no quote of the same kind (`"a" and "b"`, “a” or “b” stay).
 */
function unquoteWhole(text: string): string {
  const curly = /^\u201c(.+)\u201d[.?!,;:]?$/.exec(text);
  if (curly?.[1] && !/[\u201c\u201d]/.test(curly[1])) return curly[1].trim();
  const straight = /^(["'`])(.+)\1[.?!,;:]?$/.exec(text);
  if (straight?.[1] && straight[2] && !straight[2].includes(straight[1])) return straight[2].trim();
  return text;
}

/** One pass, so `&amp;lt;` becomes the text `&lt;`, not `<`. */
function decodeEntities(text: string): string {
  return text.replace(ENTITY, (entity: string, body: string) => {
    const lower = body.toLowerCase();
    const named = NAMED_ENTITIES[lower];
    if (named !== undefined) return named;
    if (!lower.startsWith('#')) return entity;
    const code = lower.startsWith('#x')
      ? Number.parseInt(lower.slice(2), 16)
      : Number.parseInt(lower.slice(1), 10);
    return isPrintableCodePoint(code) ? String.fromCodePoint(code) : ' ';
  });
}

function isPrintableCodePoint(code: number): boolean {
  return Number.isInteger(code) && code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
}
