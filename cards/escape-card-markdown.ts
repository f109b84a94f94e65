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

export function escapeCardMarkdown(text: string): string {
  const cut = replaceControls(truncateText(text));
  return cut
    .replace(INLINE_SPECIALS, (char) => `\\${char}`)
    .replace(BULLET_START, '$1\\$2')
    .replace(NUMBER_START, '$1\\$2');
}

/**
 * Like escapeCardMarkdown, but keeps the `code` spans views emit on purpose (summaries and notes
 * are "plain text, `code` spans allowed"); the text between the spans is escaped.
 */
export function escapeCardMarkdownKeepingCode(text: string): string {
  const cut = replaceControls(truncateText(text));
  const parts = cut.split(/(`[^`\n]+`)/);
  return parts.map((part, index) => (index % 2 === 1 ? defuseLink(part) : escapeCardMarkdown(part))).join('');
}

/**
 * Code spans hold quoted user input, and not every Adaptive Card host renders code spans (they are
 * not in Teams' documented subset), so a zero-width space keeps `[text](url)` from becoming a link.
 */
function defuseLink(codeSpan: string): string {
  return codeSpan.replace(/\]\(/g, ']\u200B(');
}

export function truncateText(text: string, max = MAX_TEXT_LENGTH): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
