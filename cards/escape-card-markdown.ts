/**
 * Adaptive Card TextBlocks and FactSet values are markdown in Teams (bold, italic, lists, links),
 * and view text may carry user input ("snapshot *foo*", a VM name with underscores). Escape every
 * character that subset would interpret, so what the user typed is what the card shows.
 */
const INLINE_SPECIALS = /[\\*_[\]`~<>&]/g;
/** Line starts that turn a line into a list, heading or quote. */
const BULLET_START = /^(\s*)([-+#])/gm;
const NUMBER_START = /^(\s*\d+)([.)])/gm;
/** Long text is cut so one echoed 10 kB input cannot push a card over Teams' 28 KB limit. */
export const MAX_TEXT_LENGTH = 2000;

/** Control characters (other than line breaks and tab) render as boxes or break some clients' parsers. */
const CONTROL_CHARS = /\p{Cc}/gu;
const KEPT_CONTROLS = new Set(['\n', '\r', '\t']);

function replaceControls(text: string): string {
  return text.replace(CONTROL_CHARS, (char) => (KEPT_CONTROLS.has(char) ? char : '\uFFFD'));
}

export function escapeCardMarkdown(text: string, maxLength = MAX_TEXT_LENGTH): string {
  const cut = replaceControls(truncateText(text, maxLength));
  return cut.replace(INLINE_SPECIALS, '\\$&').replace(BULLET_START, '$1\\$2').replace(NUMBER_START, '$1\\$2');
}

/**
 * Like escapeCardMarkdown, but keeps the `code` spans views emit on purpose (summaries and notes
 * are "plain text, `code` spans allowed"); the text between the spans is escaped.
 */
export function escapeCardMarkdownKeepingCode(text: string, maxLength = MAX_TEXT_LENGTH): string {
  const cut = replaceControls(truncateText(text, maxLength));
  const parts = cut.split(/(`[^`\n]+`)/);
  return parts
    .map((part, index) =>
      index % 2 === 1 ? escapeCodeSpan(part) : escapeCardMarkdown(part, Number.POSITIVE_INFINITY),
    )
    .join('');
}

/**
 * Teams does not render code spans in cards (they are not in its markdown subset): it shows the
 * backticks and reads what is between them as markdown, and spans hold quoted user input
 * (src/commands/quote-user-text.ts). So the inside is escaped like any other text; the backticks
 * stay, so the span still reads as a quote, and backslash escapes show as the bare characters.
 * A span holds no backtick and no line break, so no line-start marker can occur in it.
 */
function escapeCodeSpan(codeSpan: string): string {
  return `\`${codeSpan.slice(1, -1).replace(INLINE_SPECIALS, '\\$&')}\``;
}

export function truncateText(text: string, max = MAX_TEXT_LENGTH): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
