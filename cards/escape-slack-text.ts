/**
 * Slack text escaping. Slack reads `&`, `<` and `>` as control characters in every text object
 * and in a message's `text`: `<@U123>` is a mention, `<!channel>` a broadcast, `<https://x|y>` a
 * link. View text carries user and Azure input, so those three always become `&amp;`, `&lt;`,
 * `&gt;` (Slack's documented escapes; it shows them as the bare characters). That also keeps a
 * line-start `>` from becoming a quote. Every mrkdwn object is sent with `verbatim: true`, so
 * Slack does not turn bare URLs, `#channel` names or `@here` into links or mentions either.
 *
 * mrkdwn has no backslash escapes, so `*bold*`, `_italic_`, `~strike~` and `code` spans in view
 * text are left as they are: summaries and notes put commands in `code` spans on purpose, and
 * stray formatting in user text is cosmetic, never a link or a ping. Preformatted table text
 * neutralises backticks itself (render-block-kit-table.ts).
 */

/** Control characters (other than line breaks and tab) render as boxes or break some clients. */
const CONTROL_CHAR = /\p{Cc}/u;
const KEPT_CONTROLS = new Set(['\n', '\r', '\t']);
const SPECIALS = /[&<>\p{Cc}]/gu;

function escapeChar(char: string): string {
  if (char === '&') return '&amp;';
  if (char === '<') return '&lt;';
  if (char === '>') return '&gt;';
  if (CONTROL_CHAR.test(char) && !KEPT_CONTROLS.has(char)) return '\uFFFD';
  return char;
}

export function escapeSlackText(text: string): string {
  return text.replace(SPECIALS, escapeChar);
}

/**
 * How a cut text ends: `count` says how much was left out ("… (2500 more characters)"), for
 * sections; `ellipsis` is a bare "…", for headers, buttons and other short fields.
 */
export type CutStyle = 'count' | 'ellipsis';

function cutMarker(hidden: number, style: CutStyle): string {
  return style === 'count' ? `… (${hidden} more characters)` : '…';
}

/**
 * `text` escaped, and cut so that the escaped result (what Slack counts) is at most `max`
 * characters, marker included. Never cuts inside an escape or a surrogate pair. Looks at no
 * more than `max` characters of the input, so a megabyte of text costs what `max` does.
 */
export function fitSlackText(text: string, max: number, style: CutStyle = 'count'): string {
  if (text.length <= max) {
    const escaped = escapeSlackText(text);
    if (escaped.length <= max) return escaped;
  }
  // Escaping never shortens a text, so no more than `max` input characters can fit.
  const head = text.slice(0, max);
  const budget = Math.max(0, max - cutMarker(text.length, style).length);
  let used = 0;
  let kept = 0;
  while (kept < head.length) {
    const piece = escapeChar(head.charAt(kept)).length;
    if (used + piece > budget) break;
    used += piece;
    kept += 1;
  }
  if (kept > 0 && isHighSurrogate(head.charCodeAt(kept - 1))) kept -= 1;
  return escapeSlackText(head.slice(0, kept)) + cutMarker(text.length - kept, style);
}

/**
 * One line of text for fields that must not break (header, buttons): each line break or tab
 * becomes a space (one for one, so a cut text still shows its "…").
 */
export function fitSlackLine(text: string, max: number): string {
  return fitSlackText(text.slice(0, max + 1).replace(/[\r\n\t]/g, ' '), max, 'ellipsis');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
